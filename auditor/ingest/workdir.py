"""The import's work folder: one the app owns, cleaned up even after a killed process.

Transcoded copies of exports and the CSV streamed out of a workbook can be as large as the
export. They live in ``<cache>/lending-auditor/work/<pid>-<token>/`` (the user's cache folder,
``$XDG_CACHE_HOME`` or ``~/.cache``, or ``$AUDITOR_WORK_DIR``), never loose in the system's
temporary folder. The folder goes when the import ends; one whose process was killed is removed
the next time any import starts, recognised by its process id no longer running.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path


def work_root() -> Path:
    override = os.environ.get("AUDITOR_WORK_DIR")
    if override:
        return Path(override)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "lending-auditor" / "work"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def clean_stale(root: Path | None = None) -> list[Path]:
    """Remove work folders left by processes that no longer run; returns what was removed."""
    root = root or work_root()
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for entry in root.iterdir():
        pid_text = entry.name.split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        if not _alive(int(pid_text)):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def work_folder(kind: str = "import") -> Iterator[Path]:
    """A fresh private folder for one import (or preview), removed when the block ends."""
    root = work_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    clean_stale(root)
    folder = root / f"{os.getpid()}-{kind}-{secrets.token_hex(4)}"
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
