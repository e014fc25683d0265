"""Mapping profiles: how one platform's export maps onto a canonical table.

A profile is a TOML file an examiner saves and reuses for the next export of the same platform::

    format = 1
    name = "Jiebei installments export"
    table = "installments"          # or extra = "side_table_name"

    where = "\"状态\" = '已放款'"     # optional row filter: rows where it is not true are
                                    # excluded (counted and shown, not rejected)

    [read]                          # optional: overrides what is detected
    encoding = "gb18030"
    delimiter = ","
    header_row = 3                  # 1-based record (CSV) or row (XLSX) of the header; 0: none
    sheet = "还款计划"
    decimal = ","                   # the decimal mark of numbers (default: detected)

    [columns]                       # canonical column = source header, or a DuckDB expression
    loan_id = "借据号"
    due_date = { expr = "DATE '1970-01-01' + CAST(\"到期天数\" AS INTEGER)" }
    contract_rate_annual = { header = "年利率", unit = "percent" }
    contract_principal = { header = "借款金额(万元)", unit = "wan" }

Columns not listed are matched by the header aliases in ``resources/header_aliases.toml`` unless
``auto = false``. Expressions see the source columns as text with null markers already removed.
A rate column's unit is ``fraction``, ``percent`` or ``permille``; a money column's ``units``
(yuan, dollars), ``cents`` (分) or ``wan`` (万, ten thousands). Without one the import decides
from the header and the values, and records its decision here.
"""

from __future__ import annotations

import codecs
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
RATE_UNITS = {"fraction": 1.0, "percent": 100.0, "permille": 1000.0}
MONEY_UNITS = {"units": 1.0, "cents": 0.01, "wan": 10000.0}
UNIT_ALIASES = {
    "%": "percent",
    "pct": "percent",
    "百分比": "percent",
    "‰": "permille",
    "yuan": "units",
    "元": "units",
    "dollars": "units",
    "分": "cents",
    "fen": "cents",
    "万": "wan",
    "万元": "wan",
    "ten_thousands": "wan",
}


@dataclass(frozen=True)
class ColumnSource:
    """Where a canonical column comes from: exactly one of a source header or an expression,
    and for rate and money columns the unit its values are in (None: decided at import)."""

    header: str | None = None
    expr: str | None = None
    unit: str | None = None

    def to_toml(self) -> str | dict[str, str]:
        if self.unit is None and self.header is not None:
            return self.header
        doc = {"header": self.header} if self.header is not None else {"expr": self.expr or ""}
        if self.unit is not None:
            doc["unit"] = self.unit
        return doc


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None
    sheet: str | None = None
    decimal: str | None = None  # "." or ","; None: detected


@dataclass(frozen=True)
class MappingProfile:
    table: str | None = None  # canonical table; None means detect from the headers
    extra: str | None = None  # import as an extra table under this name instead
    columns: dict[str, ColumnSource] = field(default_factory=dict)
    read: ReadOptions = ReadOptions()
    auto: bool = True
    name: str = ""
    where: str | None = None  # a row filter: rows for which it is not true are excluded

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
        if self.where:
            doc["where"] = self.where
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
    known = {"format", "name", "table", "extra", "auto", "read", "columns", "where"}
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
    read = _read_options(doc.get("read", {}), origin)
    if not isinstance(doc.get("columns", {}), dict):
        raise MappingError(f"{origin}: [columns] must be a table of column = source")
    columns: dict[str, ColumnSource] = {}
    for canon, src in doc.get("columns", {}).items():
        if table and canon not in TABLES[table].column_names:
            raise MappingError(f"{origin}: table {table} has no column {canon!r}")
        columns[canon] = _column_source(canon, src, table, origin)
    where = doc.get("where")
    if where is not None:
        if not isinstance(where, str):
            raise MappingError(f"{origin}: 'where' must be a text expression")
        check_scalar_expression(where, what=f"{origin}: the row filter 'where'")
    if not isinstance(doc.get("auto", True), bool):
        raise MappingError(f"{origin}: 'auto' must be true or false")
    return MappingProfile(
        table=table,
        extra=doc.get("extra"),
        columns=columns,
        read=read,
        auto=bool(doc.get("auto", True)),
        name=str(doc.get("name", "")),
        where=where,
    )


def _read_options(read_doc: object, origin: str) -> ReadOptions:
    if not isinstance(read_doc, dict):
        raise MappingError(f"{origin}: [read] must be a table")
    known = {"encoding", "delimiter", "header_row", "sheet", "decimal"}
    bad_read = sorted(set(read_doc) - known)
    if bad_read:
        raise MappingError(f"{origin}: unknown [read] keys {bad_read}; known: {sorted(known)}")
    enc = read_doc.get("encoding")
    if enc is not None:
        try:
            if not isinstance(enc, str) or enc.lower() != "utf-8+gb18030":
                codecs.lookup(str(enc))
        except LookupError as e:
            raise MappingError(f"{origin}: [read] encoding {enc!r} is not a known encoding") from e
    hrow = read_doc.get("header_row")
    if hrow is not None and (isinstance(hrow, bool) or not isinstance(hrow, int) or hrow < 0):
        raise MappingError(
            f"{origin}: [read] header_row must be a whole number (1 = the first row, 0 = none)"
        )
    delim = read_doc.get("delimiter")
    if delim is not None and (not isinstance(delim, str) or len(delim) != 1 or delim in '\r\n"'):
        raise MappingError(f"{origin}: [read] delimiter must be one character (not a quote)")
    dec = read_doc.get("decimal")
    if dec is not None and dec not in (".", ","):
        raise MappingError(f'{origin}: [read] decimal must be "." or ","')
    sheet = read_doc.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise MappingError(f"{origin}: [read] sheet must be a sheet name")
    return ReadOptions(**read_doc)


def normal_unit(unit: str) -> str:
    return UNIT_ALIASES.get(unit.strip().lower(), unit.strip().lower())


def check_unit(unit: str, kind: str, what: str) -> str:
    """The unit's canonical name, or MappingError when it does not fit the column's kind."""
    name = normal_unit(unit)
    allowed = RATE_UNITS if kind == "rate" else MONEY_UNITS if kind == "money" else {}
    if not allowed:
        raise MappingError(f"{what}: only rate and money columns take a unit")
    if name not in allowed:
        raise MappingError(f"{what}: unit {unit!r} is not one of {', '.join(allowed)}")
    return name


def _column_source(canon: str, src: object, table: str | None, origin: str) -> ColumnSource:
    what = f"{origin}: column {canon!r}"
    if isinstance(src, str):
        return ColumnSource(header=src)
    if not isinstance(src, dict) or not (
        set(src) in ({"expr"}, {"header"}, {"expr", "unit"}, {"header", "unit"})
        and all(isinstance(v, str) for v in src.values())
    ):
        raise MappingError(
            f'{what} must be a source header, {{ header = "...", unit = "..." }} or '
            f'{{ expr = "..." }}'
        )
    unit = src.get("unit")
    if unit is not None:
        kinds = {c.kind for t in TABLES.values() for c in t.columns if c.name == canon}
        kind = (
            TABLES[table].column(canon).kind if table else (kinds.pop() if len(kinds) == 1 else "")
        )
        unit = check_unit(unit, kind, what) if kind else normal_unit(unit)
    if "expr" in src:
        check_scalar_expression(src["expr"], what=what)
        return ColumnSource(expr=src["expr"], unit=unit)
    return ColumnSource(header=src["header"], unit=unit)


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
