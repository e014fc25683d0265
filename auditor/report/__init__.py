"""The Excel audit report (see ``workbook.write_report``)."""

from auditor.report.sheets import ReportMeta
from auditor.report.workbook import ExportError, ReportResult, write_report

__all__ = ["ExportError", "ReportMeta", "ReportResult", "write_report"]
