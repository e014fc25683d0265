"""The command line under attack and mistakes: exit codes as documented (2 a wrong command line,
3 a refused input, 4 not a case, 130 cancelled), one-line errors and never a traceback, Ctrl-C
that stops DuckDB, CSV cells that cannot run as formulas, limits on a runaway query, a case
that ad-hoc queries do not grow, foreign DuckDB files left untouched and spill cleaned."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from auditor.case.store import Case
from auditor.cli import main
from tests.checks.fixture import build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("hardening"))


@pytest.fixture
def case(built: Path, tmp_path: Path) -> str:
    copy = tmp_path / "c.duckdb"
    copy.write_bytes(built.read_bytes())
    return str(copy)


def _exit(args: list[str]) -> int:
    """The exit status, whether main returns it or argparse exits with it."""
    try:
        return main(args)
    except SystemExit as stop:
        return int(stop.code or 0)


def _sha(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_check_takes_several_ids_or_repeats(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["run", case, "--as-of", "2024-03-31", "--json", "--check", "DQ-01", "DQ-03"]
    assert main([*args, "--check", "DLQ-06,DLQ-10", "--check", "DQ-01"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert ids == ["DQ-01", "DQ-03", "DLQ-06", "DLQ-10"]


@pytest.mark.parametrize(
    "extra",
    [
        ["--param", "amt_tolerance=abc"],
        ["--as-of", "2024-13-45"],
        ["--param", "as_of=yesterday"],
        ["--param", "incident_buffer_min=-50"],
        ["--param", "amt_tolerance=NaN"],
        ["--param", "amt_tolerance=1e999"],
        ["--param", "incident_buffer_min=1e999"],
        ["--param", "bucket_edges=[1, -5]"],
        ["--from", "2024-02-30"],
        ["--from", "2024-04-01", "--as-of", "2024-03-31"],
        ["--as-of", "2999-12-31"],
        ["--from", "1800-01-01"],
    ],
)
def test_bad_parameters_are_a_wrong_command_line(
    extra: list[str], case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = capsys.readouterr()
    assert _exit(["run", case, "--check", "OUT-01", "DLQ-01", *extra]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip(), before
    assert "check" not in capsys.readouterr().out


def test_a_date_far_from_the_data_names_the_data_range(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", case, "--as-of", "2999-12-31"]) == 2
    err = capsys.readouterr().err
    assert "2999-12-31 is far outside the data (the data runs from 2023-06-01 to" in err


def test_read_commands_refuse_a_duckdb_file_that_is_not_a_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t AS SELECT 42 AS answer")
    con.close()
    before = _sha(other)
    for args in (["info"], ["rejects"], ["log"], ["log", "--verify"], ["run"], ["sql"]):
        cmd = [args[0], str(other), *args[1:]] + (["SELECT 1"] if args[0] == "sql" else [])
        assert main(cmd) == 4, args
        assert "is not a case database" in capsys.readouterr().err
    assert _sha(other) == before
    assert not (tmp_path / "other.duckdb.wal").exists()
    con = duckdb.connect(str(other), read_only=True)
    assert (
        con.execute(
            "SELECT schema_name FROM duckdb_schemas() WHERE schema_name = 'audit'"
        ).fetchall()
        == []
    )
    con.close()


def test_unwritable_outputs_and_negative_counts_are_one_line_errors(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    for args in (
        ["report", case, "-o", "/proc/x.xlsx", "--check", "DQ-01"],
        ["report", case, "-o", str(tmp_path), "--check", "DQ-01"],
        ["sql", case, "SELECT 1", "--csv", str(tmp_path)],
        ["run", case, "--check", "DQ-01", "--out", str(a_file)],
    ):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, (args, err)
    for args in (
        ["sql", case, "SELECT 1", "--limit", "-1"],
        ["rejects", case, "--limit", "-3"],
        ["report", case, "-o", str(tmp_path / "r.xlsx"), "--max-evidence-rows", "-5"],
    ):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 2
        assert "is below" in capsys.readouterr().err
    # A CSV into a folder that does not exist yet: the folder is made.
    target = tmp_path / "new" / "deeper" / "one.csv"
    assert main(["sql", case, "SELECT 1 AS one", "--csv", str(target)]) == 0
    assert target.read_text().splitlines() == ["one", "1"]


def test_csv_exports_neutralise_formulas(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.csv"
    sql = (
        "SELECT '=cmd|'' /C calc''!A0' AS a, '+1+1' AS b, '@SUM(A1)' AS c, '-2' AS d, "
        "-5 AS n, 'plain' AS p, chr(9) || '=1' AS t"
    )
    assert main(["sql", case, sql, "--csv", str(target)]) == 0
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "'+1+1", "'@SUM(A1)", "'-2", "-5", "plain", "'\t=1"]
    out = tmp_path / "runs"
    assert main(["run", case, "--as-of", "2024-03-31", "--check", "DQ-01", "--out", str(out)]) == 0
    assert (out / "DQ-01.csv").exists()


def test_adhoc_results_do_not_grow_the_case(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    size = Path(case).stat().st_size
    assert main(["sql", case, "SELECT range AS n, repeat('x', 50) AS pad FROM range(300000)"]) == 0
    assert "300,000 rows" in capsys.readouterr().out
    assert Path(case).stat().st_size == size
    con = duckdb.connect(case, read_only=True)
    assert con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'adhoc'"
    ).fetchall() == [(0,)]
    con.close()


def test_the_memory_limit_stops_a_runaway_query(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a limit this query takes about 2.5 GB for a second or ten; at 256 MB it is
    refused at once, in one line."""
    runaway = "SELECT len(list(range)) FROM range(150000000)"
    assert main(["sql", case, runaway, "--memory-limit", "256MB", "--temp-limit", "256MB"]) == 3
    err = capsys.readouterr().err
    assert "memory limit (256MB)" in err and "Traceback" not in err
    assert main(["sql", case, "SELECT 1", "--memory-limit", "lots"]) == 2
    assert "write a size such as" in capsys.readouterr().err


def test_spill_left_by_a_killed_process_is_cleaned_on_open(case: str) -> None:
    spill = Path(case + ".tmp")
    spill.mkdir()
    (spill / "duckdb_temp_storage_S32K-0.tmp").write_bytes(b"\0" * 4096)
    with Case.open(case):
        pass
    assert not spill.exists()


RUN_CLI = "import sys; from auditor.cli import main; sys.exit(main())"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT sum(range) FROM range(9000000000000)",
        "SELECT count(*) FROM range(4000000000) a, range(1000) b WHERE a.range + b.range < 0",
    ],
)
def test_ctrl_c_interrupts_duckdb_and_exits_130(query: str, case: str) -> None:
    """The command is started and, once it says the query runs, sent SIGINT (Ctrl-C). A query
    that would run for hours stops, and the exit status is 130."""
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "sql", case, query],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # "running the query (Ctrl-C cancels)"
        assert "Ctrl-C" in line, line
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=120)  # a guard against a hang, not a timing assertion
        rest = proc.stderr.read()
    finally:
        proc.kill()  # never leave a runaway query behind, whatever failed above
        proc.wait()
    assert code == 130, rest
    assert "cancel" in rest and "Traceback" not in rest
