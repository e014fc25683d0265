"""Staging a source and loading it: the steps between the reader and the case's tables.

``stage`` converts the whole source into a staging table of the case, outside the import's
transaction: outside, because the staged rows' rowids must be the records' positions (rows
written inside a transaction get provisional rowids until it commits); in the case file, because
when the target table is new the staging table simply becomes it (a rename), so a large file is
written once. ``load`` then, inside the transaction, tells every row that does not load apart
(``classify``), rejects duplicate keys, moves the loaded rows into place, keeps the unmapped
columns beside them and adds up the accounting (the record count itself comes later, from the
importer's independent count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from auditor import db
from auditor.case.accounting import Accounting
from auditor.case.schema import TABLES
from auditor.case.store import STAGE_PREFIX
from auditor.db import lit, q
from auditor.errors import ImportFailed
from auditor.ingest import classify
from auditor.ingest.conversion import Conversion, SourceShape, build_conversion, unmapped_name
from auditor.ingest.counting import RecordCount
from auditor.ingest.expr_failures import Failure, find_failures
from auditor.ingest.extra_tables import comment_on, create_typed, table_exists
from auditor.ingest.plausibility import warnings_for
from auditor.ingest.rejects import build_offsets, number_rows, reader_rejects
from auditor.ingest.row_failures import first_reject, nul_values, record_failures
from auditor.ingest.staging import SourceView
from auditor.ingest.target import Target
from auditor.ingest.units import UnitDecision, decide_units, readings
from auditor.ingest.unmapped import keep_unmapped
from auditor.ingest.warning_text import ImportWarning

WARNING_ROWS = 1_000_000


@dataclass(frozen=True)
class Staged:
    stage: str
    tag: str
    conv: Conversion | None = None  # None for an extra table
    units: dict[str, UnitDecision] = field(default_factory=dict)
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True)
class Outcome:
    accounting: Accounting  # without the record count, which the importer sets
    units: dict[str, UnitDecision] = field(default_factory=dict)
    side_table: str | None = None
    kept_as: dict[int, str] = field(default_factory=dict)  # source position -> side column
    warnings: list[tuple[str, str]] = field(default_factory=list)
    first_reject: str = ""
    said: tuple[ImportWarning, ...] = ()  # the warnings as facts, for other languages


def _shape(view: SourceView) -> SourceShape:
    return SourceShape(
        from_sql=view.from_sql,
        columns=view.headers,
        row_expr=view.row_expr,
        clean=view.clean,
        header_cells=view.header_cells,
        beyond=view.beyond_column,
    )


def stage(conn: duckdb.DuckDBPyConnection, view: SourceView, target: Target, tag: str) -> Staged:
    name = STAGE_PREFIX + tag  # a plain identifier: digits and underscores only
    if target.kind != "canonical":
        return _stage_extra(conn, view, target, name, tag)
    table = TABLES[target.table]
    units = decide_units(conn, view, table, target.sources, target.raw_exprs)
    reading = readings(units, view.decimal_comma)
    keep = target.unmapped
    conv = build_conversion(
        table,
        _shape(view),
        target.raw_exprs,
        reading,
        where=target.effective.where,
        replacement=view.replaced_chars > 0,
        keep=keep,
    )
    try:
        conn.execute(f"CREATE TABLE {name} AS {conv.select}")
        return Staged(name, tag, conv, units)
    except duckdb.InterruptException:
        raise
    except duckdb.Error as e:
        guarded = any(not e.startswith('"') for e in target.raw_exprs.values())
        if not (guarded or target.effective.where) or not _value_error(e):
            raise
    # A mapping expression failed on some value: convert again with every expression guarded
    # and every source column carried, then find the failing rows one by one.
    conn.execute(f"DROP TABLE IF EXISTS {name}")
    conv = build_conversion(
        table,
        _shape(view),
        target.raw_exprs,
        reading,
        where=target.effective.where,
        guard=True,
        replacement=view.replaced_chars > 0,
        keep=range(len(view.headers)),
    )
    conn.execute(f"CREATE TABLE {name} AS {conv.select}")
    failures = find_failures(conn, name, view.headers, _suspects(conv, target))
    if failures:
        # Only the flag is updated: DuckDB moves a row whose list column is updated.
        conn.execute(
            f"UPDATE {name} SET __ok = FALSE WHERE rowid IN (SELECT unnest($r))",
            {"r": sorted({f.rid for f in failures})},
        )
    return Staged(name, tag, conv, units, tuple(failures))


def _value_error(e: duckdb.Error) -> bool:
    """An error a value causes (not a mistake in the SQL: those were bound beforehand)."""
    return isinstance(
        e, duckdb.ConversionException | duckdb.InvalidInputException | duckdb.OutOfRangeException
    ) or any(w in str(e).split("\n")[0] for w in ("Conversion Error", "Out of Range", "Invalid"))


def _suspects(conv: Conversion, target: Target) -> list[tuple[str, str, str]]:
    """(profile key, expression, rows where its guarded value came out NULL)."""
    cols = list(conv.table.column_names)
    out = []
    for canon, expr in target.raw_exprs.items():
        if expr.startswith('"'):
            continue
        i = cols.index(canon) + 1
        out.append(
            (
                f"columns.{canon}",
                expr,
                f"((__ok AND {q(canon)} IS NULL) OR (NOT __ok AND __raw[{i}] IS NULL))",
            )
        )
    if target.effective.where:
        out.append(("where", target.effective.where, "coalesce(__filtered, FALSE)"))
    return out


def _stage_extra(
    conn: duckdb.DuckDBPyConnection, view: SourceView, target: Target, name: str, tag: str
) -> Staged:
    cleaned = ", ".join(f"{view.clean.get(h, q(h))} AS {q(h)}" for h in view.headers)
    beyond = f", {q(view.beyond_column)}" if view.beyond_column else ""
    conn.execute(
        f"CREATE TABLE {name} AS SELECT CAST({view.row_expr} AS BIGINT) AS __src_row, "
        f"{cleaned}{beyond} FROM {view.from_sql}"
    )
    return Staged(name, tag)


def load(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    target: Target,
    staged: Staged,
    source_id: int,
    label: str,
    count_fn: Callable[[], RecordCount | None],
) -> Outcome:
    """``count_fn`` gives the independent record count; it is asked for only once the work
    that does not need it (the duplicate-key search) is done, so the count made beside the
    import overlaps it."""
    tag = staged.tag
    if staged.conv is not None:
        classify.find_duplicates(conn, staged.conv.table, staged.stage, f"__dups_{tag}")
    count = count_fn()
    skipped_lines = f"__lines_{tag}"
    offsets = f"__offs_{tag}"
    reader = reader_rejects(conn, view, source_id, label, skipped_lines)
    empty = count.empty if (count is not None and view.format == "csv") else ()
    has_offsets = bool(build_offsets(conn, offsets, view.data_start, skipped_lines, empty))
    empty_after = sum(1 for e in empty if e >= view.data_start)
    above = {k: sum(1 for s in view.above if s.kind == k) for k in ("title", "blank", "comment")}
    base = Accounting(
        records=0,
        preamble=above["title"],
        header=1 if view.header_row else 0,
        blank=above["blank"] + empty_after + len(view.blank_rows) + reader.blank,
        comment=above["comment"] + reader.comment,
        rejected=reader.rejected,
        notes=view.notes,
    )
    if staged.conv is None:
        return _load_extra(conn, view, target, staged, source_id, label, base, offsets, has_offsets)
    nul = max(count.nul_bytes if count else 0, view.counted.nul_bytes if view.counted else 0)
    return _load_canonical(
        conn, view, target, staged, source_id, label, base, offsets, has_offsets, nul > 0
    )


def _load_canonical(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    target: Target,
    staged: Staged,
    source_id: int,
    label: str,
    base: Accounting,
    offsets: str,
    has_offsets: bool,
    nul_bytes: bool,
) -> Outcome:
    conv, stage_name, tag = staged.conv, staged.stage, staged.tag
    assert conv is not None
    table = TABLES[target.table]
    bad, kinds, dups = f"__bad_{tag}", f"__kinds_{tag}", f"__dups_{tag}"
    failures = list(staged.failures)
    if nul_bytes:
        nul = nul_values(conn, table, stage_name)
        if nul:  # those rows no longer load: search the duplicate keys again without them
            conn.execute(f"DROP TABLE {dups}")
            classify.find_duplicates(conn, table, stage_name, dups)
        failures += nul
    record_failures(conn, view, stage_name, tuple(failures), source_id, label, offsets, has_offsets)
    number_rows(conn, view, stage_name, offsets, has_offsets, "NOT __ok", bad)
    failed = sorted({f.rid for f in failures})
    conn.execute(f"ALTER TABLE {bad} ADD COLUMN __failed BOOLEAN DEFAULT FALSE")
    if failed:
        carried = len(conv.kept) == len(view.headers)  # guarded: every source column is there
        src = ", ".join(q(unmapped_name(i)) for i in range(len(view.headers)))
        fill = f", __src = coalesce(__src, [{src}])" if carried else ""
        conn.execute(
            f"UPDATE {bad} SET __failed = TRUE{fill} WHERE __rid IN (SELECT unnest($r))",
            {"r": failed},
        )
    classify.classify(conn, conv, bad, kinds, source_id, label, conv.header_flag)
    n_dups = db.count(conn, f"SELECT count(*) FROM {dups}")
    if n_dups:
        numbered_dups = f"__dupn_{tag}"
        number_rows(
            conn,
            view,
            stage_name,
            offsets,
            has_offsets,
            f"rowid IN (SELECT __rid FROM {dups} UNION ALL SELECT first_rid FROM {dups})",
            numbered_dups,
        )
        classify.record_duplicates(conn, table, numbered_dups, dups, source_id, label)
    by_kind = classify.counts(conn, kinds)
    not_dup = f"rowid NOT IN (SELECT __rid FROM {dups})" if n_dups else "TRUE"
    loaded_rows = f"{stage_name} WHERE __ok AND {not_dup}"
    # Warnings look at the first rows loaded (the data-quality checks look at all of them).
    said = warnings_for(
        conn, table, f"(SELECT * FROM {loaded_rows} LIMIT {WARNING_ROWS})", staged.units, _today()
    )
    warnings = [(w.column, w.text()) for w in said]
    side: str | None = None
    kept_as: dict[int, str] = {}
    if target.unmapped:
        numbered = f"__loaded_{tag}"
        number_rows(conn, view, stage_name, offsets, has_offsets, f"__ok AND {not_dup}", numbered)
        names = tuple(o or h for o, h in zip(view.original_headers, view.headers, strict=True))
        side, kept_as = keep_unmapped(
            conn, table, source_id, numbered, target.unmapped, names, label
        )
    loaded = _move_into_place(conn, table, stage_name, not_dup, bool(n_dups))
    acct = Accounting(
        records=0,
        preamble=base.preamble,
        header=base.header + by_kind.get("header", 0),
        blank=base.blank + by_kind.get("blank", 0),
        comment=base.comment + by_kind.get("comment", 0),
        filtered=by_kind.get("filtered", 0),
        loaded=loaded,
        rejected=base.rejected + by_kind.get("rejected", 0) + n_dups,
        notes=base.notes,
    )
    return Outcome(
        acct, staged.units, side, kept_as, warnings, first_reject(conn, source_id), tuple(said)
    )


def _move_into_place(
    conn: duckdb.DuckDBPyConnection, table: object, stage_name: str, not_dup: str, dups: bool
) -> int:
    from auditor.case.schema import Table

    assert isinstance(table, Table)
    if table_exists(conn, "main", table.name):
        cols = ", ".join(q(c) for c in table.column_names)
        before = db.count(conn, f"SELECT count(*) FROM {q(table.name)}")
        conn.execute(
            f"INSERT INTO {q(table.name)} SELECT {cols} FROM {stage_name} WHERE __ok AND {not_dup}"
        )
        return db.count(conn, f"SELECT count(*) FROM {q(table.name)}") - before
    if dups or db.count(conn, f"SELECT count(*) FROM (SELECT 1 FROM {stage_name} WHERE NOT __ok)"):
        conn.execute(f"DELETE FROM {stage_name} WHERE NOT (__ok AND {not_dup})")
    keep = set(table.column_names)
    for (col,) in conn.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main'",
        {"t": stage_name},
    ).fetchall():
        if col not in keep:
            conn.execute(f"ALTER TABLE {stage_name} DROP COLUMN {q(col)}")
    conn.execute(f"ALTER TABLE {stage_name} RENAME TO {q(table.name)}")
    return db.count(conn, f"SELECT count(*) FROM {q(table.name)}")


def _load_extra(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    target: Target,
    staged: Staged,
    source_id: int,
    label: str,
    base: Accounting,
    offsets: str,
    has_offsets: bool,
) -> Outcome:
    name = target.table
    if table_exists(conn, "main", name):
        raise ImportFailed(f"the case already has a table named {name!r}")
    tag = staged.tag
    numbered = f"__xn_{tag}"
    number_rows(conn, view, staged.stage, offsets, has_offsets, "TRUE", numbered)
    cols = list(view.headers)
    values = "[" + ", ".join(q(c) for c in cols) + "]"
    shape = _shape(view)
    from auditor.ingest.conversion import repeats_header

    hdr = repeats_header(shape) if view.header_cells else "FALSE"
    beyond = f"{q(view.beyond_column)} IS NULL AND " if view.beyond_column else ""
    where = target.effective.where
    filt = f"WHEN NOT coalesce(CAST(({where}) AS BOOLEAN), FALSE) THEN 'filtered' " if where else ""
    kind = (
        f"CASE WHEN {beyond}len(list_filter({values}, lambda x: x IS NOT NULL)) = 0 THEN 'blank' "
        f"WHEN coalesce({hdr}, FALSE) THEN 'header' "
        f"WHEN {beyond}len(list_filter({values}, lambda x: x IS NOT NULL)) = 1 "
        f"AND starts_with(ltrim({q(cols[0])}), '#') THEN 'comment' {filt}"
        + (
            f"WHEN {q(view.beyond_column)} IS NOT NULL THEN 'rejected' "
            if view.beyond_column
            else ""
        )
        + "ELSE 'loaded' END"
    )
    kinds = f"__xk_{tag}"
    conn.execute(
        f"CREATE TEMP TABLE {kinds} AS SELECT *, {kind} AS __kind, {values} AS __src "
        f"FROM {numbered}"
    )
    if view.beyond_column:
        conn.execute(
            f"""INSERT INTO audit.rejects SELECT {source_id}, {lit(label)}, __row, NULL,
                left({q(view.beyond_column)}, 2000), 'cells beyond the header''s last column'
            FROM {kinds} WHERE __kind = 'rejected'"""
        )
    conn.execute(
        f"CREATE TEMP TABLE {kinds}_s AS SELECT __rid AS rid, __row AS row, __kind AS kind, "
        f"__src AS src FROM {kinds} WHERE __kind <> 'loaded'"
    )
    classify.record_skipped(conn, f"{kinds}_s", source_id)
    create_typed(conn, q(name), kinds, tuple(cols), tuple(cols), "__kind = 'loaded'")
    comment_on(conn, q(name), "extra table from " + label)
    by_kind = classify.counts(conn, f"(SELECT __kind AS kind FROM {kinds})")
    acct = replace_counts(base, by_kind)
    return Outcome(acct, first_reject=first_reject(conn, source_id))


def replace_counts(base: Accounting, by_kind: dict[str, int]) -> Accounting:
    return Accounting(
        records=0,
        preamble=base.preamble,
        header=base.header + by_kind.get("header", 0),
        blank=base.blank + by_kind.get("blank", 0),
        comment=base.comment + by_kind.get("comment", 0),
        filtered=by_kind.get("filtered", 0),
        loaded=by_kind.get("loaded", 0),
        rejected=base.rejected + by_kind.get("rejected", 0),
        notes=base.notes,
    )


def _today() -> dt.date:
    return dt.date.today()


def drop_temp_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for (name,) in conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary"
    ).fetchall():
        conn.execute(f"DROP TABLE IF EXISTS temp.{q(name)}")
