"""The records DuckDB's CSV reader could not split, and the numbering of the rows it returned.

DuckDB's reader logs each record it could not split into the header's fields (ragged rows, stray
quotes, bad bytes, lines over the size limit) with the record's number in the file, counting
every record, blank lines included. Among them are lines that are not data at all: blank lines
of spaces and comment lines (``# ...``); those are counted as such, the rest rejected with
file, row, column, value and reason.

Row numbers: XLSX rows carry their Excel row number, Parquet rows their position. The reader
returns CSV records without their numbers; the n-th record it returned is the n-th record from
the data's first record that it neither skipped (an empty line) nor refused, which the offsets
table turns into the record's number in the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from auditor import db
from auditor.db import lit
from auditor.ingest.staging import SourceView

READER_REASONS = {
    "MISSING COLUMNS": "too few fields (ragged row)",
    "TOO MANY COLUMNS": "too many fields (ragged row)",
    "UNQUOTED VALUE": "stray or unterminated quote",
    "INVALID UNICODE": "bytes not valid UTF-8",
    "INVALID ENCODING": "bytes not valid UTF-8",
    "LINE SIZE OVER MAXIMUM": "line longer than the reader allows (2 MiB)",
    "CAST": "value does not fit the column type",
}


@dataclass(frozen=True)
class ReaderCounts:
    lines: int = 0  # distinct records the reader refused
    blank: int = 0
    comment: int = 0
    rejected: int = 0


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


def reader_rejects(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    source_id: int,
    file_label: str,
    skipped_lines: str,
) -> ReaderCounts:
    """Classify and record the reader's refused records; fills ``skipped_lines`` (a temp table
    of refused record numbers) for row numbering."""
    rej = view.rejects_table
    conn.execute(f"CREATE TEMP TABLE {skipped_lines} (line BIGINT)")
    if not rej or not _temp_exists(conn, rej):
        return ReaderCounts()
    delim = lit(view.delimiter or ",")
    conn.execute(
        f"""CREATE TEMP TABLE {skipped_lines}_k AS
        SELECT line, any_value(ltrim(csv_line, chr(10) || chr(13))) AS text,
          CASE WHEN trim(replace(any_value(csv_line), {delim}, ''), ' ' || chr(9) || chr(10)
                    || chr(13)) = '' THEN 'blank'
               WHEN starts_with(ltrim(any_value(csv_line), ' ' || chr(10) || chr(13)), '#')
                 THEN 'comment'
               ELSE 'rejected' END AS kind
        FROM {rej} GROUP BY line"""
    )
    conn.execute(f"INSERT INTO {skipped_lines} SELECT line FROM {skipped_lines}_k")
    conn.execute(
        f"""INSERT INTO audit.rejects
        SELECT {source_id}, {lit(file_label)}, r.line, r.column_name,
               left(ltrim(r.csv_line, chr(10) || chr(13)), 2000),
               'malformed record, ' || {_reader_reason_sql()}
        FROM {rej} r JOIN {skipped_lines}_k k ON k.line = r.line AND k.kind = 'rejected'"""
    )
    conn.execute(
        f"""INSERT INTO audit.skipped_rows
        SELECT {source_id}, line, kind, left(text, 500) FROM {skipped_lines}_k
        WHERE kind <> 'rejected'"""
    )
    counts = dict(
        conn.execute(f"SELECT kind, count(*) FROM {skipped_lines}_k GROUP BY kind").fetchall()
    )
    return ReaderCounts(
        lines=sum(int(v) for v in counts.values()),
        blank=int(counts.get("blank", 0)),
        comment=int(counts.get("comment", 0)),
        rejected=int(counts.get("rejected", 0)),
    )


def build_offsets(
    conn: duckdb.DuckDBPyConnection,
    offsets: str,
    data_start: int,
    skipped_lines: str,
    empty: Iterable[int],
) -> int:
    """The table turning a returned record's position into its number (see the module
    docstring); returns how many records were skipped between data records."""
    conn.execute(f"CREATE TEMP TABLE {offsets}_s (line BIGINT)")
    empty_after = [int(e) for e in empty if e >= data_start]
    if empty_after:
        conn.executemany(f"INSERT INTO {offsets}_s VALUES (?)", [(e,) for e in empty_after])
    conn.execute(f"INSERT INTO {offsets}_s SELECT line FROM {skipped_lines}")
    # a: the position from which a returned record lies past the n-th skipped record.
    conn.execute(
        f"""CREATE TEMP TABLE {offsets} AS
        SELECT a, max(n) AS n FROM (
          SELECT (line - {int(data_start)}) - (row_number() OVER (ORDER BY line) - 1) AS a,
                 row_number() OVER (ORDER BY line) AS n
          FROM (SELECT DISTINCT line FROM {offsets}_s)) GROUP BY a"""
    )
    return db.count(conn, f"SELECT count(*) FROM {offsets}")


def row_number_sql(view: SourceView, rid: str, offsets: str, has_offsets: bool) -> str:
    """SQL for the source row of the staged record with rowid ``rid``."""
    base = f"({int(view.data_start)} + {rid})"
    if view.row_expr != "NULL":
        return "__src_row"
    if not has_offsets:
        return base
    return f"({base} + coalesce((SELECT max(n) FROM {offsets} o WHERE o.a <= {rid}), 0))"


def number_rows(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    stage: str,
    offsets: str,
    has_offsets: bool,
    rows: str,
    into: str,
) -> None:
    """Materialise the staged rows ``rows`` with their rowid ``__rid`` and source row
    ``__row`` (by a join on the offsets, not a subquery per row)."""
    picked = f"(SELECT *, rowid AS __rid FROM {stage} WHERE {rows}) s"
    if view.row_expr != "NULL":
        sql = f"SELECT s.*, s.__src_row AS __row FROM {picked}"
    elif not has_offsets:
        sql = f"SELECT s.*, {int(view.data_start)} + s.__rid AS __row FROM {picked}"
    else:
        sql = (
            f"SELECT s.*, {int(view.data_start)} + s.__rid + coalesce(o.n, 0) AS __row "
            f"FROM {picked} ASOF LEFT JOIN {offsets} o ON s.__rid >= o.a"
        )
    conn.execute(f"CREATE TEMP TABLE {into} AS {sql}")
