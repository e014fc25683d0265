"""Files are identified by their content, not their name; what cannot be read is refused in one
line, with what to do instead, before anything is parsed and with the case unchanged."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.errors import ImportFailed
from auditor.ingest import formats
from auditor.ingest.importer import import_file
from tests.ingest.helpers import LOANS_HEADER, ole_file, workbook, write, zip_with

CSV = (LOANS_HEADER + "L1,B1,2024-01-01,1000\n").encode()


def _refused(case: Case, path: Path, match: str) -> str:
    with pytest.raises(ImportFailed, match=match) as e:
        import_file(case, path)
    msg = str(e.value)
    assert "\n" not in msg and path.name in msg
    assert case.sources() == [] and case.tables() == []
    return msg


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("loans.csv", gzip.compress(CSV), "gzip-compressed"),
        ("loans.dat", b"\x28\xb5\x2f\xfd" + os.urandom(64), "Zstandard"),
        ("loans.txt", bz2.compress(CSV), "bzip2"),
        ("loans.csv", lzma.compress(CSV), "xz-compressed"),
        ("loans.csv", b"7z\xbc\xaf\x27\x1c" + bytes(64), "7-Zip"),
        ("loans.csv", b"%PDF-1.7\n" + bytes(64), "PDF"),
        ("loans.csv", b"SQLite format 3\x00" + bytes(64), "SQLite"),
    ],
)
def test_compressed_and_foreign_files_are_refused_whatever_their_name(
    case: Case, tmp_path: Path, name: str, data: bytes, what: str
) -> None:
    _refused(case, write(tmp_path / name, data), what)


def test_an_oddly_named_zip_is_refused_naming_what_it_holds(case: Case, tmp_path: Path) -> None:
    f = zip_with(tmp_path / "export.csv", {"loans.csv": CSV, "readme.txt": b"x"})
    _refused(case, f, r"zip archive \(holding loans\.csv, readme\.txt\); extract")


def test_encrypted_workbooks_and_legacy_xls_are_told_apart(case: Case, tmp_path: Path) -> None:
    enc = ole_file(tmp_path / "loans.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    _refused(case, enc, "password-protected")
    xlsb = ole_file(tmp_path / "loans.xlsb", ["EncryptionInfo", "EncryptedPackage"])
    _refused(case, xlsb, "password-protected")
    old = ole_file(tmp_path / "loans.csv", ["Workbook"])
    _refused(case, old, r"Excel 97-2003 \(\.xls\)")


def test_binary_workbook_and_ods_are_refused(case: Case, tmp_path: Path) -> None:
    xlsb = zip_with(tmp_path / "a.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.bin": b"1"})
    _refused(case, xlsb, r"binary Excel workbook \(\.xlsb\)")
    ods = zip_with(
        tmp_path / "b.xlsx",
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""},
    )
    _refused(case, ods, r"OpenDocument")


def test_strict_open_xml_is_refused_not_a_traceback(case: Case, tmp_path: Path) -> None:
    src = workbook(tmp_path / "plain.xlsx", [["loan_id"], ["L1"]])
    import zipfile

    members = {}
    with zipfile.ZipFile(src) as zf:
        for n in zf.namelist():
            data = zf.read(n)
            members[n] = data.replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main",
            ).replace(
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                b"http://purl.oclc.org/ooxml/officeDocument/relationships",
            )
    strict = zip_with(tmp_path / "strict.xlsx", members)
    _refused(case, strict, "Strict Open XML")


def test_a_workbook_whose_parts_inflate_too_far_is_refused_before_parsing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Limits scaled down so the test writes kilobytes: a sheet part that would inflate past
    the limit, and one inflating more than the ratio allows, are refused from the zip
    directory alone (openpyxl is never asked to open them)."""
    import openpyxl

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    monkeypatch.setattr(formats, "MAX_ENTRY_BYTES", 200_000)
    monkeypatch.setattr(formats, "RATIO_FLOOR", 100_000)
    base = {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<workbook/>"}
    big = zip_with(tmp_path / "big.xlsx", {**base, "xl/worksheets/sheet1.xml": os.urandom(300_000)})
    msg = _refused(case, big, "would inflate to")
    assert "decompression bomb" in msg
    bomb = zip_with(tmp_path / "bomb.xlsx", {**base, "xl/worksheets/sheet1.xml": bytes(150_000)})
    _refused(case, bomb, r"inflates [\d,]+ times")
    strings = zip_with(tmp_path / "ss.xlsx", {**base, "xl/sharedStrings.xml": os.urandom(10)})
    monkeypatch.setattr(formats, "MAX_SHARED_STRINGS_BYTES", 5)
    _refused(case, strings, "sharedStrings.xml would inflate")


def test_empty_binary_and_damaged_files(case: Case, tmp_path: Path) -> None:
    _refused(case, write(tmp_path / "empty.csv", b""), r"empty \(0 bytes\)")
    junk = write(tmp_path / "junk.csv", bytes(range(256)) * 64)
    _refused(case, junk, "binary data, not text")
    damaged = write(tmp_path / "broken.xlsx", b"PK\x03\x04 this is not really a workbook")
    _refused(case, damaged, "damaged")


def test_a_plain_csv_with_another_name_is_read(case: Case, tmp_path: Path) -> None:
    r = import_file(case, write(tmp_path / "loans.bin", CSV))
    assert (r.table, r.format, r.rows_loaded) == ("loans", "csv", 1)


def test_a_link_is_named_as_a_link_and_refusals_quote_only_a_short_printable_excerpt(
    case: Case, tmp_path: Path
) -> None:
    secret = write(
        tmp_path / "secret.txt",
        "root:x:0:0:root:/root:/bin/bash\x07\x1b[31m" + "x" * 300 + "\ndaemon:x:1:1\n" * 20,
    )
    link = tmp_path / "loans.csv"
    link.symlink_to(secret)
    with pytest.raises(ImportFailed) as e:
        import_file(case, link)
    msg = str(e.value)
    assert f"(a link to {secret})" in msg and "fit no canonical table" in msg
    assert "\x07" not in msg and "\x1b" not in msg and msg.count("root:x:0") == 1
    assert len(msg) < 600
    good = tmp_path / "good.csv"
    good.symlink_to(write(tmp_path / "target.csv", CSV))
    r = import_file(case, good)
    assert r.link_target == tmp_path / "target.csv" and r.rows_loaded == 1
    notes = case.conn.execute("SELECT notes FROM audit.source_accounting").fetchall()[0][0]
    assert "link to" in notes
    broken = tmp_path / "dangling.csv"
    broken.symlink_to(tmp_path / "nowhere.csv")
    with pytest.raises(ImportFailed, match="link's target does not exist"):
        import_file(case, broken)


def test_printable_excerpts() -> None:
    assert formats.printable("abc") == "abc"
    assert formats.printable("a\x00b\u200bc") == "a\\x00b\\u200bc"
    assert formats.printable("x" * 100, 10) == "x" * 9 + "…"
