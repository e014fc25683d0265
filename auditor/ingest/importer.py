"""Importing one source file into a case, as one transaction, with every record accounted for.

The file's records are counted independently of the parser (in the read that fingerprints it,
or the pass that transcodes it; for XLSX the sheet's rows, for Parquet its metadata) and the
import reconciles that count with what became of each record: title lines, header, blank and
comment lines, rows the profile's filter excludes, rows loaded, rows rejected. If they do not
add up the import is refused; a non-empty file that loads nothing is refused too, unless the
examiner asked for it. Any failure rolls back, leaving the case exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import duckdb

from auditor import __version__
from auditor.case.accounting import Accounting
from auditor.case.schema import TABLES
from auditor.case.store import Case, drop_stale_stages
from auditor.errors import AuditorError, Cancelled, ImportFailed
from auditor.ingest import loading
from auditor.ingest.counting import RecordCount
from auditor.ingest.encoding import MIXED
from auditor.ingest.fingerprint import fingerprint
from auditor.ingest.formats import SourceFile, identify
from auditor.ingest.mapping import MappingProfile
from auditor.ingest.records import record_source
from auditor.ingest.staging import Skipped, SourceView, open_source
from auditor.ingest.target import Target, check_expressions, resolve_target
from auditor.ingest.units import UnitDecision
from auditor.ingest.warning_text import ImportWarning
from auditor.ingest.workdir import work_folder

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
    rows_read: int  # data rows: loaded + rejected + filtered out
    rows_loaded: int
    rows_rejected: int
    duration_s: float
    mapping: MappingProfile
    accounting: Accounting | None = None
    units: tuple[UnitDecision, ...] = ()
    unmapped: tuple[str, ...] = ()  # source columns kept beside their rows, not mapped
    side_table: str | None = None
    warnings: tuple[tuple[str, str], ...] = ()  # (column, warning)
    skipped: tuple[Skipped, ...] = ()  # the first lines that held no data, with their text
    link_target: Path | None = None
    # The warnings as facts, in the order of ``warnings``: for the interface's language.
    said: tuple[ImportWarning, ...] = ()


class _Retry(Exception):
    """Read the file again: its encoding or line endings turned out other than sampled."""

    def __init__(self, why: str, *, encoding: str | None = None, normalise: bool = False):
        super().__init__(why)
        self.why, self.encoding, self.normalise = why, encoding, normalise


def import_file(
    case: Case,
    path: Path | str,
    *,
    table: str | None = None,
    extra: str | None = None,
    mapping: MappingProfile | None = None,
    progress: ProgressFn | None = None,
    allow_empty: bool = False,
) -> ImportResult:
    """Import one file; raises ImportFailed or MappingError with the case left untouched."""
    src = identify(path)
    profile = mapping or MappingProfile()
    if table:
        if table not in TABLES:
            raise ImportFailed(f"unknown table {table!r}; tables: {', '.join(TABLES)}", path=path)
        profile = replace(profile, table=table, extra=None)
    if extra:
        profile = replace(profile, extra=extra, table=None)
    report = progress or (lambda _phase, _frac: None)
    started = time.perf_counter()
    normalise = False
    with (
        ThreadPoolExecutor(1) as pool,
        work_folder() as work,
        # Mapping expressions may come from someone else: the import can open the source and
        # its own work folder, nothing else (the parser refused anything but a scalar already).
        case.file_access_only([src.path], [work]),
    ):
        for _attempt in range(4):
            try:
                return _import(
                    case, src, profile, report, started, pool, work, normalise, allow_empty
                )
            except _Retry as r:
                report(r.why, 0.1)
                if r.encoding:
                    profile = replace(profile, read=replace(profile.read, encoding=r.encoding))
                normalise = normalise or r.normalise
            except duckdb.Error as e:
                if normalise or not _is_newline_failure(e):
                    raise import_failed_from(e, src.label) from e
                report("retrying with normalised line endings", 0.1)
                normalise = True
        raise ImportFailed("could not settle the file's encoding and line endings", path=src.label)


def _is_newline_failure(e: duckdb.Error) -> bool:
    text = str(e)
    return "state machine reached an invalid state" in text or "new_line" in text.split("\n")[0]


def _import(
    case: Case,
    src: SourceFile,
    profile: MappingProfile,
    report: ProgressFn,
    started: float,
    pool: ThreadPoolExecutor,
    work_root: Path,
    normalise: bool,
    allow_empty: bool,
) -> ImportResult:
    import tempfile

    conn = case.conn
    work = Path(tempfile.mkdtemp(dir=work_root))  # a retry must not meet the last attempt's
    report("reading layout", 0.05)
    view = open_source(
        src.path,
        src.format,
        profile.read,
        conn,
        work,
        normalise_newlines=normalise,
        label=src.label,
    )
    count_here = src.format == "csv" and view.counted is None
    digest = pool.submit(fingerprint, src.path, view.delimiter if count_here else None)
    target = resolve_target(view, profile, src.label)
    check_expressions(conn, view, target)
    tag = f"{abs(hash((str(src.path), started, normalise))) % 10**8}"
    try:
        report("reading", 0.2)
        staged = loading.stage(conn, view, target, tag)
        target = _with_units(target, staged.units)
        _check_late_encoding(conn, view, src)
        counts: list[RecordCount | None] = []

        def count_fn() -> RecordCount | None:
            if not counts:
                counts.append(view.counted or digest.result()[1])
            return counts[0]

        conn.execute("BEGIN")
        try:
            source_id = case.next_source_id()
            report("loading", 0.6)
            outcome = loading.load(conn, view, target, staged, source_id, src.given.name, count_fn)
            acct = _reconcile(view, src, outcome.accounting, count_fn(), normalise)
            if acct.loaded == 0 and not allow_empty:
                raise ImportFailed(
                    f"nothing loaded: {acct.describe()}{outcome.first_reject}; nothing was "
                    "added to the case",
                    path=src.label,
                )
            report("recording", 0.9)
            sha = digest.result()[0]
            duration = time.perf_counter() - started
            record_source(
                conn, source_id, src, view, target, acct, outcome, sha, duration, __version__
            )
            conn.execute("COMMIT")
        except duckdb.InterruptException as e:
            conn.execute("ROLLBACK")
            raise Cancelled(f"import of {src.path.name} cancelled; the case is unchanged") from e
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        loading.drop_temp_tables(conn)
        drop_stale_stages(conn)
    report("done", 1.0)
    return ImportResult(
        source_id,
        src.path,
        target.table,
        target.kind,
        view.format,
        view.encoding,
        sha,
        src.size,
        acct.loaded + acct.rejected + acct.filtered,
        acct.loaded,
        acct.rejected,
        time.perf_counter() - started,
        target.effective,
        accounting=acct,
        units=tuple(outcome.units.values()),
        unmapped=tuple(view.original_headers[i] for i in target.unmapped)
        if target.kind == "canonical"
        else (),
        side_table=outcome.side_table,
        warnings=tuple(outcome.warnings),
        said=outcome.said,
        skipped=tuple(view.above[:20]),
        link_target=src.link_target,
    )


def _with_units(target: Target, units: dict[str, UnitDecision]) -> Target:
    """The mapping used, with each unit decided written in, so the next export of the same
    platform is read the same way."""
    if not units:
        return target
    columns = dict(target.effective.columns)
    for name, d in units.items():
        if name in columns:
            columns[name] = replace(columns[name], unit=d.unit)
    return replace(target, effective=replace(target.effective, columns=columns))


def _reconcile(
    view: SourceView,
    src: SourceFile,
    acct: Accounting,
    count: RecordCount | None,
    normalised: bool,
) -> Accounting:
    """The file's own count against the parts; a difference refuses the import."""
    if view.format == "csv":
        if count is None:  # cannot happen: every CSV is counted
            raise ImportFailed("the records were not counted; refused", path=src.label)
        records, by = count.records, "line breaks outside quotes, counted in the file"
        endings = view.line_endings or count.endings
    elif view.format == "xlsx":
        records, by, endings = view.records or 0, "rows of the sheet", None
    else:
        records, by, endings = view.records or 0, "row count in the Parquet metadata", None
    acct = replace(acct, records=records, counted_by=by, line_endings=endings)
    if acct.balanced:
        return acct
    if count is not None and count.mixed_endings and not normalised:
        raise _Retry("line endings are mixed: reading again with them normalised", normalise=True)
    why = (
        "quotes in the middle of fields make the records ambiguous"
        if count is not None and count.irregular_quotes
        else "the reader's records differ from the file's"
    )
    raise ImportFailed(
        f"cannot account for every record ({why}): {acct.describe()}; fix or re-export the file",
        path=src.label,
    )


def _check_late_encoding(
    conn: duckdb.DuckDBPyConnection, view: SourceView, src: SourceFile
) -> None:
    """A file judged UTF-8 from an ASCII first megabyte whose later bytes are not UTF-8."""
    from auditor import db
    from auditor.ingest.encoding import detect_encoding_at

    if not (view.ascii_sample and view.rejects_table):
        return
    exists = db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = $t",
        {"t": view.rejects_table},
    )
    if not exists:
        return
    pos = db.scalar(
        conn,
        f"SELECT min(line_byte_position) FROM {view.rejects_table} "
        "WHERE error_type IN ('INVALID UNICODE', 'INVALID ENCODING')",
    )
    if pos is not None:
        enc = detect_encoding_at(src.path, int(pos))
        if not enc.is_utf8:
            # The first megabyte was ASCII: whatever UTF-8 text comes later reads the same
            # line by line, so the mixed decoding is right whether or not the file mixes.
            name = MIXED if enc.name == "gb18030" else enc.name
            raise _Retry(f"re-reading as {name}", encoding=name)


def import_failed_from(e: Exception, label: str) -> AuditorError:
    """A DuckDB error from the reader, as an error that names the file, in one line."""
    from auditor.ingest.target import one_line

    if isinstance(e, AuditorError):
        return e
    if isinstance(e, duckdb.InterruptException):
        return Cancelled(f"import of {label} cancelled; the case is unchanged")
    return ImportFailed(one_line(e), path=label)


def today() -> dt.date:
    return datetime.now().date()
