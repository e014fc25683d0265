"""Extra tables: files that fit no canonical table, kept for custom SQL with inferred types.

Examiners bring side files (a complaint list, a branch register). Each column gets the narrowest
type that every one of its values fits, so inference never rejects a row; only records the CSV
parser cannot split are rejected. A column whose values have leading zeros stays text: those are
identifiers, and a number would lose the zeros.
"""

from __future__ import annotations

import re

import duckdb

from auditor import db
from auditor.case.schema import TABLES
from auditor.db import lit, q
from auditor.errors import ImportFailed
from auditor.ingest.rejects import record_reader_rejects
from auditor.ingest.staging import SourceView

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
CANDIDATE_TYPES = ("BIGINT", "DOUBLE", "DATE", "TIMESTAMP", "BOOLEAN")


def validate_extra_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ImportFailed(
            f"extra table name {name!r} must start with a letter or underscore and hold only "
            "letters, digits and underscores (at most 63)"
        )
    if name in TABLES or name.startswith("__"):
        raise ImportFailed(f"{name!r} is reserved; choose another name for the extra table")


def _infer_types(conn: duckdb.DuckDBPyConnection, stage: str, cols: tuple[str, ...]) -> list[str]:
    if not cols:
        return []
    tests = []
    for c in cols:
        v = q(c)
        tests.append(f"bool_or(regexp_matches({v}, '^[+-]?0[0-9]'))")
        for t in CANDIDATE_TYPES:
            fits = f"TRY_CAST({v} AS {t}) IS NOT NULL"
            if t == "BIGINT":  # TRY_CAST('1.5' AS BIGINT) rounds; only digits are integers
                fits = f"regexp_full_match({v}, '[+-]?[0-9]+') AND {fits}"
            tests.append(f"bool_and({v} IS NULL OR ({fits}))")
        tests.append(f"count({v})")
    row = db.one(conn, f"SELECT {', '.join(tests)} FROM {stage}")
    assert row is not None
    out = []
    step = len(CANDIDATE_TYPES) + 2
    for i in range(len(cols)):
        leading_zero, *type_fits, non_null = row[i * step : (i + 1) * step]
        chosen = "VARCHAR"
        if non_null and not leading_zero:
            for t, ok in zip(CANDIDATE_TYPES, type_fits, strict=True):
                if ok:
                    chosen = t
                    break
        out.append(chosen)
    return out


def stage_extra(conn: duckdb.DuckDBPyConnection, view: SourceView, tag: str) -> str:
    """Read the source as text into a temporary table (outside the case's transaction)."""
    stage = f"__extra_{tag}"
    cleaned = ", ".join(f"{view.clean.get(h, q(h))} AS {q(h)}" for h in view.headers)
    conn.execute(f"CREATE TEMP TABLE {stage} AS SELECT {cleaned} FROM {view.from_sql}")
    return stage


def load_extra(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    name: str,
    stage: str,
    source_id: int,
    file_label: str,
) -> tuple[int, int, int]:
    if db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name='main' AND table_name=$n",
        {"n": name},
    ):
        raise ImportFailed(f"the case already has a table named {name!r}")
    types = _infer_types(conn, stage, view.headers)
    casts = ", ".join(
        f"CAST({q(h)} AS {t}) AS {q(h)}" for h, t in zip(view.headers, types, strict=True)
    )
    conn.execute(f"CREATE TABLE {q(name)} AS SELECT {casts or '*'} FROM {stage}")
    staged = db.count(conn, f"SELECT count(*) FROM {stage}")
    rejected = record_reader_rejects(conn, view, source_id, file_label, stage + "_offs")
    conn.execute(f"COMMENT ON TABLE {q(name)} IS {lit('extra table from ' + file_label)}")
    return staged + rejected, staged, rejected
