from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from auditor.ingest import encoding
from auditor.ingest.encoding import detect_encoding, transcode_to_utf8

CHINESE = "借据号,客户号,借款金额\nL001,张三,1000.00\nL002,李四,2500.50\n"


def test_gbk_text_that_also_decodes_as_cp1252_is_read_as_gb18030(tmp_path: Path) -> None:
    raw = CHINESE.encode("gbk")
    # These bytes are valid cp1252 too (mojibake, but no error); the Chinese must still win.
    assert raw.decode("cp1252")
    p = tmp_path / "gbk.csv"
    p.write_bytes(raw)
    assert detect_encoding(p).name == "gb18030"


@pytest.mark.parametrize(
    ("data", "name", "bom"),
    [
        (CHINESE.encode("utf-8"), "utf-8", 0),
        (codecs.BOM_UTF8 + CHINESE.encode("utf-8"), "utf-8", 3),
        (CHINESE.encode("utf-16"), "utf-16", 0),
        ("a,b\n1,2\n".encode("utf-16-le"), "utf-16-le", 0),
        ("name,city\nJosé,Málaga\nFrançois,Besançon\n".encode("cp1252"), "cp1252", 0),
        (b"a,b\n1,2\n", "utf-8", 0),
    ],
)
def test_detects_each_encoding(tmp_path: Path, data: bytes, name: str, bom: int) -> None:
    p = tmp_path / "f.csv"
    p.write_bytes(data)
    enc = detect_encoding(p)
    assert (enc.name, enc.bom) == (name, bom)


def test_an_all_ascii_sample_is_read_as_utf8_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encoding, "SAMPLE_BYTES", 64)
    p = tmp_path / "f.csv"
    p.write_bytes(("id,name\n" + "1,abc\n" * 50).encode() + "2,王五\n".encode("gb18030"))
    assert detect_encoding(p) == encoding.Encoding("utf-8", ascii_sample=True)
    assert encoding.detect_encoding_at(p, 358).name == "gb18030"


def test_transcoding_streams_in_chunks_without_splitting_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encoding, "CHUNK_BYTES", 7)  # cuts through two-byte characters
    text = CHINESE * 20
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode("gb18030"))
    dest = tmp_path / "out.csv"
    replaced = transcode_to_utf8(src, detect_encoding(src), dest)
    assert replaced == 0
    assert dest.read_text("utf-8") == text


def test_mixed_line_endings_are_normalised_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encoding, "CHUNK_BYTES", 4)
    src = tmp_path / "in.csv"
    src.write_bytes(b"a,b\r\n1,2\n3,4\r\n5,6\r")
    dest = tmp_path / "out.csv"
    transcode_to_utf8(src, encoding.Encoding("utf-8"), dest, normalise_newlines=True)
    assert dest.read_bytes() == b"a,b\n1,2\n3,4\n5,6\n"
