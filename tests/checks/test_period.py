"""The review period: every check says how it applies, and every event check honours it.

The checks are discovered from the library, never listed here. On the sample platform each
event check runs once over the whole data (the default period) and once over the last six
months before as-of; every value of the result columns its header names as carrying the event
date must then lie inside the period, and the whole-data run must show that the narrowing
removed rows. Stock checks give the same result whatever the period start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec
from auditor.engine.params import ParamError
from auditor.engine.runner import CheckRun, Session
from auditor.sample.platform import SampleResult

SIX_MONTHS = dt.timedelta(days=183)


def _day(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def test_every_check_says_how_the_period_applies(library: dict[str, CheckSpec]) -> None:
    unstated = [c.id for c in library.values() if c.period.kind == "unspecified"]
    assert unstated == []
    events = [c for c in library.values() if c.period.kind == "events"]
    assert len(events) >= 25  # most checks count events
    for c in events:
        assert c.period.on and c.period.columns, c.id
        assert "from_date" in {p.name for p in c.params}, c.id


@pytest.fixture(scope="module")
def narrowed(
    sample_case_path: Path, tmp_path_factory: pytest.TempPathFactory, library: dict[str, CheckSpec]
) -> Iterator[tuple[dt.date, dt.date, dict[str, tuple[CheckRun, list[dict[str, Any]]]]]]:
    copy = tmp_path_factory.mktemp("period") / "s.duckdb"
    copy.write_bytes(sample_case_path.read_bytes())
    with Case.open(copy) as case:
        as_of = Session(case).period()[1]
        start = as_of - SIX_MONTHS
        session = Session(case, from_date=start)
        out = {}
        for run in session.run_many(list(library.values())):
            rows: list[dict[str, Any]] = []
            if run.result_table:
                rel = session.relation(run)
                rows = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
            out[run.check.id] = (run, rows)
        yield start, as_of, out


def test_every_event_check_counts_only_events_inside_the_period(
    narrowed: tuple[dt.date, dt.date, dict[str, tuple[CheckRun, list[dict[str, Any]]]]],
    sample_runs: dict[str, tuple[CheckRun, list[dict[str, Any]]]],
    library: dict[str, CheckSpec],
) -> None:
    start, as_of, runs = narrowed
    narrowed_something = []
    for spec in library.values():
        if spec.period.kind != "events":
            continue
        run, rows = runs[spec.id]
        full_run, full_rows = sample_runs[spec.id]
        if run.status == "not_run":
            assert full_run.status == "not_run", spec.id
            continue
        assert run.status not in ("error", "cancelled"), (spec.id, run.reason)
        assert run.params["from_date"]["value"] == start.isoformat(), spec.id
        for col in spec.period.columns:
            assert rows == [] or col in rows[0], (spec.id, col)
            outside = [
                r[col] for r in rows if r[col] is not None and not start <= _day(r[col]) <= as_of
            ]
            assert outside == [], (spec.id, col, outside[:3])
            before = [r for r in full_rows if r[col] is not None and _day(r[col]) < start]
            if before:
                narrowed_something.append(spec.id)
        assert len(rows) <= len(full_rows) or spec.id in ("OUT-11",), spec.id
    # The sample's data runs well before the last six months: most event checks had rows there.
    assert len(set(narrowed_something)) >= 20, sorted(set(narrowed_something))


def test_stock_checks_do_not_depend_on_the_period_start(
    narrowed: tuple[dt.date, dt.date, dict[str, tuple[CheckRun, list[dict[str, Any]]]]],
    sample_runs: dict[str, tuple[CheckRun, list[dict[str, Any]]]],
    library: dict[str, CheckSpec],
) -> None:
    _, _, runs = narrowed
    for spec in library.values():
        if spec.period.kind in ("stock", "export"):
            assert runs[spec.id][1] == sample_runs[spec.id][1], spec.id
            assert "from_date" not in runs[spec.id][0].params, spec.id


def test_dsc09_counts_installments_due_in_the_last_six_months(
    narrowed: tuple[dt.date, dt.date, dict[str, tuple[CheckRun, list[dict[str, Any]]]]],
    sample_runs: dict[str, tuple[CheckRun, list[dict[str, Any]]]],
    sample: SampleResult,
) -> None:
    """The sample plants missing reminders over its whole history (the whole-period run finds
    exactly the planted ones, test_sample_truths); an inspection of the last six months counts
    those of them due in it, and no other."""
    start, as_of, runs = narrowed
    truth = {
        tuple(t) for t in sample.manifest["truths"]["notices"]["missing_reminders_due_by_as_of"]
    }
    full = sample_runs["DSC-09"][1]
    assert truth <= {(r["loan_id"], r["inst_no"]) for r in full}  # (and three orphan rows)
    part = runs["DSC-09"][1]
    in_period = {(r["loan_id"], r["inst_no"]) for r in full if start <= r["due_date"] <= as_of}
    assert len(full) > len(part) > 0
    assert {(r["loan_id"], r["inst_no"]) for r in part} == in_period


def test_period_start_after_as_of_or_far_from_the_data_is_refused(sample_copy: Path) -> None:
    with Case.open(sample_copy) as case:
        as_of = Session(case).period()[1]
        with pytest.raises(ParamError, match=r"starts .* after its as-of"):
            Session(case, from_date=as_of + dt.timedelta(days=1)).base_params()
        with pytest.raises(ParamError, match=r"far outside the data .* runs from"):
            Session(case, as_of="2999-12-31").base_params()
        with pytest.raises(ParamError, match="period start 1900-01-01 is far outside"):
            Session(case, from_date="1900-01-01").base_params()
