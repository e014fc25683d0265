"""Saving a workbook atomically: written to a temporary file beside the target, then renamed,
so a failed or cancelled export leaves any earlier file in place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook

from auditor.errors import AuditorError


class ExportError(AuditorError):
    title = "Report export"


def save_atomically(wb: Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        tmp.replace(path)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror}") from e
    finally:
        tmp.unlink(missing_ok=True)
