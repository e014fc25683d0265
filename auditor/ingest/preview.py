"""What importing a file would do, before it is done: for the import wizard.

``detect`` reads a file's layout (format, encoding, delimiter, header row, sheet), its headers
with sample values, the canonical table its headers fit best with the column mapping, the unit
decided for each rate and money column, and the columns that would be kept unmapped.
``preview`` imports the first rows of the file, with a given mapping, into a scratch case and
reports what would be loaded and what would be rejected (row, column, value, reason), with the
accounting of those rows: the very importer the real import uses, so the preview cannot disagree
with it. Keys already in the case the import goes to are given to the scratch case first, so a
row the import would reject as "already in the case" is rejected in the preview too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor.case.schema import TABLES
from auditor.case.store import Case
from auditor.db import lit, q, table_ref
from auditor.errors import ImportFailed
from auditor.ingest.formats import identify
from auditor.ingest.importer import ImportResult, import_file
from auditor.ingest.mapping import MappingProfile, guess_table, match_headers
from auditor.ingest.staging import Skipped, open_source
from auditor.ingest.target import resolve_target
from auditor.ingest.units import UnitDecision, decide_units
from auditor.ingest.workdir import work_folder

PREVIEW_ROWS = 1000
# (table, key columns, keys) -> the keys among them already in the case
KnownKeys = Callable[[str, tuple[str, ...], list[tuple[Any, ...]]], list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Detected:
    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    header_row: int | None
    sheet: str | None
    headers: tuple[str, ...]
    samples: dict[str, list[str]]  # header -> first values, as text
    table: str | None  # best-fitting canonical table, None if none fits
    matched: dict[str, str]  # canonical column -> header
    missing_required: tuple[str, ...]
    units: dict[str, UnitDecision] = field(default_factory=dict)
    unmapped: tuple[str, ...] = ()  # headers no canonical column would take
    skipped: tuple[Skipped, ...] = ()  # lines above the data
    notes: tuple[str, ...] = ()
    decimal_comma: bool = False


@dataclass(frozen=True)
class Preview:
    result: ImportResult
    columns: list[str]
    rows: list[tuple[Any, ...]]  # loaded rows (first 50)
    rejects: list[tuple[Any, ...]] = field(default_factory=list)  # row, column, value, reason


def detect(path: Path | str, profile: MappingProfile | None = None) -> Detected:
    path = Path(path)
    profile = profile or MappingProfile()
    src = identify(path)
    conn = duckdb.connect()
    try:
        with work_folder("detect") as tmp:
            view = open_source(src.path, src.format, profile.read, conn, tmp, label=src.label)
            rows = view.sample_rows(conn, 5)
            samples = {
                h: ["" if r[i] is None else str(r[i]) for r in rows]
                for i, h in enumerate(view.original_headers)
            }
            guesses = guess_table(view.original_headers)
            best = guesses[0]
            table = profile.table or (best.table if not best.missing_required else None)
            units: dict[str, UnitDecision] = {}
            unmapped: tuple[str, ...] = ()
            if table:
                try:
                    target = resolve_target(view, MappingProfile(table=table), src.label)
                    units = decide_units(
                        conn, view, TABLES[table], target.sources, target.raw_exprs
                    )
                    unmapped = tuple(view.original_headers[i] for i in target.unmapped)
                except ImportFailed:
                    pass  # required columns missing: the grid shows which
    finally:
        conn.close()
    matched = match_headers(view.original_headers, TABLES[table]) if table else best.matched
    missing = tuple(c for c in TABLES[table].required if c not in matched) if table else ()
    return Detected(
        src.path,
        src.format,
        view.encoding,
        view.delimiter,
        view.header_row,
        view.sheet,
        view.original_headers,
        samples,
        table,
        matched,
        missing if table else best.missing_required,
        units=units,
        unmapped=unmapped,
        skipped=view.above,
        notes=view.notes,
        decimal_comma=view.decimal_comma,
    )


def _head_copy(path: Path, fmt: str, workdir: Path, rows: int) -> Path:
    """The file's first records (CSV, cut at a line break outside quotes) or rows (Parquet);
    XLSX as it is."""
    if fmt == "csv":
        out = workdir / path.name
        keep = rows + 64  # title lines and the header on top of the rows
        quotes = 0
        with path.open("rb") as src, out.open("wb") as dst:
            for i, line in enumerate(src):
                if i >= keep and quotes % 2 == 0:
                    break
                quotes += line.count(b'"')
                dst.write(line)
        return out
    if fmt == "parquet":
        out = workdir / (path.stem + ".parquet")
        conn = duckdb.connect()
        try:
            conn.execute(
                f"COPY (SELECT * FROM read_parquet({lit(str(path))}) LIMIT {int(rows)}) "
                f"TO {lit(str(out))} (FORMAT parquet)"
            )
        finally:
            conn.close()
        return out
    return path


def preview(
    path: Path | str,
    profile: MappingProfile,
    rows: int = PREVIEW_ROWS,
    known_keys: KnownKeys | None = None,
) -> Preview:
    """Import the first ``rows`` rows into a scratch case; raises what the import would.

    ``known_keys`` looks up which of the previewed rows' keys the real case already holds."""
    path = Path(path)
    src = identify(path)
    with work_folder("preview") as work:
        sample = _head_copy(src.path, src.format, work, rows)
        result = _scratch_import(work / "preview.duckdb", sample, profile, None)
        table = TABLES.get(result[0].table)
        if known_keys is not None and table is not None and table.key:
            keys = _loaded_keys(work / "preview.duckdb", table.name, table.key)
            present = known_keys(table.name, table.key, keys) if keys else []
            if present:
                result = _scratch_import(work / "seeded.duckdb", sample, profile, (table, present))
        return result[1]


def _loaded_keys(case_path: Path, table: str, key: tuple[str, ...]) -> list[tuple[Any, ...]]:
    with Case.open(case_path) as case:
        cols = ", ".join(q(k) for k in key)
        return case.conn.execute(f"SELECT DISTINCT {cols} FROM {q(table)}").fetchall()


def _scratch_import(
    case_path: Path,
    sample: Path,
    profile: MappingProfile,
    seed: tuple[Any, list[tuple[Any, ...]]] | None,
) -> tuple[ImportResult, Preview]:
    with Case.open(case_path, create=True) as case:
        if seed is not None:
            table, keys = seed
            case.conn.execute(table.create_sql())
            cols = ", ".join(q(k) for k in table.key)
            marks = ", ".join("?" for _ in table.key)
            case.conn.executemany(
                f"INSERT INTO {q(table.name)} ({cols}) VALUES ({marks})", [tuple(k) for k in keys]
            )
            before = case.conn.execute(f"SELECT count(*) FROM {q(table.name)}").fetchall()[0][0]
        result = import_file(case, sample, mapping=profile, allow_empty=True)
        ref = table_ref(f"main.{result.table}")
        skip = f" OFFSET {int(before)}" if seed is not None else ""
        cur = case.conn.execute(f"SELECT * FROM {ref} LIMIT 50{skip}")
        columns = [d[0] for d in cur.description]
        loaded = cur.fetchall()
        rejects = case.conn.execute(
            "SELECT source_row, column_name, value, reason FROM audit.rejects "
            "ORDER BY source_row, column_name LIMIT 500"
        ).fetchall()
    return result, Preview(result, columns, loaded, rejects)
