"""The examiner's workspace: what is open and what was written, as one Qt-free object.

The desktop window is a view of this model (napari's ViewerModel / QtViewer split): widgets
observe its events and send it commands; nothing the examiner did lives only in a widget. It
holds the inspection's properties, the profile and as-of, the checks open (in tab order), the
parameters each was last run with, notes, dispositions of findings, custom queries, the latest
run of each check (with the audit-log entry that recorded it, so a later import shows the run as
stale, naming what changed), the drill-down history (back and forward) and the SQL console's
history.

It is saved with the case (``workspace_store``) and as a workbook file (``to_workbook``), and
restored from either. Runs are not saved here: the case's audit log already records each run,
and its result table stays in the case; ``workspace_store`` rebuilds them from there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from auditor.case.schema import TABLES
from auditor.engine.checks import CheckSpec
from auditor.engine.runner import LOAN_BASE, CheckRun
from auditor.workbook.document import CustomQuery, Disposition, SourceRef, Workbook

MAX_HISTORY = 200  # drill-down locations and console queries kept

# User-visible texts of this module, in one place for translation.
TEXT = {
    "imported": "{file} was imported into {table} ({rows} rows) after this run",
    "as_of": "the as-of date is now {now}; this run used {then}",
    "from_date": "the review period now starts {now}; this run's started {then}",
    "default_title": "Inspection of {case}",
}


class Event:
    """Callbacks to call when something changed (a minimal observer list)."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.remove(callback)

    @property
    def callbacks(self) -> tuple[Callable[..., Any], ...]:
        return tuple(self._callbacks)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args)


class WorkspaceEvents:
    """One event per part of the workspace; ``changed`` fires after any of them."""

    def __init__(self) -> None:
        self.properties = Event()  # ()
        self.settings = Event()  # () profile or as-of
        self.checks = Event()  # () checks opened or closed
        self.runs = Event()  # (check ids,) new runs, or their staleness changed
        self.notes = Event()  # (check id,)
        self.dispositions = Event()  # (check id,)
        self.custom_queries = Event()  # (query id,)
        self.navigation = Event()  # () drill-down history moved
        self.sql_history = Event()  # ()
        self.changed = Event()  # (what,): anything above; the case copy is due


@dataclass(frozen=True)
class Properties:
    """The inspection as the report's cover names it."""

    title: str = ""
    platform: str = ""
    examiner: str = ""
    reviewer: str = ""
    conclusion: str = ""


@dataclass(frozen=True)
class ImportStamp:
    """An import as the audit log recorded it: what came into which table, and when."""

    seq: int
    file: str
    table: str
    rows_loaded: int


@dataclass(frozen=True)
class RunRecord:
    """A check's latest run and the audit-log entry (``seq``) that recorded it."""

    run: CheckRun
    seq: int


@dataclass(frozen=True)
class Location:
    """A place in the drill-down history: a check's tab, or a query in the SQL console."""

    kind: Literal["check", "query"]
    title: str
    check_id: str = ""
    sql: str = ""
    params: dict[str, Any] = field(default_factory=dict)


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def tables_read(spec: CheckSpec) -> frozenset[str]:
    """The canonical tables a check's result depends on: those it requires, those its SQL
    names, and, when it reads the loan base layer (built from the whole book), all of them."""
    if any(f"base.{t}" in spec.sql for t in LOAN_BASE):
        return frozenset(TABLES)
    named = {w for w in _WORD.findall(spec.sql) if w in TABLES}
    return frozenset(set(spec.requires) | named)


class Workspace:
    def __init__(self) -> None:
        self.events = WorkspaceEvents()
        self._reset()

    def _reset(self) -> None:
        self.properties = Properties()
        self.profile = "CN"
        self.as_of: dt.date | None = None
        self.from_date: dt.date | None = None  # the review period's first day
        self.open_checks: list[str] = []
        self.check_params: dict[str, dict[str, str]] = {}
        self.params: dict[str, str] = {}  # overrides for every check (from a workbook)
        self.notes: dict[str, str] = {}
        self.dispositions: list[Disposition] = []
        self.custom_queries: list[CustomQuery] = []
        self.sources: list[SourceRef] = []  # as last saved in a workbook
        self.runs: dict[str, RunRecord] = {}
        self.imports: list[ImportStamp] = []
        self.history: list[Location] = []
        self.position = -1  # index of the current location in ``history``
        self.sql_history: list[str] = []
        self.modified = False  # differs from the workbook file last saved or opened

    # --- bookkeeping ---------------------------------------------------------------------

    def _changed(self, what: str, *, modifies: bool = True) -> None:
        if modifies:
            self.modified = True
        self.events.changed.emit(what)

    def mark_saved(self) -> None:
        self.modified = False
        self.events.changed.emit("saved")

    # --- properties and settings ----------------------------------------------------------

    def set_properties(self, props: Properties) -> None:
        if props != self.properties:
            self.properties = props
            self.events.properties.emit()
            self._changed("properties")

    def set_profile(self, name: str) -> None:
        if name != self.profile:
            self.profile = name
            self.events.settings.emit()
            self._changed("settings")

    def set_as_of(self, as_of: dt.date | None) -> None:
        if as_of != self.as_of:
            self.as_of = as_of
            self.events.settings.emit()
            self.events.runs.emit(tuple(self.runs))  # staleness may have changed
            self._changed("settings")

    def set_from_date(self, from_date: dt.date | None) -> None:
        """The review period's first day (event checks count events from it)."""
        if from_date != self.from_date:
            self.from_date = from_date
            self.events.settings.emit()
            self.events.runs.emit(tuple(self.runs))
            self._changed("settings")

    # --- checks, parameters, notes, dispositions ------------------------------------------

    def open_check(self, check_id: str) -> None:
        if check_id not in self.open_checks:
            self.open_checks.append(check_id)
            self.events.checks.emit()
            self._changed("checks")

    def close_check(self, check_id: str) -> None:
        if check_id in self.open_checks:
            self.open_checks.remove(check_id)
            self.events.checks.emit()
            self._changed("checks")

    def record_params(self, check_id: str, overrides: dict[str, str]) -> None:
        """The overrides a check was last run with (none: the entry goes)."""
        if self.check_params.get(check_id, {}) == overrides:
            return
        if overrides:
            self.check_params[check_id] = dict(overrides)
        else:
            self.check_params.pop(check_id, None)
        self._changed("params")

    def set_note(self, check_id: str, text: str) -> None:
        if self.notes.get(check_id, "") != text:
            if text:
                self.notes[check_id] = text
            else:
                self.notes.pop(check_id, None)
            self.events.notes.emit(check_id)
            self._changed("notes")

    def dispose(self, check_id: str, keys: Iterable[str], status: str, reason: str) -> None:
        """File findings (by row key) as confirmed or dismissed; a key filed again is
        replaced."""
        keys = list(keys)
        if not keys:
            return
        keep = [d for d in self.dispositions if not (d.check == check_id and d.key in keys)]
        keep += [Disposition(check_id, k, status, reason) for k in keys]  # type: ignore[arg-type]
        self.dispositions = keep
        self.events.dispositions.emit(check_id)
        self._changed("dispositions")

    def disposition_counts(self, check_id: str) -> tuple[int, int]:
        mine = [d for d in self.dispositions if d.check == check_id]
        return (
            sum(d.status == "confirmed" for d in mine),
            sum(d.status == "dismissed" for d in mine),
        )

    def disposition_of(self, check_id: str, key: str) -> Disposition | None:
        return next((d for d in self.dispositions if d.check == check_id and d.key == key), None)

    def put_custom_query(self, query: CustomQuery) -> None:
        queries = [q for q in self.custom_queries if q.id != query.id]
        at = next((i for i, q in enumerate(self.custom_queries) if q.id == query.id), None)
        queries.insert(len(queries) if at is None else at, query)
        self.custom_queries = queries
        self.events.custom_queries.emit(query.id)
        self._changed("custom_queries")

    def next_custom_id(self) -> str:
        used = {q.id for q in self.custom_queries}
        n = 1
        while f"CQ-{n:02d}" in used:
            n += 1
        return f"CQ-{n:02d}"

    # --- runs and their staleness ---------------------------------------------------------

    def record_runs(self, records: Iterable[RunRecord]) -> None:
        """New runs (a cancelled run leaves the previous one in place, as the case does)."""
        ids = []
        for rec in records:
            if rec.run.status == "cancelled":
                continue
            self.runs[rec.run.check.id] = rec
            ids.append(rec.run.check.id)
        if ids:
            self.events.runs.emit(tuple(ids))
            self._changed("runs", modifies=False)

    def set_imports(self, imports: Iterable[ImportStamp]) -> None:
        """The case's imports (after opening it, or after an import): runs made before an
        import into a table they read become stale."""
        imports = list(imports)
        if imports != self.imports:
            self.imports = imports
            self.events.runs.emit(tuple(self.runs))

    def run(self, check_id: str) -> CheckRun | None:
        rec = self.runs.get(check_id)
        return rec.run if rec is not None else None

    def staleness(self, check_id: str) -> tuple[str, ...]:
        """Why the check's latest run no longer describes the case (empty: it does)."""
        rec = self.runs.get(check_id)
        if rec is None:
            return ()
        read = tables_read(rec.run.check)
        out = [
            TEXT["imported"].format(file=i.file, table=i.table, rows=f"{i.rows_loaded:,}")
            for i in self.imports
            if i.seq > rec.seq and i.table in read
        ]
        then = rec.run.params.get("as_of", {}).get("value")
        if then is not None and self.as_of is not None and str(then) != self.as_of.isoformat():
            out.append(TEXT["as_of"].format(now=self.as_of.isoformat(), then=then))
        start = rec.run.params.get("from_date", {}).get("value")
        now = self.from_date.isoformat() if self.from_date is not None else None
        if start is not None and now is not None and str(start) != now:
            out.append(TEXT["from_date"].format(now=now, then=start))
        return tuple(out)

    def is_stale(self, check_id: str) -> bool:
        return bool(self.staleness(check_id))

    # --- drill-down history -------------------------------------------------------------

    def navigate(self, location: Location) -> None:
        """Go to ``location``: forward history is dropped, as in a browser."""
        if 0 <= self.position < len(self.history) and self.history[self.position] == location:
            return
        self.history = [*self.history[: self.position + 1], location][-MAX_HISTORY:]
        self.position = len(self.history) - 1
        self.events.navigation.emit()
        self._changed("navigation", modifies=False)

    @property
    def current(self) -> Location | None:
        return self.history[self.position] if 0 <= self.position < len(self.history) else None

    def can_go_back(self) -> bool:
        return self.position > 0

    def can_go_forward(self) -> bool:
        return self.position < len(self.history) - 1

    def back(self) -> Location | None:
        if not self.can_go_back():
            return None
        self.position -= 1
        self.events.navigation.emit()
        self._changed("navigation", modifies=False)
        return self.current

    def forward(self) -> Location | None:
        if not self.can_go_forward():
            return None
        self.position += 1
        self.events.navigation.emit()
        self._changed("navigation", modifies=False)
        return self.current

    def add_sql(self, sql: str) -> None:
        """A query the console ran: newest last, no repeats."""
        sql = sql.strip()
        if not sql:
            return
        self.sql_history = [s for s in self.sql_history if s != sql][-(MAX_HISTORY - 1) :]
        self.sql_history.append(sql)
        self.events.sql_history.emit()
        self._changed("sql_history", modifies=False)

    # --- the workbook file ----------------------------------------------------------------

    def to_workbook(self, case_name: str = "") -> Workbook:
        p = self.properties
        title = p.title or (TEXT["default_title"].format(case=case_name) if case_name else "")
        return Workbook(
            title=title or "Inspection",
            platform=p.platform,
            examiner=p.examiner,
            profile=self.profile,
            as_of=self.as_of,
            from_date=self.from_date,
            checks=[c for c in self.open_checks if not c.startswith("CQ-")],
            params=dict(self.params),
            check_params={k: dict(v) for k, v in self.check_params.items()},
            notes={k: v for k, v in self.notes.items() if v},
            dispositions=list(self.dispositions),
            custom_queries=list(self.custom_queries),
            sources=list(self.sources),
            reviewer=p.reviewer,
            conclusion=p.conclusion,
        )

    def apply_workbook(self, wb: Workbook) -> None:
        """Take over what a workbook holds (its checks open after those already open); runs,
        imports and histories stay."""
        self.properties = Properties(
            "" if wb.title == "Inspection" else wb.title,
            wb.platform,
            wb.examiner,
            wb.reviewer,
            wb.conclusion,
        )
        self.profile = wb.profile
        if wb.as_of is not None:
            self.as_of = wb.as_of
        if wb.from_date is not None:
            self.from_date = wb.from_date
        self.params = dict(wb.params)
        self.check_params = {k: dict(v) for k, v in wb.check_params.items()}
        self.notes = dict(wb.notes)
        self.dispositions = list(wb.dispositions)
        self.custom_queries = list(wb.custom_queries)
        self.sources = list(wb.sources)
        wanted = [*wb.checks, *(q.id for q in wb.custom_queries)]
        self.open_checks = [*self.open_checks, *(c for c in wanted if c not in self.open_checks)]
        self.events.properties.emit()
        self.events.settings.emit()
        self.events.checks.emit()
        self.events.custom_queries.emit("")
        self.events.notes.emit("")
        self.events.dispositions.emit("")
        self.events.runs.emit(tuple(self.runs))
        self.modified = False
        self.events.changed.emit("workbook")

    def clear(self) -> None:
        """Nothing open, nothing written (no case): every part emits its event."""
        events = self.events
        self._reset()
        for event in (events.properties, events.settings, events.checks, events.navigation,
                      events.sql_history):  # fmt: skip
            event.emit()
        events.custom_queries.emit("")
        events.notes.emit("")
        events.dispositions.emit("")
        events.runs.emit(())
        events.changed.emit("cleared")

    def set_default_as_of(self, as_of: dt.date) -> None:
        """The data's own as-of, taken when none was chosen: not a change of the workbook."""
        if self.as_of is None:
            self.as_of = as_of
            self.events.settings.emit()

    def set_default_from_date(self, from_date: dt.date) -> None:
        """The data's first day, taken when no period start was chosen."""
        if self.from_date is None:
            self.from_date = from_date
            self.events.settings.emit()

    def reset_document(self) -> None:
        """A new, empty workbook: properties, notes, dispositions and custom queries go; the
        runs stay (they are the case's)."""
        self.apply_workbook(
            replace(Workbook(), profile=self.profile, as_of=self.as_of, from_date=self.from_date)
        )
        self.open_checks = []
        self.events.checks.emit()
