"""What is still English in a Chinese text, once the names that stay as they are (canonical
table and column names, check IDs, numbers) are taken out."""

from __future__ import annotations

import re

from auditor.case.dictionary import dictionary
from auditor.case.schema import TABLES

NAMES = (
    {"history", "runs"}
    | set(TABLES)
    | {c.name for t in TABLES.values() for c in t.columns}
    | set(dictionary())
    | {c for t in dictionary().values() for c in t.columns}
    | {"UTF", "MiB"}  # names of an encoding and a size, the same in Chinese
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CHECK_ID = re.compile(r"\b[A-Z]{2,4}-\d\d\b")


def english_left(text: str) -> list[str]:
    """The Latin words of ``text`` that are not a table or column name nor a check ID."""
    text = _CHECK_ID.sub("", text)
    return [w for w in _WORD.findall(text) if w not in NAMES and len(w) > 1]
