"""The check engine: check files, parameters and jurisdiction profiles, the base layer
(installment status, DPD, snapshots), APR by IRR, outage linkage, failure reasons, optional
tables, and the runner that executes checks in the sandbox. Reads the case; never imports the
ingest stage, results, report, workbook or command line.
"""
