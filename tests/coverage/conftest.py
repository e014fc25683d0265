from __future__ import annotations

from pathlib import Path

import pytest

from tests.coverage.partial import build


@pytest.fixture(scope="session")
def full_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny platform with every table imported (tests.coverage.partial)."""
    return build(tmp_path_factory.mktemp("full") / "full.duckdb")
