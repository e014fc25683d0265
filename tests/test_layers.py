"""The layout is a contract: each stage imports only the stages below it (import-linter, whose
contracts live in pyproject.toml and which CI runs as ``lint-imports``), and every package of
the core is shipped."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")

needs_linter = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("auditor", "ui"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


@needs_linter
@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("auditor/engine/runner.py", "from auditor.report import write_report", "downwards"),
        ("auditor/ingest/mapping.py", "from auditor.engine import checks", "downwards"),
        ("auditor/case/schema.py", "from auditor.ingest import convert", "downwards"),
        ("auditor/report/cells.py", "from auditor.cli import main", "downwards"),
        ("auditor/db.py", "from auditor.engine import runner", "shares"),
        ("auditor/results/overview.py", "import PySide6", "Qt"),
    ],
)
def test_an_upward_import_breaks_the_contract(
    tmp_path: Path, module: str, bad_import: str, contract: str
) -> None:
    tree = _copy(tmp_path)
    clean = _lint(tree)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    target = tree / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{bad_import}  # noqa\n")
    broken = _lint(tree)
    assert broken.returncode != 0
    broken_lines = [ln for ln in broken.stdout.splitlines() if ln.endswith(" BROKEN")]
    assert any(contract in ln for ln in broken_lines), broken.stdout


def test_every_core_package_is_shipped() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "auditor").rglob("__init__.py")
    } | {"ui"}
    assert on_disk <= listed, sorted(on_disk - listed)
