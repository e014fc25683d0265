"""Where an import goes: which table a file feeds and where each canonical column comes from.

The headers are matched against the aliases of every canonical table (or the table the user
named), a mapping profile's explicit columns and expressions are laid over the matches, and each
expression is bound on its own so that an error names the column it belongs to. A header that
appears twice maps by its first appearance. Every source column that no canonical column takes
by name is listed as unmapped: the import keeps it beside its row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from auditor.case.schema import TABLES, Table
from auditor.db import q
from auditor.errors import ImportFailed, MappingError
from auditor.ingest.aliases import header_aliases, normalise_header
from auditor.ingest.expressions import check_scalar_expression
from auditor.ingest.extra_tables import validate_extra_name
from auditor.ingest.formats import headers_excerpt, printable
from auditor.ingest.mapping import (
    ColumnSource,
    MappingProfile,
    ReadOptions,
    TableGuess,
    guess_table,
)
from auditor.ingest.staging import SourceView


@dataclass(frozen=True)
class Target:
    table: str
    kind: str
    raw_exprs: dict[str, str]
    effective: MappingProfile
    sources: dict[str, ColumnSource]  # canonical column -> where it comes from
    positions: dict[str, int]  # canonical column -> source column position (header mappings)
    unmapped: tuple[int, ...] = ()  # positions of source columns no canonical column takes


def match_positions(headers: tuple[str, ...], table: Table) -> dict[str, int]:
    """Canonical column -> position of the first source header that names it."""
    aliases = header_aliases()[table.name]
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        canon = aliases.get(normalise_header(h))
        if canon and canon not in found:
            found[canon] = i
    return found


def find_header(view: SourceView, header: str) -> int | None:
    """The position of a header a profile names: as in the file, as the import named the
    column (``amount_2`` for a repeat), or in the normal form of aliases; the first wins."""
    for names in (view.original_headers, view.headers):
        if header in names:
            return names.index(header)
    want = normalise_header(header)
    for i, h in enumerate(view.original_headers):
        if normalise_header(h) == want:
            return i
    return None


def resolve_target(view: SourceView, profile: MappingProfile, label: str | Path) -> Target:
    """Decide which table the file feeds and where each canonical column comes from."""
    read = ReadOptions(
        encoding=view.encoding,
        delimiter=view.delimiter,
        header_row=0 if view.generated_names else view.header_row,
        sheet=view.sheet,
        decimal="," if view.decimal_comma else None,
    )
    if profile.extra:
        validate_extra_name(profile.extra)
        eff = replace(profile, read=read, columns={})
        return Target(profile.extra, "extra", {}, eff, {}, {})
    found = describe_headers(view)
    if profile.table:
        table = TABLES[profile.table]
    else:
        guesses = guess_table(view.original_headers)
        best = guesses[0]
        if view.generated_names and not profile.columns:
            raise ImportFailed(
                "the file has no header row (its first row holds numbers or dates), so no table "
                f"can be recognised; its columns are named column_1..column_{len(view.headers)}: "
                "name the table and map those columns in a mapping profile, or import it as an "
                "extra table",
                path=label,
            )
        if best.missing_required and not profile.columns:
            raise ImportFailed(
                f"the headers fit no canonical table: {explain_fit(guesses)}; headers found: "
                f"{found}. Name the table and map the columns with a mapping profile, or "
                "import it as an extra table",
                path=label,
            )
        table = TABLES[best.table]
    positions = match_positions(view.original_headers, table) if profile.auto else {}
    sources: dict[str, ColumnSource] = {
        c: ColumnSource(header=view.original_headers[i]) for c, i in positions.items()
    }
    for canon, src in profile.columns.items():
        if src.header is None:
            positions.pop(canon, None)
        sources[canon] = src
    exprs: dict[str, str] = {}
    for canon, src in sources.items():
        if canon not in table.column_names:
            raise MappingError(f"table {table.name} has no column {canon!r}")
        if src.header is not None:
            at = positions.get(canon) if canon not in profile.columns else None
            at = find_header(view, src.header) if at is None else at
            if at is None:
                raise MappingError(
                    f"{label}: column {canon!r} is mapped to header "
                    f"{printable(src.header, 40)!r}, which the file does not have; headers "
                    f"found: {found}"
                )
            positions[canon] = at
            exprs[canon] = q(view.headers[at])
        else:
            # Checked again here: a profile may have been built in code or in the wizard.
            check_scalar_expression(src.expr or "", what=f"mapping column {canon!r}")
            exprs[canon] = f"({src.expr})"
    missing = [c for c in table.required if c not in exprs]
    if missing:
        raise ImportFailed(
            f"required columns missing for table {table.name}: {', '.join(missing)}; headers "
            f"found: {found}",
            path=label,
        )
    if profile.where:
        check_scalar_expression(profile.where, what="the row filter 'where'")
    used = set(positions.values())
    unmapped = tuple(i for i in range(len(view.headers)) if i not in used)
    eff = MappingProfile(
        table=table.name,
        columns=sources,
        read=read,
        auto=False,
        name=profile.name,
        where=profile.where,
    )
    return Target(table.name, "canonical", exprs, eff, sources, positions, unmapped)


def describe_headers(view: SourceView) -> str:
    """The source's headers, as a short printable list for messages (a file without a header
    row has none: then the names given to its columns)."""
    if view.generated_names:
        return (
            "none (the file has no header row; its columns are named "
            f"{headers_excerpt(list(view.headers))}: map them with a mapping profile)"
        )
    return headers_excerpt(list(view.original_headers))


def explain_fit(guesses: list[TableGuess]) -> str:
    """Which headers matched which table, for the three tables matched best."""
    parts = []
    for g in [g for g in guesses if g.matched][:3]:
        matched = ", ".join(f"{printable(h, 20)}→{c}" for c, h in list(g.matched.items())[:6]) + (
            " …" if len(g.matched) > 6 else ""
        )
        parts.append(f"{g.table} matched {matched} but lacks {', '.join(g.missing_required)}")
    return "; ".join(parts) if parts else "no header names a known column"


def check_expressions(conn: duckdb.DuckDBPyConnection, view: SourceView, target: Target) -> None:
    """Bind each mapping expression (and the row filter) on its own, so that an error names the
    column and the profile key it belongs to, in one line."""
    cols = ", ".join(q(h) for h in view.headers)
    checks = [(f"columns.{c}", e) for c, e in target.raw_exprs.items() if not e.startswith('"')]
    if target.effective.where:
        checks.append(("where", f"({target.effective.where})"))
    for key, expr in checks:
        try:
            conn.execute(
                f"SELECT CAST({expr} AS VARCHAR) FROM (SELECT {cols} FROM {view.from_sql}) LIMIT 0"
            )
        except duckdb.Error as e:
            raise MappingError(
                f"the mapping's {key} is not a valid expression: {one_line(e)}"
            ) from e


def one_line(e: Exception) -> str:
    """DuckDB's message without its type prefix, its ``LINE 1:`` echo of the SQL and the caret."""
    text = str(e).strip()
    first = text.splitlines()[0] if text else type(e).__name__
    for prefix in (
        "Binder Error: ",
        "Parser Error: ",
        "Conversion Error: ",
        "Invalid Input Error: ",
        "Catalog Error: ",
    ):
        if first.startswith(prefix):
            first = first[len(prefix) :]
    return printable(first, 200)
