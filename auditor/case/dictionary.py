"""What each table and column means, in Chinese and English: ``resources/data_dictionary.toml``
read against the canonical schema, for the data request an examiner sends to a platform.

A column's type and allowed values come from the schema (``auditor.case.schema``), its meaning,
the header a Chinese export uses and an example value from the dictionary; a table outside the
schema (``loan_funding``, an extra table a check reads) carries its own ``kind``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, get_args

from auditor.case.schema import SQL_TYPES, TABLES, Kind
from auditor.errors import AuditorError
from auditor.resources import load_toml

DICTIONARY = "data_dictionary.toml"
TABLE_KEYS = {"zh", "en", "meaning_zh", "meaning_en"}
COLUMN_KEYS = {"zh", "meaning_zh", "meaning_en", "example"}
KIND_TEXT: dict[str, tuple[str, str]] = {
    "text": ("文本", "text"),
    "int": ("整数", "whole number"),
    "money": ("金额，单位元，两位小数", "money in yuan, two decimals"),
    "rate": ("比率，小数或百分数（0.18 或 18%）", "rate, a fraction or a percent (0.18 or 18%)"),
    "date": ("日期 YYYY-MM-DD", "date YYYY-MM-DD"),
    "timestamp": ("日期时间 YYYY-MM-DD HH:MM:SS（当地时间）", "date and time, local"),
    "bool": ("是/否", "yes/no"),
}


class DictionaryError(AuditorError):
    title = "Data dictionary"


@dataclass(frozen=True)
class ColumnDoc:
    table: str
    name: str
    zh: str  # the header a Chinese export uses for it
    meaning_zh: str
    meaning_en: str
    example: str
    kind: Kind
    required: bool = False  # the table does not load without it
    values_zh: tuple[str, ...] = ()  # allowed values, as Chinese exports write them
    values: tuple[str, ...] = ()  # the canonical values

    @property
    def type_zh(self) -> str:
        text = KIND_TEXT[self.kind][0]
        return f"{text}；取值：{'、'.join(self.values_zh)}" if self.values_zh else text

    @property
    def type_en(self) -> str:
        text = KIND_TEXT[self.kind][1]
        return f"{text}; one of: {', '.join(self.values)}" if self.values else text


@dataclass(frozen=True)
class TableDoc:
    name: str
    zh: str
    en: str
    meaning_zh: str
    meaning_en: str
    columns: dict[str, ColumnDoc]
    canonical: bool

    def column(self, name: str) -> ColumnDoc:
        try:
            return self.columns[name]
        except KeyError:
            raise DictionaryError(
                f"{DICTIONARY}: {self.name} has no entry for column {name!r}"
            ) from None


@cache
def dictionary() -> dict[str, TableDoc]:
    """Every documented table, canonical ones in schema order first; raises DictionaryError
    naming the entry when the file and the schema disagree."""
    raw = load_toml(DICTIONARY)
    out = {}
    for name in [*TABLES, *(t for t in raw if t not in TABLES)]:
        if name not in raw:
            raise DictionaryError(f"{DICTIONARY}: canonical table {name} has no entry")
        out[name] = _table(name, raw[name])
    return out


def table_doc(name: str) -> TableDoc | None:
    return dictionary().get(name)


def _table(name: str, raw: dict[str, Any]) -> TableDoc:
    missing = TABLE_KEYS - set(raw)
    if missing:
        raise DictionaryError(f"{DICTIONARY}: [{name}] lacks {sorted(missing)}")
    schema = TABLES.get(name)
    entries = {k: v for k, v in raw.items() if isinstance(v, dict)}
    if schema is not None:
        names = list(schema.column_names)
        extra = sorted(set(entries) - set(names))
        if extra:
            raise DictionaryError(f"{DICTIONARY}: {name} has no columns {extra}")
    else:
        names = list(entries)
    columns = {c: _column(name, c, entries.get(c)) for c in names}
    return TableDoc(
        name,
        raw["zh"],
        raw["en"],
        raw["meaning_zh"],
        raw["meaning_en"],
        columns,
        schema is not None,
    )


def _column(table: str, name: str, raw: dict[str, Any] | None) -> ColumnDoc:
    where = f"{DICTIONARY}: [{table}.{name}]"
    if raw is None:
        raise DictionaryError(f"{where} is missing")
    schema = TABLES.get(table)
    wanted = COLUMN_KEYS | ({"kind"} if schema is None else set())
    if set(raw) != wanted:
        raise DictionaryError(f"{where} needs exactly {sorted(wanted)}, found {sorted(raw)}")
    if schema is None:
        if raw["kind"] not in get_args(Kind):
            raise DictionaryError(f"{where}: kind must be one of {', '.join(SQL_TYPES)}")
        return ColumnDoc(
            table, name, raw["zh"], raw["meaning_zh"], raw["meaning_en"], raw["example"],
            raw["kind"],
        )  # fmt: skip
    col = schema.column(name)
    return ColumnDoc(
        table,
        name,
        raw["zh"],
        raw["meaning_zh"],
        raw["meaning_en"],
        raw["example"],
        col.kind,
        col.required,
        tuple(_zh_value(name, v) for v in col.enum),
        col.enum,
    )


def _zh_value(column: str, value: str) -> str:
    """How a Chinese export writes a canonical value: its first alias, else the value itself."""
    aliases = load_toml("enum_aliases.toml").get(column, {})
    return next((k for k, v in aliases.items() if v == value), value)
