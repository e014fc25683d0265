"""Text encodings of platform exports: detection, and streaming transcoding to UTF-8.

Chinese platforms export GBK/GB18030 as often as UTF-8. The trap is that GBK bytes also decode
as cp1252 or latin-1 without error, so "it decoded" proves nothing: GB18030 is chosen when the
double-byte pairs fall in the GB2312 region where real Chinese text lives, which Latin text read
as GBK almost never does.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

SAMPLE_BYTES = 1 << 20
CHUNK_BYTES = 4 << 20


@dataclass(frozen=True)
class Encoding:
    name: str  # a Python codec name
    bom: int = 0  # bytes of byte-order mark at the start of the file
    ascii_sample: bool = False  # judged UTF-8 only because the sample held nothing but ASCII

    @property
    def is_utf8(self) -> bool:
        return self.name in ("utf-8", "ascii")


MAX_BAD_SHARE = 0.01  # a stray bad byte must not make a whole file mojibake


def _decodes(data: bytes, encoding: str) -> str | None:
    """The text of ``data`` if it decodes with at most a stray undecodable byte or two.

    A multi-byte sequence cut at the end of the sample is allowed. The rows holding the bad
    bytes are rejected at import (U+FFFD, or DuckDB's invalid-UTF-8 check), not the file.
    """
    text = codecs.getincrementaldecoder(encoding)("replace").decode(data, final=False)
    bad = text.count("\ufffd")
    if not bad:
        return text
    decoded = sum(1 for ch in text if ord(ch) > 127) - bad  # non-ASCII that did decode
    return text if decoded >= 5 and bad <= max(1.0, decoded * MAX_BAD_SHARE) else None


def _gb2312_pair_ratio(data: bytes) -> float:
    """Share of non-ASCII byte pairs that fall in GB2312's A1-FE x A1-FE region."""
    pairs = inside = 0
    i, n = 0, len(data)
    while i < n - 1:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        pairs += 1
        if 0xA1 <= b <= 0xFE and 0xA1 <= data[i + 1] <= 0xFE:
            inside += 1
        i += 2
    return inside / pairs if pairs else 0.0


def _classify(sample: bytes) -> Encoding:
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        even_nuls = sample[0::2].count(0)
        return Encoding("utf-16-be" if even_nuls > sample[1::2].count(0) else "utf-16-le")
    if not sample or sample.isascii():
        return Encoding("utf-8", ascii_sample=True)
    if _decodes(sample, "utf-8") is not None:
        return Encoding("utf-8")
    if _decodes(sample, "gb18030") is not None and _gb2312_pair_ratio(sample) >= 0.8:
        return Encoding("gb18030")
    if _decodes(sample, "cp1252") is not None:
        return Encoding("cp1252")
    return Encoding("latin-1")


def detect_encoding(path: Path) -> Encoding:
    """The encoding, judged from the first megabyte.

    When that is pure ASCII the file is read as UTF-8 (``ascii_sample``); should GBK bytes turn
    up further down, DuckDB's reader reports invalid UTF-8 at their byte position and the
    importer asks ``detect_encoding_at`` there and starts again. That keeps the common case to
    one pass instead of scanning a gigabyte for a byte that is rarely there.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return Encoding("utf-8", bom=3)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Encoding("utf-16", bom=0)  # Python's utf-16 codec consumes the BOM itself
        fh.seek(0)
        sample = fh.read(SAMPLE_BYTES)
    return _classify(sample)


def detect_encoding_at(path: Path, offset: int) -> Encoding:
    """The encoding judged from a window of the file around ``offset``."""
    with path.open("rb") as fh:
        fh.seek(max(0, offset - 64))
        sample = fh.read(SAMPLE_BYTES)
    return _classify(sample)


def read_text_sample(path: Path, enc: Encoding, max_bytes: int = SAMPLE_BYTES) -> str:
    """The first ``max_bytes`` of the file as text, for sniffing the layout."""
    with path.open("rb") as fh:
        fh.seek(enc.bom)
        data = fh.read(max_bytes)
    return codecs.getincrementaldecoder(enc.name)("replace").decode(data, final=False)


def transcode_to_utf8(
    src: Path, enc: Encoding, dest: Path, *, normalise_newlines: bool = False
) -> int:
    """Stream ``src`` into ``dest`` as UTF-8 in bounded chunks; returns characters replaced.

    Undecodable bytes become U+FFFD rather than aborting a large import: the importer rejects
    every row that contains one, with the reason, so nothing is lost silently. Line endings are
    left as they are unless ``normalise_newlines`` (for files that mix CRLF and LF, which
    DuckDB's strict parser refuses), when CRLF and CR become LF.
    """
    decoder = codecs.getincrementaldecoder(enc.name)("replace")
    replaced = 0
    carry = ""
    with src.open("rb") as fin, dest.open("wb") as fout:
        fin.seek(enc.bom)
        while True:
            chunk = fin.read(CHUNK_BYTES)
            text = decoder.decode(chunk, final=not chunk)
            if normalise_newlines:
                text = carry + text
                carry = ""
                if chunk and text.endswith("\r"):  # its LF may open the next chunk
                    text, carry = text[:-1], "\r"
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if text:
                replaced += text.count("\ufffd")
                fout.write(text.encode("utf-8"))
            if not chunk:
                break
    return replaced
