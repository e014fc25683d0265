"""What a source file is, judged by its content, not its name; and files refused before reading.

An export named ``loans.csv`` may be gzip, Zstandard, an encrypted workbook or a zip bomb; a file
named ``data.bin`` may be a plain CSV. The first bytes (and for zip and OLE containers, their
directory) decide. Files the importer cannot read are refused with a one-line reason and what
to do instead. An XLSX workbook is checked entry by entry before any XML in it is parsed: the
inflated sizes and ratios its zip directory declares (Python's zip reader never inflates an
entry beyond its declared size), so a decompression bomb is refused in milliseconds.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import ImportFailed

# Zip entries of a workbook: an entry that inflates beyond these limits is refused.
MAX_ENTRY_BYTES = 1 << 30  # one part (a sheet's XML) at most 1 GiB inflated ...
MAX_SHARED_STRINGS_BYTES = 512 << 20  # ... the shared strings, held in memory, 512 MiB
MAX_TOTAL_BYTES = 4 << 30  # ... and the whole workbook 4 GiB
MAX_RATIO = 200  # an entry larger than RATIO_FLOOR inflating more than this is a bomb
RATIO_FLOOR = 16 << 20
MAX_ENTRIES = 10_000

_COMPRESSED = (
    (b"\x1f\x8b", "gzip-compressed"),
    (b"\x28\xb5\x2f\xfd", "Zstandard-compressed (.zst)"),
    (b"BZh", "bzip2-compressed"),
    (b"\xfd7zXZ\x00", "xz-compressed"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x04\x22\x4d\x18", "LZ4-compressed"),
)
_OTHER_BINARY = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"
BINARY_SHARE = 0.05  # control bytes in a text sample above this share: not a text export


@dataclass(frozen=True)
class SourceFile:
    """A source path as given, and what it really is."""

    path: Path  # resolved
    given: Path  # as the user named it
    link_target: Path | None  # set when the given path is a symbolic link
    size: int
    format: str  # "csv", "xlsx" or "parquet"

    @property
    def label(self) -> str:
        """How messages name the file: its name, and where a link points."""
        if self.link_target is not None:
            return f"{self.given} (a link to {self.link_target})"
        return str(self.given)


def locate(path: Path | str) -> tuple[Path, Path, Path | None]:
    """(resolved path, path as given, link target or None); refuses what is not a file."""
    given = Path(path).expanduser()
    link = None
    if given.is_symlink():
        try:
            link = Path(os.readlink(given))
        except OSError:
            link = None
        if link is not None and not link.is_absolute():
            link = given.parent / link
    resolved = given.resolve()
    where = f"{given} (a link to {link})" if link is not None else given
    if not resolved.exists():
        raise ImportFailed(
            "no such file" if link is None else "the link's target does not exist", path=where
        )
    if not resolved.is_file():
        raise ImportFailed("not a regular file (a folder, device or pipe)", path=where)
    return resolved, given, link


def identify(path: Path | str) -> SourceFile:
    """Find what the file holds; refuse, with a one-line reason, what cannot be imported."""
    resolved, given, link = locate(path)
    label = f"{given} (a link to {link})" if link is not None else str(given)
    size = resolved.stat().st_size
    if size == 0:
        raise ImportFailed("the file is empty (0 bytes)", path=label)
    try:
        with resolved.open("rb") as fh:
            head = fh.read(64 << 10)
    except OSError as e:
        raise ImportFailed(f"cannot be read: {e.strerror}", path=label) from e
    fmt = _format_of(resolved, head, label)
    return SourceFile(resolved, given, link, size, fmt)


def _format_of(path: Path, head: bytes, label: str) -> str:
    if head.startswith(b"PAR1"):
        return "parquet"
    for magic, what in _COMPRESSED:
        if head.startswith(magic):
            raise ImportFailed(
                f"the file is {what}, whatever its name; decompress it and import the file inside",
                path=label,
            )
    if head.startswith(_OLE_MAGIC):
        raise ImportFailed(_ole_reason(path), path=label)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, label)
    if head[8:12] == b"DUCK":
        raise ImportFailed("is a DuckDB database, not an export; open it as a case", path=label)
    for magic, what in _OTHER_BINARY:
        if head.startswith(magic):
            raise ImportFailed(f"is {what}, not a table export", path=label)
    if _looks_binary(head):
        raise ImportFailed(
            "holds binary data, not text (control bytes throughout the first 64 KiB); "
            "is it the export itself?",
            path=label,
        )
    return "csv"


def _looks_binary(head: bytes) -> bool:
    """Many control bytes and no sign of UTF-16 (whose ASCII is every other byte NUL)."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = head[: 64 << 10]
    nul_even, nul_odd = sample[0::2].count(0), sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if max(nul_even, nul_odd) > half * 0.3 and min(nul_even, nul_odd) < half * 0.05:
        return False  # UTF-16 without a byte-order mark
    control = len(sample) - len(sample.translate(None, _CONTROL))
    return control > len(sample) * BINARY_SHARE


def _ole_reason(path: Path) -> str:
    """An OLE compound file is either an encrypted Office file or a legacy binary workbook."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, EOFError) as e:
        return f"a damaged Office compound file ({type(e).__name__}); save it again as .xlsx"
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return (
            "is a password-protected (encrypted) Office workbook; remove the password in "
            "Excel (File > Info > Protect Workbook) and save it as .xlsx"
        )
    if "workbook" in streams or "book" in streams:
        return "is an Excel 97-2003 (.xls) workbook; save it as .xlsx or .csv and import that"
    if "worddocument" in streams:
        return "is a Word document, not a table export"
    return "is an Office compound file that is not a workbook; save the table as .xlsx or .csv"


def _zip_kind(path: Path, label: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" in names:
                check_zip_entries(infos, label)
                if _is_strict(zf):
                    raise ImportFailed(
                        "is a Strict Open XML workbook, which cannot be read; in Excel save it "
                        "as 'Excel Workbook (.xlsx)' (not 'Strict Open XML Spreadsheet')",
                        path=label,
                    )
                return "xlsx"
            if "xl/workbook.bin" in names:
                raise ImportFailed(
                    "is a binary Excel workbook (.xlsb); save it as .xlsx or .csv and import that",
                    path=label,
                )
            if "mimetype" in names and b"opendocument" in zf.read("mimetype")[:200]:
                raise ImportFailed(
                    "is an OpenDocument file (.ods); save it as .xlsx or .csv and import that",
                    path=label,
                )
            if "word/document.xml" in names:
                raise ImportFailed("is a Word document, not a table export", path=label)
    except zipfile.BadZipFile as e:
        raise ImportFailed(f"is a damaged zip archive or workbook ({e})", path=label) from e
    shown = sorted(names)[:3]
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    listing = ", ".join(printable(n, 40) for n in shown) + more
    raise ImportFailed(
        f"is a zip archive (holding {listing or 'nothing'}); extract the file and import it",
        path=label,
    )


def check_zip_entries(infos: list[zipfile.ZipInfo], label: str) -> None:
    """Refuse a workbook whose parts would inflate beyond the limits, before reading any."""
    if len(infos) > MAX_ENTRIES:
        raise ImportFailed(f"is a workbook of {len(infos):,} parts; refused as unsafe", path=label)
    total = 0
    for info in infos:
        size, packed = info.file_size, max(1, info.compress_size)
        total += size
        limit = (
            MAX_SHARED_STRINGS_BYTES
            if info.filename.endswith("sharedStrings.xml")
            else MAX_ENTRY_BYTES
        )
        if size > limit:
            raise ImportFailed(
                f"its part {printable(info.filename, 40)} would inflate to {size / 2**20:,.0f} MiB "
                f"(limit {limit / 2**20:,.0f} MiB); refused as a possible decompression bomb",
                path=label,
            )
        if size > RATIO_FLOOR and size / packed > MAX_RATIO:
            raise ImportFailed(
                f"its part {printable(info.filename, 40)} inflates {size / packed:,.0f} times "
                f"({packed / 2**20:,.1f} MiB to {size / 2**20:,.0f} MiB); refused as a possible "
                "decompression bomb",
                path=label,
            )
    if total > MAX_TOTAL_BYTES:
        raise ImportFailed(
            f"would inflate to {total / 2**30:,.1f} GiB in all; refused as a possible "
            "decompression bomb",
            path=label,
        )


def _is_strict(zf: zipfile.ZipFile) -> bool:
    """Strict Open XML names its parts in the purl.oclc.org namespaces."""
    for name in ("_rels/.rels", "xl/workbook.xml"):
        try:
            with zf.open(name) as fh:
                if b"purl.oclc.org/ooxml" in fh.read(4096):
                    return True
        except KeyError:
            continue
    return False


def printable(text: str, limit: int = 60) -> str:
    """A short, printable excerpt of untrusted text for a message: control and invisible
    characters shown as escapes, cut to ``limit`` characters."""
    escaped = "".join(
        ch
        if ch.isprintable() and ch not in "\u200b\ufeff"
        else ch.encode("unicode_escape").decode()
        for ch in text[: limit + 1]
    )
    if len(text) <= limit and len(escaped) <= limit:
        return escaped
    return escaped[: limit - 1] + "…"


def headers_excerpt(headers: tuple[str, ...] | list[str], limit: int = 12) -> str:
    """The first headers as a short printable list for a message."""
    shown = ", ".join(printable(h, 24) for h in headers[:limit])
    return shown + (f" … ({len(headers)} in all)" if len(headers) > limit else "")
