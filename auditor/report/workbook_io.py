"""Saving a workbook atomically and privately.

The workbook is saved into the app's own temporary folder (a killed export leaves its draft
there, and the next start removes it; see ``auditor.tempfiles``), made readable by this user
only (0600, whatever the umask), then moved into place: a rename on the same file system, else
a copy beside the target under a name that carries this process's id (the next export to that
folder removes one whose process is gone), renamed over the target. A failed or cancelled
export leaves any earlier file in place.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook

from auditor.errors import AuditorError
from auditor.tempfiles import process_dir


class ExportError(AuditorError):
    title = "Report export"


def save_atomically(wb: Workbook, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = Path(tempfile.mkdtemp(dir=process_dir())) / "report.xlsx"
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        for stale in path.parent.glob(f".{glob.escape(path.name)}.*.partial"):
            if not _process_alive(stale.suffixes[-2][1:]):
                stale.unlink(missing_ok=True)
        wb.save(draft)
        draft.chmod(0o600)
        if draft.stat().st_dev == path.parent.stat().st_dev:
            draft.replace(path)
        else:
            shutil.copyfile(draft, partial)
            partial.chmod(0o600)
            partial.replace(path)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(draft.parent, ignore_errors=True)


def _process_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True  # someone else's process
    return True
