"""The SQL behind what a result grid shows: filters, findings only, sort order, and the count,
sum and average of selected cells. Qt-free, so it is tested without a window.

A grid shows a result table as it is, or a view of it written to a table of its own (in the
background): the rows that pass every column filter (and, with "findings only", the finding
rows), in the order asked. Filter values are always bound parameters, never pasted into the SQL;
a value that does not fit the column's type (``abc`` for a number) matches nothing rather than
failing, as a spreadsheet's filter would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from auditor.db import q, table_ref
from auditor.errors import AuditorError

FilterOp = Literal["contains", "=", "!=", "<", "<=", ">", ">=", "empty", "not_empty"]
FILTER_OPS: dict[str, str] = {
    "contains": "contains",
    "=": "equals",
    "!=": "differs from",
    "<": "less than",
    "<=": "at most",
    ">": "greater than",
    ">=": "at least",
    "empty": "is empty",
    "not_empty": "is not empty",
}
NUMERIC = (
    "DECIMAL", "DOUBLE", "FLOAT", "REAL", "INT", "BIGINT", "HUGEINT", "SMALLINT", "TINYINT",
    "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "INTEGER", "UHUGEINT",
)  # fmt: skip


class FilterError(AuditorError):
    title = "Filter"


def is_numeric(duck_type: str) -> bool:
    return duck_type.upper().split("(")[0] in NUMERIC


@dataclass(frozen=True)
class ColumnFilter:
    column: str
    op: FilterOp
    value: str = ""

    def describe(self, label: str = "") -> str:
        words = FILTER_OPS[self.op]
        name = label or self.column
        if self.op in ("empty", "not_empty"):
            return f"{name} {words}"
        return f"{name} {words} {self.value}"


@dataclass(frozen=True)
class GridView:
    """What the grid asks of a result: filters, findings only, and a sort."""

    filters: tuple[ColumnFilter, ...] = ()
    findings_only: bool = False
    sort_column: str | None = None
    descending: bool = False

    @property
    def is_plain(self) -> bool:
        return not self.filters and not self.findings_only and self.sort_column is None


def _condition(f: ColumnFilter, duck_type: str, param: str) -> str:
    col = q(f.column)
    if f.op == "empty":
        return f"({col} IS NULL OR CAST({col} AS VARCHAR) = '')"
    if f.op == "not_empty":
        return f"({col} IS NOT NULL AND CAST({col} AS VARCHAR) <> '')"
    if f.op == "contains":
        return f"contains(lower(CAST({col} AS VARCHAR)), lower(${param}))"
    if duck_type.upper().startswith(("VARCHAR", "BOOLEAN")) or "[]" in duck_type:
        return f"CAST({col} AS VARCHAR) {f.op} ${param}"
    return f"{col} {f.op} TRY_CAST(${param} AS {duck_type})"


def view_sql(
    table: str,
    types: dict[str, str],
    view: GridView,
    finding_column: str | None,
) -> tuple[str, dict[str, Any]]:
    """The SELECT that gives ``view`` of ``table`` (columns and their DuckDB types)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for i, f in enumerate(view.filters):
        if f.column not in types:
            raise FilterError(f"no column {f.column!r} in this result")
        if f.op not in FILTER_OPS:
            raise FilterError(f"unknown filter {f.op!r}")
        name = f"f{i}"
        if f.op not in ("empty", "not_empty"):
            params[name] = _bool_text(f.value, types[f.column])
        where.append(_condition(f, types[f.column], name))
    if view.findings_only and finding_column is not None:
        where.append(f"COALESCE({q(finding_column)}, FALSE)")
    sql = f"SELECT * FROM {table_ref(table)}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if view.sort_column is not None:
        if view.sort_column not in types:
            raise FilterError(f"no column {view.sort_column!r} in this result")
        direction = "DESC" if view.descending else "ASC"
        sql += f" ORDER BY {q(view.sort_column)} {direction} NULLS LAST, rowid"
    else:
        sql += " ORDER BY rowid"
    return sql, params


def _bool_text(value: str, duck_type: str) -> str:
    """Yes/No typed in a filter of a yes/no column mean true/false."""
    if duck_type.upper() == "BOOLEAN":
        v = value.strip().lower()
        return {"yes": "true", "no": "false", "y": "true", "n": "false"}.get(v, v)
    return value


@dataclass(frozen=True)
class CellRange:
    """A block of selected cells: rows ``top``..``bottom`` (0-based) of columns."""

    top: int
    bottom: int
    columns: tuple[str, ...]


@dataclass(frozen=True)
class SelectionStats:
    cells: int  # cells selected
    values: int  # of them not empty
    numbers: int  # of them numeric
    total: Decimal | float | None
    mean: Decimal | float | None


def stats_sql(
    source: str, types: dict[str, str], ranges: Sequence[CellRange]
) -> tuple[str, dict[str, Any]] | None:
    """One query giving the non-empty count, numeric count and sum over the selected cells
    (rows are the source table's rowids, as the grid pages them)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    for i, r in enumerate(ranges):
        params[f"lo{i}"], params[f"hi{i}"] = r.top, r.bottom
        for c in r.columns:
            numeric = is_numeric(types.get(c, ""))
            value = f"CAST({q(c)} AS DOUBLE)" if numeric else "NULL::DOUBLE"
            exact = (
                f"CAST({q(c)} AS DECIMAL(38, 6))"
                if types.get(c, "").upper().startswith("DECIMAL")
                else "NULL::DECIMAL(38, 6)"
            )
            parts.append(
                f"SELECT {q(c)} IS NOT NULL AS present, {value} AS num, {exact} AS dec "
                f"FROM {table_ref(source)} WHERE rowid BETWEEN $lo{i} AND $hi{i}"
            )
    if not parts:
        return None
    sql = (
        "SELECT count(*) FILTER (WHERE present), count(num), sum(num), count(dec), sum(dec) "
        "FROM (" + " UNION ALL ".join(parts) + ")"
    )
    return sql, params


def selection_stats(row: tuple[Any, ...], cells: int) -> SelectionStats:
    """The stats from ``stats_sql``'s row: exact (DECIMAL) when every number is money."""
    values, numbers, total, decimals, dec_total = row
    exact = numbers and decimals == numbers
    total_value: Decimal | float | None = (
        Decimal(str(dec_total)) if exact and dec_total is not None else total
    )
    mean: Decimal | float | None = None
    if numbers and total_value is not None:
        mean = (
            (Decimal(total_value) / numbers).quantize(Decimal("0.01"))
            if isinstance(total_value, Decimal)
            else float(total_value) / numbers
        )
    return SelectionStats(cells, int(values or 0), int(numbers or 0), total_value, mean)
