"""Extra tables: files that fit no canonical table, kept for custom SQL, typed only losslessly.

Examiners bring side files (a complaint list, a branch register). A column is typed only when the
type loses nothing of any of its values, so inference never rejects a row and never damages one:

- whole numbers of at most 15 digits and no leading zero are BIGINT (``007`` and a 32-digit
  order number stay text: a number would lose the zeros or the digits);
- decimals of at most 15 significant digits are DOUBLE;
- dates without a time are DATE; dates with a time are TIMESTAMP (``2025-02-28 20:35:13``
  keeps its time; a time with a zone offset stays text);
- ``true``/``false`` are BOOLEAN; anything else stays text.

Blank rows, repeated header rows, comment lines and rows the profile's filter excludes are
counted, not loaded; rows with cells beyond the header's last column are rejected.
"""

from __future__ import annotations

import re

import duckdb

from auditor import db
from auditor.case.schema import TABLES
from auditor.db import lit, q
from auditor.errors import ImportFailed

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_INT = r"[+-]?(0|[1-9][0-9]{0,14})"
_DEC = (
    r"[+-]?(0|[1-9][0-9]*)\.[0-9]+([eE][+-]?[0-9]{1,3})?|[+-]?[1-9](\.[0-9]+)?[eE][+-]?[0-9]{1,3}"
)
_DATE = r"[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}"
_TIME = r"[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
CANDIDATE_TYPES = ("BIGINT", "DOUBLE", "DATE", "TIMESTAMP", "BOOLEAN")


def validate_extra_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ImportFailed(
            f"extra table name {name!r} must start with a letter or underscore and hold only "
            "letters, digits and underscores (at most 63)"
        )
    if name in TABLES or name.startswith("__"):
        raise ImportFailed(f"{name!r} is reserved; choose another name for the extra table")


def _fits(v: str, t: str) -> str:
    """SQL: the text ``v`` converts to ``t`` and back without losing anything."""
    if t == "BIGINT":
        return f"regexp_full_match({v}, '{_INT}')"
    if t == "DOUBLE":
        digits = f"length(regexp_replace(split_part(lower({v}), 'e', 1), '[^0-9]', '', 'g'))"
        return (
            f"(regexp_full_match({v}, '{_INT}|{_DEC}') AND {digits} <= 15 "
            f"AND isfinite(TRY_CAST({v} AS DOUBLE)))"
        )
    if t == "DATE":
        return f"(regexp_full_match({v}, '{_DATE}') AND TRY_CAST({v} AS DATE) IS NOT NULL)"
    if t == "TIMESTAMP":
        return (
            f"(regexp_full_match({v}, '{_TIME}') AND "
            f"TRY_CAST(replace({v}, '/', '-') AS TIMESTAMP) IS NOT NULL)"
        )
    return f"lower({v}) IN ('true', 'false')"


def infer_types(
    conn: duckdb.DuckDBPyConnection, source: str, cols: tuple[str, ...], where: str = "TRUE"
) -> list[str]:
    """The narrowest lossless type of each text column of ``source`` (rows ``where``)."""
    if not cols:
        return []
    tests = []
    for c in cols:
        v = q(c)
        for t in CANDIDATE_TYPES:
            tests.append(f"bool_and({v} IS NULL OR {_fits(v, t)})")
        tests.append(f"count({v})")
    row = db.one(conn, f"SELECT {', '.join(tests)} FROM {source} WHERE {where}")
    assert row is not None
    out = []
    step = len(CANDIDATE_TYPES) + 1
    for i in range(len(cols)):
        *type_fits, non_null = row[i * step : (i + 1) * step]
        chosen = "VARCHAR"
        if non_null:
            for t, ok in zip(CANDIDATE_TYPES, type_fits, strict=True):
                if ok:
                    chosen = t
                    break
        out.append(chosen)
    return out


def cast_sql(col: str, t: str, alias: str) -> str:
    if t == "VARCHAR":
        return f"{q(col)} AS {q(alias)}"
    if t == "TIMESTAMP":
        return f"CAST(replace({q(col)}, '/', '-') AS TIMESTAMP) AS {q(alias)}"
    if t == "DATE":
        return f"CAST(replace({q(col)}, '/', '-') AS DATE) AS {q(alias)}"
    return f"CAST({q(col)} AS {t}) AS {q(alias)}"


def table_exists(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(
        db.count(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $n",
            {"s": schema, "n": name},
        )
    )


def create_typed(
    conn: duckdb.DuckDBPyConnection,
    name: str,
    source: str,
    cols: tuple[str, ...],
    names: tuple[str, ...],
    where: str,
    lead: str = "",
) -> dict[str, str]:
    """CREATE TABLE ``name`` from the rows ``where`` of ``source``, each column ``cols[i]``
    named ``names[i]`` and typed losslessly; ``lead`` puts columns before them. Returns the
    types chosen."""
    types = infer_types(conn, source, cols, where)
    casts = ", ".join(cast_sql(c, t, n) for c, t, n in zip(cols, types, names, strict=True))
    body = ", ".join(x for x in (lead, casts) if x) or "NULL AS no_columns"
    conn.execute(f"CREATE TABLE {name} AS SELECT {body} FROM {source} WHERE {where}")
    return dict(zip(names, types, strict=True))


def comment_on(conn: duckdb.DuckDBPyConnection, name: str, text: str) -> None:
    conn.execute(f"COMMENT ON TABLE {name} IS {lit(text)}")
