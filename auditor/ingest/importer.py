"""Importing one source file into a case, as one transaction.

Every source record ends up loaded or rejected with its row, column, value and reason, and the
counts are checked before the transaction commits: rows read = rows loaded + rows rejected. Any
failure rolls back, leaving the case exactly as it was.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import duckdb

from auditor import __version__, db
from auditor.case import auditlog
from auditor.case.fingerprint import sha256_file
from auditor.case.schema import TABLES, Table
from auditor.case.store import STAGE_PREFIX, Case, drop_stale_stages
from auditor.db import q
from auditor.errors import AuditorError, Cancelled, ImportFailed
from auditor.ingest.convert import Conversion, build_conversion
from auditor.ingest.encoding import detect_encoding_at
from auditor.ingest.extra_tables import load_extra, stage_extra
from auditor.ingest.mapping import MappingProfile
from auditor.ingest.rejects import record_rejects
from auditor.ingest.staging import SourceView, open_source
from auditor.ingest.target import Target, check_expressions, resolve_target

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class ImportResult:
    source_id: int
    path: Path
    table: str
    kind: str  # "canonical" or "extra"
    format: str
    encoding: str | None
    sha256: str
    size_bytes: int
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    duration_s: float
    mapping: MappingProfile


def _stage_canonical(
    conn: duckdb.DuckDBPyConnection, view: SourceView, target: Target, tag: str
) -> tuple[Conversion, str]:
    """Read and convert the source into a staging table of the case, outside its transaction.

    Outside, because the staged table's rowids must be the records' positions (0, 1, ...); rows
    written inside a transaction get provisional rowids until it commits. In the case file,
    because when the target table is new the staging table simply becomes it (a rename), so a
    large file is written once. It is dropped whatever happens (and on the next open, were the
    process killed in between).
    """
    table = TABLES[target.table]
    conv = build_conversion(
        table,
        view.from_sql,
        view.headers,
        target.raw_exprs,
        view.row_expr,
        clean=view.clean,
        replacement=view.replaced_chars > 0,
    )
    stage = STAGE_PREFIX + tag  # a plain identifier: digits and underscores only
    conn.execute(f"CREATE TABLE {stage} AS {conv.select}")
    return conv, stage


def _load_canonical(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    target: Target,
    conv: Conversion,
    stage: str,
    source_id: int,
    file_label: str,
    tag: str,
) -> tuple[int, int, int]:
    table = TABLES[target.table]
    n_records = _scalar(conn, f"SELECT count(*) FROM {stage}")
    dups = f"__dups_{tag}"
    _find_duplicates(conn, table, stage, dups)
    reader_rows, rejected_rows = record_rejects(
        conn, view, conv, stage, dups, table, source_id, file_label
    )
    exists = bool(
        _scalar(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name='main' "
            f"AND table_name = '{target.table}'",
        )
    )
    has_dups = bool(_scalar(conn, f"SELECT count(*) FROM {dups}"))
    not_dup = f"rowid NOT IN (SELECT __rid FROM {dups})" if has_dups else "TRUE"
    if exists:
        cols = ", ".join(q(c) for c in table.column_names)
        before = _scalar(conn, f"SELECT count(*) FROM {q(target.table)}")
        conn.execute(
            f"INSERT INTO {q(target.table)} SELECT {cols} FROM {stage} WHERE __ok AND {not_dup}"
        )
        loaded = _scalar(conn, f"SELECT count(*) FROM {q(target.table)}") - before
    else:
        if rejected_rows > reader_rows:
            conn.execute(f"DELETE FROM {stage} WHERE NOT (__ok AND {not_dup})")
        for extra in ("__ok", "__raw", "__src_row"):
            conn.execute(f"ALTER TABLE {stage} DROP COLUMN {extra}")
        conn.execute(f"ALTER TABLE {stage} RENAME TO {q(target.table)}")
        loaded = _scalar(conn, f"SELECT count(*) FROM {q(target.table)}")
    return n_records + reader_rows, loaded, rejected_rows


def _find_duplicates(conn: duckdb.DuckDBPyConnection, table: Table, stage: str, dups: str) -> None:
    """Rows whose key repeats an earlier row of the file, or a row already in the case."""
    conn.execute(f"CREATE TEMP TABLE {dups} (__rid BIGINT, first_rid BIGINT, in_case BOOLEAN)")
    if not table.key:
        return
    keys = ", ".join(q(k) for k in table.key)
    # Distinct key hashes as many as rows proves every key distinct, and counting 8-byte
    # hashes is a third faster than counting the keys; only when it does not (a duplicate,
    # or a hash collision) is the exact search run.
    distinct = _scalar(conn, f"SELECT count(DISTINCT hash({keys})) FROM {stage} WHERE __ok")
    total = _scalar(conn, f"SELECT count(*) FROM {stage} WHERE __ok")
    if distinct != total:
        conn.execute(f"""INSERT INTO {dups}
            SELECT rid, first_rid, FALSE FROM (
              SELECT rowid AS rid,
                     first_value(rowid) OVER (PARTITION BY {keys} ORDER BY rowid) AS first_rid
              FROM {stage} WHERE __ok)
            WHERE rid <> first_rid""")
    exists = _scalar(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name='main' "
        f"AND table_name = '{table.name}'",
    )
    if exists and _scalar(conn, f"SELECT count(*) FROM {q(table.name)}"):
        cond = " AND ".join(f"s.{q(k)} IS NOT DISTINCT FROM t.{q(k)}" for k in table.key)
        conn.execute(f"""INSERT INTO {dups}
            SELECT s.rowid, NULL, TRUE FROM {stage} s
            WHERE s.__ok AND EXISTS (SELECT 1 FROM {q(table.name)} t WHERE {cond})
              AND s.rowid NOT IN (SELECT __rid FROM {dups})""")


def _scalar(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    return db.count(conn, sql)


def _is_newline_failure(e: duckdb.Error) -> bool:
    text = str(e)
    return "state machine reached an invalid state" in text or "new_line" in text.split("\n")[0]


def import_file(
    case: Case,
    path: Path | str,
    *,
    table: str | None = None,
    extra: str | None = None,
    mapping: MappingProfile | None = None,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """Import one file; raises ImportFailed or MappingError with the case left untouched."""
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise ImportFailed("no such file" if not path.exists() else "not a file", path=path)
    profile = mapping or MappingProfile()
    if table:
        if table not in TABLES:
            raise ImportFailed(f"unknown table {table!r}; tables: {', '.join(TABLES)}", path=path)
        profile = replace(profile, table=table, extra=None)
    if extra:
        profile = replace(profile, extra=extra, table=None)
    report = progress or (lambda _phase, _frac: None)
    started = time.perf_counter()
    with (
        ThreadPoolExecutor(1) as pool,
        tempfile.TemporaryDirectory(prefix="auditor-import-") as tmp,
        # Mapping expressions may come from someone else: the import can open the source and
        # its own work folder, nothing else (the parser refused anything but a scalar already).
        case.file_access_only([path], [Path(tmp)]),
    ):
        # Hashing runs beside the import: hashlib releases the GIL on large buffers.
        digest = pool.submit(sha256_file, path)
        size = path.stat().st_size
        work = Path(tmp)
        try:
            try:
                return _import(case, path, profile, report, started, digest.result, size, work)
            except _Redetected as r:
                report(f"re-reading as {r.encoding}", 0.1)
                profile = replace(profile, read=replace(profile.read, encoding=r.encoding))
                return _import(case, path, profile, report, started, digest.result, size, work)
        except duckdb.Error as e:
            if not _is_newline_failure(e):
                raise import_failed_from(e, path) from e
        report("retrying with normalised line endings", 0.1)
        try:
            return _import(
                case,
                path,
                profile,
                report,
                started,
                digest.result,
                size,
                work,
                normalise_newlines=True,
            )
        except duckdb.Error as e:
            raise import_failed_from(e, path) from e


def _import(
    case: Case,
    path: Path,
    profile: MappingProfile,
    report: ProgressFn,
    started: float,
    digest: Callable[[], str],
    size: int,
    work: Path,
    *,
    normalise_newlines: bool = False,
) -> ImportResult:
    conn = case.conn
    work = Path(tempfile.mkdtemp(dir=work))  # a retry must not meet the last attempt's files
    report("reading layout", 0.05)
    view = open_source(path, profile.read, conn, work, normalise_newlines=normalise_newlines)
    target = resolve_target(view, profile, path)
    check_expressions(conn, view, target)
    tag = f"{abs(hash((str(path), started))) % 10**8}"
    try:
        report("reading", 0.2)
        if target.kind == "canonical":
            conv, stage = _stage_canonical(conn, view, target, tag)
        else:
            stage = stage_extra(conn, view, tag)
        _check_late_encoding(conn, view, path)
        conn.execute("BEGIN")
        try:
            source_id = case.next_source_id()
            report("loading", 0.6)
            if target.kind == "canonical":
                read, loaded, rejected = _load_canonical(
                    conn, view, target, conv, stage, source_id, path.name, tag
                )
            else:
                read, loaded, rejected = load_extra(
                    conn, view, target.table, stage, source_id, path.name
                )
            if read != loaded + rejected:
                raise ImportFailed(
                    f"row accounting failed: {read} read, {loaded} loaded, {rejected} rejected",
                    path=path,
                )
            report("fingerprinting", 0.9)
            sha = digest()
            duration = time.perf_counter() - started
            conn.execute(
                "INSERT INTO audit.sources VALUES ($id, $path, $name, $size, $sha, $fmt, "
                "$enc, $delim, $sheet, $hrow, $pre, $tbl, $kind, $map, $read, $loaded, $rej, "
                "$at, $dur, $ver)",
                {
                    "id": source_id,
                    "path": str(path),
                    "name": path.name,
                    "size": size,
                    "sha": sha,
                    "fmt": view.format,
                    "enc": view.encoding,
                    "delim": view.delimiter,
                    "sheet": view.sheet,
                    "hrow": view.header_row,
                    "pre": view.preamble,
                    "tbl": target.table,
                    "kind": target.kind,
                    "map": target.effective.to_toml(),
                    "read": read,
                    "loaded": loaded,
                    "rej": rejected,
                    "at": datetime.now(),
                    "dur": duration,
                    "ver": __version__,
                },
            )
            auditlog.append(
                conn,
                "import",
                {
                    "source_id": source_id,
                    "file": str(path),
                    "sha256": sha,
                    "table": target.table,
                    "rows_read": read,
                    "rows_loaded": loaded,
                    "rows_rejected": rejected,
                    "duration_s": round(duration, 3),
                },
            )
            conn.execute("COMMIT")
        except duckdb.InterruptException as e:
            conn.execute("ROLLBACK")
            raise Cancelled(f"import of {path.name} cancelled; the case is unchanged") from e
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        _drop_temp_tables(conn)
        drop_stale_stages(conn)
    report("done", 1.0)
    return ImportResult(
        source_id,
        path,
        target.table,
        target.kind,
        view.format,
        view.encoding,
        sha,
        size,
        read,
        loaded,
        rejected,
        time.perf_counter() - started,
        target.effective,
    )


class _Redetected(Exception):
    """The file is not UTF-8 after all: its first megabyte was ASCII, later bytes are not."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


def _check_late_encoding(conn: duckdb.DuckDBPyConnection, view: SourceView, path: Path) -> None:
    if not (view.ascii_sample and view.rejects_table):
        return
    exists = _scalar(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND "
        f"table_name = '{view.rejects_table}'",
    )
    if not exists:
        return
    pos = db.scalar(
        conn,
        f"SELECT min(line_byte_position) FROM {view.rejects_table} "
        "WHERE error_type IN ('INVALID UNICODE', 'INVALID ENCODING')",
    )
    if pos is not None:
        enc = detect_encoding_at(path, int(pos))
        if not enc.is_utf8:
            raise _Redetected(enc.name)


def _drop_temp_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for (name,) in conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary"
    ).fetchall():
        conn.execute(f"DROP TABLE IF EXISTS temp.{q(name)}")


def import_failed_from(e: Exception, path: Path) -> AuditorError:
    """A DuckDB error from the reader, as an error that names the file."""
    if isinstance(e, AuditorError):
        return e
    if isinstance(e, duckdb.InterruptException):
        return Cancelled(f"import of {path.name} cancelled; the case is unchanged")
    return ImportFailed(str(e).split("\n")[0], path=path)
