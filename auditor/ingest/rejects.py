"""Recording rejected source rows in ``audit.rejects``, each with its row, column, value, reason.

Three kinds of reject: records DuckDB's CSV parser could not split into the header's fields
(ragged rows, stray quotes, bad bytes), values that do not convert or break a column rule, and
rows whose key repeats an earlier row or a row already in the case.

Row numbers: XLSX rows carry their Excel row number, Parquet rows their position. For CSV the
number is the header's line plus the record's position among the records DuckDB read, which is
the file's line number as long as no quoted field spans lines.
"""

from __future__ import annotations

import duckdb

from auditor import db
from auditor.case.schema import Table
from auditor.db import lit, q
from auditor.ingest.convert import Conversion
from auditor.ingest.staging import SourceView

READER_REASONS = {
    "MISSING COLUMNS": "too few fields (ragged row)",
    "TOO MANY COLUMNS": "too many fields (ragged row)",
    "UNQUOTED VALUE": "stray or unterminated quote",
    "INVALID UNICODE": "bytes not valid UTF-8",
    "INVALID ENCODING": "bytes not valid UTF-8",
    "LINE SIZE OVER MAXIMUM": "line longer than the reader allows",
    "CAST": "value does not fit the column type",
}


def _reader_reason_sql() -> str:
    whens = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in READER_REASONS.items())
    return f"CASE error_type {whens} ELSE lower(error_type) END || ': ' || error_message"


def _temp_exists(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        db.count(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = $n",
            {"n": name},
        )
    )


def record_reader_rejects(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    source_id: int,
    file_label: str,
    offsets: str,
) -> int:
    """Copy DuckDB's malformed-record log; fills ``offsets`` for row numbering. Returns rows."""
    header_row = view.header_row or 0
    rej = view.rejects_table
    if not rej or not _temp_exists(conn, rej):
        conn.execute(f"CREATE TEMP TABLE {offsets} (a BIGINT)")
        return 0
    conn.execute(
        f"""INSERT INTO audit.rejects
        SELECT {source_id}, {lit(file_label)}, line, column_name, left(csv_line, 2000),
               'malformed record, ' || {_reader_reason_sql()}
        FROM {rej}"""
    )
    conn.execute(
        f"""CREATE TEMP TABLE {offsets} AS
        SELECT (line - {header_row}) - 1 - (row_number() OVER (ORDER BY line) - 1) AS a
        FROM (SELECT DISTINCT line FROM {rej})"""
    )
    return db.count(conn, f"SELECT count(DISTINCT line) FROM {rej}")


def source_row_sql(view: SourceView, rid: str, offsets: str) -> str:
    """The source row of the staged record with rowid ``rid`` (see the module docstring)."""
    header_row = view.header_row or 0
    return f"({header_row} + {rid} + 1 + (SELECT count(*) FROM {offsets} o WHERE o.a <= {rid}))"


def record_rejects(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    conv: Conversion,
    stage: str,
    dups: str,
    table: Table,
    source_id: int,
    file_label: str,
) -> tuple[int, int]:
    """Record every reject of one import; returns (records the reader refused, rows rejected)."""
    offsets = stage + "_offs"
    reader_rows = record_reader_rejects(conn, view, source_id, file_label, offsets)
    row_of = f"COALESCE(__src_row, {source_row_sql(view, '__rid', offsets)})"
    conn.execute(
        f"""INSERT INTO audit.rejects
        SELECT {source_id}, {lit(file_label)}, {row_of}, column_name, value, reason
        FROM ({conv.rejects(stage)})"""
    )
    n_bad = db.count(conn, f"SELECT count(*) FROM {stage} WHERE NOT __ok")
    if table.key:
        key_text = " || ', ' || ".join(
            f"{lit(k + '=')} || coalesce(CAST(s.{q(k)} AS VARCHAR), 'NULL')" for k in table.key
        )
        first_row = f"COALESCE(f.__src_row, {source_row_sql(view, 'd.first_rid', offsets)})"
        this_row = f"COALESCE(s.__src_row, {source_row_sql(view, 'd.__rid', offsets)})"
        conn.execute(
            f"""INSERT INTO audit.rejects
            SELECT {source_id}, {lit(file_label)}, {this_row}, {lit(", ".join(table.key))},
                   {key_text},
                   CASE WHEN d.in_case THEN 'duplicate key: already in the case'
                        ELSE 'duplicate key: same as row ' || CAST({first_row} AS VARCHAR) END
            FROM {dups} d JOIN {stage} s ON s.rowid = d.__rid
            LEFT JOIN {stage} f ON f.rowid = d.first_rid"""
        )
    n_dups = db.count(conn, f"SELECT count(*) FROM {dups}")
    return reader_rows, reader_rows + n_bad + n_dups
