"""Native Excel charts built from a check's chart spec.

The charted figures are aggregated by the engine that ran the check (at most MAX_POINTS
categories) and written to the "Chart data" sheet, which the chart references, so another
examiner sees exactly what was drawn.
Lines, bars, stacked bars and histograms become openpyxl charts; a heatmap becomes a matrix with
an Excel colour scale, which is how Excel shows one.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart._chart import ChartBase
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditor.engine.check_text import check_text
from auditor.engine.result_source import ResultSource
from auditor.engine.runner import CheckRun
from auditor.report.cells import BOLD, cell, plain
from auditor.results.chart_data import pivot
from auditor.results.masking import Masker, column_kind


@dataclass(frozen=True)
class ChartBlock:
    """Where a check's chart data sits on the Chart data sheet."""

    first_row: int
    rows: int
    series: list[str]


def write_chart_data(
    ws: WriteOnlyWorksheet,
    source: ResultSource,
    run: CheckRun,
    next_row: int,
    masker: Masker | None = None,
    lang: str = "en",
) -> ChartBlock | None:
    """Append the check's chart data to the Chart data sheet starting at ``next_row`` (the
    categories and series names masked when a ``masker`` is given). The Chinese report heads
    the categories with the column's Chinese label; the English one with its name, as before."""
    got = pivot(source, run)
    if got is None or not got[0]:
        return None
    xs, names, values = got
    spec = run.check.chart
    if masker is not None:
        x_rule = masker.cell_rule(spec.x) or masker.any
        xs = [x if x is None else x_rule(x) for x in xs]
        s_rule = (masker.cell_rule(spec.series) if spec.series else None) or masker.any
        names = [s_rule(n) for n in names]
    says = check_text(run.check, lang)
    if lang == "zh":  # the categories and series a check writes, in Chinese
        xs = [says.value_label(spec.x, x) for x in xs]
        if spec.series:
            names = [str(says.value_label(spec.series, n)) for n in names]
    title = (spec.title or says.title) if lang != "zh" else says.title
    ws.append([cell(ws, f"{run.check.id}: {title}", font=BOLD)])
    x_head = says.column_label(spec.x) if lang == "zh" else spec.x
    if lang == "zh" and all(n in spec.y for n in names):  # series named by the y columns
        names = [says.column_label(n) for n in names]
    ws.append([cell(ws, x_head, font=BOLD), *(cell(ws, n, font=BOLD) for n in names)])
    fmt = "0.00%" if any(y in run.check.percent_columns for y in spec.y) else None
    for xv, vals in zip(xs, values, strict=True):
        ws.append([cell(ws, plain(xv)), *(cell(ws, v, fmt) for v in vals)])
    ws.append([])
    block = ChartBlock(next_row + 1, len(xs), names)
    if spec.kind == "heatmap":
        last = get_column_letter(len(names) + 1)
        ws.conditional_formatting.add(
            f"B{block.first_row + 1}:{last}{block.first_row + block.rows}",
            ColorScaleRule(
                start_type="min", start_color="FFFFFF", end_type="max", end_color="F8696B"
            ),
        )
    return block


def make_chart(
    run: CheckRun, data_sheet: WriteOnlyWorksheet, block: ChartBlock, lang: str = "en"
) -> ChartBase | None:
    spec = run.check.chart
    if spec.kind == "heatmap":
        return None
    chart: ChartBase
    if spec.kind == "line" or spec.kind == "timeline":
        chart = LineChart()
    else:
        bar = BarChart()
        bar.type = "col"
        if spec.kind == "stacked_bar":
            bar.grouping = "stacked"
            bar.overlap = 100
        chart = bar
    if lang == "zh":
        says = check_text(run.check, lang)
        chart.title = plain(f"{run.check.id} {says.title}"[:60])
        chart.x_axis.title = plain(says.column_label(spec.x))
        chart.y_axis.title = plain("、".join(says.column_label(y) for y in spec.y))
    else:
        chart.title = plain(spec.title or f"{run.check.id} {run.check.title}"[:80])
        chart.x_axis.title = plain(spec.x)
        chart.y_axis.title = plain(", ".join(spec.y))
    chart.height, chart.width = 9, 18
    header = block.first_row
    data = Reference(
        data_sheet,
        min_col=2,
        max_col=len(block.series) + 1,
        min_row=header,
        max_row=header + block.rows,
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(
        Reference(data_sheet, min_col=1, min_row=header + 1, max_row=header + block.rows)
    )
    return chart


def image_shows_identifiers(run: CheckRun, masker: Masker | None) -> bool:
    """Whether a chart image drawn from the unmasked results would print personal identifiers
    (a loan or borrower ID, a name) as its categories or series names: with masking on, such an
    image stays out of the report; its native chart, drawn from the masked Chart data, stays."""
    chart = run.check.chart
    if masker is None or chart is None:
        return False
    return any(column_kind(c) is not None for c in (chart.x, chart.series) if c)
