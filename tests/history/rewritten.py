"""A rewritten re-export of the sample platform: the changes the issue lists, planted.

The older export is the sample as generated. The newer one is the same files with exactly these
edits, each made to the file as the platform would hand it over:

1. installments.csv (GB18030): loan L00000001's installment 1 paid 2023/1/31 instead of
   2023/2/1 (a paid date moved);
2. charges.csv: the penalty F000000001 (罚息 5.51 on L00000173) deleted;
3. incidents.xlsx: INC-003 (bank channel outage) removed, INC-005 shortened to end 14:20
   instead of 15:00 (40 minutes gone);
4. bureau_reports.parquet: the negative report R000000003 (L00000031) withdrawn, with no
   report superseding it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from auditor.case.store import Case
from auditor.db import lit
from auditor.ingest.importer import import_file
from auditor.sample.platform import FILES, SampleResult


def rewrite_exports(src: Path, dst: Path) -> list[Path]:
    dst.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy(src / name, dst / name)
    inst = dst / "installments.csv"
    text = inst.read_bytes().decode("gb18030")
    old_line = next(x for x in text.splitlines() if x.startswith("L00000001,1,"))
    fields = old_line.split(",")
    assert fields[7] == "2023/2/1"
    fields[7] = "2023/1/31"
    inst.write_bytes(text.replace(old_line, ",".join(fields), 1).encode("gb18030"))
    charges = dst / "charges.csv"
    lines = charges.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith("F000000001,")]
    assert len(kept) == len(lines) - 1
    charges.write_bytes(("\ufeff" + "".join(kept)).encode("utf-8"))
    wb = load_workbook(dst / "incidents.xlsx")
    ws = wb.active
    for row in ws.iter_rows(min_row=5):
        if row[0].value == "INC-005":
            row[4].value = dt.datetime(2024, 8, 19, 14, 20)
    gone = next(r[0].row for r in ws.iter_rows(min_row=5) if r[0].value == "INC-003")
    ws.delete_rows(gone)
    wb.save(dst / "incidents.xlsx")
    reports = dst / "bureau_reports.parquet"
    reports.unlink()
    duckdb.execute(
        f"COPY (SELECT * FROM read_parquet({lit(str(src / 'bureau_reports.parquet'))}) "
        f"WHERE report_id <> 'R000000003') TO {lit(str(reports))} (FORMAT parquet)"
    )
    return [dst / name for name in FILES]


@pytest.fixture(scope="session")
def rewritten_case_path(sample: SampleResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rewritten")
    files = rewrite_exports(sample.directory, folder / "exports")
    path = folder / "new.duckdb"
    with Case.open(path, create=True) as case:
        for f in files:
            assert import_file(case, f).rows_rejected == 0, f
    return path


@pytest.fixture
def compared(sample_case_path: Path, rewritten_case_path: Path, tmp_path: Path) -> Path:
    """A copy of the newer case holding its comparison with the older one."""
    from auditor.results.compare import compare_cases

    new = tmp_path / "new.duckdb"
    new.write_bytes(rewritten_case_path.read_bytes())
    with Case.open(new) as case:
        compare_cases(case.conn, sample_case_path, str(new))
    return new
