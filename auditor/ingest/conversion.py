"""The conversion of a whole source into a canonical table, as one DuckDB SELECT.

Every canonical column gets its raw text (a source column, or a mapping expression) and its typed
value (``convert.typed_sql``, with the column's unit and the file's decimal mark). A row loads
only when it is not excluded by the profile's row filter, is not a repeated header row or a
row of cells beyond the header, and every column converts and passes its checks. Rows that do
not load keep their raw canonical values (``__raw``) and all their source values (``__src``), so
that the accounting can tell a blank, a header, a comment, a filtered and a rejected row apart,
and each reject names its column, value and reason. The SELECT is materialised in source order,
so a row's rowid is its position among the records the reader returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from auditor.case.schema import Table
from auditor.db import lit, q
from auditor.ingest.convert import Reading, column_checks, null_normalised, typed_sql


@dataclass(frozen=True)
class SourceShape:
    """What the conversion needs to know of a source relation."""

    from_sql: str
    columns: tuple[str, ...]  # the relation's text columns (unique names)
    row_expr: str = "NULL"  # the source row number where the reader knows it
    clean: dict[str, str] = field(default_factory=dict)  # null handling the reader lacks
    header_cells: tuple[str, ...] | None = None  # a row equal to these repeats the header
    beyond: str | None = None  # a column naming cells beyond the header's last column


def unmapped_name(i: int) -> str:
    return f"__u_{i}"


@dataclass(frozen=True)
class Conversion:
    """The SQL of one conversion.

    ``select`` reads the source and yields the typed canonical columns, ``__src_row``, ``__ok``,
    ``__filtered`` (when there is a row filter), ``__raw`` and ``__src`` (kept only for rows that
    do not load) and the kept source columns ``__u_<i>``. ``rejects(name)`` reads that
    materialised table back and says, for each failing row, which column failed, its value and
    why.
    """

    table: Table
    select: str
    readings: dict[str, Reading]
    replacement: bool = False
    kept: tuple[int, ...] = ()  # positions of the source columns carried as __u_<i>
    has_filter: bool = False
    beyond: bool = False
    header_flag: bool = False

    def _typed_ctes(self, raw_from: str, rows: str) -> str:
        raws = ", ".join(
            f"__raw[{i}] AS {q('r_' + c.name)}" for i, c in enumerate(self.table.columns, 1)
        )
        typed = ", ".join(
            f"{typed_sql(c, q('r_' + c.name), self.readings.get(c.name))} AS {q(c.name)}"
            for c in self.table.columns
        )
        return (
            f"WITH raw AS (SELECT __rid, __row AS __src_row, {raws} FROM {raw_from} "
            f"WHERE {rows}),\n"
            f"typed AS (SELECT *, {typed} FROM raw)\n"
        )

    def rejects(self, materialised: str, rows: str = "NOT __ok") -> str:
        """Per failing column of the rows ``rows`` of ``materialised`` (staged rows with their
        rowid ``__rid`` and source row ``__row``): rowid, source row, column, value, reason."""
        parts = []
        for col in self.table.columns:
            r, t = q("r_" + col.name), q(col.name)
            for chk in column_checks(col, r, t, replacement=self.replacement):
                parts.append(
                    f"SELECT __rid, __src_row, {lit(col.name)} AS column_name, {r} AS value, "
                    f"{lit(chk.reason)} AS reason FROM typed WHERE {chk.condition}"
                )
        return self._typed_ctes(materialised, rows) + "\nUNION ALL\n".join(parts)


def build_conversion(
    table: Table,
    shape: SourceShape,
    raw_exprs: dict[str, str],
    readings: dict[str, Reading] | None = None,
    *,
    where: str | None = None,
    guard: bool = False,
    replacement: bool = False,
    keep: Sequence[int] = (),
) -> Conversion:
    """Build the conversion of a source into ``table``.

    ``raw_exprs`` gives, per canonical column, a SQL expression over the null-normalised source
    columns (a quoted column or a user expression); columns not in it load as NULL. ``where`` is
    the profile's row filter. ``guard`` wraps expressions and the filter in ``try()`` so that a
    value they cannot handle gives NULL instead of stopping the statement (the importer then
    finds those rows and rejects them with DuckDB's reason). ``keep`` lists the source columns to
    carry along (the unmapped ones, kept beside the loaded rows).
    """
    readings = readings or {}
    cols = shape.columns
    cleaned = ",\n  ".join(f"{shape.clean.get(c, q(c))} AS {q(c)}" for c in cols)
    extra_src = f", {q(shape.beyond)}" if shape.beyond else ""
    raw_cols = []
    typed_cols = []
    bad: list[str] = []
    quoted = {q(c) for c in cols}
    for col in table.columns:
        r = q("r_" + col.name)
        expr = raw_exprs.get(col.name)
        if expr is None:
            raw = "CAST(NULL AS VARCHAR)"
        elif expr in quoted:
            raw = expr  # already cleaned text
        else:  # an expression's result gets the same null rules as a column
            inner = f"try({expr})" if guard else f"({expr})"
            raw = null_normalised(f"CAST({inner} AS VARCHAR)")
        raw_cols.append(f"{raw} AS {r}")
        typed_cols.append(
            f"CAST({typed_sql(col, r, readings.get(col.name))} AS {col.sql_type}) AS {q(col.name)}"
        )
        checks = column_checks(col, r, q(col.name), replacement=replacement)
        bad.extend(chk.condition for chk in checks)
    hdr = shape.header_cells is not None and bool(cols)
    if hdr:
        bad.append("__hdr")
    if shape.beyond:
        bad.append("(__beyond IS NOT NULL)")
    raw_list = ", ".join(q("r_" + c.name) for c in table.columns)
    # The source columns travel as __u_<i>, apart from the canonical names they may share.
    # Source columns travel as __u_<i> (apart from the canonical names they may share), except
    # those a canonical column takes as they are: their raw value r_<name> is the same text.
    as_is = {expr: q("r_" + name) for name, expr in raw_exprs.items() if expr in quoted}
    travel = [i for i, c in enumerate(cols) if q(c) not in as_is or i in keep]
    carried = ", ".join(f"{q(cols[i])} AS {q(unmapped_name(i))}" for i in travel)
    src_list = (
        ", ".join(q(unmapped_name(i)) if i in travel else as_is[q(c)] for i, c in enumerate(cols))
        or "NULL"
    )
    not_ok = " OR ".join(f"COALESCE({b}, FALSE)" for b in bad) or "FALSE"
    out_cols = ", ".join(q(c.name) for c in table.columns)
    kept_sel = "".join(f", {q(unmapped_name(i))}" for i in keep)
    extras = [f"{q(shape.beyond)} AS __beyond"] if shape.beyond else []
    if hdr:
        extras.append(f"COALESCE({repeats_header(shape)}, FALSE) AS __hdr")
    keep_row = "TRUE"
    if where:
        cond = f"try({where})" if guard else f"({where})"
        extras.append(f"COALESCE(CAST({cond} AS BOOLEAN), FALSE) AS __keep")
        keep_row = "__keep"
    flags = "".join(
        x
        for x, on in (
            ("NOT __keep AS __filtered, ", where),
            ("__hdr, ", hdr),
            ("__beyond, ", shape.beyond),
        )
        if on
    )
    select = f"""WITH src AS (
  SELECT CAST({shape.row_expr} AS BIGINT) AS __src_row, {cleaned}{extra_src}
  FROM {shape.from_sql}
), raw AS (
  SELECT __src_row{", " + carried if carried else ""}, {", ".join(raw_cols)}
         {"".join(", " + x for x in extras)}
  FROM src
), typed AS (
  SELECT *, {", ".join(typed_cols)} FROM raw
), flagged AS (
  SELECT *, {not_ok} AS __bad FROM typed
)
SELECT {out_cols}, __src_row, {keep_row} AND NOT __bad AS __ok, {flags}
       CASE WHEN __bad OR NOT {keep_row} THEN [{raw_list}] END AS __raw,
       CASE WHEN __bad OR NOT {keep_row} THEN [{src_list}] END AS __src{kept_sel}
FROM flagged"""
    return Conversion(
        table=table,
        select=select,
        readings=dict(readings),
        replacement=replacement,
        kept=tuple(keep),
        has_filter=bool(where),
        beyond=bool(shape.beyond),
        header_flag=hdr,
    )


def repeats_header(shape: SourceShape) -> str:
    """SQL true for a row whose cells repeat the header (files joined one after another; a
    byte-order mark may open the repeat)."""
    assert shape.header_cells is not None
    parts = []
    for i, (c, h) in enumerate(zip(shape.columns, shape.header_cells, strict=False)):
        if not h.strip():
            parts.append(f"{q(c)} IS NULL")
        elif i == 0:
            parts.append(f"{q(c)} IN ({lit(h)}, {lit(chr(0xFEFF) + h.lstrip(chr(0xFEFF)))})")
        else:
            parts.append(f"{q(c)} = {lit(h)}")
    return " AND ".join(parts) or "FALSE"
