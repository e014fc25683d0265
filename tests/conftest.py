from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from auditor.case import Case
from auditor.importer import import_file
from auditor.sample.platform import SampleResult, generate

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    with Case.open(tmp_path / "case.duckdb", create=True) as c:
        yield c


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SampleResult:
    """The built-in sample platform at its default size, generated once per test run."""
    return generate(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample_case_path(sample: SampleResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample_case") / "sample.duckdb"
    with Case.open(path, create=True) as c:
        for f in sample.files:
            import_file(c, f)
    return path


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
