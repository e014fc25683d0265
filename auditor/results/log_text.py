"""The audit log as sentences: what each entry records, for the desktop's log and the report.

The log keeps each entry's detail as JSON (the record, hashed into the chain); people read a
line such as "DLQ-06: finding, 30 finding rows, 30 loans (as of 2024-09-30, 0.39 s)". An entry
of an action this release does not know is shown as its keys and values, never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

# User-visible texts, in one place for translation.
ACTIONS = {
    "case_created": "Case created",
    "import": "Import",
    "check_run": "Check run",
    "base_built": "Base layer built",
    "apr_built": "APR computed",
    "outage_built": "Outage links built",
    "report": "Report written",
    "workbook_rerun": "Workbook re-run",
}
STATUS = {
    "pass": "pass",
    "finding": "finding",
    "info": "information",
    "not_run": "not run",
    "error": "error",
    "cancelled": "cancelled",
}
TEXT = {
    "case_created": "{file}",
    "import": "{file} into {table}: {read} rows read, {loaded} loaded, {rejected} rejected",
    "check_run": "{id}: {status}",
    "findings": "{n} finding rows",
    "loans": "{n} loans",
    "borrowers": "{n} borrowers",
    "amount": "amount {n}",
    "rows": "{n} rows",
    "as_of": "as of {date}",
    "seconds": "{s:.2f} s",
    "base_built": "as of {as_of}, clearing by {clearing}",
    "apr_built": "{loans} loans",
    "report": "{file}: {checks} checks, {rows} evidence rows",
    "workbook_rerun": "{file}, as of {as_of}",
    "separator": ", ",  # between the parts of a check run's line
    "aside": " ({0})",  # its as-of and duration
}


def _n(value: Any) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def _money(value: Any) -> str:
    try:
        return f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return str(value)


def action_text(action: str) -> str:
    return ACTIONS.get(action, action.replace("_", " ").capitalize())


def _check_run(d: dict[str, Any], words: Mapping[str, str], statuses: Mapping[str, str]) -> str:
    head = words["check_run"].format(
        id=d.get("id", "?"), status=statuses.get(str(d.get("status")), d.get("status"))
    )
    parts = []
    if d.get("status") == "finding":
        parts.append(words["findings"].format(n=_n(d.get("finding_rows", 0))))
        for key in ("loans", "borrowers"):
            if d.get(key):
                parts.append(words[key].format(n=_n(d[key])))
        if d.get("amount") not in (None, "0"):
            parts.append(words["amount"].format(n=_money(d["amount"])))
    elif d.get("status") in ("pass", "info"):
        parts.append(words["rows"].format(n=_n(d.get("rows", 0))))
    elif d.get("reason"):
        parts.append(str(d["reason"]))
    tail = []
    as_of = (d.get("params") or {}).get("as_of", {})
    if isinstance(as_of, dict) and as_of.get("value"):
        tail.append(words["as_of"].format(date=as_of["value"]))
    if d.get("duration_s"):
        tail.append(words["seconds"].format(s=float(d["duration_s"])))
    sep = words["separator"]
    text = head + (sep + sep.join(parts) if parts else "")
    return text + (words["aside"].format(sep.join(tail)) if tail else "")


def detail_text(
    action: str,
    detail: Any,
    words: Mapping[str, str] = TEXT,
    statuses: Mapping[str, str] = STATUS,
) -> str:
    """One line saying what the entry records; ``words`` and ``statuses`` give TEXT and
    STATUS in another language (the desktop's translation)."""
    if not isinstance(detail, dict):
        return str(detail)
    d = detail
    try:
        if action == "check_run":
            return _check_run(d, words, statuses)
        if action == "import":
            return words["import"].format(
                file=Path(str(d.get("file", ""))).name,
                table=d.get("table", "?"),
                read=_n(d.get("rows_read")),
                loaded=_n(d.get("rows_loaded")),
                rejected=_n(d.get("rows_rejected")),
            )
        if action == "case_created":
            return words["case_created"].format(file=Path(str(d.get("path", ""))).name)
        if action == "base_built":
            return words["base_built"].format(
                as_of=d.get("as_of", "?"), clearing=d.get("clearing", "?")
            )
        if action == "apr_built":
            return words["apr_built"].format(loans=_n(d.get("loans")))
        if action == "report":
            rows = d.get("evidence_rows") or {}
            return words["report"].format(
                file=Path(str(d.get("file", ""))).name,
                checks=len(d.get("checks") or []),
                rows=_n(sum(int(v) for v in rows.values()) if isinstance(rows, dict) else 0),
            )
        if action == "workbook_rerun":
            return words["workbook_rerun"].format(
                file=Path(str(d.get("workbook", ""))).name, as_of=d.get("as_of", "?")
            )
    except (TypeError, ValueError, AttributeError):
        pass  # an entry not shaped as this release writes it: shown as its keys below
    return "; ".join(f"{k.replace('_', ' ')}: {_plain(v)}" for k, v in sorted(d.items()))


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)
