"""Which engine runs the checks: the one choice the command line and the desktop make.

DuckDB on the case is the default. Spark runs the same check library (transpiled) where the
data is: a Spark Connect server, or a local session; over a Parquet dataset laid out by table,
or over the case's own tables. Either way the caller gets a ``Session``: ``run``/``run_many``
give the same ``CheckRun`` outcomes, ``results`` reads the rows, ``interrupt`` cancels, and the
case keeps the audit log. Nothing above this module asks which engine ran.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from auditor.case.store import Case, Limits
from auditor.engine.profiles import Profile
from auditor.engine.runner import Session
from auditor.engine.spark.session import SparkOptions
from auditor.errors import AuditorError

EngineName = Literal["duckdb", "spark"]
ENGINES: tuple[EngineName, ...] = ("duckdb", "spark")


class EngineError(AuditorError):
    title = "Engine"


@dataclass(frozen=True)
class EngineChoice:
    """``name`` and, for Spark, where it runs (``spark``), what it reads (``data``: a Parquet
    dataset; None: the case's tables) and where full results go back (``write_results``)."""

    name: EngineName = "duckdb"
    spark: SparkOptions = field(default_factory=SparkOptions)
    data: str | None = None
    write_results: str | None = None

    def __post_init__(self) -> None:
        if self.name not in ENGINES:
            raise EngineError(f"unknown engine {self.name!r}; engines: {', '.join(ENGINES)}")
        if self.name == "duckdb" and (self.data or self.spark.remote or self.write_results):
            raise EngineError("--data, --spark-remote and --write-results are for --engine spark")

    def open(
        self,
        case: Case,
        *,
        profile: Profile | str | None = None,
        overrides: Mapping[str, str] | None = None,
        as_of: dt.date | str | None = None,
        from_date: dt.date | str | None = None,
        limits: Limits | None = None,
        land_results: bool = False,
    ) -> Session:
        """A session running the checks on this engine. ``land_results``: Spark's results are
        also copied into the case (the desktop pages and charts them from there)."""
        if self.name == "duckdb":
            return Session(
                case,
                profile=profile,
                overrides=overrides,
                as_of=as_of,
                from_date=from_date,
                limits=limits,
            )
        from auditor.engine.spark.runner import SparkChecks

        return SparkChecks(
            case,
            options=self.spark,
            data=self.data,
            profile=profile,
            overrides=overrides,
            as_of=as_of,
            from_date=from_date,
            limits=limits,
            write_results=self.write_results,
            land_results=land_results,
        )

    def describe(self) -> str:
        if self.name == "duckdb":
            return "DuckDB on the case"
        where = f"Parquet dataset {self.data}" if self.data else "the case's tables"
        return f"{self.spark.describe()} over {where}"


def default_results_dir(data: str) -> str:
    """Beside the data: ``<data>_results`` (a folder, or a URL on the cluster's storage)."""
    return (
        data.rstrip("/") + "_results" if "://" in data else str(Path(data).resolve()) + "_results"
    )


def engine_notes(session: Session) -> tuple[str, ...]:
    """Lines for the report's cover saying where the checks ran (nothing for DuckDB)."""
    describe = getattr(session, "describe", None)
    if session.engine == "duckdb" or describe is None:
        return ()
    tables = getattr(session, "tables", None)
    lines = [
        f"Engine: {describe()}; the checks' SQL (Provenance) was transpiled to Spark SQL at run "
        "time, parameters bound",
    ]
    if tables is not None:
        lines.append(f"Data: {tables.origin}")
        if tables.fingerprint:
            lines.append(f"Dataset fingerprint (SHA-256 over its files): {tables.fingerprint}")
        lines += [f"Data note: {n}" for n in tables.notes]
    return tuple(lines)
