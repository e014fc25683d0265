"""Mapping profiles: how one platform's export maps onto a canonical table.

A profile is a TOML file an examiner saves and reuses for the next export of the same platform::

    format = 1
    name = "Jiebei installments export"
    table = "installments"          # or extra = "side_table_name"

    [read]                          # optional: overrides what is detected
    encoding = "gb18030"
    delimiter = ","
    header_row = 3                  # 1-based line (CSV) or row (XLSX) of the header
    sheet = "还款计划"

    [columns]                       # canonical column = source header, or a DuckDB expression
    loan_id = "借据号"
    due_date = { expr = "DATE '1970-01-01' + CAST(\"到期天数\" AS INTEGER)" }
    contract_rate_annual = { expr = "CAST(\"借款利率\" AS DOUBLE) / 100" }

Columns not listed are matched by the header aliases in ``resources/header_aliases.toml`` unless
``auto = false``. Expressions see the source columns as text with null markers already removed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from auditor.case.schema import TABLES, Table
from auditor.errors import MappingError
from auditor.ingest.aliases import header_aliases, normalise_header
from auditor.ingest.expressions import check_scalar_expression

FORMAT_VERSION = 1


@dataclass(frozen=True)
class ColumnSource:
    """Where a canonical column comes from: exactly one of a source header or an expression."""

    header: str | None = None
    expr: str | None = None

    def to_toml(self) -> str | dict[str, str]:
        return self.header if self.header is not None else {"expr": self.expr or ""}


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class MappingProfile:
    table: str | None = None  # canonical table; None means detect from the headers
    extra: str | None = None  # import as an extra table under this name instead
    columns: dict[str, ColumnSource] = field(default_factory=dict)
    read: ReadOptions = ReadOptions()
    auto: bool = True
    name: str = ""

    def to_toml(self) -> str:
        doc: dict[str, Any] = {"format": FORMAT_VERSION}
        if self.name:
            doc["name"] = self.name
        if self.table:
            doc["table"] = self.table
        if self.extra:
            doc["extra"] = self.extra
        if not self.auto:
            doc["auto"] = False
        read = {k: v for k, v in vars(self.read).items() if v is not None}
        if read:
            doc["read"] = read
        if self.columns:
            doc["columns"] = {k: v.to_toml() for k, v in self.columns.items()}
        return tomli_w.dumps(doc)

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.to_toml(), encoding="utf-8")
        tmp.replace(path)


def parse_profile(text: str, origin: str = "<mapping>") -> MappingProfile:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise MappingError(f"{origin}: not valid TOML: {e}") from e
    known = {"format", "name", "table", "extra", "auto", "read", "columns"}
    unknown = sorted(set(doc) - known)
    if unknown:
        raise MappingError(f"{origin}: unknown keys {unknown}; known keys: {sorted(known)}")
    if doc.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        raise MappingError(f"{origin}: format {doc.get('format')} is not supported (expected 1)")
    table = doc.get("table")
    if table is not None and table not in TABLES:
        raise MappingError(f"{origin}: unknown table {table!r}; tables: {', '.join(TABLES)}")
    if table and doc.get("extra"):
        raise MappingError(f"{origin}: give either 'table' or 'extra', not both")
    read_doc = doc.get("read", {})
    bad_read = sorted(set(read_doc) - {"encoding", "delimiter", "header_row", "sheet"})
    if bad_read:
        raise MappingError(f"{origin}: unknown [read] keys {bad_read}")
    columns: dict[str, ColumnSource] = {}
    for canon, src in doc.get("columns", {}).items():
        if table and canon not in TABLES[table].column_names:
            raise MappingError(f"{origin}: table {table} has no column {canon!r}")
        if isinstance(src, str):
            columns[canon] = ColumnSource(header=src)
        elif isinstance(src, dict) and set(src) == {"expr"} and isinstance(src["expr"], str):
            check_scalar_expression(src["expr"], what=f"{origin}: column {canon!r}")
            columns[canon] = ColumnSource(expr=src["expr"])
        else:
            raise MappingError(
                f'{origin}: column {canon!r} must be a source header or {{ expr = "..." }}'
            )
    return MappingProfile(
        table=table,
        extra=doc.get("extra"),
        columns=columns,
        read=ReadOptions(**read_doc),
        auto=bool(doc.get("auto", True)),
        name=str(doc.get("name", "")),
    )


def load_profile(path: Path) -> MappingProfile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise MappingError(f"cannot read mapping profile {path}: {e.strerror}") from e
    return parse_profile(text, origin=str(path))


# --- matching headers to canonical tables -------------------------------------------------


def match_headers(headers: tuple[str, ...], table: Table) -> dict[str, str]:
    """Canonical column -> source header, by alias; the first source header wins."""
    aliases = header_aliases()[table.name]
    found: dict[str, str] = {}
    for h in headers:
        canon = aliases.get(normalise_header(h))
        if canon and canon not in found:
            found[canon] = h
    return found


@dataclass(frozen=True)
class TableGuess:
    table: str
    matched: dict[str, str]
    missing_required: tuple[str, ...]


def guess_table(headers: tuple[str, ...]) -> list[TableGuess]:
    """Every canonical table ranked by how well the headers fit it, best first.

    A table whose required columns are all present beats one that lacks any; among those, more
    matched columns and then a larger share of the table's columns win.
    """
    guesses = []
    for t in TABLES.values():
        m = match_headers(headers, t)
        missing = tuple(c for c in t.required if c not in m)
        guesses.append(TableGuess(t.name, m, missing))
    guesses.sort(
        key=lambda g: (
            not g.missing_required,
            len(g.matched) - 2 * len(g.missing_required),
            len(g.matched) / len(TABLES[g.table].columns),
        ),
        reverse=True,
    )
    return guesses
