"""The Excel audit report (see ``workbook.write_report``)."""

from auditor.report.sheets import ReportMeta
from auditor.report.workbook import ReportResult, write_report
from auditor.report.workbook_io import ExportError

__all__ = ["ExportError", "ReportMeta", "ReportResult", "write_report"]
