"""Access to the data the app ships in ``resources/`` and ``queries/``.

Both folders sit at the top of the repository and are installed as the packages
``auditor_resources`` and ``auditor_queries`` (see pyproject.toml), so the same code finds them in
an editable install and in a plain ``pip install .``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any


def resource(name: str) -> Traversable:
    return resources.files("auditor_resources").joinpath(name)


def queries_root() -> Traversable:
    return resources.files("auditor_queries")


@cache
def load_toml(name: str) -> dict[str, Any]:
    with resource(name).open("rb") as fh:
        return tomllib.load(fh)


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
    from auditor.schema import TABLES

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
