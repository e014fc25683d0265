"""Reading a reviewed sample sheet back: the reviewer's tested / exception / note per item.

Any workbook holding sample sheets will do (the standalone file or a report). A sheet is read
when it names its sample and the SHA-256 of the selection; the selection must be the case's, so
a file cannot be read onto another sample. Values are yes/no in English or Chinese (y, n, true,
false, 1, 0, x, 是, 否), empty when not reviewed; anything else is refused naming the file,
sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from auditor.report.sample_sheet import (
    KEY_COLUMN,
    REVIEW_COLUMNS,
    REVIEW_COLUMNS_ZH,
    SAMPLE_LABEL,
    SAMPLE_LABEL_ZH,
    SELECTION_LABEL,
    SELECTION_LABEL_ZH,
)
from auditor.results.sample_review import Disposition
from auditor.results.sample_size import SamplingError

# The sheet's labels in either language it is written in.
SAMPLE_LABELS = {SAMPLE_LABEL, SAMPLE_LABEL_ZH}
SELECTION_LABELS = {SELECTION_LABEL, SELECTION_LABEL_ZH}
YES = {"yes", "y", "true", "1", "x", "是", "✓"}
NO = {"no", "n", "false", "0", "否"}


@dataclass(frozen=True)
class ReviewedSheet:
    sheet: str
    sample_id: int
    selection_sha256: str
    dispositions: tuple[Disposition, ...]


def _flag(value: Any, where: str) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == "":
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise SamplingError(f"{where}: {value!r} is not yes or no")


def read_reviews(path: Path) -> list[ReviewedSheet]:
    """Every sample sheet of the workbook at ``path`` with its dispositions."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as e:
        raise SamplingError(f"no file {path}") from e
    except Exception as e:  # openpyxl raises several kinds for a file that is not an XLSX
        raise SamplingError(f"{path} is not a readable XLSX workbook: {e}") from e
    out = []
    try:
        for ws in wb.worksheets:
            got = _read_sheet(path, ws.title, ws.iter_rows(values_only=True))
            if got is not None:
                out.append(got)
    finally:
        wb.close()
    if not out:
        raise SamplingError(f"{path} holds no sample sheet (one written by the app)")
    return out


def _read_sheet(path: Path, title: str, rows: Any) -> ReviewedSheet | None:
    sample_id: int | None = None
    sha = ""
    header: list[Any] | None = None
    cols: dict[str, int] = {}
    shown: dict[str, str] = {}  # each review column's heading as the sheet writes it
    found: list[Disposition] = []
    for r, row in enumerate(rows, start=1):
        values = list(row)
        first = values[0] if values else None
        if header is None:
            if first in SAMPLE_LABELS and len(values) > 1 and sample_id is None:
                try:
                    sample_id = int(values[1])
                except (TypeError, ValueError):
                    return None
            elif first in SELECTION_LABELS and len(values) > 1:
                sha = str(values[1] or "")
            elif first == KEY_COLUMN:
                header = values
                named = REVIEW_COLUMNS_ZH if REVIEW_COLUMNS_ZH[0] in values else REVIEW_COLUMNS
                missing = [h for h in named if h not in values]
                if missing:
                    raise SamplingError(
                        f"{path}, sheet {title!r}, row {r}: the columns {', '.join(missing)} "
                        "are missing"
                    )
                # by position in the English tuple, whichever language the sheet is in
                cols = {en: values.index(h) for en, h in zip(REVIEW_COLUMNS, named, strict=True)}
                shown = dict(zip(REVIEW_COLUMNS, named, strict=True))
            continue
        if first is None or (isinstance(first, str) and not first.strip()):
            continue
        try:
            number = int(first)
        except (TypeError, ValueError):
            raise SamplingError(
                f"{path}, sheet {title!r}, row {r}, column A: {first!r} is not a sample number"
            ) from None

        where = {
            h: f"{path}, sheet {title!r}, row {r}, column {get_column_letter(cols[h] + 1)} "
            f"({shown[h]})"
            for h in REVIEW_COLUMNS
        }

        got = [values[cols[h]] if cols[h] < len(values) else None for h in REVIEW_COLUMNS]
        tested = _flag(got[0], where[REVIEW_COLUMNS[0]])
        exception = _flag(got[1], where[REVIEW_COLUMNS[1]])
        note = got[2]
        if tested is None and exception is not None:
            tested = True  # an exception was judged, so the item was tested
        if tested and exception is None:
            raise SamplingError(
                f"{where[REVIEW_COLUMNS[1]]}: item {number} is tested, so say yes or no"
            )
        if tested is None and not note:
            continue
        found.append(
            Disposition(number, bool(tested), exception if tested else None, str(note or ""))
        )
    if sample_id is None or header is None or not sha:
        return None
    return ReviewedSheet(title, sample_id, sha, tuple(found))
