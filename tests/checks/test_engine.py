"""The check loader's refusals, parameter resolution, the sandbox and cancellation."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from auditor import db
from auditor.case.store import Case
from auditor.engine.checks import CheckSpec, QuerySpecError, parse_check, sql_parameters
from auditor.engine.params import ParamError
from auditor.engine.profiles import available_profiles, load_profile
from auditor.engine.runner import CheckRun, Session
from auditor.errors import Cancelled

HEADER = """-- id = "T-01"
-- title = "t"
-- family = "delinquency"
-- severity = "info"
-- description = "d"
-- basis = "b"
-- requires = { loans = ["loan_id"] }
-- [finding]
-- rows = "all"
-- [chart]
-- kind = "bar"
-- x = "a"
-- y = "b"
"""


def test_a_well_formed_check_loads() -> None:
    spec = parse_check(HEADER + "SELECT loan_id FROM loans", "t.sql")
    assert spec.id == "T-01" and spec.params == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + "SELECT 1; SELECT 2", "holds 2 statements"),
        (HEADER + "DELETE FROM loans", "is a DELETE statement"),
        (HEADER + "COPY loans TO '/tmp/x.csv'", "is a COPY statement"),
        (HEADER + "ATTACH '/tmp/x.db'", "is a ATTACH statement"),
        (HEADER + "SELECT * FROM loans WHERE loan_id = $who", "used but not declared: ['who']"),
        (
            HEADER.replace(
                "-- [finding]",
                '-- [params.n]\n-- type = "int"\n-- default = 1\n-- label = "n"\n-- [finding]',
            )
            + "SELECT 1",
            "declared but not used",
        ),
        (
            HEADER.replace('-- basis = "b"', '-- basis = "b"\n-- colour = "red"') + "SELECT 1",
            "unknown header keys ['colour']",
        ),
        (HEADER.replace('-- severity = "info"\n', "") + "SELECT 1", "header lacks ['severity']"),
        (
            HEADER.replace(
                "-- [finding]",
                '-- [params._x]\n-- type = "int"\n-- default = 1\n-- label = "x"\n-- [finding]',
            )
            + "SELECT $_x",
            "reserved",
        ),
        (
            HEADER.replace(
                "-- [finding]",
                '-- [params.d]\n-- type = "date"\n-- default = "x"\n-- label = "d"\n-- [finding]',
            )
            + "SELECT $d",
            "not a valid date",
        ),
    ],
)
def test_the_loader_refuses_with_file_and_reason(text: str, message: str) -> None:
    with pytest.raises(QuerySpecError) as e:
        parse_check(text, "queries/x/T-01.sql")
    assert "queries/x/T-01.sql" in str(e.value) and message in str(e.value)


def test_parameters_in_strings_comments_and_quoted_names_are_not_parameters() -> None:
    sql = "SELECT '$a', \"$b\" -- $c\n, $d /* $e */ FROM t WHERE x = $f"
    assert sql_parameters(sql) == {"d", "f"}


def test_profiles_carry_a_basis_for_every_value() -> None:
    assert available_profiles() == ["CN", "UK", "US"]
    for name in available_profiles():
        p = load_profile(name)
        assert p.params and all(v.basis and v.mark in "CPU" for v in p.params.values())
    assert load_profile("US").params["bucket_edges"].value == [30, 60, 90, 120]


def test_parameters_resolve_override_then_profile_then_default(
    sample_copy: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(sample_copy) as case:
        s = Session(case, profile="US", overrides={"substandard_dpd": "60"})
        got = s.resolve(library["DLQ-06"]).describe()
        assert got["substandard_dpd"] == {"value": 60, "source": "override"}
        assert got["loss_dpd"]["value"] == 120 and got["loss_dpd"]["source"] == "profile"
        assert "FFIEC" in got["loss_dpd"]["basis"]
        plain = Session(case, profile="CN")
        money = plain.resolve(library["DQ-05"]).describe()["money_tolerance"]
        assert money == {"value": "0.01", "source": "default"}
        with pytest.raises(ParamError, match="colour"):
            Session(case, overrides={"colour": "1"}).run_many([library["DLQ-06"]])
        with pytest.raises(ParamError, match="substandard_dpd"):
            Session(case, overrides={"substandard_dpd": "soon"}).resolve(library["DLQ-06"])


def test_a_check_whose_tables_are_missing_is_not_run_never_passed(
    case: Case, library: dict[str, CheckSpec]
) -> None:
    s = Session(case)
    r = s.run(library["DLQ-06"])
    assert r.status == "not_run" and r.reason == "needs loans, installments"
    r = s.run(library["DLQ-07"])
    assert r.status == "not_run" and "reported_metrics" in r.reason


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM glob('/etc/*')",
    ],
)
def test_sql_cannot_read_files(sample_session: Session, sql: str) -> None:
    with pytest.raises(QuerySpecError, match=r"disabled|Permission"):
        sample_session.query(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "COPY (SELECT 1) TO '/tmp/auditor-escape.csv'",
        "ATTACH '/tmp/auditor-escape.duckdb' AS x",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "INSERT INTO loans (loan_id) VALUES ('x')",
        "DROP TABLE loans",
    ],
)
def test_ad_hoc_sql_cannot_write_attach_or_load(sample_session: Session, sql: str) -> None:
    with pytest.raises(QuerySpecError, match="only a read-only SELECT"):
        sample_session.query(sql)
    assert not Path("/tmp/auditor-escape.csv").exists()


def test_even_a_raw_statement_on_the_locked_connection_cannot_escape(
    sample_session: Session,
) -> None:
    import duckdb

    for sql in (
        "COPY (SELECT 1) TO '/tmp/auditor-escape.csv'",
        "ATTACH '/tmp/auditor-escape.duckdb' AS x",
        "INSTALL httpfs",
    ):
        with pytest.raises(duckdb.Error):
            sample_session.conn.execute(sql)
    assert not Path("/tmp/auditor-escape.csv").exists()
    assert not Path("/tmp/auditor-escape.duckdb").exists()


def test_a_long_query_is_cancelled_from_another_thread_within_two_seconds(
    sample_session: Session,
) -> None:
    long_sql = "SELECT count(*) FROM range(100000000000) a"
    result: dict[str, object] = {}

    def go() -> None:
        t = time.perf_counter()
        try:
            sample_session.query(long_sql)
            result["outcome"] = "finished"
        except Cancelled:
            result["outcome"] = "cancelled"
        result["seconds"] = time.perf_counter() - t

    worker = threading.Thread(target=go)
    worker.start()
    time.sleep(0.5)
    asked = time.perf_counter()
    sample_session.interrupt()
    worker.join(timeout=10)
    assert result["outcome"] == "cancelled"
    assert time.perf_counter() - asked < 2.0


def test_a_cancelled_check_run_reports_cancelled(
    sample_session: Session, library: dict[str, CheckSpec]
) -> None:
    sample_session.interrupt()  # before start: every check from here on is cancelled
    runs = sample_session.run_many([library["DLQ-01"], library["DQ-01"]])
    assert [r.status for r in runs] == ["cancelled", "cancelled"]
    assert all(r.result_table is None for r in runs)


def test_run_all_reports_progress(sample_session: Session, library: dict[str, CheckSpec]) -> None:
    seen: list[tuple[int, int, str]] = []
    chosen = [library["DQ-03"], library["DLQ-10"]]
    sample_session.run_many(chosen, progress=lambda d, t, c: seen.append((d, t, c)))
    assert seen == [(0, 2, "DQ-03"), (1, 2, "DLQ-10"), (2, 2, "")]


def test_a_column_the_export_never_filled_makes_the_check_not_run(
    case: Case, tmp_path: Path, library: dict[str, CheckSpec]
) -> None:
    from auditor.ingest.importer import import_file

    loans = tmp_path / "loans.csv"
    loans.write_text("loan_id,borrower_id,disbursed_at,contract_principal\nA,X,2024-01-01,100\n")
    inst = tmp_path / "inst.csv"
    inst.write_text("loan_id,inst_no,due_date,principal_due\nA,1,2024-02-01,100\n")
    import_file(case, loans, table="loans")
    import_file(case, inst, table="installments")
    r = Session(case, as_of="2024-03-31").run(library["DLQ-06"])
    assert (r.status, r.reason) == ("not_run", "needs loans.risk_class")


def test_every_query_file_on_disk_loads() -> None:
    from auditor.engine.checks import load_library

    root = Path(__file__).resolve().parents[2] / "queries"
    on_disk = sorted(p.stem for p in root.rglob("*.sql"))
    assert on_disk and sorted(s.id for s in load_library()) == on_disk


def test_a_running_check_interrupted_from_another_thread_is_cancelled(
    sample_session: Session,
) -> None:
    long_check = parse_check(
        HEADER + "SELECT count(*) AS n FROM range(100000000000) t(i)", "long.sql"
    )
    got: dict[str, CheckRun] = {}
    worker = threading.Thread(target=lambda: got.update(run=sample_session.run(long_check)))
    worker.start()
    time.sleep(0.5)
    asked = time.perf_counter()
    sample_session.interrupt()
    worker.join(timeout=10)
    assert got["run"].status == "cancelled"
    assert time.perf_counter() - asked < 2.0


def test_the_base_layer_follows_the_as_of_date(
    sample_copy: Path, library: dict[str, CheckSpec]
) -> None:
    with Case.open(sample_copy) as case:
        early = Session(case, as_of="2023-12-31").run(library["DLQ-06"])
        late = Session(case, as_of="2024-09-30").run(library["DLQ-06"])
        state = case.conn.execute(
            "SELECT value FROM audit.meta WHERE key = 'base_state'"
        ).fetchall()[0][0]
    assert early.params["as_of"]["value"] == "2023-12-31"
    assert '"as_of": "2024-09-30"' in state
    assert early.loans != late.loans


def test_the_base_layer_is_built_once_for_a_run_whatever_else_the_base_schema_holds(
    sample_copy: Path, library: dict[str, CheckSpec]
) -> None:
    """APR, the outage linkage and the optional tables live beside the base layer; once they
    were there, every check rebuilt the base layer (14 s a check at 10 M installments)."""
    built = "SELECT count(*) FROM audit.log WHERE action = 'base_built'"
    in_base = "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'base'"
    with Case.open(sample_copy) as case:
        before = db.count(case.conn, built)
        session = Session(case, as_of="2024-09-30")
        runs = session.run_many([library[c] for c in ("DLQ-01", "DSC-04", "OUT-03", "DLQ-02")])
        assert all(r.status in ("info", "finding", "pass") for r in runs)
        assert db.count(case.conn, in_base) > 3  # APR and the outage linkage beside it
        assert db.count(case.conn, built) - before <= 1
