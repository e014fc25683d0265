"""Building hostile source files inside the tests, and importing them into a scratch case."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from auditor.case.info import reject_rows
from auditor.case.store import Case
from auditor.ingest.importer import ImportResult, import_file

LOANS_HEADER = "loan_id,borrower_id,disbursed_at,contract_principal\n"


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def workbook(path: Path, rows: list[list[Any]], sheet: str = "Sheet1") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def rejects(case: Case) -> list[tuple[Any, ...]]:
    return [(r["source_row"], r["column"], r["reason"]) for r in reject_rows(case)]


def parts(r: ImportResult) -> tuple[int, ...]:
    """(records, title, header, blank, comment, filtered, loaded, rejected)."""
    a = r.accounting
    assert a is not None and a.balanced, a
    return (a.records, a.preamble, a.header, a.blank, a.comment, a.filtered, a.loaded, a.rejected)


def imported(case: Case, path: Path, **kw: Any) -> ImportResult:
    return import_file(case, path, **kw)


def ole_file(path: Path, streams: list[str]) -> Path:
    """A minimal OLE compound file whose root holds empty streams named ``streams`` (what an
    encrypted Office file or a legacy workbook is, as far as telling them apart goes)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<H", header, 0x18, 0x003E)  # minor version
    struct.pack_into("<H", header, 0x1A, 0x0003)  # major version 3
    struct.pack_into("<H", header, 0x1C, 0xFFFE)  # little endian
    struct.pack_into("<H", header, 0x1E, 9)  # 512-byte sectors
    struct.pack_into("<H", header, 0x20, 6)  # 64-byte mini sectors
    struct.pack_into("<I", header, 0x2C, 1)  # one FAT sector
    struct.pack_into("<I", header, 0x30, 1)  # the directory starts at sector 1
    struct.pack_into("<I", header, 0x38, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    struct.pack_into("<I", header, 0x4C, 0)  # the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<I", fat, 0, 0xFFFFFFFD)  # sector 0: the FAT itself
    struct.pack_into("<I", fat, 4, 0xFFFFFFFE)  # sector 1: the directory, end of chain
    directory = bytearray(sector)
    names = ["Root Entry", *streams][:4]
    for i, name in enumerate(names):
        entry = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entry[0 : len(raw)] = raw
        struct.pack_into("<H", entry, 64, len(raw))
        entry[66] = 5 if i == 0 else 2  # root storage, or a stream
        entry[67] = 1  # black
        struct.pack_into("<I", entry, 68, 0xFFFFFFFF)  # left sibling
        right = i + 1 if 0 < i < len(names) - 1 else 0xFFFFFFFF
        struct.pack_into("<I", entry, 72, right)
        struct.pack_into("<I", entry, 76, 1 if i == 0 and len(names) > 1 else 0xFFFFFFFF)
        struct.pack_into("<I", entry, 116, 0xFFFFFFFE)  # no data
        directory[128 * i : 128 * (i + 1)] = entry
    path.write_bytes(bytes(header) + bytes(fat) + bytes(directory))
    return path


def zip_with(path: Path, members: dict[str, bytes], *, deflate: bool = True) -> Path:
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path
