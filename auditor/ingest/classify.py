"""What became of each staged row: blank, repeated header, comment, filtered out or rejected.

Rows that convert cleanly load; the others (few, as a rule) are told apart here from their
source values: a row with no value at all is blank, one equal to the header repeats it (exports
joined one after another), one holding only ``# ...`` is a comment, one the profile's row filter
excludes is filtered out, and the rest are rejected, each failing column recorded with its value
and reason. Keys that repeat an earlier row of the file, or a row already in the case, reject
the later row, naming the first.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from auditor import db
from auditor.case.accounting import SKIPPED_EXAMPLES
from auditor.case.schema import Table
from auditor.db import lit, q
from auditor.ingest.conversion import Conversion
from auditor.ingest.extra_tables import table_exists

KINDS = ("blank", "header", "comment", "filtered", "rejected")


@dataclass(frozen=True)
class Classified:
    blank: int = 0
    header: int = 0
    comment: int = 0
    filtered: int = 0
    rejected: int = 0  # conversion failures and duplicate keys


def kind_sql(conv: Conversion, src: str = "__src", hdr: str | None = None) -> str:
    """SQL naming the kind of a row that does not load, from its source values ``src``."""
    values = f"list_filter({src}, lambda x: x IS NOT NULL)"
    beyond = "__beyond IS NULL AND " if conv.beyond else ""
    parts = ["WHEN __failed THEN 'rejected'", f"WHEN {beyond}len({values}) = 0 THEN 'blank'"]
    if hdr:
        parts.append(f"WHEN {hdr} THEN 'header'")
    parts.append(
        f"WHEN {beyond}len({values}) = 1 AND starts_with(ltrim({src}[1]), '#') THEN 'comment'"
    )
    if conv.has_filter:
        parts.append("WHEN __filtered THEN 'filtered'")
    return f"CASE {' '.join(parts)} ELSE 'rejected' END"


def classify(
    conn: duckdb.DuckDBPyConnection,
    conv: Conversion,
    numbered: str,
    kinds: str,
    source_id: int,
    file_label: str,
    has_header_flag: bool,
) -> None:
    """Fill ``kinds`` (rowid, row, kind) for the rows that do not load (``numbered``: those
    rows with ``__rid`` and ``__row``), record the rejects of conversion and the skipped rows
    (examples with their values)."""
    hdr = "__hdr" if has_header_flag else None
    conn.execute(
        f"""CREATE TEMP TABLE {kinds} AS
        SELECT __rid AS rid, __row AS row, {kind_sql(conv, hdr=hdr)} AS kind, __src AS src
        FROM {numbered}"""
    )
    # Each failing column of a rejected row, with its value and reason.
    failing = f"NOT __failed AND __rid IN (SELECT rid FROM {kinds} WHERE kind = 'rejected')"
    conn.execute(
        f"""INSERT INTO audit.rejects
        SELECT {source_id}, {lit(file_label)}, n.__row, r.column_name, r.value, r.reason
        FROM ({conv.rejects(numbered, failing)}) r JOIN {numbered} n ON n.__rid = r.__rid"""
    )
    if conv.beyond:
        conn.execute(
            f"""INSERT INTO audit.rejects
            SELECT {source_id}, {lit(file_label)}, __row, NULL, left(__beyond, 2000),
                   'cells beyond the header''s last column'
            FROM {numbered} WHERE __beyond IS NOT NULL
              AND __rid IN (SELECT rid FROM {kinds} WHERE kind = 'rejected')"""
        )
    # A rejected row whose every column converts failed something no column names (the
    # repeated-header rule aside, nothing does today): it is still on record.
    conn.execute(
        f"""INSERT INTO audit.rejects
        SELECT {source_id}, {lit(file_label)}, k.row, NULL, left(array_to_string(k.src, ' | '),
               2000), 'row not loaded'
        FROM {kinds} k WHERE k.kind = 'rejected' AND NOT EXISTS (
          SELECT 1 FROM audit.rejects a WHERE a.source_id = {source_id} AND a.source_row = k.row)"""
    )
    record_skipped(conn, kinds, source_id)


def record_skipped(conn: duckdb.DuckDBPyConnection, kinds: str, source_id: int) -> None:
    """Keep the first rows of each skipped kind with their values, to be shown."""
    conn.execute(
        f"""INSERT INTO audit.skipped_rows
        SELECT {source_id}, row, kind, left(array_to_string(list_transform(src,
               lambda x: coalesce(x, '')), ' | '), 500)
        FROM (SELECT *, row_number() OVER (PARTITION BY kind ORDER BY row) AS k FROM {kinds}
              WHERE kind IN ('blank', 'header', 'comment', 'filtered'))
        WHERE k <= {SKIPPED_EXAMPLES}"""
    )


def counts(conn: duckdb.DuckDBPyConnection, kinds: str) -> dict[str, int]:
    return {
        str(k): int(n)
        for k, n in conn.execute(f"SELECT kind, count(*) FROM {kinds} GROUP BY kind").fetchall()
    }


def find_duplicates(conn: duckdb.DuckDBPyConnection, table: Table, stage: str, dups: str) -> int:
    """Rows whose key repeats an earlier row of the file, or a row already in the case."""
    conn.execute(f"CREATE TEMP TABLE {dups} (__rid BIGINT, first_rid BIGINT, in_case BOOLEAN)")
    if not table.key:
        return 0
    keys = ", ".join(q(k) for k in table.key)
    # Distinct key hashes as many as rows proves every key distinct, and counting 8-byte
    # hashes is a third faster than counting the keys; only when it does not (a duplicate,
    # or a hash collision) is the exact search run.
    distinct, total = db.one(
        conn, f"SELECT count(DISTINCT hash({keys})), count(*) FROM {stage} WHERE __ok"
    ) or (0, 0)
    if distinct != total:
        conn.execute(f"""INSERT INTO {dups}
            SELECT rid, first_rid, FALSE FROM (
              SELECT rowid AS rid,
                     first_value(rowid) OVER (PARTITION BY {keys} ORDER BY rowid) AS first_rid
              FROM {stage} WHERE __ok)
            WHERE rid <> first_rid""")
    if table_exists(conn, "main", table.name) and db.count(
        conn, f"SELECT count(*) FROM (SELECT 1 FROM {q(table.name)} LIMIT 1)"
    ):
        cond = " AND ".join(f"s.{q(k)} IS NOT DISTINCT FROM t.{q(k)}" for k in table.key)
        conn.execute(f"""INSERT INTO {dups}
            SELECT s.rowid, NULL, TRUE FROM {stage} s
            WHERE s.__ok AND EXISTS (SELECT 1 FROM {q(table.name)} t WHERE {cond})
              AND s.rowid NOT IN (SELECT __rid FROM {dups})""")
    return db.count(conn, f"SELECT count(*) FROM {dups}")


def record_duplicates(
    conn: duckdb.DuckDBPyConnection,
    table: Table,
    numbered: str,
    dups: str,
    source_id: int,
    file_label: str,
) -> None:
    """``numbered``: the duplicate rows and the rows they repeat, with ``__rid``, ``__row``."""
    key_text = " || ', ' || ".join(
        f"{lit(k + '=')} || coalesce(CAST(s.{q(k)} AS VARCHAR), 'NULL')" for k in table.key
    )
    conn.execute(
        f"""INSERT INTO audit.rejects
        SELECT {source_id}, {lit(file_label)}, s.__row, {lit(", ".join(table.key))}, {key_text},
               CASE WHEN d.in_case THEN 'duplicate key: already in the case'
                    ELSE 'duplicate key: same as row ' || CAST(f.__row AS VARCHAR) END
        FROM {dups} d JOIN {numbered} s ON s.__rid = d.__rid
        LEFT JOIN {numbered} f ON f.__rid = d.first_rid"""
    )
