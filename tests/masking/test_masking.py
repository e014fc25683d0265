"""Personal data never leaves the case unmasked: detectors, tokens, and the report searched part
by part (every cell, sheet name, chart and document property of the XLSX zip)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from auditor.case.store import Case
from auditor.engine.checks import CheckSpec, parse_check
from auditor.engine.runner import Session
from auditor.ingest.importer import import_file
from auditor.report import ReportMeta, write_report
from auditor.results.masking import TOKEN, Masker, case_masker, column_kind, unmask
from auditor.results.pii import find_personal_data, is_card_number, is_resident_id, luhn_ok
from auditor.results.sample_draw import SamplePlan, SizeSpec, draw_sample, population_of_table
from tests.checks.fixture import AS_OF, FILES


def resident_id(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character (GB 11643-1999)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return (
        first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]
    )


def card(first: str) -> str:
    """Append the Luhn check digit."""
    return next(first + d for d in "0123456789" if luhn_ok(first + d))


IDS = {b: resident_id(f"1101051990030{i}12{i}") for i, b in enumerate("XYWVU", start=1)}
PHONES = ["13812345678", "15900001111", "18611112222", "13698765432", "17788889999"]
CARDS = [
    card("622202123456789012"),
    card("621700000011112"),
    card("456735000042"),
    card("6259650000000002"),
    card("622848001122334"),
]
EMAILS = ["zhang.san@example.com", "lisi@mail.example.cn", "w@x.io", "v.v@qq.com", "u@163.com"]
NAMES = ["张三", "李四", "王五", "赵六", "孙七"]
PERSONAL = [*IDS.values(), *PHONES, *CARDS, *EMAILS, *NAMES]


def test_detectors_know_valid_from_invalid() -> None:
    good = IDS["X"]
    assert is_resident_id(good) and not is_resident_id(
        good[:-1] + ("0" if good[-1] != "0" else "1")
    )
    assert not is_resident_id("110105199013321234")  # no 13th month
    assert all(is_card_number(c) for c in CARDS) and not is_card_number("6222021234567890120")
    text = f"call {PHONES[0]} or +86 159 0000 1111, card {CARDS[0]}, id {good}, {EMAILS[0]}"
    kinds = [s.kind for s in find_personal_data(text)]
    assert kinds == ["phone", "phone", "card", "id_number", "email"]
    for harmless in ("2024-03-31 20240331", "L00000001 C00012345", "amount 1500.00 12345678"):
        assert find_personal_data(harmless) == []


def test_tokens_are_stable_keyed_and_prefixed() -> None:
    a, b = Masker(b"k" * 32), Masker(b"k" * 32)
    assert a.token("BR", "X") == b.token("BR", "X") != Masker(b"j" * 32).token("BR", "X")
    assert re.fullmatch(r"BR-[0-9a-f]{16}", a.token("BR", "X"))
    assert a.text(f"ring {PHONES[1]} now") == f"ring {a.token('PH', PHONES[1])} now"
    assert column_kind("borrower_id") == "BR" and column_kind("客户姓名") == "NM"
    assert column_kind("product_name") is None and column_kind("file_name") is None


@pytest.fixture
def pii_case(tmp_path: Path) -> Path:
    """The hand fixture with borrowers identified by resident ID numbers, an extra table of
    borrowers' names, phones (typed as numbers by the import), cards and e-mails, and an
    incident description with a phone number and an e-mail in it."""
    path = tmp_path / "pii.duckdb"
    files = dict(FILES)
    for short, rid in IDS.items():
        files["loans"] = re.sub(rf",{short},", f",{rid},", files["loans"])
    files["incidents"] = (
        "incident_id,start_at,end_at,description\n"
        f"I1,2024-01-01 09:00,2024-01-01 10:00,客服 {PHONES[2]} / {EMAILS[2]}\n"
        "I2,2024-01-02 10:00,2024-01-02 09:00,\n"
    )
    with Case.open(path, create=True) as case:
        for table, text in files.items():
            f = tmp_path / f"{table}.csv"
            f.write_text(text, encoding="utf-8")
            assert import_file(case, f, table=table).rows_rejected == 0
        people = tmp_path / "borrowers.csv"
        people.write_text(
            "borrower_id,姓名,phone_no,card_no,contact\n"
            + "".join(
                f"{rid},{NAMES[i]},{PHONES[i]},{CARDS[i]},{EMAILS[i]}\n"
                for i, rid in enumerate(IDS.values())
            ),
            encoding="utf-8",
        )
        import_file(case, people, extra="borrowers")
        draw_sample(
            case.conn,
            population_of_table(case.conn, "borrowers"),
            SamplePlan("random", SizeSpec(count=3), seed=11),
        )
    return path


def _contacts() -> CheckSpec:
    return parse_check(
        """-- id = "Q-01"
-- title = "Borrowers to call"
-- family = "custom"
-- severity = "info"
-- description = "Contact details of borrowers with loans"
-- basis = "Examiner's query"
-- requires = { loans = ["loan_id"] }
-- [finding]
-- rows = "all"
-- borrower = "borrower_id"
-- amount = "contract_principal"
-- [chart]
-- kind = "bar"
-- x = "borrower_id"
-- y = "contract_principal"
SELECT l.borrower_id, b."姓名", b.phone_no, b.card_no, b.contact, l.loan_id,
       'call ' || b.phone_no || ' card ' || b.card_no AS how, l.contract_principal
FROM loans l JOIN borrowers b USING (borrower_id)
WHERE b.phone_no IS NOT NULL OR l.borrower_id = '"""
        + IDS["U"]
        + """' ORDER BY l.loan_id""",
        "custom query",
    )


def _report(
    case_path: Path,
    library: dict[str, CheckSpec],
    out: Path,
    mask: bool,
    images: dict[str, bytes] | None = None,
) -> None:
    with Case.open(case_path) as case:
        session = Session(case, as_of=AS_OF)
        runs = session.run_many([*library.values(), _contacts()])
        notes = (f"Examiner's note: call {PHONES[0]} about loan A of {IDS['X']}",)
        write_report(
            session,
            runs,
            out,
            mask=mask,
            meta=ReportMeta(f"Inspection of {NAMES[0]}", "Platform", "Examiner", notes),
            images=images,
        )


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", errors="replace") for n in z.namelist())


def _cells(path: Path) -> dict[str, dict[str, Any]]:
    wb = load_workbook(path)
    return {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row} for ws in wb}


def test_masked_report_holds_no_personal_data_anywhere(
    pii_case: Path, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    masked, plain = tmp_path / "masked.xlsx", tmp_path / "plain.xlsx"
    _report(pii_case, library, masked, mask=True)
    _report(pii_case, library, plain, mask=False)
    everything = _zip_text(masked)
    leaked = [p for p in PERSONAL if p in everything]
    assert leaked == []
    assert all(p in _zip_text(plain) for p in [*IDS.values(), *CARDS, *EMAILS, *NAMES])
    assert "docProps/core.xml" in zipfile.ZipFile(masked).namelist()
    a, b = _cells(masked), _cells(plain)
    assert list(a) == list(b) and "Sample 1" in a
    cover = {v for v in a["Cover"].values() if isinstance(v, str)}
    assert any(v.startswith("Masked:") for v in cover)
    assert any(v.startswith("NOT masked") for v in b["Cover"].values() if isinstance(v, str))
    compared = 0
    for sheet, cells in b.items():
        for coord, value in cells.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                other = a[sheet][coord]
                if isinstance(other, str):  # a phone or card the import typed as a number
                    assert TOKEN.fullmatch(other) and other[:2] in ("PH", "CD", "ID"), other
                else:
                    assert other == value, (sheet, coord)
                    compared += 1
    assert compared > 200
    summary = [r for r in a["Summary"].values()]
    assert summary == [r for r in b["Summary"].values()]  # every count, amount and status


def test_a_chart_image_naming_borrowers_stays_out_of_a_masked_report(
    pii_case: Path, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    """The desktop draws chart images from the results as they are; Q-01's bars are labelled
    with borrower IDs, so its image would print them. Masked, the image is left out (the native
    chart over the masked Chart data stays); unmasked, it is there."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, format="PNG")
    images = {"Q-01": buf.getvalue()}
    masked, plain = tmp_path / "masked.xlsx", tmp_path / "plain.xlsx"
    _report(pii_case, library, masked, mask=True, images=images)
    _report(pii_case, library, plain, mask=False, images=images)
    assert len(load_workbook(masked)["Q-01"]._images) == 0
    assert len(load_workbook(masked)["Q-01"]._charts) == 1
    assert len(load_workbook(plain)["Q-01"]._images) == 1


def test_tokens_are_the_same_on_every_sheet_and_map_back(
    pii_case: Path, library: dict[str, CheckSpec], tmp_path: Path
) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    _report(pii_case, library, first, mask=True)
    _report(pii_case, library, second, mask=True)
    with Case.open(pii_case) as case:
        token = case_masker(case.conn).token("BR", IDS["X"])
        phone = case_masker(case.conn).token("PH", PHONES[0])
        back = unmask(case.conn, [token, phone, "BR-0000000000000000"])
    assert back == {token: IDS["X"], phone: PHONES[0], "BR-0000000000000000": None}
    for path in (first, second):
        sheets_with = {title for title, cells in _cells(path).items() if token in cells.values()}
        assert {"Q-01", "DLQ-10", "Sample 1", "Chart data"} <= sheets_with, sheets_with
    assert phone in _zip_text(first)  # the note's phone, masked the same way
