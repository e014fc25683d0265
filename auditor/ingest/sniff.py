"""Finding the layout of a delimited text export: delimiter, header row, preamble.

Platform exports often open with a title block ("借呗还款明细", "导出时间: ...") before the
header, sometimes padded with delimiters to the table's width. The header is the first record
that has the table's usual field count, mostly filled with non-numeric text, and is followed by a
record of the same width.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

CANDIDATE_DELIMITERS = (",", "\t", ";", "|")
MAX_RECORDS = 400
_NUMBERISH = re.compile(r"^[\s\d.,:/%+\-eE¥￥$]*$")


@dataclass(frozen=True)
class TextLayout:
    delimiter: str
    quote: str
    header_line: int  # 0-based physical line of the header record
    headers: tuple[str, ...]
    preamble: tuple[str, ...]  # the title block above the header, as text lines


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(0-based start line, fields) of the first records of the sample."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    out: list[tuple[int, list[str]]] = []
    start = 0
    try:
        for fields in reader:
            out.append((start, fields))
            start = reader.line_num
            if len(out) >= MAX_RECORDS:
                break
    except csv.Error:
        pass  # a malformed record ends the sample; DuckDB will reject it with its reason later
    # The sample may end mid-record: drop the last one when more followed.
    if len(out) >= 2 and len(text) > 0 and not text.endswith(("\n", "\r")):
        out.pop()
    return out


def _is_header_like(fields: list[str]) -> bool:
    filled = [f for f in fields if f.strip()]
    if not filled:
        return False
    texty = sum(1 for f in filled if not _NUMBERISH.match(f))
    return len(filled) >= max(1, (len(fields) + 1) // 2) and texty >= len(filled) * 0.6


def _score(records: list[tuple[int, list[str]]]) -> tuple[float, int]:
    """How well a delimiter explains the sample: consistency of width among the later records."""
    nonblank = [f for _, f in records if any(x.strip() for x in f)]
    if not nonblank:
        return (0.0, 1)
    tail = nonblank[len(nonblank) // 5 :] or nonblank
    width, count = Counter(len(f) for f in tail).most_common(1)[0]
    return (count / len(tail) * (1.0 if width > 1 else 0.5), width)


def sniff_text(text: str) -> TextLayout:
    """Detect the layout of a delimited text sample; raises ValueError when it has no records."""
    best: tuple[tuple[float, int], str] | None = None
    for delim in CANDIDATE_DELIMITERS:
        score = _score(_records(text, delim))
        if best is None or score > best[0]:
            best = (score, delim)
    assert best is not None
    (_, width), delim = best
    records = _records(text, delim)
    if not any(any(x.strip() for x in f) for _, f in records):
        raise ValueError("the file has no records")
    header_idx = None
    for i, (_, fields) in enumerate(records):
        # The header is the first record of the table's width that is mostly filled: a title
        # block is narrower, or padded with empty fields. Numeric headers (dates, ids) are fine.
        filled = sum(1 for f in fields if f.strip())
        if len(fields) != width or filled < max(1, (width + 1) // 2):
            continue
        nxt = records[i + 1][1] if i + 1 < len(records) else None
        if nxt is None or len(nxt) == width or not any(x.strip() for x in nxt):
            header_idx = i
            break
    if header_idx is None:
        # No header-like record of the usual width: take the first record of that width.
        header_idx = next((i for i, (_, f) in enumerate(records) if len(f) == width), 0)
    line, fields = records[header_idx]
    preamble_lines = text.splitlines()[:line]
    return TextLayout(
        delimiter=delim,
        quote='"',
        header_line=line,
        headers=tuple(f.strip().lstrip("\ufeff") for f in fields),
        preamble=tuple(preamble_lines),
    )


def clean_headers(headers: tuple[str, ...]) -> tuple[str, ...]:
    """Headers usable as column names: blanks named by position, duplicates numbered."""
    seen: Counter[str] = Counter()
    out = []
    for i, h in enumerate(headers, start=1):
        name = h.strip() or f"column_{i}"
        seen[name] += 1
        if seen[name] > 1:
            name = f"{name}_{seen[name]}"
        out.append(name)
    return tuple(out)
