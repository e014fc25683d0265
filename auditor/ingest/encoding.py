"""Text encodings of platform exports: detection, and streaming transcoding to UTF-8.

Chinese platforms export GBK/GB18030 as often as UTF-8. The trap is that GBK bytes also decode
as cp1252 or latin-1 without error, so "it decoded" proves nothing: GB18030 is chosen when the
double-byte pairs fall in the GB2312 region where real Chinese text lives, which Latin text read
as GBK almost never does.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
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


MIXED = "utf-8+gb18030"  # a file whose lines are some UTF-8, some GB18030 (two exports joined)


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
    if _mixed_lines(sample):
        return Encoding(MIXED)
    if _decodes(sample, "gb18030") is not None and _gb2312_pair_ratio(sample) >= 0.8:
        return Encoding("gb18030")
    if _decodes(sample, "cp1252") is not None:
        return Encoding("cp1252")
    return Encoding("latin-1")


def _mixed_lines(sample: bytes) -> bool:
    """Some lines are UTF-8 with non-ASCII text, others are not UTF-8 but read as Chinese in
    GB18030: neither encoding alone reads the file, line by line both do."""
    utf8 = gbk = 0
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith((b"\n", b"\r")):
        lines = lines[:-1]  # the sample may end in the middle of a line
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            if _gb2312_pair_ratio(line) >= 0.8 and _decodes(line, "gb18030") is not None:
                gbk += 1
            else:
                return False
    return utf8 > 0 and gbk > 0


def decode_mixed_line(line: bytes) -> str:
    """One line of a mixed file: UTF-8 where it is, else GB18030 (bad bytes become U+FFFD)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("gb18030", "replace")


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
    if enc.name == MIXED:
        return _mixed_decoder()(data, False)
    return codecs.getincrementaldecoder(enc.name)("replace").decode(data, final=False)


def transcode_to_utf8(
    src: Path,
    enc: Encoding,
    dest: Path,
    *,
    normalise_newlines: bool = False,
    sink: Callable[[bytes], None] | None = None,
    mixed_result: list[str] | None = None,
) -> int:
    """Stream ``src`` into ``dest`` as UTF-8 in bounded chunks; returns characters replaced.

    Undecodable bytes become U+FFFD rather than aborting a large import: the importer rejects
    every row that contains one, with the reason, so nothing is lost silently. Line endings are
    left as they are unless ``normalise_newlines`` (for files that mix CRLF and LF, which
    DuckDB's strict parser refuses), when CRLF and CR become LF. A file of mixed UTF-8 and
    GB18030 lines is decoded line by line. ``sink`` receives the UTF-8 bytes as written (the
    record counter reads what the parser will read, in this same pass). For a mixed file,
    ``mixed_result`` receives the encoding the lines turned out to be in.
    """
    mixed_result = mixed_result if mixed_result is not None else []
    decode: Callable[[bytes, bool], str] = (
        _mixed_decoder() if enc.name == MIXED else _decoder(enc.name)
    )
    replaced = 0
    carry = ""
    with src.open("rb") as fin, dest.open("wb") as fout:
        fin.seek(enc.bom)
        while True:
            chunk = fin.read(CHUNK_BYTES)
            text = decode(chunk, not chunk)
            if normalise_newlines:
                text = carry + text
                carry = ""
                if chunk and text.endswith("\r"):  # its LF may open the next chunk
                    text, carry = text[:-1], "\r"
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if text:
                replaced += text.count("\ufffd")
                out = text.encode("utf-8")
                fout.write(out)
                if sink is not None:
                    sink(out)
            if not chunk:
                break
    if isinstance(decode, MixedDecoder):
        mixed_result.append(decode.name)
    return replaced


def _decoder(name: str) -> Callable[[bytes, bool], str]:
    inc = codecs.getincrementaldecoder(name)("replace")
    return lambda data, final: inc.decode(data, final=final)


class MixedDecoder:
    """Decode whole lines, each as UTF-8 or else GB18030; a partial last line waits. Counts the
    lines that needed GB18030 and those with non-ASCII UTF-8, to name the encoding truly."""

    def __init__(self) -> None:
        self.pending = b""
        self.gb_lines = 0
        self.utf8_lines = 0

    def __call__(self, data: bytes, final: bool) -> str:
        data = self.pending + data
        cut = len(data) if final else max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
        self.pending = data[cut:]
        head = data[:cut]
        try:
            text = head.decode("utf-8")
            if not head.isascii():
                self.utf8_lines += 1
            return text
        except UnicodeDecodeError:
            out = []
            for line in head.splitlines(keepends=True):
                try:
                    out.append(line.decode("utf-8"))
                    if not line.isascii():
                        self.utf8_lines += 1
                except UnicodeDecodeError:
                    out.append(line.decode("gb18030", "replace"))
                    self.gb_lines += 1
            return "".join(out)

    @property
    def name(self) -> str:
        if self.gb_lines and self.utf8_lines:
            return MIXED
        return "gb18030" if self.gb_lines else "utf-8"


def _mixed_decoder() -> MixedDecoder:
    return MixedDecoder()
