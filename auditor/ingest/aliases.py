"""Header and value aliases: how the headers and coded values of real exports are recognised.

Headers are compared in a normal form (case, spacing and a trailing unit ignored) against the
canonical column names and the aliases in ``resources/header_aliases.toml``; coded values
(成功, 失败...) against ``resources/enum_aliases.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from auditor.case.schema import TABLES
from auditor.resources import load_toml

_BRACKETED = re.compile(r"[\(（\[【][^\)）\]】]*[\)）\]】]\s*$")
_SEPARATORS = re.compile(r"[\s_\-./:：·]+")


def normalise_header(text: str) -> str:
    """The form in which headers are compared: case, spacing and a trailing unit ignored.

    "借款金额(元)", " Loan_Amount " and "loan-amount" become "借款金额" and "loanamount".
    """
    s = unicodedata.normalize("NFKC", text).strip().lstrip("\ufeff")
    s = _BRACKETED.sub("", s) or s
    return _SEPARATORS.sub("", s).lower()


@cache
def header_aliases() -> dict[str, dict[str, str]]:
    """For each canonical table, normalised header -> canonical column."""
    raw = load_toml("header_aliases.toml")
    out: dict[str, dict[str, str]] = {}
    for tname, tdef in TABLES.items():
        m: dict[str, str] = {}
        for col in tdef.columns:
            m[normalise_header(col.name)] = col.name
        for col, aliases in raw.get(tname, {}).items():
            if col not in tdef.column_names:
                raise ValueError(f"header_aliases.toml: {tname} has no column {col!r}")
            for alias in aliases:
                m.setdefault(normalise_header(alias), col)
        out[tname] = m
    return out


@cache
def enum_aliases() -> dict[str, dict[str, str]]:
    """For each enumerated column name, lower-cased export value -> canonical value."""
    raw = load_toml("enum_aliases.toml")
    return {col: {k.strip().lower(): v for k, v in m.items()} for col, m in raw.items()}
