"""The canonical tables on Spark: read from a Parquet dataset laid out by table, or from a case.

Every canonical table is conformed to the schema the checks are written against, as a case
holds it: the canonical columns in order with their types (money DECIMAL(18,2), rates DOUBLE,
timestamps without time zone), a column the data lacks present and NULL (so a check needing it
is "not run", as on a case). A stored type that cannot become the canonical one without a guess
(text for money, a float for money) is refused, naming the table and column; the month folders
of a partitioned table are layout and are dropped. Each table becomes a temporary view of the
Spark session, named as in the case: the checks' SQL reads those and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.case.parquet import DATASET_FILE, MONTH_PARTITIONS, export_parquet
from auditor.case.schema import TABLES, Column
from auditor.case.store import Case
from auditor.db import q
from auditor.errors import AuditorError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SPARK_TYPES = {
    "text": "string",
    "int": "int",
    "money": "decimal(18,2)",
    "rate": "double",
    "date": "date",
    "timestamp": "timestamp_ntz",
    "bool": "boolean",
}
# Stored types a canonical kind takes without a guess (Spark's simpleString, without precision).
ACCEPTED = {
    "text": {"string", "varchar", "char"},
    "int": {"int", "bigint", "smallint", "tinyint"},
    "money": {"decimal", "int", "bigint", "smallint", "tinyint"},
    "rate": {"double", "float", "decimal", "int", "bigint"},
    "date": {"date"},
    "timestamp": {"timestamp_ntz", "timestamp", "date"},
    "bool": {"boolean"},
}
EXTRA_TABLES = ("failure_reason_map", "loan_funding")  # read by the checks when present
# The case's record of imports as Spark holds it (DQ-11 reads when the loans were imported).
SOURCES_VIEW = "audit__sources"
SOURCES_SCHEMA = (
    "target_table string, file_name string, sha256 string, rows_loaded bigint, "
    "imported_at timestamp_ntz"
)
SourceRow = tuple[str, str, str, int, datetime]
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SparkDataError(AuditorError):
    title = "Spark data"


@dataclass
class SparkTables:
    """The tables registered for one run: DuckDB name -> Spark view, and what they hold."""

    spark: SparkSession
    origin: str
    views: dict[str, str] = field(default_factory=dict)
    schema: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    fingerprint: str | None = None
    _counts: dict[str, dict[str, int]] = field(default_factory=dict)
    _scratch: Path | None = None

    def columns(self, table: str) -> set[str]:
        return set(self.schema.get(table, ()))

    def count_values(self, table: str, columns: list[str]) -> tuple[int, ...]:
        """Rows of ``table`` and how many hold a value per column. Counted once, for every
        table in one query (each Spark job has a fixed cost)."""
        if table not in self._counts:
            self._count_all()
        counts = self._counts[table]
        return (counts[""], *(counts[c] for c in columns))

    def _count_all(self) -> None:
        parts = []
        for table, cols in self.schema.items():
            pairs = ", ".join(f"{_lit(c)}, count({q_spark(c)})" for c in cols)
            parts.append(
                f"SELECT {_lit(table)} AS t, count(*) AS n, map({pairs}) AS m "
                f"FROM {q_spark(self.views[table])}"
            )
        for row in self.spark.sql(" UNION ALL ".join(parts)).collect():
            self._counts[row["t"]] = {"": int(row["n"]), **{k: int(v) for k, v in row["m"].items()}}

    def rows(self, table: str) -> int:
        return self.count_values(table, [])[0]

    def close(self) -> None:
        for view in self.views.values():
            self.spark.catalog.dropTempView(view)
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


def q_spark(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _lit(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _kind_of(spark_type: str) -> str:
    return spark_type.split("(")[0].lower()


def conform(df: DataFrame, table: str, where: str, notes: list[str]) -> DataFrame:
    """``df`` with the canonical columns of ``table``, typed, in order; refuses a guess."""
    from pyspark.sql import functions as F

    spec = TABLES[table]
    stored = {f.name.lower(): f for f in df.schema.fields}
    layout = {MONTH_PARTITIONS[table][1]} if table in MONTH_PARTITIONS else set()
    ignored = sorted(set(stored) - set(spec.column_names) - layout)
    if ignored:
        notes.append(
            f"{where}: columns not in the canonical {table} table ignored: " + ", ".join(ignored)
        )
    out = []
    for col in spec.columns:
        target = SPARK_TYPES[col.kind]
        field_ = stored.get(col.name)
        if field_ is None:
            out.append(F.lit(None).cast(target).alias(col.name))
            continue
        have = field_.dataType.simpleString()
        _accept(col, have, f"{where}: column {col.name}")
        if have == "timestamp" and col.kind == "timestamp":
            notes.append(f"{where}: {col.name} is stored with a time zone; read as UTC wall-clock")
        expr = F.col(q_spark(field_.name))
        out.append((expr if have == target else expr.cast(target)).alias(col.name))
    return df.select(*out)


def _accept(col: Column, have: str, what: str) -> None:
    if _kind_of(have) not in ACCEPTED[col.kind]:
        raise SparkDataError(
            f"{what} is stored as {have}; the canonical type is {col.sql_type}. Import the "
            "export into a case, which converts and reports each value"
        )


def _is_local(location: str) -> bool:
    return "://" not in location or location.startswith("file://")


def _local_path(location: str) -> Path:
    return Path(location.removeprefix("file://"))


def _local_tables(root: Path) -> dict[str, str]:
    """Table name -> path, for each sub-folder (or ``<name>.parquet`` file) of ``root``."""
    if not root.is_dir():
        raise SparkDataError(
            f"--data {root}: no such folder (a Parquet dataset, one folder per table)"
        )
    found: dict[str, str] = {}
    for entry in sorted(root.iterdir()):
        name = entry.name.removesuffix(".parquet") if entry.is_file() else entry.name
        if name.startswith((".", "_")) or not _NAME.match(name):
            continue
        if entry.is_dir() or entry.suffix == ".parquet":
            found[name] = str(entry.resolve())
    if not found:
        raise SparkDataError(
            f"--data {root}: holds no table folders (export one with export-parquet)"
        )
    return found


def check_location(location: str) -> None:
    """A local dataset must be a folder of tables (a remote one is the cluster's to read)."""
    if _is_local(location):
        _local_tables(_local_path(location))


def dataset_fingerprint(root: Path) -> str:
    """SHA-256 over every file of the dataset (relative path and content), in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != DATASET_FILE):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        digest.update(rel.encode() + b"\0")
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def load_dataset(spark: SparkSession, location: str, wanted: Iterable[str] = ()) -> SparkTables:
    """The tables of a Parquet dataset at ``location`` (a folder, or a URL the cluster reads).
    Remote locations cannot be listed from here: the canonical tables and ``wanted`` are tried."""
    tables = SparkTables(spark, f"Parquet dataset {location}")
    if _is_local(location):
        root = _local_path(location)
        paths = _local_tables(root)
        tables.fingerprint = dataset_fingerprint(root)
        recorded = manifest_sources(root)
        if recorded is not None:
            register_sources(tables, recorded)
    else:
        paths = {
            name: f"{location.rstrip('/')}/{name}" for name in [*TABLES, *EXTRA_TABLES, *wanted]
        }
    for name, path in paths.items():
        try:
            df = spark.read.parquet(path)
        except Exception as e:
            if _is_local(location):
                raise SparkDataError(f"{path}: Spark cannot read it as Parquet: {_line(e)}") from e
            continue  # absent on the cluster's storage: the table was not exported
        _register(tables, name, df, path)
    return tables


def register_sources(tables: SparkTables, rows: list[SourceRow]) -> None:
    """``audit.sources`` for the checks that read the record of imports: the dataset's own
    (its manifest) or the case's."""
    frame = tables.spark.createDataFrame(rows, SOURCES_SCHEMA)
    frame.createOrReplaceTempView(SOURCES_VIEW)
    tables.views["audit.sources"] = SOURCES_VIEW


def register_history(tables: SparkTables, case: Case) -> None:
    """The case's comparisons of two exports (schema ``history``, which the HIS- checks read),
    sent to Spark as Arrow: they are the case's own record, whatever data the run reads."""
    for (name,) in case.conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'history' "
        "AND database_name = current_database() ORDER BY 1"
    ).fetchall():
        arrow = case.conn.sql(f"SELECT * FROM history.{q(name)}").to_arrow_table()
        key, view = f"history.{name}".lower(), f"history__{name}".lower()
        frame = tables.spark.createDataFrame(arrow)  # its types from Arrow, rows or none
        frame.createOrReplaceTempView(view)
        tables.views[key] = view
        tables.schema[key] = [f.name for f in frame.schema.fields]


def case_sources(case: Case) -> list[SourceRow]:
    return [
        (s.target_table, s.file_name, s.sha256, s.rows_loaded, s.imported_at)
        for s in case.sources()
    ]


def manifest_sources(root: Path) -> list[SourceRow] | None:
    """The sources ``export-parquet`` recorded in the dataset, or None when it has no record
    of when they were imported."""
    try:
        manifest = json.loads((root / DATASET_FILE).read_text(encoding="utf-8"))
        return [
            (
                str(s["table"]),
                str(s["file"]),
                str(s["sha256"]),
                int(s["rows_loaded"]),
                datetime.fromisoformat(str(s["imported_at"])),
            )
            for s in manifest["sources"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _register(tables: SparkTables, name: str, df: DataFrame, where: str) -> None:
    name = name.lower()
    if name in TABLES:
        df = conform(df, name, where, tables.notes)
    tables.views[name] = name
    tables.schema[name] = [f.name for f in df.schema.fields]
    df.createOrReplaceTempView(name)


def load_case(spark: SparkSession, case: Case, *, remote: bool) -> SparkTables:
    """The case's tables on Spark. A local session reads them from a Parquet copy in a scratch
    folder; a remote one, or a case already sandboxed, is sent them as Arrow batches."""
    if not remote and not case.sandboxed:
        scratch = Path(tempfile.mkdtemp(prefix="auditor-spark-"))
        try:
            export_parquet(case, scratch)
            tables = load_dataset(spark, str(scratch))
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        tables._scratch = scratch
        # Removed on close, else when the run is let go or the process ends (a command
        # that exits without closing its session leaves no copy of the case behind).
        weakref.finalize(tables, shutil.rmtree, scratch, True)
        tables.origin = f"case {case.path.name} (its tables, copied to Parquet for Spark)"
        tables.fingerprint = None
        return tables
    tables = SparkTables(spark, f"case {case.path.name} (its tables, sent to Spark as Arrow)")
    for name in case.tables():
        arrow = case.conn.sql(f"SELECT * FROM main.{q(name)}").to_arrow_table()
        _register(tables, name, spark.createDataFrame(arrow), f"case table {name}")
    return tables


def _line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
