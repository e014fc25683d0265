"""The key figures of an inspection, read from the results of four checks: overdue rates by
balance (DLQ-02), the outage harm chain in total (OUT-11), the disclosed-versus-recomputed
APR (DSC-04) and loans above the rate cap (DSC-05). Qt-free: the desktop Overview shows these,
and a test compares them with the sample's planted truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from auditor.db import table_ref
from auditor.engine.result_source import ResultSource, as_source
from auditor.engine.runner import CheckRun
from auditor.results.chart_data import ChartData

OVERVIEW_CHECKS = ("DLQ-02", "OUT-11", "DSC-04", "DSC-05")


@dataclass
class Overview:
    figures: dict[str, Any] = field(default_factory=dict)
    charts: dict[str, ChartData] = field(default_factory=dict)


def _rows(source: ResultSource, run: CheckRun | None, sql: str) -> list[tuple[Any, ...]]:
    if run is None or run.result_table is None:
        return []
    return source.fetch(sql.replace("{t}", table_ref(run.result_table)))


def overview(
    results: ResultSource | duckdb.DuckDBPyConnection,
    runs: dict[str, CheckRun],
    *,
    apr_sample: bool = True,
) -> Overview:
    """The figures and charts; ``results`` from whichever engine ran the checks. Without
    ``apr_sample`` the APR histogram (a sample of DSC-04's rows) is left out: the report's
    cover needs the figures only."""
    conn = as_source(results)
    out = Overview()
    months = _rows(
        conn,
        runs.get("DLQ-02"),
        "SELECT month_end, m1p_balance, m3p_balance FROM {t} "
        "WHERE funding_source = 'all' ORDER BY month_end",
    )
    if months:
        last = months[-1]
        out.figures.update(month_end=last[0], m1p_balance=last[1], m3p_balance=last[2])
        out.charts["overdue"] = ChartData(
            "line",
            "Overdue rate by balance, M1+ and M3+",
            "month_end",
            ["M1+", "M3+"],
            [m[0] for m in months],
            [[m[1], m[2]] for m in months],
            percent=True,
        )
    harm = _rows(
        conn,
        runs.get("OUT-11"),
        "SELECT incident_id, harmed_installments, harmed_borrowers, refund_due, "
        "reports_to_correct FROM {t} ORDER BY incident_id = 'ALL', start_at",
    )
    if harm:
        total = harm[-1]
        out.figures.update(
            harmed_installments=total[1],
            harmed_borrowers=total[2],
            refund_due=total[3],
            reports_to_correct=total[4],
        )
        per = [h for h in harm if h[0] != "ALL"]
        out.charts["harm"] = ChartData(
            "bar",
            "Outage harm by incident",
            "incident_id",
            ["harmed installments", "reports to correct"],
            [h[0] for h in per],
            [[h[1], h[4]] for h in per],
        )
    aprs = (
        []
        if not apr_sample
        else _rows(
            conn,
            runs.get("DSC-04"),
            "SELECT apr_nominal FROM {t} WHERE apr_nominal IS NOT NULL "
            "USING SAMPLE reservoir(200000 ROWS) REPEATABLE (1)",
        )
    )
    dsc04 = runs.get("DSC-04")
    if dsc04 is not None and dsc04.result_table is not None:
        out.figures["apr_understated_loans"] = dsc04.loans
    dsc05 = runs.get("DSC-05")
    cap = None
    if dsc05 is not None:
        out.figures["above_cap_loans"] = dsc05.loans
        value = dsc05.params.get("cap_licensed", {}).get("value")
        cap = float(Decimal(str(value))) if value is not None else None
    if aprs:
        out.charts["apr"] = ChartData(
            "histogram",
            "Recomputed APR (nominal) per loan",
            "apr_nominal",
            [],
            [],
            [],
            percent=True,
            samples=[float(r[0]) for r in aprs],
            marks=[cap] if cap is not None else [],
        )
    return out
