"""Every check of the library on both engines, on the same data: the sample platform imported
into a case (DuckDB) and exported as a Parquet dataset (Spark, local). The same outcome, the
same summary, the same columns of the same kinds, and the same rows: exact for counts, dates,
text and decimals, within 1e-9 for floats. A difference is one engine reading the SQL
differently from the other; the transpiler's rules exist to remove each one found."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.spark.runner import SparkChecks
from auditor.sample.platform import SampleResult
from tests.checks.test_sample_truths import EXPECTED
from tests.spark.compare import family, row_differences
from tests.spark.conftest import LOCAL, Outcome

CHECK_IDS = [spec.id for spec in load_library()]


def test_every_check_of_the_library_is_compared(library: dict[str, CheckSpec]) -> None:
    assert sorted(CHECK_IDS) == sorted(library) and len(CHECK_IDS) >= 41


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_a_check_gives_the_same_result_on_duckdb_and_on_spark(
    check_id: str,
    duckdb_small: dict[str, Outcome],
    spark_small: tuple[Any, dict[str, Outcome]],
) -> None:
    duck, spark = duckdb_small[check_id], spark_small[1][check_id]
    assert spark.run.status == duck.run.status, spark.run.reason
    assert spark.run.reason == duck.run.reason
    assert (
        spark.run.row_count,
        spark.run.finding_rows,
        spark.run.loans,
        spark.run.borrowers,
        spark.run.amount,
    ) == (
        duck.run.row_count,
        duck.run.finding_rows,
        duck.run.loans,
        duck.run.borrowers,
        duck.run.amount,
    )
    assert spark.run.params == duck.run.params
    assert [c for c, _ in spark.columns] == [c for c, _ in duck.columns]
    assert [family(t) for _, t in spark.columns] == [family(t) for _, t in duck.columns]
    names = [c for c, _ in duck.columns]
    assert row_differences(names, duck.rows, spark.rows) == []


def test_the_checks_compared_have_rows_to_compare(duckdb_small: dict[str, Outcome]) -> None:
    """The comparison means something: most checks return rows on the small sample."""
    with_rows = [i for i, o in duckdb_small.items() if o.rows]
    assert len(with_rows) >= 30, sorted(set(duckdb_small) - set(with_rows))


def test_the_planted_truths_hold_alike_on_both_engines(
    small_sample: tuple[SampleResult, Any],
    duckdb_small: dict[str, Outcome],
    spark_small: tuple[Any, dict[str, Outcome]],
) -> None:
    """The sample's manifest (computed by the generator with numpy, not with the checks' SQL)
    against each engine's results. Some truths assert sizes only the default sample reaches;
    whatever holds on DuckDB must hold on Spark, and most hold at this size."""
    manifest = small_sample[0].manifest

    def holds(outcome: Outcome) -> str:
        try:
            EXPECTED[outcome.run.check.id](manifest, outcome.run, outcome.dicts())
        except AssertionError as e:
            return f"fails: {e}".splitlines()[0]
        return "holds"

    verdicts = {i: (holds(duckdb_small[i]), holds(spark_small[1][i])) for i in sorted(EXPECTED)}
    assert {i: v for i, v in verdicts.items() if v[0] != v[1]} == {}
    assert sum(v[0] == "holds" for v in verdicts.values()) >= 30


def test_another_run_in_the_same_spark_process_leaves_these_results_alone(
    spark: Any,
    small_sample: tuple[SampleResult, Path],
    small_dataset: Path,
    library: dict[str, CheckSpec],
    spark_small: tuple[SparkChecks, dict[str, Outcome]],
    tmp_path: Path,
) -> None:
    """Each run has a Spark session of its own (same context and cache): another run of the
    same check, closed, drops none of this run's views (tables, base layer, results)."""
    copy = tmp_path / "other.duckdb"
    shutil.copy(small_sample[1], copy)
    with Case.open(copy) as case:
        other = SparkChecks(case, data=small_dataset, spark=spark, options=LOCAL)
        assert other.run(library["OUT-01"]).status == "finding"
        other.close()
    checks, outcomes = spark_small
    kept = outcomes["OUT-01"]
    assert kept.run.result_table is not None
    again = [r for b in checks.results.batches(kept.run.result_table) for r in b]
    assert row_differences([c for c, _ in kept.columns], kept.rows, again) == []
    assert checks.run(library["DLQ-10"]).status == outcomes["DLQ-10"].run.status


def test_a_run_says_the_same_on_both_engines_in_either_language(
    duckdb_small: dict[str, Outcome], spark_small: tuple[Any, dict[str, Outcome]]
) -> None:
    """What a run says beside its result (an export read as none, a test skipped) is written
    from the same facts on Spark as on DuckDB, so it reads in Chinese there too."""
    for cid, duck in duckdb_small.items():
        spark = spark_small[1][cid].run
        assert spark.notes == duck.run.notes, cid
        assert spark.reason_in("zh") == duck.run.reason_in("zh"), cid
