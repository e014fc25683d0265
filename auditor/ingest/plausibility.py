"""Import warnings: values that are possible but almost surely a unit or mapping error.

They do not reject anything (the values are valid): they are printed in the import summary and
kept with the source, each naming the column and the likely cause. The data-quality checks
``DQ-08``.. find the same things across the whole case.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from auditor.case.schema import Table
from auditor.db import q
from auditor.ingest.units import FRACTION_LIMIT, UnitDecision
from auditor.ingest.warning_text import ImportWarning

BULK_SHARE = 0.05  # "in bulk": at least this share of a column's values
MIN_VALUES = 20  # fewer values than this prove nothing about a unit
FUTURE_OK = {("installments", "due_date")}  # columns whose dates may lie after the export


def warnings_for(
    conn: duckdb.DuckDBPyConnection,
    table: Table,
    rows: str,
    decisions: dict[str, UnitDecision],
    today: dt.date,
) -> list[ImportWarning]:
    """The warnings for the loaded rows ``rows`` (a relation of the table's columns)."""
    out = [
        ImportWarning(d.column, "unit_doubt", (("unit_key", d.key), *d.facts))
        for d in decisions.values()
        if d.doubtful
    ]
    rates = [c for c in table.columns if c.kind == "rate"]
    money = [c for c in table.columns if c.kind == "money"]
    dates = [c for c in table.columns if c.kind in ("date", "timestamp")]
    parts: list[str] = []
    for c in rates:
        limit = FRACTION_LIMIT.get(c.name, 1.0)
        parts += [f"count({q(c.name)})", f"coalesce(count_if({q(c.name)} > {limit!r}), 0)"]
    for c in money:
        parts += [
            f"count({q(c.name)})",
            f"coalesce(count_if({q(c.name)} % 10000 = 0), 0)",
            f"median({q(c.name)})",
        ]
    for c in dates:
        kind = c.kind.upper()
        parts += [
            f"coalesce(count_if({q(c.name)} < {kind} '2000-01-01'), 0)",
            f"coalesce(count_if({q(c.name)} > {kind} '{today.isoformat()}' + INTERVAL 1 DAY), 0)",
        ]
    if not parts:
        return out
    row = conn.execute(f"SELECT {', '.join(parts)} FROM {rows}").fetchall()[0]
    i = 0
    for c in rates:
        n, above = int(row[i]), int(row[i + 1])
        i += 2
        limit = FRACTION_LIMIT.get(c.name, 1.0)
        if n >= MIN_VALUES and above >= n * BULK_SHARE:
            what = "year" if limit == 1.0 else "day"
            facts: tuple[tuple[str, str], ...] = (
                ("above", f"{above:,}"),
                ("n", f"{n:,}"),
                ("what", what),
            )
            out.append(ImportWarning(c.name, "rate_above", facts))
    whole: dict[str, bool] = {}
    for c in money:
        n, tenk, median = int(row[i]), int(row[i + 1]), row[i + 2]
        i += 3
        if n >= MIN_VALUES:
            whole[c.name] = tenk == n
        if (
            c.name == "contract_principal"
            and n >= MIN_VALUES
            and median is not None
            and (float(median) < 50)
        ):
            facts = (("median", f"{float(median):,.2f}"),)
            out.append(ImportWarning(c.name, "principal_wan", facts))
    if any(whole.values()) and not all(whole.values()):
        for name, all_tenk in whole.items():
            if all_tenk:
                others = tuple(k for k, v in whole.items() if not v)
                out.append(ImportWarning(name, "whole_10k", others=others))
    for c in dates:
        early, late = int(row[i]), int(row[i + 1])
        i += 2
        if early:
            out.append(ImportWarning(c.name, "early", (("n", f"{early:,}"),)))
        if late and (table.name, c.name) not in FUTURE_OK:
            facts = (("n", f"{late:,}"), ("today", today.isoformat()))
            out.append(ImportWarning(c.name, "late", facts))
    return out
