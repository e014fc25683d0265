"""Mapping expressions come from other people's profiles and workbooks: they are parsed as one
scalar expression each, and the import runs with every file closed but the source.

Two walls, each tested on its own: the parser refuses anything but a scalar expression, and
with the parser switched off the import's sandbox still refuses to read or write a file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import tomli_w

from auditor.case.store import Case
from auditor.cli import main
from auditor.errors import AuditorError, CaseError, MappingError
from auditor.ingest import target as target_module
from auditor.ingest.expressions import check_scalar_expression
from auditor.ingest.importer import import_file
from auditor.ingest.mapping import ColumnSource, MappingProfile, load_profile, parse_profile
from auditor.workbook.document import open_workbook
from tests.conftest import write

LOANS = "loan_id,borrower_id,disbursed_at,contract_principal,region\nL1,B1,2024-01-01,1000,north\n"

SCALARS = [
    'CAST("借款利率" AS DOUBLE) / 100',
    "DATE '1970-01-01' + CAST(\"到期天数\" AS INTEGER)",
    "TRY_CAST(a AS DECIMAL(18, 2))",
    "CASE WHEN upper(trim(a)) = 'Y' THEN 1 ELSE 0 END",
    "strptime(a, '%Y/%m/%d')::DATE",
    "coalesce(a, b) || '-' || regexp_replace(c, '[,]', '', 'g')",
    "a BETWEEN 1 AND 2 AND b IN ('x', 'y') AND c IS NOT NULL",
    "list_transform([1, 2], x -> x + 1)[1]",
    "a -- a trailing comment",
]

HOSTILE = [
    ("(SELECT string_agg(content, '') FROM read_text('/etc/passwd'))", "subqueries"),
    ("read_text('/etc/passwd')", "not allowed"),
    ("1); COPY (SELECT 1) TO '/tmp/x.csv' --", "not a valid expression"),
    ("1) FROM read_text('/etc/passwd') --", "not a valid expression"),
    ("a) UNION SELECT (1", "single scalar expression"),
    ("1; SELECT 2", "not a valid expression"),
    ("EXISTS (SELECT 1)", "subqueries"),
    ("a IN (SELECT * FROM read_csv('/etc/passwd'))", "subqueries"),
    ("current_setting('allowed_paths')", "not allowed"),
    ("getenv('HOME')", "not allowed"),
    ("nextval('seq')", "not allowed"),
    ("main.upper(a)", "qualified"),
    ("sum(a)", "not a scalar function"),
    ("row_number() OVER ()", "window"),
    ("COLUMNS(*)", "star"),
    ("*", "star"),
    ("$secret", "parameter"),
    ("", "empty"),
    ("a\x00", "NUL"),
]


@pytest.mark.parametrize("expr", SCALARS)
def test_scalar_expressions_pass(expr: str) -> None:
    check_scalar_expression(expr, what="column x")


@pytest.mark.parametrize(("expr", "reason"), HOSTILE)
def test_anything_but_a_scalar_expression_is_refused(expr: str, reason: str) -> None:
    with pytest.raises(MappingError, match=reason) as e:
        check_scalar_expression(expr, what="column 'region'")
    assert str(e.value).startswith("column 'region'")
    assert "\n" not in str(e.value)


def test_a_profile_with_a_file_reading_expression_is_refused_at_load(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "hunter2\n")
    profile = write(
        tmp_path / "evil.toml",
        'table = "loans"\n[columns]\n'
        f"region = {{ expr = \"(SELECT string_agg(content, '') FROM read_text('{secret}'))\" }}\n",
    )
    with pytest.raises(MappingError, match="subqueries") as e:
        load_profile(profile)
    assert "evil.toml" in str(e.value) and "region" in str(e.value)


def test_the_cli_refuses_the_profile_and_the_case_holds_no_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = write(tmp_path / "secret.txt", "hunter2\n")
    stolen = tmp_path / "stolen.csv"
    loans = write(tmp_path / "loans.csv", LOANS)
    for expr in (
        f"(SELECT string_agg(content, '') FROM read_text('{secret}'))",
        f"1); COPY (SELECT 'x') TO '{stolen}' --",
    ):
        profile = write(
            tmp_path / "evil.toml", f'table = "loans"\n[columns]\nregion = {{ expr = "{expr}" }}\n'
        )
        rc = main(["import", str(tmp_path / "case.duckdb"), str(loans), "--mapping", str(profile)])
        assert rc == 3
        err = capsys.readouterr().err
        assert "region" in err and "Traceback" not in err
    assert not stolen.exists()
    if (tmp_path / "case.duckdb").exists():
        with Case.open(tmp_path / "case.duckdb") as case:
            assert not case.has_table("loans")


def test_with_the_parser_switched_off_the_import_sandbox_still_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second wall: the import can open the source file and nothing else."""
    monkeypatch.setattr(target_module, "check_scalar_expression", lambda *_a, **_k: None)
    secret = write(tmp_path / "secret.txt", "hunter2\n")
    stolen = tmp_path / "stolen.csv"
    loans = write(tmp_path / "loans.csv", LOANS)
    for i, expr in enumerate(
        (
            f"(SELECT string_agg(content, '') FROM read_text('{secret}'))",
            f"(SELECT count(*) FROM read_csv('{secret}'))",
        )
    ):
        profile = MappingProfile(table="loans", columns={"region": ColumnSource(expr=expr)})
        with Case.open(tmp_path / f"case{i}.duckdb", create=True) as case:
            with pytest.raises(AuditorError, match="disabled by configuration"):
                import_file(case, loans, mapping=profile)
            assert not case.has_table("loans")
            # The case is usable again afterwards, with its file access restored.
            assert import_file(case, loans).rows_loaded == 1
    assert not stolen.exists()


def test_legitimate_expressions_import_and_a_second_file_follows(tmp_path: Path) -> None:
    loans = write(tmp_path / "loans.csv", LOANS)
    more = write(tmp_path / "more.csv", LOANS.replace("L1,B1", "L2,B2"))
    profile = MappingProfile(
        table="loans", columns={"region": ColumnSource(expr="upper(\"region\") || '-1'")}
    )
    with Case.open(tmp_path / "case.duckdb", create=True) as case:
        case.lock_down()  # a sandboxed case (the desktop's) imports and stays sandboxed
        assert import_file(case, loans, mapping=profile).rows_loaded == 1
        assert import_file(case, more, mapping=profile).rows_loaded == 1
        assert case.sandboxed
        rows = case.conn.execute("SELECT loan_id, region FROM loans ORDER BY 1").fetchall()
        assert rows == [("L1", "NORTH-1"), ("L2", "NORTH-1")]
        with pytest.raises(Exception, match="disabled by configuration"):
            case.conn.execute(f"SELECT * FROM read_text('{loans}')").fetchall()


def test_a_case_open_elsewhere_in_the_process_is_named(tmp_path: Path) -> None:
    loans = write(tmp_path / "loans.csv", LOANS)
    with Case.open(tmp_path / "case.duckdb", create=True) as case:
        case.lock_down()
        other = duckdb.connect(str(tmp_path / "case.duckdb"))  # the same, locked instance
        with pytest.raises(CaseError, match="still open"):
            import_file(case, loans)
        other.close()


def test_a_workbook_source_mapping_that_is_not_a_scalar_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "hunter2\n")
    mapping = (
        'table = "loans"\n[columns]\n'
        f"region = {{ expr = \"(SELECT content FROM read_text('{secret}'))\" }}\n"
    )
    doc = {
        "format": "lending-auditor-workbook",
        "version": 1,
        "sources": [{"path": "loans.csv", "sha256": "", "table": "loans", "mapping": mapping}],
    }
    wb = tmp_path / "evil.auditwb"
    wb.write_text(tomli_w.dumps(doc), encoding="utf-8")
    opened = open_workbook(wb)
    assert opened.workbook.sources[0].mapping == ""
    assert any("source mapping refused" in w and "subqueries" in w for w in opened.warnings)
    parse_profile('table = "loans"\n[columns]\nregion = { expr = "upper(region)" }\n')
