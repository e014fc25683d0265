"""Check files: a single read-only SELECT with a TOML metadata header, and their loader.

A check lives in ``queries/<family>/<ID>.sql``. Its header is the leading block of ``--`` comment
lines, which (without the ``--``) is TOML::

    -- id = "DLQ-06"
    -- title = "Loan classification behind days past due"
    -- family = "delinquency"
    -- severity = "high"
    -- period = "stock"        # or "export", or { on = "table.column", column = "result col" }
    -- description = "What the examiner learns."
    -- basis = "Citation [C]"
    -- requires = { loans = ["loan_id", "risk_class"], installments = ["due_date"] }
    -- [tests.term]            # optional: a check made of independent tests (see below)
    -- title = "Installment count differs from the contracted term"
    -- requires = { loans = ["term_periods"] }
    -- [params.as_of]
    -- type = "date"
    -- default = "auto"
    -- label = "As of"
    -- [finding]
    -- rows = "all"            # every row is a finding; "none": a metric; or a boolean column
    -- loan = "loan_id"        # columns carrying loan, borrower and amount for roll-ups
    -- [chart]
    -- kind = "bar"
    -- x = "bucket"
    -- y = "balance"

The loader refuses, naming the file and the reason, a header with unknown or missing keys,
declared parameters that differ from the ``$name`` parameters the SQL uses, more than one
statement, or a statement DuckDB's own parser does not call a SELECT.

``requires`` is what the check needs before anything can run (the runner adds what the base
layer it reads is built from). A check made of independent tests declares each under
``[tests.<name>]`` with its own title and ``requires``: the check runs the tests whose inputs
exist and says which it skipped, and is "not run" only when none can run. The SQL gates each
test's rows on the bound boolean ``$test_<name>`` (true when it runs), and reads a table that
only a test needs through ``base.<table>`` (a view of the import, empty when none was imported,
``auditor.engine.optional``), so the statement binds whatever the case holds. The loader
refuses a test whose gate the SQL does not use, a gate no test declares, and a test table read
other than through ``base.``.

``period`` says how the review period ``[from_date, as_of]`` applies. ``"stock"``: a measure at
as-of (buckets, balances, classification), which the period start does not change.
``"export"``: the export as a whole (data quality: a broken row matters whatever its date).
An event check names the date column(s) the period applies to (``on``, as ``table.column``)
and the result column(s) that carry each row's event date (``column``: every value lies in the
period; for a grouped row, the earliest event it counts). An event check must use
``$from_date``; a stock or export one must not.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib.abc import Traversable
from typing import Any

import duckdb

from auditor.case.schema import TABLES
from auditor.engine.check_text import CheckTextError, ZhFields, assert_zh_last, parse_zh
from auditor.engine.labels import CheckLabels, LabelError, parse_labels
from auditor.engine.params import ParamError, ParamSpec, parse_param_spec
from auditor.errors import AuditorError
from auditor.resources import queries_root

FAMILIES = {
    "data_quality": "Data quality",
    "delinquency": "Delinquency",
    "outage": "Outage",
    "disclosure": "Disclosure",
    "history": "Rewritten history",  # over the differences ``auditor compare`` keeps
    "custom": "Custom queries",  # from a workbook; no folder under queries/
}
SEVERITIES = ("high", "medium", "info")
CHART_KINDS = ("line", "bar", "stacked_bar", "heatmap", "histogram", "timeline", "table")
TOP_KEYS = {
    "id",
    "title",
    "family",
    "severity",
    "description",
    "basis",
    "requires",
    "params",
    "finding",
    "chart",
    "percent_columns",
    "period",
    "optional",
    "tests",
    "labels",  # at the end of the header: see auditor.engine.labels
    "zh",  # closes the header: the Chinese text, see auditor.engine.check_text
}
OPTIONAL_KEYS = {"params", "percent_columns", "period", "optional", "tests", "labels", "zh"}
REQUIRED_KEYS = TOP_KEYS - OPTIONAL_KEYS
GATE_PREFIX = "test_"  # a test's gate parameter: $test_<name>
_TEST_NAME = re.compile(r"[a-z][a-z0-9_]*")
PERIOD_KINDS = ("events", "stock", "export", "unspecified")


class QuerySpecError(AuditorError):
    title = "Check file"


@dataclass(frozen=True)
class FindingRule:
    rows: str  # "all", "none", or the name of a boolean column marking finding rows
    loan: str | None = None
    borrower: str | None = None
    amount: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    kind: str
    x: str
    y: tuple[str, ...]
    series: str | None = None
    shade_start: str | None = None  # timeline: columns of the windows to shade
    shade_end: str | None = None
    title: str = ""


@dataclass(frozen=True)
class PeriodSpec:
    """How the review period applies to a check (see the module's docstring)."""

    kind: str = "unspecified"  # events, stock, export; unspecified for custom queries
    on: tuple[str, ...] = ()  # the event date columns, as table.column
    columns: tuple[str, ...] = ()  # result columns holding each row's event date

    def describe(self) -> str:
        if self.kind == "events":
            return "events dated by " + ", ".join(self.on) + " inside the review period"
        if self.kind == "stock":
            return "a measure at the as-of date (the period start does not apply)"
        if self.kind == "export":
            return "the whole export (data quality, whatever the period)"
        return "not stated"


@dataclass(frozen=True)
class CheckTest:
    """One of the independent tests a check is made of, with the inputs it needs alone."""

    name: str
    title: str
    requires: dict[str, tuple[str, ...]]

    @property
    def gate(self) -> str:
        """The boolean parameter the check's SQL gates this test's rows on."""
        return GATE_PREFIX + self.name


@dataclass(frozen=True)
class CheckSpec:
    id: str
    title: str
    family: str
    severity: str
    description: str
    basis: str
    requires: dict[str, tuple[str, ...]]
    params: tuple[ParamSpec, ...]
    finding: FindingRule
    chart: ChartSpec
    sql: str
    origin: str = field(default="", compare=False)
    percent_columns: tuple[str, ...] = ()  # result columns that are rates, shown as percent
    period: PeriodSpec = field(default_factory=PeriodSpec)
    # Columns used when the export fills them: {table: (column, ...)}; the run says when not.
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tests: tuple[CheckTest, ...] = ()
    labels: CheckLabels = field(default_factory=CheckLabels, compare=False)
    zh: ZhFields | None = field(default=None, compare=False)  # None: English only (custom)

    def param(self, name: str) -> ParamSpec:
        return next(p for p in self.params if p.name == name)

    def gate_params(self) -> tuple[ParamSpec, ...]:
        """The tests' gates as ordinary boolean parameters (each on by default), for a copy
        of the check's SQL that runs outside the runner, such as a workbook's custom query."""
        return tuple(
            ParamSpec(t.gate, "bool", True, f"Run: {t.title}", "Off leaves this test's rows out")
            for t in self.tests
        )


_STRIP = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\$\$.*?\$\$", re.DOTALL)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def sql_parameters(sql: str) -> set[str]:
    """Named ``$parameters`` used by the SQL, ignoring comments, strings and quoted names."""
    return set(_PARAM.findall(_STRIP.sub(" ", sql)))


def split_header(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    header = []
    i = 0
    while i < len(lines) and (lines[i].startswith("--") or not lines[i].strip()):
        line = lines[i]
        header.append(line[3:] if line.startswith("-- ") else line[2:])
        i += 1
    return "\n".join(header), "\n".join(lines[i:]).strip()


def assert_single_select(sql: str, origin: str) -> None:
    """One statement, and DuckDB's parser says it is a SELECT."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise QuerySpecError(f"{origin}: the SQL does not parse: {e}") from e
    if len(statements) != 1:
        raise QuerySpecError(
            f"{origin}: holds {len(statements)} statements; exactly one SELECT is allowed"
        )
    if statements[0].type != duckdb.StatementType.SELECT:
        kind = str(statements[0].type).split(".")[-1]
        raise QuerySpecError(f"{origin}: is a {kind} statement; only a read-only SELECT is allowed")


def parse_check(
    text: str, origin: str, *, expect_id: str | None = None, expect_family: str | None = None
) -> CheckSpec:
    head, sql = split_header(text)
    try:
        meta: dict[str, Any] = tomllib.loads(head)
    except tomllib.TOMLDecodeError as e:
        raise QuerySpecError(f"{origin}: the header is not valid TOML: {e}") from e
    unknown = sorted(set(meta) - TOP_KEYS)
    if unknown:
        raise QuerySpecError(f"{origin}: unknown header keys {unknown}")
    missing = sorted(REQUIRED_KEYS - set(meta))
    if missing:
        raise QuerySpecError(f"{origin}: header lacks {missing}")
    if expect_id is not None and meta["id"] != expect_id:
        raise QuerySpecError(f"{origin}: id {meta['id']!r} differs from the file name")
    if meta["family"] not in FAMILIES or (expect_family and meta["family"] != expect_family):
        raise QuerySpecError(
            f"{origin}: family {meta['family']!r} is not its folder's or not "
            f"one of {', '.join(FAMILIES)}"
        )
    if meta["severity"] not in SEVERITIES:
        raise QuerySpecError(f"{origin}: severity must be one of {', '.join(SEVERITIES)}")
    assert_single_select(sql, origin)
    try:
        params = tuple(parse_param_spec(n, p, origin) for n, p in meta.get("params", {}).items())
    except ParamError as e:
        raise QuerySpecError(str(e)) from e
    tests = _tests(meta.get("tests", {}), origin)
    if any(p.name.startswith(GATE_PREFIX) for p in params):
        raise QuerySpecError(f"{origin}: a parameter named {GATE_PREFIX}* is a test's gate")
    try:
        labels = parse_labels(meta.get("labels"), {p.name for p in params}, origin)
    except LabelError as e:
        raise QuerySpecError(str(e)) from e
    try:
        assert_zh_last(head, origin)
        zh = parse_zh(
            meta.get("zh"),
            origin,
            params={p.name: p.help for p in params},
            tests=tuple(t.name for t in tests),
            has_amount=bool(labels.amount),
        )
    except CheckTextError as e:
        raise QuerySpecError(str(e)) from e
    declared = {p.name for p in params} | {t.gate for t in tests}
    used = sql_parameters(sql)
    if declared != used:
        parts = []
        if used - declared:
            parts.append(f"used but not declared: {sorted(used - declared)}")
        if declared - used:
            parts.append(f"declared but not used: {sorted(declared - used)}")
        raise QuerySpecError(f"{origin}: parameters do not match the SQL ({'; '.join(parts)})")
    period = _period(meta.get("period"), origin, "from_date" in used)
    optional = meta.get("optional", {})
    if not _table_columns(optional):
        raise QuerySpecError(f"{origin}: optional must map tables to lists of columns")
    if not _table_columns(meta["requires"]):
        raise QuerySpecError(f"{origin}: requires must map tables to lists of columns")
    _check_test_tables(sql, meta["requires"], tests, origin)
    return CheckSpec(
        id=meta["id"],
        title=meta["title"],
        family=meta["family"],
        severity=meta["severity"],
        description=meta["description"],
        basis=meta["basis"],
        requires={t: tuple(c) for t, c in meta["requires"].items()},
        params=params,
        finding=_finding(meta["finding"], origin),
        chart=parse_chart(meta["chart"], origin),
        sql=sql,
        origin=origin,
        percent_columns=tuple(meta.get("percent_columns", ())),
        period=period,
        optional={t: tuple(c) for t, c in optional.items()},
        tests=tests,
        labels=labels,
        zh=zh,
    )


def _table_columns(raw: Any) -> bool:
    return isinstance(raw, dict) and all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in raw.values()
    )


def _tests(raw: Any, origin: str) -> tuple[CheckTest, ...]:
    if not isinstance(raw, dict):
        raise QuerySpecError(f"{origin}: [tests] must hold one table per test")
    out = []
    for name, body in raw.items():
        where = f"{origin}: [tests.{name}]"
        if not _TEST_NAME.fullmatch(name):
            raise QuerySpecError(f"{where}: a test name is lower case letters, digits and _")
        if not isinstance(body, dict) or set(body) != {"title", "requires"}:
            raise QuerySpecError(f"{where} needs exactly title and requires")
        if not isinstance(body["title"], str) or not body["title"].strip():
            raise QuerySpecError(f"{where}: title must be text")
        if not _table_columns(body["requires"]):
            raise QuerySpecError(f"{where}: requires must map tables to lists of columns")
        out.append(
            CheckTest(name, body["title"], {t: tuple(c) for t, c in body["requires"].items()})
        )
    return tuple(out)


def _check_test_tables(
    sql: str, core: dict[str, Any], tests: tuple[CheckTest, ...], origin: str
) -> None:
    """A table only a test needs may be missing from a case: the SQL must read it through
    ``base.<table>`` (empty when not imported), which exists for canonical tables only."""
    plain = _STRIP.sub(" ", sql)
    for test in tests:
        for table in test.requires:
            if table in core:
                continue
            if table not in TABLES:
                raise QuerySpecError(
                    f"{origin}: test {test.name} needs {table}, which is not a canonical table; "
                    "put it in the check's own requires"
                )
            if re.search(rf"\b(?:FROM|JOIN)\s+{table}\b", plain, re.IGNORECASE):
                raise QuerySpecError(
                    f"{origin}: test {test.name} needs {table}, which a case may lack: "
                    f"read it as base.{table}"
                )


def _names(raw: Any) -> tuple[str, ...]:
    items = (raw,) if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not all(isinstance(x, str) and x for x in items):
        raise ValueError
    return tuple(items)


def _period(raw: Any, origin: str, uses_from: bool) -> PeriodSpec:
    if raw is None:
        spec = PeriodSpec()
    elif raw in ("stock", "export"):
        spec = PeriodSpec(raw)
    elif isinstance(raw, dict) and set(raw) == {"on", "column"}:
        try:
            spec = PeriodSpec("events", _names(raw["on"]), _names(raw["column"]))
        except ValueError as e:
            raise QuerySpecError(f"{origin}: period on/column must be names") from e
        if not all(n.count(".") in (1, 2) for n in spec.on):
            raise QuerySpecError(f"{origin}: period.on names table.column, found {spec.on}")
    else:
        raise QuerySpecError(
            f'{origin}: period must be "stock", "export" or {{ on = "table.column", '
            'column = "result column" }'
        )
    if spec.kind == "events" and not uses_from:
        raise QuerySpecError(f"{origin}: an event check must bind $from_date (the period start)")
    if spec.kind in ("stock", "export") and uses_from:
        raise QuerySpecError(f"{origin}: a {spec.kind} check does not use $from_date")
    return spec


def _finding(raw: dict[str, Any], origin: str) -> FindingRule:
    unknown = sorted(set(raw) - {"rows", "loan", "borrower", "amount"})
    if unknown or "rows" not in raw:
        raise QuerySpecError(
            f"{origin}: [finding] needs rows and knows only loan, borrower, "
            f"amount (found {sorted(raw)})"
        )
    return FindingRule(raw["rows"], raw.get("loan"), raw.get("borrower"), raw.get("amount"))


def parse_chart(raw: dict[str, Any], origin: str) -> ChartSpec:
    unknown = sorted(set(raw) - {"kind", "x", "y", "series", "shade_start", "shade_end", "title"})
    if unknown or raw.get("kind") not in CHART_KINDS:
        raise QuerySpecError(f"{origin}: [chart] needs kind in {CHART_KINDS}; unknown {unknown}")
    y = raw.get("y", ())
    return ChartSpec(
        raw["kind"],
        raw.get("x", ""),
        (y,) if isinstance(y, str) else tuple(y),
        raw.get("series"),
        raw.get("shade_start"),
        raw.get("shade_end"),
        raw.get("title", ""),
    )


def _sql_files(root: Traversable) -> list[tuple[str, Traversable]]:
    out = []
    for family_dir in sorted(root.iterdir(), key=lambda t: t.name):
        if family_dir.is_dir() and not family_dir.name.startswith(("_", ".")):
            out += [
                (family_dir.name, f)
                for f in sorted(family_dir.iterdir(), key=lambda t: t.name)
                if f.name.endswith(".sql")
            ]
    return out


def load_library(root: Traversable | None = None) -> list[CheckSpec]:
    """Every check under ``queries/``, in family and id order; raises on the first bad file."""
    root = root or queries_root()
    specs = []
    for family, f in _sql_files(root):
        origin = f"queries/{family}/{f.name}"
        specs.append(
            parse_check(
                f.read_text(encoding="utf-8"), origin, expect_id=f.name[:-4], expect_family=family
            )
        )
    return specs


def select_checks(
    specs: list[CheckSpec], ids: list[str] | None = None, family: str | None = None
) -> list[CheckSpec]:
    chosen = specs
    if family:
        if family not in FAMILIES:
            raise QuerySpecError(f"unknown family {family!r}; families: {', '.join(FAMILIES)}")
        chosen = [s for s in chosen if s.family == family]
    if ids:
        known = {s.id for s in specs}
        missing = [i for i in ids if i not in known]
        if missing:
            raise QuerySpecError(f"unknown check ids: {', '.join(missing)}")
        chosen = [s for s in chosen if s.id in ids]
    return chosen
