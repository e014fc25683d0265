"""The numbers behind a check's chart, read from its result table: Qt-free, so the Excel report
and the desktop app draw the same series.

A chart spec names an x column, one or more y columns and optionally a series column. The data
is aggregated in DuckDB (sum, or mean for a heatmap), never pulled row by row into Python, and
capped (``MAX_POINTS`` x values, ``MAX_SERIES`` series) so a ten-million-row result still gives
a chart at once. A histogram keeps a bounded sample of the raw values, to be binned by the
viewer, plus the reference lines (a ``cap`` column) the values are judged against. A timeline
carries the windows to shade: the logged incidents inside its range, and its finding rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from auditor.db import q, table_ref
from auditor.engine.base import table_columns
from auditor.engine.result_source import ResultSource, as_source
from auditor.engine.runner import CheckRun

MAX_POINTS = 500  # categories or points in the report's native Excel chart
MAX_SERIES_POINTS = 50_000  # points of a line the desktop draws (it downsamples to the screen)
MAX_SERIES = 12
MAX_SAMPLE = 200_000
TOTAL = "ALL"  # the x value of a result's total row (OUT-11's scorecard)


@dataclass(frozen=True)
class ChartData:
    kind: str
    title: str
    x: str
    names: list[str]
    xs: list[Any]
    values: list[list[Any]]  # one row per x value, one entry per series name
    percent: bool = False
    samples: list[float] = field(default_factory=list)  # histogram: raw values
    marks: list[float] = field(default_factory=list)  # histogram: reference lines (caps)
    windows: list[tuple[Any, Any, str]] = field(default_factory=list)  # timeline shading


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in conn.execute(f"DESCRIBE {table_ref(table)}").fetchall()]


def pivot(
    results: ResultSource | duckdb.DuckDBPyConnection,
    run: CheckRun,
    max_points: int = MAX_POINTS,
) -> tuple[list[Any], list[str], list[list[Any]]] | None:
    """x values, series names and the grid of values; None when the spec does not fit. The
    figures are aggregated by the engine holding the results (DuckDB SQL, transpiled there)."""
    spec = run.check.chart
    if run.result_table is None:
        return None
    source = as_source(results)
    cols = {name for name, _ in source.columns(run.result_table)}
    if spec.kind == "table" or spec.x not in cols or not all(y in cols for y in spec.y):
        return None
    table, x = table_ref(run.result_table), q(spec.x)
    agg = "avg" if spec.kind == "heatmap" else "sum"
    if spec.series and spec.series in cols and len(spec.y) == 1:
        y, s = q(spec.y[0]), q(spec.series)
        rows = source.fetch(
            f"SELECT CAST({s} AS VARCHAR) AS s, {x} AS x, {agg}({y}) FROM {table} "
            f"GROUP BY ALL ORDER BY x, s"
        )
        names = sorted({str(r[0]) for r in rows})[:MAX_SERIES]
    else:
        where = ""
        if spec.series and spec.series in cols:  # several measures: the total series if any
            where = f"WHERE CAST({q(spec.series)} AS VARCHAR) = 'all'"
        sums = ", ".join(f"{agg}({q(y)})" for y in spec.y)
        flat = source.fetch(f"SELECT {x} AS x, {sums} FROM {table} {where} GROUP BY ALL ORDER BY x")
        names = list(spec.y)
        rows = [(n, r[0], r[i + 1]) for r in flat for i, n in enumerate(names)]
    if len({r[1] for r in rows}) > 1:  # a total row would dwarf the rest: left out
        rows = [r for r in rows if r[1] != TOTAL]
    xs: list[Any] = []
    grid: dict[Any, dict[str, Any]] = {}
    for s_name, xv, yv in rows:
        if str(s_name) not in names:
            continue
        if xv not in grid:
            if len(xs) >= max_points:
                continue
            xs.append(xv)
            grid[xv] = {}
        grid[xv][str(s_name)] = yv
    return xs, names, [[grid[xv].get(n) for n in names] for xv in xs]


def chart_data(conn: duckdb.DuckDBPyConnection, run: CheckRun) -> ChartData | None:
    spec = run.check.chart
    many = spec.kind in ("line", "timeline")
    got = pivot(conn, run, MAX_SERIES_POINTS if many else MAX_POINTS)
    if got is None or run.result_table is None:
        return None
    xs, names, values = got
    if names == list(spec.y):  # measures (not series values): named as the check labels them
        names = [run.check.labels.column(n) for n in names]
    percent = any(y in run.check.percent_columns for y in spec.y) or (
        spec.kind == "histogram" and spec.x in run.check.percent_columns
    )
    samples: list[float] = []
    marks: list[float] = []
    windows: list[tuple[Any, Any, str]] = []
    table = table_ref(run.result_table)
    cols = _columns(conn, run.result_table)
    if spec.kind == "histogram":
        rows = conn.execute(
            f"SELECT CAST({q(spec.x)} AS DOUBLE) FROM {table} WHERE {q(spec.x)} IS NOT NULL "
            f"USING SAMPLE reservoir({MAX_SAMPLE} ROWS) REPEATABLE (1)"
        ).fetchall()
        samples = [r[0] for r in rows]
        if "cap" in cols:
            marks = [
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT CAST(cap AS DOUBLE) FROM {table} WHERE cap IS NOT NULL "
                    "ORDER BY 1 LIMIT 5"
                ).fetchall()
            ]
    if spec.kind == "timeline" and xs:
        windows = _windows(conn, run, cols, xs[0], xs[-1])
    return ChartData(
        spec.kind,
        spec.title or run.check.title,
        spec.x,
        names,
        xs,
        values,
        percent,
        samples,
        marks,
        windows,
    )


def _windows(
    conn: duckdb.DuckDBPyConnection, run: CheckRun, cols: list[str], lo: Any, hi: Any
) -> list[tuple[Any, Any, str]]:
    """Logged incidents overlapping the chart's range, and the finding rows' own slots."""
    spec = run.check.chart
    out: list[tuple[Any, Any, str]] = []
    if {"start_at", "end_at", "incident_id"} <= table_columns(conn, "incidents"):
        out += [
            (r[0], r[1], f"incident {r[2]}")
            for r in conn.execute(
                "SELECT start_at, end_at, incident_id FROM incidents "
                "WHERE end_at >= $lo AND start_at <= $hi ORDER BY start_at LIMIT 200",
                {"lo": lo, "hi": hi},
            ).fetchall()
        ]
    start = spec.shade_start or (spec.x if "finding" in cols else None)
    end = spec.shade_end or ("slot_end" if "slot_end" in cols else start)
    if start and end and start in cols and end in cols:
        flag = "WHERE finding" if "finding" in cols else ""
        out += [
            (r[0], r[1], "finding")
            for r in conn.execute(
                f"SELECT {q(start)}, {q(end)} FROM {table_ref(run.result_table or '')} {flag} "
                f"ORDER BY 1 LIMIT 200"
            ).fetchall()
        ]
    return out
