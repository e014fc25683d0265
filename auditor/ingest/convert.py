"""Typing one source value into a canonical column, written as DuckDB SQL.

Each canonical column gets a raw text value (a source column, or a mapping expression over the
source columns, cast to text) and a typed value. The SQL is generated here so that the import,
the wizard's preview and the tests all use the same rules:

- money: ``1,234.50``, ``¥1,234``, ``1,234元``, ``1.5万`` (ten thousands), and with a column
  unit of cents or wan scaled to yuan; with decimal commas (``1.234,50``) when the file uses them;
- rates: stored as fractions; a cell ``7.2%`` is always divided by 100, bare numbers by the
  column's unit (percent: 100, permille: 1000); infinities and NaN are not rates;
- whole numbers: ``3``, ``3.0``, ``36 months``, ``12期``, ``第3期`` (never ``3.5``);
- dates and timestamps in the spellings exports use (2024-01-02, 2024/1/2, 20240102, 2024年1月2日,
  Excel serial numbers, and US loan tapes' month ``Dec-2015`` as its first day); timestamps keep
  their time.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.case.schema import Column
from auditor.db import lit
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


@dataclass(frozen=True)
class Reading:
    """How the values of one canonical column are read: the unit factor (rates are divided by
    it, money multiplied by it) and the file's decimal mark."""

    factor: float = 1.0
    decimal_comma: bool = False


def _number_text(v: str, decimal_comma: bool) -> str:
    """SQL turning a number as written into one DuckDB casts: thousands separators, spaces and
    currency signs removed, a decimal comma made a point."""
    if decimal_comma:
        return f"replace(regexp_replace({v}, '[.\\s¥￥$€]', '', 'g'), ',', '.')"
    return f"regexp_replace({v}, '[,\\s¥￥$€]', '', 'g')"


def _date_sql(v: str) -> str:
    return f"""COALESCE(
      TRY_CAST({v} AS DATE),
      TRY_CAST(TRY_STRPTIME({v}, '%Y/%m/%d') AS DATE),
      CASE WHEN length({v}) = 8 THEN TRY_CAST(TRY_STRPTIME({v}, '%Y%m%d') AS DATE) END,
      TRY_CAST(TRY_STRPTIME({v}, '%Y年%m月%d日') AS DATE),
      TRY_CAST(TRY_CAST(replace({v}, '/', '-') AS TIMESTAMP) AS DATE),
      TRY_CAST(TRY_STRPTIME({v}, '%b-%Y') AS DATE),
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
      TRY_STRPTIME({v}, '%Y年%m月%d日 %H:%M:%S'),
      CAST(TRY_CAST(TRY_STRPTIME({v}, '%Y年%m月%d日') AS DATE) AS TIMESTAMP),
      TRY_STRPTIME({v}, '%b-%Y'),
      CASE WHEN regexp_full_match({v}, '[0-9]{{5}}(\\.[0-9]+)?')
           THEN TIMESTAMP '1899-12-30' + to_microseconds(
                CAST(round(CAST({v} AS DOUBLE) * 86400000000) AS BIGINT)) END)"""


def _money_sql(v: str, reading: Reading) -> str:
    # Every branch is cast to DECIMAL(18,2) on its own: a wider branch would widen the whole
    # COALESCE to 128-bit decimals, which costs a third of the import's time.
    num = _number_text(v, reading.decimal_comma)
    wan = f"regexp_extract({v}, '^(.*?)\\s*万元?$', 1)"
    scaled = f"TRY_CAST({_number_text(wan, reading.decimal_comma)} AS DECIMAL(30,6)) * 10000"
    cell_wan = f"CASE WHEN {v} LIKE '%万%' THEN TRY_CAST({scaled} AS DECIMAL(18,2)) END"
    if reading.factor == 1.0 and not reading.decimal_comma:
        plain = f"TRY_CAST({v} AS DECIMAL(18,2))"  # the common case, at cast speed
        rest = f"TRY_CAST(regexp_replace({num}, '元$', '') AS DECIMAL(18,2))"
        return f"COALESCE({plain}, {rest}, {cell_wan})"
    value = f"TRY_CAST(regexp_replace({num}, '元$', '') AS DECIMAL(30,6))"
    factor = f"CAST({reading.factor!r} AS DECIMAL(30,6))"
    return f"COALESCE(TRY_CAST({value} * {factor} AS DECIMAL(18,2)), {cell_wan})"


def _rate_sql(v: str, reading: Reading) -> str:
    num = _number_text(v, reading.decimal_comma)
    # Divided values are rounded to 14 decimals: 7.2 / 100 is 0.07200000000000001 in binary
    # floating point, and the examiner who typed 7.2% should see 0.072 stored.
    pct = f"round(TRY_CAST(rtrim({num}, '%') AS DOUBLE) / 100, 14)"
    permille = f"round(TRY_CAST(rtrim({num}, '‰') AS DOUBLE) / 1000, 14)"
    bare = f"TRY_CAST({num} AS DOUBLE)"
    if reading.factor != 1.0:
        bare = f"round({bare} / {reading.factor!r}, 14)"
    return (
        f"CASE WHEN {v} LIKE '%\\%%' ESCAPE '\\' THEN {pct} "
        f"WHEN {v} LIKE '%‰' THEN {permille} ELSE {bare} END"
    )


def _int_sql(v: str) -> str:
    # "3.0" is a whole number as spreadsheets write it; "3.5" is not (no silent rounding).
    counted = (
        f"regexp_extract({v}, '^\\s*第?\\s*([0-9]+)\\s*(期|个月|月|天|日|months?|mos?|"
        f"days?|periods?|terms?)?\\s*$', 1)"
    )
    return f"""COALESCE(
      CASE WHEN TRY_CAST({v} AS DOUBLE) % 1 = 0
           THEN TRY_CAST(TRY_CAST({v} AS DOUBLE) AS INTEGER) END,
      TRY_CAST(NULLIF({counted}, '') AS INTEGER))"""


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


def typed_sql(col: Column, v: str, reading: Reading | None = None) -> str:
    """SQL turning the text expression ``v`` into the column's type; NULL where it cannot."""
    reading = reading or Reading()
    if col.enum:
        return _enum_sql(v, col)
    return {
        "text": lambda: v,
        "int": lambda: _int_sql(v),
        "money": lambda: _money_sql(v, reading),
        "rate": lambda: _rate_sql(v, reading),
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
    if col.kind == "rate":
        checks.append(Check(f"(NOT isfinite({t}))", "not a rate (infinite or not a number)"))
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
