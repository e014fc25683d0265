"""Typed conversion of source text into canonical columns, written as DuckDB SQL.

Every canonical column gets a raw text value (a source column, or a mapping expression over the
source columns, cast to text) and a typed value. A row is loaded only when every column converts
and passes its checks; otherwise it is rejected, and each failing column is recorded with its raw
value and the reason. The SQL is generated here so that the import, the preview in the import
wizard and the tests all use the same conversion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.case.schema import Column, Table
from auditor.db import lit, q
from auditor.ingest.aliases import enum_aliases

NULL_MARKERS = ("", "\\N", "-", "NA", "N/A", "NULL", "NONE", "NAN", "#N/A")


def nullstr_list() -> str:
    """The null markers as a list literal for read_csv's ``nullstr`` (matched exactly, so the
    usual spellings of each are listed; the CSV parser does this far faster than SQL can)."""
    variants: list[str] = []
    for m in NULL_MARKERS:
        for v in (m, m.lower(), m.capitalize()):
            if v not in variants:
                variants.append(v)
    return "[" + ", ".join(lit(v) for v in variants) + "]"


def null_normalised(expr: str) -> str:
    """The value trimmed, with the null markers of exports turned into NULL (for sources whose
    reader cannot do it: Parquet text columns and mapping expressions)."""
    markers = ", ".join(lit(m) for m in NULL_MARKERS)
    return f"CASE WHEN upper(trim({expr})) IN ({markers}) THEN NULL ELSE trim({expr}) END"


def _date_sql(v: str) -> str:
    return f"""COALESCE(
      TRY_CAST({v} AS DATE),
      TRY_CAST(TRY_STRPTIME({v}, '%Y/%m/%d') AS DATE),
      CASE WHEN length({v}) = 8 THEN TRY_CAST(TRY_STRPTIME({v}, '%Y%m%d') AS DATE) END,
      TRY_CAST(TRY_STRPTIME({v}, '%Y年%m月%d日') AS DATE),
      TRY_CAST(TRY_CAST(replace({v}, '/', '-') AS TIMESTAMP) AS DATE),
      CASE WHEN regexp_full_match({v}, '[0-9]{{5}}(\\.[0-9]+)?')
           THEN DATE '1899-12-30' + CAST(floor(CAST({v} AS DOUBLE)) AS INTEGER) END)"""


def _timestamp_sql(v: str) -> str:
    return f"""COALESCE(
      TRY_CAST({v} AS TIMESTAMP),
      TRY_STRPTIME({v}, '%Y/%m/%d %H:%M:%S'),
      TRY_STRPTIME({v}, '%Y/%m/%d %H:%M'),
      CASE WHEN length({v}) = 14 THEN TRY_STRPTIME({v}, '%Y%m%d%H%M%S') END,
      CAST(TRY_CAST(TRY_STRPTIME({v}, '%Y/%m/%d') AS DATE) AS TIMESTAMP),
      CASE WHEN length({v}) = 8 THEN TRY_STRPTIME({v}, '%Y%m%d') END,
      CASE WHEN regexp_full_match({v}, '[0-9]{{5}}(\\.[0-9]+)?')
           THEN TIMESTAMP '1899-12-30' + to_microseconds(
                CAST(round(CAST({v} AS DOUBLE) * 86400000000) AS BIGINT)) END)"""


def _money_sql(v: str) -> str:
    return f"""COALESCE(TRY_CAST({v} AS DECIMAL(18,2)),
      TRY_CAST(regexp_replace({v}, '[,\\s¥￥$]|元$', '', 'g') AS DECIMAL(18,2)))"""


def _rate_sql(v: str) -> str:
    return f"""CASE WHEN {v} LIKE '%\\%%' ESCAPE '\\'
      THEN TRY_CAST(rtrim({v}, '%') AS DOUBLE) / 100 ELSE TRY_CAST({v} AS DOUBLE) END"""


_TRUE = ("true", "t", "1", "yes", "y", "是", "1.0")
_FALSE = ("false", "f", "0", "no", "n", "否", "0.0")


def _bool_sql(v: str) -> str:
    t = ", ".join(lit(x) for x in _TRUE)
    f = ", ".join(lit(x) for x in _FALSE)
    return (
        f"CASE WHEN lower(trim({v})) IN ({t}) THEN TRUE "
        f"WHEN lower(trim({v})) IN ({f}) THEN FALSE END"
    )


def _enum_sql(v: str, col: Column) -> str:
    aliases = enum_aliases().get(col.name, {})
    whens = [f"WHEN {lit(val)} THEN {lit(val)}" for val in col.enum]
    whens += [f"WHEN {lit(k)} THEN {lit(val)}" for k, val in aliases.items() if val in col.enum]
    # Most values are already canonical: an IN over constants settles them at hash speed, and
    # only the rest walk the chain of aliases (a third of the import's time otherwise).
    canonical = ", ".join(lit(val) for val in col.enum)
    return (
        f"CASE WHEN {v} IN ({canonical}) THEN {v} "
        f"ELSE CASE lower(trim({v})) {' '.join(whens)} END END"
    )


def typed_sql(col: Column, v: str) -> str:
    """SQL turning the text expression ``v`` into the column's type; NULL where it cannot."""
    if col.enum:
        return _enum_sql(v, col)
    return {
        "text": lambda: v,
        # "3.0" is a whole number as spreadsheets write it; "3.5" is not (no silent rounding).
        "int": lambda: (
            f"""CASE WHEN TRY_CAST({v} AS DOUBLE) % 1 = 0
            THEN TRY_CAST(TRY_CAST({v} AS DOUBLE) AS INTEGER) END"""
        ),
        "money": lambda: _money_sql(v),
        "rate": lambda: _rate_sql(v),
        "date": lambda: _date_sql(v),
        "timestamp": lambda: _timestamp_sql(v),
        "bool": lambda: _bool_sql(v),
    }[col.kind]()


def _unreadable_reason(col: Column) -> str:
    if col.enum:
        return "not one of: " + ", ".join(col.enum)
    return {
        "text": "unreadable text",
        "int": "not a whole number",
        "money": "not an amount",
        "rate": "not a rate",
        "date": "not a date",
        "timestamp": "not a date and time",
        "bool": "not a yes/no value",
    }[col.kind]


@dataclass(frozen=True)
class Check:
    """One reason a value can be rejected: a SQL condition over raw r and typed t."""

    condition: str
    reason: str


def column_checks(col: Column, r: str, t: str, *, replacement: bool = False) -> list[Check]:
    """The checks of one column. ``replacement``: the file was transcoded and some bytes did
    not decode, so text holding U+FFFD is rejected rather than loaded garbled."""
    checks = [Check(f"({r} IS NOT NULL AND {t} IS NULL)", _unreadable_reason(col))]
    if col.required:
        checks.append(Check(f"({r} IS NULL)", "required value missing"))
    if col.sign == "nonneg":
        checks.append(Check(f"({t} < 0)", "negative value"))
    elif col.sign == "positive":
        checks.append(Check(f"({t} <= 0)", "zero or negative value"))
    if col.kind in ("date", "timestamp"):
        kind = col.kind.upper()  # compared with constants: cheaper than extracting the year
        checks.append(
            Check(
                f"({t} NOT BETWEEN {kind} '1970-01-01' AND {kind} '2100-12-31')",
                "date outside 1970-2100",
            )
        )
    if col.kind == "text" and replacement:
        checks.append(Check(f"(contains({r}, '\ufffd'))", "bytes not valid in the file's encoding"))
    return checks


@dataclass(frozen=True)
class Conversion:
    """The SQL of one conversion.

    ``select`` reads the source and yields the typed canonical columns, ``__ok``, and ``__raw``
    (the raw text of every canonical column, kept only for rows that fail). Materialised in
    source order, its rowid is the record's position. ``rejects(name)`` reads that materialised
    table back and says, for each failing row, which column failed, its value and why.
    """

    table: Table
    select: str
    replacement: bool = False

    def _typed_ctes(self, raw_from: str) -> str:
        raws = ", ".join(
            f"__raw[{i}] AS {q('r_' + c.name)}" for i, c in enumerate(self.table.columns, 1)
        )
        typed = ", ".join(
            f"{typed_sql(c, q('r_' + c.name))} AS {q(c.name)}" for c in self.table.columns
        )
        return (
            f"WITH raw AS (SELECT rowid AS __rid, __src_row, {raws} FROM {raw_from} "
            "WHERE NOT __ok),\n"
            f"typed AS (SELECT *, {typed} FROM raw)\n"
        )

    def rejects(self, materialised: str) -> str:
        parts = []
        for col in self.table.columns:
            r, t = q("r_" + col.name), q(col.name)
            for chk in column_checks(col, r, t, replacement=self.replacement):
                parts.append(
                    f"SELECT __rid, __src_row, {lit(col.name)} AS column_name, {r} AS value, "
                    f"{lit(chk.reason)} AS reason FROM typed WHERE {chk.condition}"
                )
        return self._typed_ctes(materialised) + "\nUNION ALL\n".join(parts)


def build_conversion(
    table: Table,
    source_from: str,
    source_columns: Sequence[str],
    raw_exprs: dict[str, str],
    row_expr: str = "NULL",
    clean: dict[str, str] | None = None,
    replacement: bool = False,
) -> Conversion:
    """Build the conversion of a source into ``table``.

    ``source_from`` is a FROM item whose columns are ``source_columns`` (text);
    ``raw_exprs`` gives, per canonical column, a SQL expression over the null-normalised source
    columns (a quoted column or a user expression). Columns not in ``raw_exprs`` load as NULL.
    ``row_expr`` gives the source row number where the reader knows it (XLSX, Parquet).
    ``clean`` gives, per source column, SQL that turns null markers into NULL where the reader
    has not already done so; by default the reader has.
    """
    clean = clean or {}
    cleaned = ",\n  ".join(f"{clean.get(c, q(c))} AS {q(c)}" for c in source_columns)
    raw_cols = []
    typed_cols = []
    bad: list[str] = []
    for col in table.columns:
        r = q("r_" + col.name)
        expr = raw_exprs.get(col.name)
        if expr is None:
            raw = "CAST(NULL AS VARCHAR)"
        elif expr in (q(c) for c in source_columns):
            raw = expr  # already cleaned text
        else:  # an expression's result gets the same null rules as a column
            raw = null_normalised(f"CAST(({expr}) AS VARCHAR)")
        raw_cols.append(f"{raw} AS {r}")
        typed_cols.append(f"CAST({typed_sql(col, r)} AS {col.sql_type}) AS {q(col.name)}")
        checks = column_checks(col, r, q(col.name), replacement=replacement)
        bad.extend(chk.condition for chk in checks)
    raw_list = ", ".join(q("r_" + c.name) for c in table.columns)
    not_ok = " OR ".join(f"COALESCE({b}, FALSE)" for b in bad) or "FALSE"
    cols = ", ".join(q(c.name) for c in table.columns)
    select = f"""WITH src AS (
  SELECT CAST({row_expr} AS BIGINT) AS __src_row, {cleaned}
  FROM {source_from}
), raw AS (
  SELECT __src_row, {", ".join(raw_cols)} FROM src
), typed AS (
  SELECT *, {", ".join(typed_cols)} FROM raw
), flagged AS (
  SELECT *, {not_ok} AS __bad FROM typed
)
SELECT {cols}, __src_row, NOT __bad AS __ok, CASE WHEN __bad THEN [{raw_list}] END AS __raw
FROM flagged"""
    return Conversion(table=table, select=select, replacement=replacement)
