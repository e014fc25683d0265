"""Units of rate and money columns: decided per column, stated with the evidence, overridable.

Exports write an annual rate of 7.3% as ``0.073``, ``7.3``, ``7.3%`` or ``7.30`` under a header
``年利率(%)``; money comes in yuan, in 分 (cents) or in 万元 (ten thousands). Read as stored,
7.3 is 730% and every APR check goes wrong without a word. So each rate and money column gets a
unit, in this order of evidence:

1. the mapping profile says so (``unit = "percent"``);
2. the header says so: ``%``, ``(%)``, ``百分比``, ``percent`` (percent), ``‰`` (permille),
   ``万元`` (ten thousands), ``分`` or ``cents`` (cents), ``元`` (yuan);
3. for rates, the values: most cells carry a ``%`` sign, or most bare values are above what a
   rate of that kind can be as a fraction (an annual rate above 1 is above 100%);
4. otherwise the canonical unit (fraction, yuan), said to be the default.

The decision is computed from the first rows (a sample, never a second pass over the file),
printed in the import summary, stored in the case and written into the mapping used, so that the
next export of the same platform is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from auditor.case.schema import Table
from auditor.db import q
from auditor.ingest.convert import Reading
from auditor.ingest.mapping import MONEY_UNITS, RATE_UNITS, ColumnSource
from auditor.ingest.staging import SourceView
from auditor.ingest.unit_text import LINE, evidence_text, unit_word

SAMPLE_ROWS = 20_000
# Above this a bare value of the column cannot be a fraction of its kind: an annual rate of
# more than 100%, a daily rate of more than 1% a day.
FRACTION_LIMIT = {"daily_rate_value": 0.01}
_PERCENT_HEADER = re.compile(r"%|％|百分比|百分率|percent|pct", re.IGNORECASE)
_PERMILLE_HEADER = re.compile(r"‰|千分")
_WAN_HEADER = re.compile(r"万元|[(（]\s*万\s*[)）]|万$")
_CENTS_HEADER = re.compile(r"[(（]\s*分\s*[)）]|分\)$|cents?\b|_cents?$|in\s+cents", re.IGNORECASE)
_YUAN_HEADER = re.compile(r"元|yuan|rmb|cny|usd|\$|dollars?", re.IGNORECASE)


@dataclass(frozen=True)
class UnitDecision:
    column: str  # canonical column
    source: str  # the source header, or "expression"
    kind: str  # "rate" or "money"
    unit: str
    by: str  # "profile", "header", "cells", "values" or "default"
    evidence: str
    doubtful: bool = False  # the values do not settle it: said in the warnings
    # The evidence as facts, for other languages: its key in ``unit_text.EVIDENCE`` and the
    # figures it names.
    key: str = ""
    facts: tuple[tuple[str, str], ...] = ()

    @property
    def factor(self) -> float:
        return RATE_UNITS[self.unit] if self.kind == "rate" else MONEY_UNITS[self.unit]

    def describe(self, lang: str = "en") -> str:
        """``contract_rate_annual (年利率(%)): percent, the header says %: ÷ 100``."""
        return LINE.get(lang, LINE["en"]).format(
            column=self.column,
            source=unit_word(self.source, lang) if self.source == "expression" else self.source,
            unit=unit_word(self.unit, lang),
            evidence=self.evidence_in(lang),
        )

    def evidence_in(self, lang: str) -> str:
        """The evidence in ``lang`` (as stored when English, or when it has no facts)."""
        if lang == "en" or not self.key:
            return self.evidence
        return evidence_text(self.key, dict(self.facts), lang)


def _decision(
    column: str,
    label: str,
    kind: str,
    unit: str,
    by: str,
    key: str,
    facts: dict[str, str] | None = None,
    *,
    doubtful: bool = False,
) -> UnitDecision:
    """A decision with its evidence in English (stored) and as facts (for other languages)."""
    facts = facts or {}
    why = evidence_text(key, facts, "en")
    return UnitDecision(column, label, kind, unit, by, why, doubtful, key, tuple(facts.items()))


@dataclass(frozen=True)
class _Stats:
    n: int = 0
    pct: int = 0
    numbers: int = 0
    above: int = 0
    median: float | None = None


def decide_units(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    table: Table,
    sources: dict[str, ColumnSource],
    raw_exprs: dict[str, str],
) -> dict[str, UnitDecision]:
    """The unit of every rate and money column that the source fills."""
    cols = [c for c in table.columns if c.kind in ("rate", "money") and c.name in raw_exprs]
    if not cols:
        return {}
    rates = [c for c in cols if c.kind == "rate" and sources[c.name].unit is None]
    stats = _rate_stats(conn, view, raw_exprs, [c.name for c in rates]) if rates else {}
    out = {}
    for col in cols:
        src = sources[col.name]
        label = src.header if src.header is not None else "expression"
        if src.unit is not None:
            out[col.name] = _decision(col.name, label, col.kind, src.unit, "profile", "profile")
        elif col.kind == "rate":
            out[col.name] = _decide_rate(col.name, label, src.header or "", stats[col.name])
        else:
            out[col.name] = _decide_money(col.name, label, src.header or "")
    return out


def readings(decisions: dict[str, UnitDecision], decimal_comma: bool) -> dict[str, Reading]:
    cols = set(decisions)
    out = {c: Reading(decisions[c].factor, decimal_comma) for c in cols}
    return out


def _decide_money(column: str, label: str, header: str) -> UnitDecision:
    if _WAN_HEADER.search(header):
        unit, by, key = "wan", "header", "money_wan"
    elif _CENTS_HEADER.search(header):
        unit, by, key = "cents", "header", "money_cents"
    elif _YUAN_HEADER.search(header):
        unit, by, key = "units", "header", "money_units"
    else:
        unit, by, key = "units", "default", "money_default"
    return _decision(column, label, "money", unit, by, key)


def _decide_rate(column: str, label: str, header: str, s: _Stats) -> UnitDecision:
    limit = FRACTION_LIMIT.get(column, 1.0)
    if _PERMILLE_HEADER.search(header):
        return _decision(column, label, "rate", "permille", "header", "rate_permille")
    if _PERCENT_HEADER.search(header):
        return _decision(column, label, "rate", "percent", "header", "rate_percent")
    if s.n and s.pct * 2 >= s.n:
        return _decision(
            column,
            label,
            "rate",
            "percent",
            "cells",
            "rate_cells",
            {"pct": f"{s.pct:,}", "n": f"{s.n:,}"},
        )
    seen = {
        "above": f"{s.above:,}",
        "numbers": f"{s.numbers:,}",
        "limit": f"{limit:g}",
        "med": f"{s.median:.4g}" if s.median is not None else "none",
    }
    if s.numbers and s.above * 2 >= s.numbers:
        over = "over_year" if limit == 1.0 else "over_day"
        return _decision(
            column, label, "rate", "percent", "values", "rate_values", {"over": over, **seen}
        )
    if s.numbers:
        doubtful = s.above > 0
        which = "all_but" if s.above else "all"
        return _decision(
            column,
            label,
            "rate",
            "fraction",
            "values",
            "rate_fraction",
            {"which": which, "doubt": "yes" if doubtful else "", **seen},
            doubtful=doubtful,
        )
    return _decision(column, label, "rate", "fraction", "default", "rate_default")


def _rate_stats(
    conn: duckdb.DuckDBPyConnection,
    view: SourceView,
    raw_exprs: dict[str, str],
    names: list[str],
) -> dict[str, _Stats]:
    cleaned = ", ".join(f"{view.clean.get(h, q(h))} AS {q(h)}" for h in view.headers)
    sample = f"(SELECT {cleaned} FROM {view.from_sql} LIMIT {SAMPLE_ROWS})"
    parts = []
    for name in names:
        expr = raw_exprs[name]
        v = f"trim(CAST(try({expr}) AS VARCHAR))" if not expr.startswith('"') else f"trim({expr})"
        bare = (
            f"TRY_CAST(regexp_replace({v}, '[\\s,]', '', 'g') AS DOUBLE)"
            if not view.decimal_comma
            else f"TRY_CAST(replace(regexp_replace({v}, '[\\s.]', '', 'g'), ',', '.') AS DOUBLE)"
        )
        limit = FRACTION_LIMIT.get(name, 1.0)
        parts += [
            f"count({v})",
            f"count(*) FILTER (WHERE contains({v}, '%'))",
            f"count({bare}) FILTER (WHERE NOT contains({v}, '%'))",
            f"count(*) FILTER (WHERE NOT contains({v}, '%') AND abs({bare}) > {limit!r})",
            f"median({bare}) FILTER (WHERE NOT contains({v}, '%'))",
        ]
    try:
        row = conn.execute(f"SELECT {', '.join(parts)} FROM {sample}").fetchall()[0]
    except duckdb.Error:
        return {n: _Stats() for n in names}  # the import itself will say what is wrong
    out = {}
    for i, name in enumerate(names):
        n, pct, numbers, above, median = row[5 * i : 5 * i + 5]
        out[name] = _Stats(
            int(n),
            int(pct),
            int(numbers),
            int(above),
            float(median) if median is not None else None,
        )
    return out
