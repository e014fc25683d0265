"""A case's tables as a Parquet dataset laid out by table, for platform-scale engines.

``DIR/<table>/`` holds each table of the case (canonical and extra tables). The tables that grow
with the book are split by month (Hive-style folders), so a cluster reads them in parallel and
a later run over one period can skip the other months' files:

    DIR/loans/data_0.parquet
    DIR/installments/due_month=2024-01/data_0.parquet
    DIR/repayment_attempts/attempt_month=2024-01/data_0.parquet
    DIR/payments/value_month=2024-01/data_0.parquet
    DIR/_dataset.json

The month folder is a layout, not a column of the table: readers drop it. ``_dataset.json``
records the tables with their row counts and the case's sources (file, SHA-256, rows, when
imported), so a dataset can be traced to the exports it came from; on Spark it stands for the
case's record of imports (``audit.sources``, which a check such as DQ-11 reads). Each table is
written to a temporary folder and renamed into place: a failed export leaves the earlier copy of
that table.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from auditor import __version__, db
from auditor.case import auditlog
from auditor.case.store import Case
from auditor.db import lit, q
from auditor.errors import AuditorError

DATASET_FILE = "_dataset.json"
DATASET_FORMAT = "lending-auditor parquet dataset"
# table -> (date or timestamp column, name of the month folder)
MONTH_PARTITIONS = {
    "installments": ("due_date", "due_month"),
    "repayment_attempts": ("attempt_at", "attempt_month"),
    "payments": ("value_date", "value_month"),
}


class ExportParquetError(AuditorError):
    title = "Parquet export"


@dataclass(frozen=True)
class ExportedTable:
    name: str
    rows: int
    partitioned_by: str | None


def partition_column(table: str) -> str | None:
    got = MONTH_PARTITIONS.get(table)
    return got[1] if got else None


def _check_target(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise ExportParquetError(f"{directory} is a file; give a folder for the dataset")
    if directory.is_dir():
        entries = [p for p in directory.iterdir() if not p.name.startswith(".")]
        if entries and not (directory / DATASET_FILE).exists():
            raise ExportParquetError(
                f"{directory} is not empty and holds no dataset written by export-parquet; "
                "choose an empty or new folder"
            )


def _manifest_tables(directory: Path) -> list[str]:
    path = directory / DATASET_FILE
    if not path.exists():
        return []
    try:
        tables = json.loads(path.read_text(encoding="utf-8")).get("tables", {})
    except (ValueError, OSError):
        return []
    return [t for t in tables if isinstance(t, str) and "/" not in t and not t.startswith(".")]


def _copy_sql(table: str, target: Path) -> str:
    month = MONTH_PARTITIONS.get(table)
    if month is None:
        return (
            f"COPY (SELECT * FROM main.{q(table)}) TO {lit(str(target / 'data_0.parquet'))} "
            "(FORMAT parquet)"
        )
    column, folder = month
    return (
        f"COPY (SELECT *, strftime({q(column)}, '%Y-%m') AS {q(folder)} FROM main.{q(table)}) "
        f"TO {lit(str(target))} (FORMAT parquet, PARTITION_BY ({q(folder)}))"
    )


def export_parquet(case: Case, directory: Path | str) -> list[ExportedTable]:
    """Write every table of ``case`` under ``directory``; returns what was written. The case
    must not be sandboxed (writing files is what sandboxed cases cannot do)."""
    directory = Path(directory)
    _check_target(directory)
    if case.sandboxed:
        raise ExportParquetError("the case is open for checks (sandboxed); export it on its own")
    tables = case.tables()
    if not tables:
        raise ExportParquetError(f"{case.path} holds no tables to export; import exports first")
    directory.mkdir(parents=True, exist_ok=True)
    stale = set(_manifest_tables(directory)) - set(tables)
    written: list[ExportedTable] = []
    for table in tables:
        staging = directory / f".{table}.{uuid.uuid4().hex[:8]}"
        staging.mkdir()
        try:
            case.conn.execute(_copy_sql(table, staging))
            final = directory / table
            if final.exists():
                shutil.rmtree(final)
            staging.rename(final)
        except OSError as e:
            raise ExportParquetError(f"cannot write {directory / table}: {e.strerror}") from e
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        rows = db.count(case.conn, f"SELECT count(*) FROM main.{q(table)}")
        written.append(ExportedTable(table, rows, partition_column(table)))
    manifest = {
        "format": DATASET_FORMAT,
        "version": 1,
        "written_at": datetime.now().isoformat(timespec="seconds"),
        "app_version": __version__,
        "case": case.path.name,
        "tables": {t.name: {"rows": t.rows, "partitioned_by": t.partitioned_by} for t in written},
        "sources": [
            {
                "file": s.file_name,
                "sha256": s.sha256,
                "table": s.target_table,
                "rows_loaded": s.rows_loaded,
                "imported_at": s.imported_at.isoformat(),
            }
            for s in case.sources()
        ],
    }
    for name in sorted(stale):  # a table an earlier export wrote that the case no longer has
        shutil.rmtree(directory / name, ignore_errors=True)
    tmp = directory / f".{DATASET_FILE}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(directory / DATASET_FILE)
    auditlog.append(
        case.conn,
        "export_parquet",
        {"directory": str(directory), "tables": {t.name: t.rows for t in written}},
    )
    return written
