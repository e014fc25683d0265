"""``auditor export-parquet``: a case's tables as a Parquet dataset by table, months as folders,
read back whole (DuckDB reads it here: no Spark needed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from auditor.case import auditlog
from auditor.case.parquet import DATASET_FILE, ExportParquetError, export_parquet
from auditor.case.store import Case
from auditor.cli import main
from auditor.sample.platform import SampleResult


@pytest.fixture
def small_copy(small_sample: tuple[SampleResult, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "case.duckdb"
    shutil.copy(small_sample[1], copy)
    return copy


def test_export_writes_every_table_by_month_and_reads_back_whole(
    small_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lake"
    assert main(["export-parquet", str(small_copy), str(out)]) == 0
    assert "Parquet dataset written to" in capsys.readouterr().out
    manifest = json.loads((out / DATASET_FILE).read_text(encoding="utf-8"))
    with Case.open(small_copy) as case:
        tables = case.tables()
        counts = {t: case.row_count(t) for t in tables}
        assert {s["sha256"] for s in manifest["sources"]} == {s.sha256 for s in case.sources()}
        entries = [e.action for e in auditlog.entries(case.conn)]
    assert entries[-1] == "export_parquet"
    assert sorted(manifest["tables"]) == sorted(tables)
    assert {t: v["rows"] for t, v in manifest["tables"].items()} == counts
    months = sorted(p.name for p in (out / "installments").iterdir())
    assert months[0].startswith("due_month=") and len(months) >= 12
    assert (out / "repayment_attempts").glob("attempt_month=*/*.parquet")
    assert [p.name for p in (out / "loans").iterdir()] == ["data_0.parquet"]
    conn = duckdb.connect()
    conn.execute(f"ATTACH '{small_copy}' AS c (READ_ONLY)")
    for table in ("installments", "repayment_attempts", "loans"):
        files = f"{out / table}/**/*.parquet"
        read = f"SELECT * FROM read_parquet('{files}', hive_partitioning = false)"
        assert conn.execute(f"SELECT count(*) FROM ({read})").fetchall()[0][0] == counts[table]
        differs = conn.execute(
            f"SELECT count(*) FROM ((SELECT * FROM c.main.{table} EXCEPT ALL {read}) "
            f"UNION ALL ({read} EXCEPT ALL SELECT * FROM c.main.{table}))"
        ).fetchall()[0][0]
        assert differs == 0, table


def test_export_refuses_a_folder_it_did_not_write_and_replaces_its_own(
    small_copy: Path, tmp_path: Path
) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    with Case.open(small_copy) as case:
        with pytest.raises(ExportParquetError, match="not empty and holds no dataset"):
            export_parquet(case, foreign)
        out = tmp_path / "lake"
        export_parquet(case, out)
        (out / "stale_table").mkdir()  # as if an earlier export had a table the case lost
        manifest = json.loads((out / DATASET_FILE).read_text(encoding="utf-8"))
        manifest["tables"]["stale_table"] = {"rows": 1, "partitioned_by": None}
        (out / DATASET_FILE).write_text(json.dumps(manifest), encoding="utf-8")
        again = export_parquet(case, out)
    assert (foreign / "holiday.jpg").exists()
    assert not (out / "stale_table").exists()
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("_")) == sorted(
        t.name for t in again
    )
    assert main(["export-parquet", str(tmp_path / "nope.duckdb"), str(out)]) == 4
