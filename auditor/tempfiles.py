"""A temporary folder the app owns, cleaned of what killed processes left behind.

Every process gets its own folder under one root (``AUDITOR_TMPDIR``, else
``<system temp>/lending-auditor-<uid>``, mode 0700), holding a lock file that the process keeps
locked while it lives. A later process removes every sibling folder whose lock it can take:
its owner is gone (killed, crashed), and so are its report drafts and openpyxl's streaming
files. ``use_app_temp`` points Python's ``tempfile`` there, so libraries that write temporary
files (openpyxl's write-only sheets) write them into the app's folder too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux or macOS: no stale-folder cleanup
    fcntl = None  # type: ignore[assignment]

LOCK = ".owner.lock"
_guard = threading.Lock()
_mine: tuple[Path, IO[bytes]] | None = None  # this process's folder and its held lock


def root() -> Path:
    base = os.environ.get("AUDITOR_TMPDIR")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(base) if base else Path(tempfile.gettempdir()) / f"lending-auditor-{uid}"


def clean_stale(folder: Path | None = None) -> int:
    """Remove the folders of processes that are gone; returns how many."""
    top = folder or root()
    if fcntl is None or not top.is_dir():
        return 0
    removed = 0
    for child in top.iterdir():
        if not child.is_dir() or (_mine is not None and child == _mine[0]):
            continue
        lock = child / LOCK
        try:
            with lock.open("ab") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held: its owner lives
        except OSError:
            continue
        shutil.rmtree(child, ignore_errors=True)
        removed += 1
    return removed


def process_dir() -> Path:
    """This process's temporary folder (made, and the stale ones removed, on first use)."""
    global _mine
    with _guard:
        if _mine is not None and _mine[0].is_dir():
            return _mine[0]
        top = root()
        top.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            top.chmod(0o700)
        clean_stale(top)
        mine = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=top))
        fh = (mine / LOCK).open("ab")
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _mine = (mine, fh)
        return mine


def use_app_temp() -> Path:
    """Send Python's temporary files (and so openpyxl's) to this process's folder."""
    folder = process_dir()
    tempfile.tempdir = str(folder)
    return folder
