"""Query workbooks (``.auditwb``): a saved inspection, re-runnable on the next export.

A workbook is human-readable TOML with a format name and version. It holds the inspection's
title, platform and examiner; the jurisdiction profile, parameter overrides (for all checks and
per check) and the review period (its start and the as-of date); the canned checks chosen;
custom queries (name, SQL, typed parameters, chart, notes); the examiner's notes and
dispositions of findings; and the data sources (path, SHA-256, table, mapping profile).

Saving writes a temporary file and renames it into place. Opening explains problems precisely:
malformed TOML with line and column, an unsupported version, a value of the wrong kind naming
its key. Unknown check ids are listed and skipped, not fatal: a colleague's workbook from a
newer release still opens. A workbook is untrusted input: its custom SQL must be one read-only
SELECT (checked here and again when run) and runs under the same sandbox as every check.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import tomli_w

from auditor.engine.checks import (
    ChartSpec,
    CheckSpec,
    FindingRule,
    QuerySpecError,
    assert_single_select,
    parse_chart,
    sql_parameters,
)
from auditor.engine.params import ParamError, ParamSpec, parse_param_spec
from auditor.errors import AuditorError, MappingError
from auditor.ingest.mapping import parse_profile

FORMAT = "lending-auditor-workbook"
VERSION = 1
SUFFIX = ".auditwb"
DISPOSITIONS = ("confirmed", "dismissed")
TOP_KEYS = {
    "format", "version", "title", "platform", "examiner", "profile", "as_of", "from_date", "checks",
    "params", "check_params", "notes", "dispositions", "custom_queries", "sources",
    "reviewer", "conclusion",  # the inspection's properties (report cover)
}  # fmt: skip


class WorkbookError(AuditorError):
    title = "Workbook"


@dataclass(frozen=True)
class CustomQuery:
    id: str  # "CQ-01": unique in the workbook, the result table's name
    name: str
    sql: str
    params: tuple[ParamSpec, ...] = ()
    chart: ChartSpec | None = None
    notes: str = ""


@dataclass(frozen=True)
class Disposition:
    check: str
    key: str  # the finding row's key (see ``finding_key``)
    status: Literal["confirmed", "dismissed"]
    reason: str = ""


@dataclass(frozen=True)
class SourceRef:
    path: str
    sha256: str
    table: str
    mapping: str = ""  # the mapping profile as TOML text


@dataclass
class Workbook:
    title: str = "Inspection"
    platform: str = ""
    examiner: str = ""
    profile: str = "CN"
    as_of: dt.date | None = None
    from_date: dt.date | None = None  # start of the review period (None: first day with data)
    checks: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    check_params: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    dispositions: list[Disposition] = field(default_factory=list)
    custom_queries: list[CustomQuery] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    # The rest of the inspection's properties, for the report's cover and sign-off block.
    reviewer: str = ""
    conclusion: str = ""


@dataclass(frozen=True)
class Opened:
    workbook: Workbook
    warnings: tuple[str, ...] = ()  # what was skipped, and why


def finding_key(values: list[Any] | tuple[Any, ...]) -> str:
    """The key a disposition is filed under: the row's first three values, as text."""
    return "|".join("" if v is None else str(v) for v in list(values)[:3])


# --- writing -----------------------------------------------------------------------------


def _param_doc(p: ParamSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {"type": p.type, "default": p.default, "label": p.label}
    if p.help:
        doc["help"] = p.help
    if p.choices:
        doc["choices"] = list(p.choices)
    if p.type == "list":
        doc["item_type"] = p.item_type
    return doc


def _chart_doc(c: ChartSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {"kind": c.kind, "x": c.x, "y": list(c.y)}
    for key in ("series", "shade_start", "shade_end"):
        if getattr(c, key):
            doc[key] = getattr(c, key)
    if c.title:
        doc["title"] = c.title
    return doc


def _has_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_cr(v) for v in value)
    return False


def to_toml(wb: Workbook) -> str:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "title": wb.title,
        "platform": wb.platform,
        "examiner": wb.examiner,
        "profile": wb.profile,
    }
    if wb.as_of is not None:
        doc["as_of"] = wb.as_of
    if wb.from_date is not None:
        doc["from_date"] = wb.from_date
    doc["reviewer"] = wb.reviewer
    doc["conclusion"] = wb.conclusion
    doc["checks"] = list(wb.checks)
    doc["params"] = dict(wb.params)
    doc["check_params"] = {k: dict(v) for k, v in wb.check_params.items()}
    doc["notes"] = dict(wb.notes)
    doc["dispositions"] = [
        {"check": d.check, "key": d.key, "status": d.status, "reason": d.reason}
        for d in wb.dispositions
    ]
    doc["custom_queries"] = [
        {
            "id": q.id,
            "name": q.name,
            "sql": q.sql,
            "notes": q.notes,
            "params": {p.name: _param_doc(p) for p in q.params},
            **({"chart": _chart_doc(q.chart)} if q.chart else {}),
        }
        for q in wb.custom_queries
    ]
    doc["sources"] = [
        {"path": s.path, "sha256": s.sha256, "table": s.table, "mapping": s.mapping}
        for s in wb.sources
    ]
    # SQL and mappings read best as multi-line strings, but a TOML reader turns a carriage
    # return inside one into a plain newline: with any CR about, every string stays escaped.
    multiline = not _has_cr(doc)
    return "# Lending Auditor query workbook: a saved inspection (TOML).\n" + tomli_w.dumps(
        doc, multiline_strings=multiline
    )


def save(wb: Workbook, path: Path | str) -> Path:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(to_toml(wb), encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise WorkbookError(f"cannot save {path}: {e.strerror or e}") from e
    return path


# --- reading -----------------------------------------------------------------------------


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise WorkbookError(f"{where} must be a {names}, not {type(value).__name__}")
    return value


def _str_map(value: Any, where: str) -> dict[str, str]:
    _expect(value, dict, where)
    return {
        str(k): str(_expect(v, (str, int, float, bool), f"{where}.{k}")) for k, v in value.items()
    }


def check_query_sql(sql: str, params: tuple[ParamSpec, ...], origin: str) -> None:
    """A custom query's SQL: one read-only SELECT using exactly its declared $parameters.
    Checked when a workbook opens and again before an edited query runs."""
    try:
        assert_single_select(sql, origin)
    except QuerySpecError as e:
        raise WorkbookError(str(e)) from e
    declared, used = {p.name for p in params}, sql_parameters(sql)
    if declared != used:
        raise WorkbookError(
            f"{origin}: the SQL uses {sorted(used)} but declares {sorted(declared)}"
        )


# A custom query's id names its report sheet (with " (2)" and so on for continuations: Excel
# allows 31 characters) and its result table, so it may not be one of the report's own sheets
# nor, once "-" and "_" are read alike, a canned check's id.
MAX_QUERY_ID = 24
REPORT_SHEETS = ("cover", "summary", "chart data", "provenance", "data quality")


def _check_query_id(qid: str, where: str, known: set[str] | None) -> None:
    if len(qid) > MAX_QUERY_ID:
        raise WorkbookError(
            f"{where}.id {qid[:40]!r}: at most {MAX_QUERY_ID} characters (it names a sheet)"
        )
    norm = qid.replace("_", "-").lower()
    if norm in REPORT_SHEETS or norm in {k.replace("_", "-").lower() for k in known or ()}:
        raise WorkbookError(f"{where}.id {qid!r} is taken by a check or a report sheet")


def _custom_query(raw: Any, i: int, known: set[str] | None = None) -> CustomQuery:
    where = f"custom_queries[{i}]"
    _expect(raw, dict, where)
    unknown = sorted(set(raw) - {"id", "name", "sql", "params", "chart", "notes"})
    if unknown:
        raise WorkbookError(f"{where}: unknown keys {unknown}")
    qid = str(_expect(raw.get("id", f"CQ-{i + 1:02d}"), str, f"{where}.id"))
    if not qid.replace("-", "").replace("_", "").isalnum() or not qid.isascii():
        raise WorkbookError(f"{where}.id {qid[:40]!r}: letters, digits, - and _ only")
    _check_query_id(qid, where, known)
    sql = str(_expect(raw.get("sql", ""), str, f"{where}.sql"))
    try:
        params = tuple(
            parse_param_spec(name, _expect(spec, dict, f"{where}.params.{name}"), where)
            for name, spec in _expect(raw.get("params", {}), dict, f"{where}.params").items()
        )
        chart = (
            parse_chart(_expect(raw["chart"], dict, f"{where}.chart"), f"{where}.chart")
            if "chart" in raw
            else None
        )
    except (QuerySpecError, ParamError) as e:
        raise WorkbookError(str(e)) from e
    check_query_sql(sql, params, f"{where} ({qid})")
    name = str(_expect(raw.get("name", qid), str, f"{where}.name"))
    notes = str(_expect(raw.get("notes", ""), str, f"{where}.notes"))
    return CustomQuery(qid, name, sql, params, chart, notes)


def parse(text: str, origin: str, known_checks: set[str] | None = None) -> Opened:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = str(e)
        if "end of document" in where:  # say where that is: something was left open
            where += (
                f" (the text ends at line {text.count(chr(10)) + 1}; is a [ or quote unclosed?)"
            )
        raise WorkbookError(f"{origin} is not a valid workbook: {where}") from e
    if doc.get("format") != FORMAT:
        raise WorkbookError(f"{origin} is not a Lending Auditor workbook (format = {FORMAT!r})")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkbookError(f"{origin}: version must be a whole number")
    if version > VERSION:
        raise WorkbookError(
            f"{origin} is workbook version {version}; this release reads version {VERSION} "
            "and earlier. Open it with a newer Lending Auditor."
        )
    warnings = [f"unknown key {k!r} ignored" for k in sorted(set(doc) - TOP_KEYS)]
    try:
        return _build(doc, origin, known_checks, warnings)
    except WorkbookError as e:
        raise WorkbookError(f"{origin}: {e}") from e


def _source(s: dict[str, Any], i: int, warnings: list[str]) -> SourceRef:
    """A source of the workbook. Its mapping is someone else's text: a mapping that does not
    parse, or whose expressions are more than scalar expressions, is refused (the file will be
    detected as usual) and the refusal listed."""
    path, mapping = str(s.get("path", "")), str(s.get("mapping", ""))
    if mapping:
        try:
            parse_profile(mapping, origin=f"sources[{i}].mapping ({Path(path).name})")
        except MappingError as e:
            warnings.append(f"source mapping refused: {e}")
            mapping = ""
    return SourceRef(path, str(s.get("sha256", "")), str(s.get("table", "")), mapping)


def _date(doc: dict[str, Any], key: str) -> dt.date | None:
    value = doc.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise WorkbookError(f"{key} {value!r} is not a date (YYYY-MM-DD)") from e


def _build(doc: dict[str, Any], origin: str, known: set[str] | None, warnings: list[str]) -> Opened:
    as_of, from_date = _date(doc, "as_of"), _date(doc, "from_date")
    if as_of is not None and from_date is not None and from_date > as_of:
        raise WorkbookError(f"from_date {from_date} is after as_of {as_of}")
    checks = [
        str(_expect(c, str, "checks[]")) for c in _expect(doc.get("checks", []), list, "checks")
    ]
    if known is not None:
        unknown = [c for c in checks if c not in known]
        if unknown:
            warnings.append(
                f"unknown check ids skipped: {', '.join(unknown)} (from another release?)"
            )
            checks = [c for c in checks if c in known]
    check_params = {
        str(k): _str_map(v, f"check_params.{k}")
        for k, v in _expect(doc.get("check_params", {}), dict, "check_params").items()
        if known is None or k in known
    }
    dispositions = []
    for i, d in enumerate(_expect(doc.get("dispositions", []), list, "dispositions")):
        _expect(d, dict, f"dispositions[{i}]")
        status = d.get("status")
        if status not in DISPOSITIONS:
            raise WorkbookError(f"dispositions[{i}].status must be confirmed or dismissed")
        dispositions.append(
            Disposition(
                str(d.get("check", "")), str(d.get("key", "")), status, str(d.get("reason", ""))
            )
        )
    queries = []
    for i, q in enumerate(_expect(doc.get("custom_queries", []), list, "custom_queries")):
        try:
            queries.append(_custom_query(q, i, known))
        except WorkbookError as e:  # untrusted SQL: this query is refused, the rest opens
            warnings.append(f"custom query refused: {e}")
    ids = [q.id for q in queries]
    if len(set(ids)) != len(ids):
        raise WorkbookError(
            f"custom query ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}"
        )
    raw_sources = _expect(doc.get("sources", []), list, "sources")
    sources = [
        _source(_expect(x, dict, f"sources[{i}]"), i, warnings) for i, x in enumerate(raw_sources)
    ]
    wb = Workbook(
        title=str(doc.get("title", "Inspection")),
        platform=str(doc.get("platform", "")),
        examiner=str(doc.get("examiner", "")),
        profile=str(doc.get("profile", "CN")),
        as_of=as_of,
        from_date=from_date,
        checks=checks,
        params=_str_map(doc.get("params", {}), "params"),
        check_params=check_params,
        notes=_str_map(doc.get("notes", {}), "notes"),
        dispositions=dispositions,
        custom_queries=queries,
        sources=sources,
        reviewer=str(doc.get("reviewer", "")),
        conclusion=str(doc.get("conclusion", "")),
    )
    return Opened(wb, tuple(warnings))


def open_workbook(path: Path | str, known_checks: set[str] | None = None) -> Opened:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise WorkbookError(f"no workbook at {path}") from e
    except UnicodeDecodeError as e:
        raise WorkbookError(f"{path} is not UTF-8 text: {e.reason} at byte {e.start}") from e
    except OSError as e:
        raise WorkbookError(f"cannot read {path}: {e.strerror or e}") from e
    return parse(text, str(path), known_checks)


def custom_check(q: CustomQuery) -> CheckSpec:
    """A custom query as a check the runner can run: same sandbox, same result tables."""
    return CheckSpec(
        id=q.id,
        title=q.name,
        family="custom",
        severity="info",
        description=q.notes or "Custom query from the workbook.",
        basis="Examiner's custom query",
        requires={},
        params=q.params,
        finding=FindingRule("none"),
        chart=q.chart or ChartSpec("table", "", ()),
        sql=q.sql,
        origin="workbook",
    )


def sources_of(conn: Any) -> list[SourceRef]:
    """The case's imported sources as workbook sources: path, SHA-256, table and the mapping
    profile that was used (stored with each source), so the next export maps the same way."""
    rows = conn.execute(
        "SELECT path, sha256, target_table, mapping FROM audit.sources ORDER BY source_id"
    ).fetchall()
    return [SourceRef(str(p), str(h), str(t), str(m or "")) for p, h, t, m in rows]
