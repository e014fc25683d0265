"""What the case records of an import: the source, its accounting, its columns, its warnings.

Written inside the import's transaction, with the audit log entry, so that they land with the
rows or not at all.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from auditor.case import auditlog
from auditor.case.accounting import SKIPPED_EXAMPLES, Accounting
from auditor.ingest.formats import SourceFile
from auditor.ingest.staging import Skipped, SourceView
from auditor.ingest.target import Target


def record_source(
    conn: duckdb.DuckDBPyConnection,
    source_id: int,
    src: SourceFile,
    view: SourceView,
    target: Target,
    acct: Accounting,
    outcome: object,
    sha: str,
    duration: float,
    version: str,
) -> None:
    from auditor.ingest.loading import Outcome

    assert isinstance(outcome, Outcome)
    conn.execute(
        "INSERT INTO audit.sources VALUES ($id, $path, $name, $size, $sha, $fmt, "
        "$enc, $delim, $sheet, $hrow, $pre, $tbl, $kind, $map, $read, $loaded, $rej, "
        "$at, $dur, $ver)",
        {
            "id": source_id,
            "path": str(src.path),
            "name": src.given.name,
            "size": src.size,
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
            "read": acct.loaded + acct.rejected + acct.filtered,
            "loaded": acct.loaded,
            "rej": acct.rejected,
            "at": datetime.now(),
            "dur": duration,
            "ver": version,
        },
    )
    notes = list(acct.notes)
    if src.link_target is not None:
        notes.append(f"the path given is a link to {src.link_target}")
    conn.execute(
        "INSERT INTO audit.source_accounting VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            source_id,
            acct.records,
            acct.preamble,
            acct.header,
            acct.blank,
            acct.comment,
            acct.filtered,
            acct.loaded,
            acct.rejected,
            acct.counted_by,
            acct.line_endings,
            "\n".join(notes),
        ],
    )
    above = list(view.above[:SKIPPED_EXAMPLES])
    if view.header_row:
        header_text = " | ".join(view.header_cells or view.original_headers)
        above.append(Skipped(view.header_row, "header", header_text[:500]))
    blanks = [Skipped(r, "blank", "") for r in view.blank_rows[:SKIPPED_EXAMPLES]]
    rows = [(source_id, s.row, s.kind, s.text) for s in [*above, *blanks]]
    if rows:
        conn.executemany("INSERT INTO audit.skipped_rows VALUES (?, ?, ?, ?)", rows)
    if target.kind == "canonical":
        by_position = {i: c for c, i in target.positions.items()}
        units = outcome.units
        cols = []
        for i, name in enumerate(view.original_headers):
            canon = by_position.get(i)
            unit = units.get(canon) if canon else None
            kept = (
                f"{outcome.side_table}.{outcome.kept_as[i]}"
                if outcome.side_table and i in outcome.kept_as
                else None
            )
            cols.append(
                (
                    source_id,
                    i + 1,
                    name,
                    canon,
                    kept,
                    unit.unit if unit else None,
                    unit.evidence if unit else None,
                    unit.by if unit else None,
                )
            )
        for canon, d in units.items():
            if canon not in target.positions:  # an expression column
                cols.append((source_id, 0, "(expression)", canon, None, d.unit, d.evidence, d.by))
        conn.executemany("INSERT INTO audit.source_columns VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cols)
    if outcome.warnings:
        conn.executemany(
            "INSERT INTO audit.import_warnings VALUES (?, ?, ?)",
            [(source_id, c, w) for c, w in outcome.warnings],
        )
    auditlog.append(
        conn,
        "import",
        {
            "source_id": source_id,
            "file": str(src.path),
            "sha256": sha,
            "table": target.table,
            "rows_read": acct.loaded + acct.rejected + acct.filtered,
            "rows_loaded": acct.loaded,
            "rows_rejected": acct.rejected,
            "records": acct.records,
            "accounting": acct.describe(),
            "duration_s": round(duration, 3),
        },
    )
