"""Finding the layout of a delimited text export: delimiter, header record, title lines, comments.

Platform exports often open with a title block ("借呗还款明细", "导出时间: ...") before the
header, sometimes padded with delimiters to the table's width; some have no header at all, some
end every data row with a delimiter the header lacks, some use ``;`` with decimal commas, some
carry ``#`` comment lines. The sniffer reads the first records of a text sample (quote-aware,
records numbered as the file's records, blank lines included) and decides:

- the delimiter: the candidate under which the records have one consistent width, a header of
  that width, and cells that read as numbers (``1;12,50`` is two fields, not ``1;12`` and ``50``);
- the header: the first well-filled record of that width whose cells are mostly text, preferring
  the one whose cells name known columns; a record whose cells all read as numbers or dates is
  data, and the columns get generated names;
- the width: trailing empty header cells and trailing delimiters on data rows are dropped; data
  wider than the header gets generated names for the extra columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from auditor.ingest.aliases import header_aliases, normalise_header

CANDIDATE_DELIMITERS = (",", "\t", ";", "|")
MAX_RECORDS = 400
HEADER_SCAN = 60  # records searched for the header
_NUMBER = re.compile(r"^[\s+\-(]*[¥￥$€£]?\s*[\d.,\s]*\d[\d.,\s]*%?\)?\s*(元|万元|万)?\s*$")
_DATEISH = re.compile(
    r"^\s*\d{1,4}([-/.年]\d{1,2}){1,2}日?([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*$"
)
_DECIMAL_COMMA = re.compile(r"^\s*-?\d{1,3}(\.\d{3})*,\d+\s*$|^\s*-?\d+,\d{1,2}\s*$")
_DECIMAL_POINT = re.compile(r"^\s*-?\d+\.\d{1,2}\s*$|^\s*-?\d{1,3}(,\d{3})+(\.\d+)?\s*$")
_INVISIBLE = re.compile("[\x00-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class SampleRecord:
    number: int  # 1-based record number in the file (blank lines count)
    fields: tuple[str, ...]
    text: str  # the record as text, for showing a skipped line

    @property
    def blank(self) -> bool:
        return not any(f.strip() for f in self.fields)

    @property
    def empty(self) -> bool:
        """A zero-length line (the reader skips it; the record counter lists it)."""
        return not self.fields

    @property
    def comment(self) -> bool:
        return bool(self.fields) and self.fields[0].lstrip().startswith("#")


@dataclass(frozen=True)
class TextLayout:
    delimiter: str
    header: SampleRecord | None  # None: no header row, names were generated
    data_start: int  # 1-based record number where the data begins
    headers: tuple[str, ...]  # column names as the file gives them (cleaned), or generated
    above: tuple[SampleRecord, ...]  # every record above the data: titles, blanks, comments
    decimal_comma: bool = False
    notes: tuple[str, ...] = ()  # what was decided that a reader of the summary should know

    @property
    def header_line(self) -> int:
        """0-based record of the header (or of the first data row when there is none)."""
        return self.data_start - (2 if self.header else 1)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def parse_records(text: str, delimiter: str, limit: int = MAX_RECORDS) -> list[SampleRecord]:
    """The first records of a sample, numbered as the file's records. The sample may end in
    the middle of a record: the last one is dropped then unless the text is the whole file
    (callers pass ``text`` ending with a line break when it is)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    out: list[SampleRecord] = []
    lines: list[str] | None = None
    start = 0
    try:
        for fields in reader:
            raw = ""
            if len(out) < HEADER_SCAN:  # the text of records that may be shown as skipped
                if lines is None:
                    lines = _LINE_BREAK.split(text[: 1 << 16])
                raw = "\n".join(lines[start : reader.line_num])
            start = reader.line_num
            out.append(SampleRecord(len(out) + 1, tuple(fields), raw))
            if len(out) >= limit:
                break
    except csv.Error:
        pass  # a malformed record ends the sample; the reader rejects it with its reason later
    if len(out) >= 2 and text and not text.endswith(("\n", "\r")):
        out.pop()
    return out


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell)) or bool(_DATEISH.match(cell))


def _fits(fields: tuple[str, ...], width: int) -> bool:
    """A record of the table's width, allowing empty fields after it (trailing delimiters)."""
    return len(fields) == width or (
        len(fields) > width and not any(f.strip() for f in fields[width:])
    )


def _data(records: list[SampleRecord]) -> list[SampleRecord]:
    return [r for r in records if not r.blank and not r.comment]


def _width(records: list[SampleRecord]) -> tuple[int, float]:
    """The modal width of the later records (without trailing empty fields) and its share."""
    rows = _data(records)
    if not rows:
        return 1, 0.0
    # The later half: title lines sit on top, and in a short file outnumber the data.
    tail = rows[len(rows) // 2 :] or rows
    trimmed = [len(_trim(r.fields)) for r in tail]
    counts = Counter(trimmed)
    overall = Counter(len(_trim(r.fields)) for r in rows)
    # a tie goes to the width more frequent over all rows, then to the wider
    width = max(counts, key=lambda w: (counts[w], overall[w], w))
    width = max(len(r.fields) for r in tail if len(_trim(r.fields)) == width)
    fit = sum(1 for r in tail if _fits(r.fields, width) or len(_trim(r.fields)) == width)
    return width, fit / len(tail)


def _trim(fields: tuple[str, ...]) -> tuple[str, ...]:
    end = len(fields)
    while end > 1 and not fields[end - 1].strip():
        end -= 1
    return fields[:end]


def _header_like(fields: tuple[str, ...]) -> bool:
    filled = [f for f in fields if f.strip()]
    if not filled:
        return False
    texty = sum(1 for f in filled if not _is_number(f))
    return texty >= len(filled) * 0.6


def _known(fields: tuple[str, ...]) -> int:
    """How many cells name a column some canonical table knows."""
    aliases = header_aliases()
    names = {normalise_header(f) for f in fields if f.strip()}
    return sum(1 for n in names if any(n in m for m in aliases.values()))


def _score(records: list[SampleRecord], delim: str) -> tuple[float, ...]:
    width, share = _width(records)
    rows = _data(records)
    cells = [c for r in rows[:100] for c in r.fields if c.strip()]
    numeric = sum(1 for c in cells if _is_number(c)) / len(cells) if cells else 0.0
    header = any(_fits(r.fields, width) and _header_like(r.fields) for r in rows[:HEADER_SCAN])
    split_other = sum(1 for c in cells if any(d in c for d in CANDIDATE_DELIMITERS if d != delim))
    return (
        float(width > 1),
        round(share, 1),
        float(header),
        round(numeric - split_other / max(1, len(cells)), 2),
        -CANDIDATE_DELIMITERS.index(delim) if delim in CANDIDATE_DELIMITERS else -9,
    )


def choose_delimiter(text: str) -> str:
    return max(CANDIDATE_DELIMITERS, key=lambda d: _score(parse_records(text, d), d))


def sniff_text(
    text: str, delimiter: str | None = None, header_row: int | None = None
) -> TextLayout:
    """Detect the layout of a text sample; raises ValueError when it has no records.

    ``delimiter`` and ``header_row`` (1-based record, 0 for "no header") override detection.
    """
    delim = delimiter or choose_delimiter(text)
    return layout_of(parse_records(text, delim), delim, header_row)


def layout_of(records: list[SampleRecord], delim: str, header_row: int | None = None) -> TextLayout:
    """The layout of the first records of a file (a text sample's, or a sheet's rows)."""
    rows = _data(records)
    if not rows:
        raise ValueError("the file has no records, only blank or comment lines")
    width, _share = _width(records)
    notes: list[str] = []
    header: SampleRecord | None = None
    if header_row is not None:
        if header_row > 0:
            match = [r for r in records if r.number == header_row]
            if not match:
                raise ValueError(f"header row {header_row} is not among the first records")
            header = match[0]
            start = header_row + 1
        else:
            start = rows[0].number
    else:
        header, start = _find_header(records, width, notes)
    data_rows = [r for r in records if r.number >= start and not r.blank and not r.comment]
    data_width, _ = _width(data_rows) if data_rows else (width, 1.0)
    if header is not None:
        names = list(_trim(header.fields))
        if data_width > len(names):
            extra = [r.fields[len(names) : data_width] for r in data_rows]
            if any(f.strip() for fields in extra for f in fields):
                notes.append(
                    f"data rows have {data_width - len(names)} more field(s) than the header: "
                    f"named column_{len(names) + 1}.."
                )
                names += [""] * (data_width - len(names))
            else:
                notes.append("data rows end with a delimiter the header lacks: dropped")
    else:
        names = [""] * max(1, data_width)
        if header_row is None:
            notes.append(
                "the first row holds numbers or dates, not column names: it is read as data "
                "and the columns are named column_1.."
            )
    return TextLayout(
        delimiter=delim,
        header=header,
        data_start=start,
        headers=tuple(clean_cell(n) for n in names),
        above=tuple(r for r in records if r.number < start and r is not header),
        decimal_comma=_decimal_comma(data_rows, delim) if delim else False,
        notes=tuple(notes),
    )


def _find_header(
    records: list[SampleRecord], width: int, notes: list[str]
) -> tuple[SampleRecord | None, int]:
    """The header record and the first data record's number."""
    candidates = []
    first_fit = None
    for r in records[:HEADER_SCAN]:
        if r.blank or r.comment:
            continue
        filled = sum(1 for f in r.fields if f.strip())
        # a header may be wider than the data (data rows end in empty columns), or one short
        wide = _fits(r.fields, width) or len(_trim(r.fields)) >= width - 1
        if not wide or filled < max(1, (width + 1) // 2):
            continue
        if first_fit is None:
            first_fit = r
        if _header_like(r.fields):
            candidates.append(r)
        elif first_fit is r:
            break  # the first row of the table's width is data: there is no header
    if candidates:
        best = max(candidates, key=lambda r: (_known(r.fields), -r.number))
        if _known(best.fields) == 0:
            best = candidates[0]
        return best, best.number + 1
    start = first_fit.number if first_fit is not None else _data(records)[0].number
    return None, start


def _decimal_comma(rows: list[SampleRecord], delim: str) -> bool:
    """Decimal commas (``12,50``) in a file whose delimiter is not a comma."""
    if delim == ",":
        return False
    comma = point = 0
    for r in rows[:200]:
        for c in r.fields:
            if _DECIMAL_COMMA.match(c):
                comma += 1
            elif _DECIMAL_POINT.match(c):
                point += 1
    return comma > point


def clean_cell(text: str) -> str:
    """A header cell without surrounding space, byte-order marks, NULs or other invisible
    control characters (they must never end up inside a column name)."""
    return _INVISIBLE.sub("", text).strip()


def clean_headers(headers: tuple[str, ...]) -> tuple[str, ...]:
    """Headers usable as column names: blanks named by position, and names that repeat (DuckDB
    compares names without case, so "Amount" repeats "amount") numbered: ``amount_2``."""
    seen: set[str] = set()
    out = []
    for i, h in enumerate(headers, start=1):
        base = clean_cell(h) or f"column_{i}"
        name, n = base, 1
        while name.lower() in seen:
            n += 1
            name = f"{base}_{n}"
        seen.add(name.lower())
        out.append(name)
    return tuple(out)
