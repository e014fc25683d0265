"""The block above a check's rows: a link back to the Summary, what the check is, where it
stands (stale or not), what it shows and on what basis, its counts and what its amount means,
how its rows are laid out (finding rows first, how many are background, how many print), and
the parameters it ran with, each in the unit its label uses."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from auditor.engine.checks import FAMILIES
from auditor.engine.labels import UNITS, to_display
from auditor.engine.runner import BASE_PARAMS, CheckRun
from auditor.report.cells import BOLD, LINK, TITLE, cell

TEXT = {
    "back": "← Summary",
    "status": "Status",
    "status_line": "{status}; severity {severity}; family {family}",
    "stale": "Stale",
    "stale_text": "Computed on older data: {changes}. Run the check again.",
    "shows": "What it shows",
    "basis": "Basis",
    "finding_rows": "Finding rows",
    "loans": "Loans",
    "borrowers": "Borrowers",
    "amount": "Amount ({currency})",
    "amount_means": "The amount is",
    "rows": "Rows",
    "rows_findings_first": "{total} rows. The {findings} finding rows come first (rows {first} "
    "to {last} of this sheet); the other {background} rows are background, the context the "
    "check judged them in.",
    "rows_all": "{total} rows, every one a finding.",
    "rows_info": "{total} rows of figures (a measure, with no finding rows).",
    "printed_findings": "Printed: the finding rows ({printed}); the background rows are in the "
    "file, not on paper.",
    "printed_first": "Printed: the first {printed} rows; all {total} are in the file.",
    "printed_all": "Printed: every row.",
    "capped": "Evidence",
    "parameters": "Parameters",
    "param": "{label}: {value} ({source})",
    "param_basis": "{label}: {value} ({source}). {basis}",
}
STATUS_WORDS = {
    "finding": "Finding", "pass": "Pass", "info": "Information", "not_run": "Not run",
    "error": "Error", "cancelled": "Cancelled",
}  # fmt: skip
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "info": "Information"}
SOURCE_WORDS = {
    "override": "set by the examiner", "profile": "jurisdiction profile",
    "default": "the check's default", "case": "from the data",
}  # fmt: skip
TEXT_WIDTH = 110  # characters of text on a line: long texts go over several rows
LABEL_WIDTH = 18  # column A holds the labels: at least this wide
STALE_FILL = PatternFill("solid", fgColor="FFE699")


@dataclass(frozen=True)
class RowPlan:
    """How the check's rows are laid out and printed."""

    total: int  # rows the sheet holds (after a cap)
    findings: int  # finding rows, first (rule by column) or all (rule "all")
    printed: int  # rows in the print area
    kind: str  # "column", "all" or "none": the check's finding rule


def plan_rows(run: CheckRun, written: int, print_limit: int) -> RowPlan:
    rule = run.check.finding.rows
    kind = "none" if rule == "none" else "all" if rule == "all" else "column"
    if kind == "column":
        findings = min(run.finding_rows, written)
        printed = min(findings, print_limit)
    elif kind == "all":
        findings = written
        printed = min(written, print_limit)
    else:
        findings = 0
        printed = min(written, print_limit)
    return RowPlan(written, findings, printed, kind)


def _lines(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), TEXT_WIDTH) or [""]


def _rows_text(plan: RowPlan, header_row: int) -> list[str]:
    if plan.kind == "column":
        first = header_row + 1
        out = [
            TEXT["rows_findings_first"].format(
                total=f"{plan.total:,}",
                findings=f"{plan.findings:,}",
                first=f"{first:,}",
                last=f"{first + plan.findings - 1:,}",
                background=f"{plan.total - plan.findings:,}",
            )
        ]
        if plan.printed < plan.findings:
            out.append(
                TEXT["printed_first"].format(printed=f"{plan.printed:,}", total=f"{plan.total:,}")
            )
        elif plan.total > plan.findings:
            out.append(TEXT["printed_findings"].format(printed=f"{plan.printed:,}"))
        else:
            out.append(TEXT["printed_all"])
        return out
    key = "rows_all" if plan.kind == "all" else "rows_info"
    out = [TEXT[key].format(total=f"{plan.total:,}")]
    if plan.printed < plan.total:
        out.append(
            TEXT["printed_first"].format(printed=f"{plan.printed:,}", total=f"{plan.total:,}")
        )
    else:
        out.append(TEXT["printed_all"])
    return out


def _param_lines(run: CheckRun) -> list[str]:
    """One sentence per parameter: its label, value in its unit, where it came from and on
    what basis."""
    specs = {p.name: p for p in run.check.params}
    out = []
    for name, p in run.params.items():
        spec = specs.get(name) or BASE_PARAMS.get(name)
        label = spec.label if spec is not None else name
        unit = run.check.labels.unit(name)
        value = p.get("value")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        shown = f"{to_display(value, unit)} {UNITS[unit]}" if unit else str(value)
        source = SOURCE_WORDS.get(p.get("source", ""), p.get("source", ""))
        basis = p.get("basis", "")
        key = "param_basis" if basis else "param"
        out.append(TEXT[key].format(label=label, value=shown, source=source, basis=basis))
    return out


def preamble(
    ws: WriteOnlyWorksheet,
    run: CheckRun,
    plan: RowPlan,
    *,
    capped: str,
    stale: Sequence[str],
    currency: str,
) -> list[list[Any]]:
    """The rows above the header (not yet appended): a label in column A, text in B that
    runs on to the right (wrapped to ``TEXT_WIDTH``). Their number depends only on the run,
    so the caller knows where the header row falls before writing (``len(rows) + 1``)."""
    c = run.check
    back = cell(ws, TEXT["back"], font=LINK)
    back.hyperlink = Hyperlink(ref="", location="'Summary'!A1")
    rule = c.finding
    rows: list[list[Any]] = [[back], [cell(ws, f"{c.id} {c.title}", font=TITLE)]]

    def lines(label: str, text: str, fill: PatternFill | None = None) -> None:
        for i, line in enumerate(_lines(text)):
            rows.append(
                [cell(ws, label if i == 0 else "", font=BOLD, fill=fill), cell(ws, line, fill=fill)]
            )

    lines(
        TEXT["status"],
        TEXT["status_line"].format(
            status=STATUS_WORDS.get(run.status, run.status),
            severity=SEVERITY_WORDS.get(c.severity, c.severity),
            family=FAMILIES.get(c.family, c.family),
        ),
    )
    if stale:
        lines(TEXT["stale"], TEXT["stale_text"].format(changes="; ".join(stale)), STALE_FILL)
    lines(TEXT["shows"], c.description)
    lines(TEXT["basis"], c.basis)
    if rule.rows != "none":
        lines(TEXT["finding_rows"], f"{run.finding_rows:,}")
    if rule.loan:
        lines(TEXT["loans"], f"{run.loans:,}")
    if rule.borrower:
        lines(TEXT["borrowers"], f"{run.borrowers:,}")
    if rule.amount:
        amount = "" if run.amount is None else f"{run.amount:,.2f} {currency}".strip()
        lines(TEXT["amount"].format(currency=currency), amount)
        if c.labels.amount:
            lines(TEXT["amount_means"], c.labels.amount)
    params = [line for text in _param_lines(run) for line in _lines(text)]
    # The rows' layout names the header's row, which depends on how many lines it takes:
    # settle it (the count changes at most once, when a row number gains a digit).
    rest = (len(_lines(capped)) if capped else 0) + len(params) + 1
    layout: list[str] = []
    fixed = len(rows) + rest
    for _ in range(3):
        layout = [ln for text in _rows_text(plan, fixed + 1) for ln in _lines(text)]
        if len(rows) + len(layout) + rest == fixed:
            break
        fixed = len(rows) + len(layout) + rest
    for i, line in enumerate(layout):
        rows.append([cell(ws, TEXT["rows"] if i == 0 else "", font=BOLD), cell(ws, line)])
    if capped:
        lines(TEXT["capped"], capped)
    for i, line in enumerate(params):
        rows.append([cell(ws, TEXT["parameters"] if i == 0 else "", font=BOLD), cell(ws, line)])
    rows.append([])
    assert len(rows) == fixed, "the preamble's layout changed: update its row count"
    return rows
