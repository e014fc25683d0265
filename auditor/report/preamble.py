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
from auditor.report.cells import BOLD, LINK, MONEY, TITLE, cell

TEXT = {
    "back": "← Summary",
    "status": "Status",
    "severity": "Severity",
    "family": "Family",
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
    "parameter": "Parameter",
    "value": "Value",
    "source": "Source",
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
TEXT_WIDTH = 110  # long texts go over several rows so that sheets print one page wide
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


def _param_rows(ws: WriteOnlyWorksheet, run: CheckRun) -> list[list[Any]]:
    specs = {p.name: p for p in run.check.params}
    rows = []
    for name, p in run.params.items():
        spec = specs.get(name) or BASE_PARAMS.get(name)
        label = spec.label if spec is not None else name
        unit = run.check.labels.unit(name)
        value = p.get("value")
        shown = f"{to_display(value, unit)} {UNITS[unit]}" if unit else value
        if isinstance(shown, list):
            shown = ", ".join(str(v) for v in shown)
        rows.append(
            [
                cell(ws, label),
                cell(ws, shown),
                cell(ws, SOURCE_WORDS.get(p.get("source", ""), p.get("source", ""))),
                cell(ws, p.get("basis", "")),
            ]
        )
    return rows


def preamble(
    ws: WriteOnlyWorksheet,
    run: CheckRun,
    plan: RowPlan,
    *,
    capped: str,
    stale: Sequence[str],
    currency: str,
) -> list[list[Any]]:
    """The rows above the header (not yet appended). Their number depends only on the run,
    so the caller knows where the header row falls before writing (``header_row`` is
    ``len(rows) + 1``)."""
    c = run.check
    back = cell(ws, TEXT["back"], font=LINK)
    back.hyperlink = Hyperlink(ref="", location="'Summary'!A1")
    rule = c.finding
    rows: list[list[Any]] = [
        [back],
        [cell(ws, f"{c.id} {c.title}", font=TITLE)],
        [
            cell(ws, TEXT["status"], font=BOLD),
            cell(ws, STATUS_WORDS.get(run.status, run.status)),
            cell(ws, TEXT["severity"], font=BOLD),
            cell(ws, SEVERITY_WORDS.get(c.severity, c.severity)),
            cell(ws, TEXT["family"], font=BOLD),
            cell(ws, FAMILIES.get(c.family, c.family)),
        ],
    ]
    if stale:
        text = TEXT["stale_text"].format(changes="; ".join(stale))
        rows += [
            [cell(ws, TEXT["stale"] if i == 0 else "", font=BOLD, fill=STALE_FILL),
             cell(ws, line, fill=STALE_FILL)]
            for i, line in enumerate(_lines(text))
        ]  # fmt: skip
    rows += [
        [cell(ws, TEXT["shows"] if i == 0 else "", font=BOLD), cell(ws, line)]
        for i, line in enumerate(_lines(c.description))
    ]
    rows += [
        [cell(ws, TEXT["basis"] if i == 0 else "", font=BOLD), cell(ws, line)]
        for i, line in enumerate(_lines(c.basis))
    ]
    counts = [cell(ws, TEXT["finding_rows"], font=BOLD), cell(ws, run.finding_rows, "#,##0")]
    if rule.loan:
        counts += [cell(ws, TEXT["loans"], font=BOLD), cell(ws, run.loans, "#,##0")]
    if rule.borrower:
        counts += [cell(ws, TEXT["borrowers"], font=BOLD), cell(ws, run.borrowers, "#,##0")]
    if rule.amount:
        counts += [
            cell(ws, TEXT["amount"].format(currency=currency), font=BOLD),
            cell(ws, run.amount, MONEY),
        ]
    if rule.rows != "none":
        rows.append(counts)
    if rule.amount and c.labels.amount:
        rows.append([cell(ws, TEXT["amount_means"], font=BOLD), cell(ws, c.labels.amount)])
    # The rows' layout is stated before the header row is known: count this block first.
    fixed = len(rows) + 2 + (1 if capped else 0) + 1 + len(run.params) + 1
    for i, line in enumerate(_rows_text(plan, fixed + 1)):
        rows.append([cell(ws, TEXT["rows"] if i == 0 else "", font=BOLD), cell(ws, line)])
    if capped:
        rows.append([cell(ws, TEXT["capped"], font=BOLD), cell(ws, capped)])
    rows.append([cell(ws, TEXT[k], font=BOLD) for k in ("parameter", "value", "source", "basis")])
    rows += _param_rows(ws, run)
    rows.append([])
    assert len(rows) == fixed, "the preamble's layout changed: update its row count"
    return rows
