"""The sample platform as a case: generate its exports and import them into a fresh case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor.case.store import Case
from auditor.ingest.importer import ImportResult, import_file
from auditor.sample.platform import SampleResult, generate


def build_sample_case(
    out: Path,
    *,
    seed: int = 20240930,
    loans: int | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> tuple[SampleResult, Path, list[ImportResult]]:
    """Write the exports to ``out/exports`` and import them into ``out/sample.duckdb``,
    replacing an earlier sample case there."""
    report = progress or (lambda _what, _frac: None)
    report("generating the sample platform", 0.0)
    sample = generate(out / "exports", seed=seed, loans=loans)
    case_path = out / "sample.duckdb"
    for stale in (case_path, case_path.with_name(case_path.name + ".wal")):
        stale.unlink(missing_ok=True)
    results = []
    with Case.open(case_path, create=True) as case:
        for i, f in enumerate(sample.files):
            report(f"importing {f.name}", 0.5 + 0.5 * i / len(sample.files))
            results.append(import_file(case, f))
    return sample, case_path, results
