"""Every benchmark runs at a tiny size, so that none of them rots between the runs at scale.

The figures are printed and not judged here (the machine is shared and noisy): the test only
proves each benchmark still runs end to end and prints its comparison.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import benchmarks

TINY = {
    "bench_apr": ["--loans", "300", "--work", "{work}"],
    "bench_checks": ["--loans", "300", "--repeat", "1", "--work", "{work}"],
    "bench_compare": ["--rows", "3000"],
    "bench_grid": ["--rows", "2000", "--steps", "20"],
    "bench_gui_waits": ["--loans", "300", "--tabs", "2", "--work", "{work}"],
    "bench_import": ["--rows", "2000", "--repeat", "1", "--dir", "{work}"],
    "bench_outage": ["--attempts", "3000", "--windows", "30"],
    "bench_report": ["--rows", "2000"],
    "bench_spark": [
        "--installments",
        "3000",
        "--check",
        "DLQ-10",
        "--master",
        "local[1]",
        "--driver-memory",
        "1g",
        "--work",
        "{work}",
    ],
}
PRINTS = {
    "bench_apr": "median nominal APR",
    "bench_checks": "overhead ratio",
    "bench_compare": "ratio app / bare EXCEPT",
    "bench_grid": "grid: sort by a column",
    "bench_gui_waits": "GUI thread held up",
    "bench_import": "ratio app / bare",
    "bench_outage": "OUT-01 through the engine",
    "bench_report": "ratio report / plain",
    "bench_spark": "ratio Spark / DuckDB",
}


def test_every_benchmark_has_a_tiny_size() -> None:
    found = {
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    }
    assert found == set(TINY) == set(PRINTS)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.mark.parametrize("name", sorted(TINY))
def test_benchmark_runs_at_a_tiny_size(
    name: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    module.main([a.replace("{work}", str(work)) for a in TINY[name]])
    assert PRINTS[name] in capsys.readouterr().out
