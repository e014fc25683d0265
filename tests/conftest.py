from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec, load_library
from auditor.engine.runner import Session
from auditor.ingest.importer import import_file
from auditor.sample.platform import SampleResult, generate
from tests.history.rewritten import compared, rewritten_case_path  # noqa: F401  (shared fixtures)

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


@pytest.fixture(scope="session")
def library() -> dict[str, CheckSpec]:
    return {s.id: s for s in load_library()}


@pytest.fixture
def sample_copy(sample_case_path: Path, tmp_path: Path) -> Path:
    """A fresh copy of the imported sample case, for a test that runs checks on it."""
    copy = tmp_path / "s.duckdb"
    copy.write_bytes(sample_case_path.read_bytes())
    return copy


@pytest.fixture
def sample_session(sample_copy: Path) -> Iterator[Session]:
    with Case.open(sample_copy) as case:
        yield Session(case)


def case_from_csv(path: Path, files: dict[str, str]) -> Case:
    """A case at ``path`` built from CSV texts, one per canonical table, none rejected."""
    case = Case.open(path, create=True)
    for table, text in files.items():
        f = path.parent / f"{table}.csv"
        f.write_text(text, encoding="utf-8")
        assert import_file(case, f, table=table).rows_rejected == 0, table
    return case


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
