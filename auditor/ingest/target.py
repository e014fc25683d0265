"""Where an import goes: which table a file feeds and where each canonical column comes from.

The headers are matched against the aliases of every canonical table (or the table the user
named), a mapping profile's explicit columns and expressions are laid over the matches, and each
expression is bound on its own so that an error names the column it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from auditor.case.schema import TABLES
from auditor.db import q
from auditor.errors import ImportFailed, MappingError
from auditor.ingest.expressions import check_scalar_expression
from auditor.ingest.extra_tables import validate_extra_name
from auditor.ingest.mapping import (
    ColumnSource,
    MappingProfile,
    ReadOptions,
    guess_table,
    match_headers,
)
from auditor.ingest.staging import SourceView


@dataclass(frozen=True)
class Target:
    table: str
    kind: str
    raw_exprs: dict[str, str]
    effective: MappingProfile


def resolve_target(view: SourceView, profile: MappingProfile, path: Path) -> Target:
    """Decide which table the file feeds and where each canonical column comes from."""
    read = ReadOptions(
        encoding=view.encoding,
        delimiter=view.delimiter,
        header_row=view.header_row,
        sheet=view.sheet,
    )
    if profile.extra:
        validate_extra_name(profile.extra)
        eff = replace(profile, read=read, columns={})
        return Target(profile.extra, "extra", {}, eff)
    headers_found = ", ".join(view.original_headers)
    by_original = dict(zip(view.original_headers, view.headers, strict=True))
    if profile.table:
        table = TABLES[profile.table]
    else:
        guesses = guess_table(view.original_headers)
        best = guesses[0]
        if best.missing_required and not profile.columns:
            raise ImportFailed(
                "the headers fit no canonical table (closest: "
                f"{best.table}, which needs {', '.join(best.missing_required)}); headers found: "
                f"{headers_found}. Name the table and map the columns with a mapping profile, "
                "or import it as an extra table",
                path=path,
            )
        table = TABLES[best.table]
    matched = match_headers(view.original_headers, table) if profile.auto else {}
    sources: dict[str, ColumnSource] = {c: ColumnSource(header=h) for c, h in matched.items()}
    sources.update(profile.columns)
    exprs: dict[str, str] = {}
    for canon, src in sources.items():
        if canon not in table.column_names:
            raise MappingError(f"table {table.name} has no column {canon!r}")
        if src.header is not None:
            if src.header not in by_original:
                raise MappingError(
                    f"{path}: column {canon!r} is mapped to header {src.header!r}, which the "
                    f"file does not have; headers found: {headers_found}"
                )
            exprs[canon] = q(by_original[src.header])
        else:
            # Checked again here: a profile may have been built in code or in the wizard.
            check_scalar_expression(src.expr or "", what=f"mapping column {canon!r}")
            exprs[canon] = f"({src.expr})"
    missing = [c for c in table.required if c not in exprs]
    if missing:
        raise ImportFailed(
            f"required columns missing for table {table.name}: {', '.join(missing)}; headers "
            f"found: {headers_found}",
            path=path,
        )
    eff = MappingProfile(
        table=table.name, columns=sources, read=read, auto=False, name=profile.name
    )
    return Target(table.name, "canonical", exprs, eff)


def check_expressions(conn: duckdb.DuckDBPyConnection, view: SourceView, target: Target) -> None:
    """Bind each mapping expression on its own, so an error names the column it belongs to."""
    cols = ", ".join(q(h) for h in view.headers)
    for canon, expr in target.raw_exprs.items():
        if expr.startswith('"'):
            continue
        try:
            conn.execute(
                f"SELECT CAST({expr} AS VARCHAR) FROM (SELECT {cols} FROM {view.from_sql}) LIMIT 0"
            )
        except duckdb.Error as e:
            raise MappingError(f"the expression for {canon!r} is not valid: {expr}: {e}") from e
