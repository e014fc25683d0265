"""The English-Chinese glossary the app ships (``resources/glossary.toml``).

One place decides how a term is translated, so the desktop app, the check library and the
report say the same thing the same way. Each entry pairs the English term with its Chinese,
a note on why (often the regulation the term comes from) and the renderings to avoid; the
``[columns]`` table gives the Chinese label of result columns many checks share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from auditor.errors import AuditorError
from auditor.resources import load_toml

GLOSSARY_FILE = "glossary.toml"


class GlossaryError(AuditorError):
    title = "Glossary"


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    note: str = ""
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    columns: dict[str, str]
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column: {English: 中文}

    def zh(self, en: str) -> str:
        """The Chinese of English term ``en`` (exact, case-sensitive as the glossary spells
        it); raises GlossaryError for a term the glossary does not hold."""
        for term in self.terms:
            if term.en == en:
                return term.zh
        raise GlossaryError(f"{GLOSSARY_FILE}: no term {en!r}")

    def column(self, name: str) -> str:
        """The shared Chinese label of result column ``name``, or "" when it has none."""
        return self.columns.get(name, "")


@cache
def glossary() -> Glossary:
    """The shipped glossary, parsed once; refuses an entry without en or zh, or an English
    term given twice (two translations of one term is what the glossary exists to prevent)."""
    raw = load_toml(GLOSSARY_FILE)
    terms = []
    seen: set[str] = set()
    for i, entry in enumerate(raw.get("term", []), start=1):
        en, zh = entry.get("en"), entry.get("zh")
        if not isinstance(en, str) or not en or not isinstance(zh, str) or not zh:
            raise GlossaryError(f"{GLOSSARY_FILE}: term {i} needs en and zh")
        if en in seen:
            raise GlossaryError(f"{GLOSSARY_FILE}: {en!r} is translated twice")
        seen.add(en)
        avoid = entry.get("avoid", [])
        if not isinstance(avoid, list) or not all(isinstance(a, str) and a for a in avoid):
            raise GlossaryError(f"{GLOSSARY_FILE}: avoid of {en!r} must be a list of text")
        terms.append(Term(en, zh, str(entry.get("note", "")), tuple(avoid)))
    columns = raw.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise GlossaryError(f"{GLOSSARY_FILE}: [columns] maps column names to labels")
    values = raw.get("values", {})
    if not isinstance(values, dict) or not all(
        isinstance(m, dict) and all(isinstance(v, str) for v in m.values()) for m in values.values()
    ):
        raise GlossaryError(f"{GLOSSARY_FILE}: [values.<column>] maps values to Chinese text")
    return Glossary(tuple(terms), dict(columns), {c: dict(m) for c, m in values.items()})
