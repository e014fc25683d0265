"""The engine options of ``run``, ``report`` and ``run-workbook``, and ``export-parquet``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditor.case.parquet import export_parquet
from auditor.case.store import Case
from auditor.cli.options import limits_of
from auditor.engine.engines import (
    ENGINES,
    EngineChoice,
    EngineError,
    default_results_dir,
    engine_notes,
)
from auditor.engine.runner import Session
from auditor.engine.spark.session import SparkOptions

__all__ = [
    "add_engine_options",
    "add_export_command",
    "engine_choice",
    "engine_notes",
    "open_session",
]


def add_engine_options(s: argparse.ArgumentParser, *, data: bool = True) -> None:
    g = s.add_argument_group("engine")
    g.add_argument(
        "--engine",
        choices=ENGINES,
        default="duckdb",
        help="where the checks run: DuckDB on the case (default) or Apache Spark",
    )
    g.add_argument(
        "--spark-remote",
        dest="spark_remote",
        metavar="sc://HOST:PORT",
        help="a Spark Connect server (default: a local Spark session)",
    )
    g.add_argument(
        "--spark-master",
        dest="spark_master",
        default="local[*]",
        metavar="local[N]",
        help="the local session's threads (default local[*]: one per core)",
    )
    if data:
        g.add_argument(
            "--data",
            dest="dataset",
            metavar="DIR",
            help="read the tables from this Parquet dataset (one folder per table, as "
            "export-parquet writes) instead of the case's; the case keeps the record",
        )
    g.add_argument(
        "--write-results",
        dest="write_results",
        nargs="?",
        const="",
        metavar="DIR",
        help="also write every check's full result as Parquet (default: beside --data)",
    )


def engine_choice(args: argparse.Namespace) -> EngineChoice:
    engine = getattr(args, "engine", "duckdb")
    data = getattr(args, "dataset", None)
    remote = getattr(args, "spark_remote", None)
    write = getattr(args, "write_results", None)
    if engine != "spark" and (data or remote or write is not None):
        raise EngineError("--data, --spark-remote and --write-results need --engine spark")
    if write == "":
        if not data:
            raise EngineError("--write-results needs a folder when there is no --data")
        write = default_results_dir(data)
    return EngineChoice(
        "spark" if engine == "spark" else "duckdb",
        SparkOptions(remote=remote, master=getattr(args, "spark_master", "local[*]")),
        str(data) if data else None,
        write or None,
    )


def open_session(case: Case, args: argparse.Namespace, overrides: dict[str, str]) -> Session:
    choice = engine_choice(args)
    if choice.name == "spark":
        print(f"  starting {choice.describe()}", file=sys.stderr, flush=True)
    return choice.open(
        case,
        profile=args.profile,
        overrides=overrides,
        as_of=args.as_of,
        from_date=getattr(args, "from_date", None),
        limits=limits_of(args),
    )


def cmd_export_parquet(args: argparse.Namespace) -> int:
    with Case.open(args.case) as case:
        written = export_parquet(case, Path(args.directory))
    for t in written:
        layout = f"by {t.partitioned_by}" if t.partitioned_by else "one file"
        print(f"  {t.name:<22} {t.rows:>12,} rows  ({layout})", flush=True)
    print(f"Parquet dataset written to {args.directory} ({len(written)} tables)", flush=True)
    return 0


def add_export_command(sub: Any) -> None:
    s = sub.add_parser(
        "export-parquet",
        help="write a case's tables as a Parquet dataset by table (for --engine spark --data)",
    )
    s.add_argument("case")
    s.add_argument("directory", metavar="DIR")
    s.set_defaults(func=cmd_export_parquet)
