"""Re-run a saved workbook on new data, headless: import, run, report.

Each data file is matched to the workbook's sources by file name and imported with that
source's mapping profile (a file the workbook does not know is detected as usual). A file whose
SHA-256 differs from the workbook's is a new export: reported as such, never refused. The as-of
date is the workbook's when every source is unchanged; on a new export it is taken from the new
data (its latest repayment activity), unless given; the review period's start likewise (the
workbook's, else the first day with data). The report's cover says all of this, and
its Provenance sheet names the new files' fingerprints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from auditor.case import auditlog
from auditor.case.store import Case, Limits
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.engines import EngineChoice, engine_notes
from auditor.engine.runner import CheckRun, Session
from auditor.errors import Cancelled
from auditor.ingest.importer import ImportResult, import_file
from auditor.ingest.mapping import MappingProfile, parse_profile
from auditor.report import ReportMeta, ReportResult, write_report
from auditor.workbook.document import Workbook, WorkbookError, custom_check, open_workbook

DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".parquet")


@dataclass
class Rerun:
    workbook: Workbook
    imports: list[ImportResult] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # one line per source: new, unchanged, ...
    warnings: list[str] = field(default_factory=list)
    runs: list[CheckRun] = field(default_factory=list)
    as_of: dt.date | None = None
    from_date: dt.date | None = None
    report: ReportResult | None = None


def data_files(items: list[Path]) -> list[Path]:
    out: list[Path] = []
    for item in items:
        if item.is_dir():
            out += sorted(p for p in item.iterdir() if p.suffix.lower() in DATA_SUFFIXES)
        elif item.is_file():
            out.append(item)
        else:
            raise WorkbookError(f"no data file or folder at {item}")
    if not out:
        raise WorkbookError("no data files found (csv, tsv, txt, xlsx, parquet)")
    return out


def _mapping(text: str, origin: str) -> MappingProfile:
    return parse_profile(text, origin) if text.strip() else MappingProfile()


def import_sources(case: Case, wb: Workbook, files: list[Path], rr: Rerun) -> bool:
    """Import the files; returns True when every workbook source came back unchanged."""
    by_name = {Path(s.path).name: s for s in wb.sources}
    unchanged = True
    for f in files:
        ref = by_name.pop(f.name, None)
        mapping = _mapping(ref.mapping, f"workbook mapping for {f.name}") if ref else None
        result = import_file(case, f, mapping=mapping)
        rr.imports.append(result)
        if ref is None:
            unchanged = False
            rr.sources.append(f"{f.name}: not in the workbook; imported as {result.table}")
        elif ref.sha256 == result.sha256:
            rr.sources.append(f"{f.name}: unchanged export (SHA-256 {result.sha256[:16]}…)")
        else:
            unchanged = False
            rr.sources.append(
                f"{f.name}: NEW EXPORT, SHA-256 {result.sha256[:16]}… "
                f"(the workbook had {ref.sha256[:16]}…)"
            )
    for name in by_name:
        unchanged = False
        rr.sources.append(f"{name}: in the workbook, missing from the new data")
    return unchanged and bool(wb.sources)


def run_workbook_checks(
    case: Case,
    wb: Workbook,
    as_of: dt.date | None,
    library: dict[str, CheckSpec],
    progress: Callable[[str, float], None] | None = None,
    *,
    from_date: dt.date | None = None,
    limits: Limits | None = None,
    engine: EngineChoice | None = None,
) -> tuple[Session, list[CheckRun]]:
    """The workbook's checks, each with the overrides saved for it, then its custom queries;
    on the chosen engine (DuckDB by default), one engine session for them all."""
    specs = [library[c] for c in wb.checks] + [custom_check(q) for q in wb.custom_queries]
    base = (engine or EngineChoice()).open(
        case,
        profile=wb.profile,
        overrides=wb.params,
        as_of=as_of,
        from_date=from_date,
        limits=limits,
    )
    runs = []
    for i, spec in enumerate(specs):
        if progress:
            progress(spec.id, i / max(1, len(specs)))
        own = wb.check_params.get(spec.id)
        session = base.derive(own) if own else base
        runs.append(session.run(spec))
        if case.cancel.is_set():
            raise Cancelled("cancelled by the user")
    return base, runs


def rerun(
    workbook_path: Path,
    data: list[Path],
    report_path: Path,
    *,
    case_path: Path | None = None,
    as_of: dt.date | None = None,
    from_date: dt.date | None = None,
    limits: Limits | None = None,
    progress: Callable[[str, float], None] | None = None,
    mask: bool = True,
    engine: EngineChoice | None = None,
) -> Rerun:
    library = {c.id: c for c in load_library()}
    opened = open_workbook(workbook_path, set(library))
    wb = opened.workbook
    rr = Rerun(wb, warnings=list(opened.warnings))
    files = data_files(data)
    case_path = case_path or report_path.with_suffix(".duckdb")
    if case_path.exists():
        raise WorkbookError(f"{case_path} exists: remove it, or name a new case with --case")
    try:
        with Case.open(case_path, create=True) as case:
            unchanged = import_sources(case, wb, files, rr)
            rr.as_of = as_of or (wb.as_of if unchanged else None)
            rr.from_date = from_date or (wb.from_date if unchanged else None)
            session, rr.runs = run_workbook_checks(
                case,
                wb,
                rr.as_of,
                library,
                progress,
                from_date=rr.from_date,
                limits=limits,
                engine=engine,
            )
            start, chosen = session.period()
            how = "given" if as_of else "the workbook's" if rr.as_of else "taken from the new data"
            how_from = (
                "given"
                if from_date
                else "the workbook's"
                if rr.from_date
                else "the first day with data"
            )
            notes = (
                f"Re-run of workbook {workbook_path.name}",
                f"As of {chosen} ({how}); review period from {start} ({how_from})",
                *rr.sources,
                *(f"Warning: {w}" for w in rr.warnings),
                *(f"Examiner's note on {k}: {v}" for k, v in wb.notes.items() if v),
                *engine_notes(session),
            )
            auditlog.append(
                case.conn,
                "workbook_rerun",
                {
                    "workbook": str(workbook_path),
                    "sources": rr.sources,
                    "as_of": str(chosen),
                    "from_date": str(start),
                },
            )
            meta = ReportMeta(
                title=wb.title, platform=wb.platform, examiner=wb.examiner, notes=notes
            )
            rr.report = write_report(
                session, rr.runs, report_path, meta=meta, mask=mask, cancel=case.cancel
            )
    except BaseException:
        # The case was made by this run: a failed run leaves no half-built case behind (the
        # report is written atomically, so an earlier report at that path is untouched).
        for stale in (case_path, case_path.with_name(case_path.name + ".wal")):
            stale.unlink(missing_ok=True)
        raise
    return rr
