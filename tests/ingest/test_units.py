"""Units of rates and money decided per column, with the evidence stated and stored; extra tables
typed only where nothing is lost."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.case.store import Case
from auditor.errors import MappingError
from auditor.ingest.importer import import_file
from auditor.ingest.mapping import parse_profile
from tests.ingest.helpers import write

HEAD = "借据号,客户号,放款日期,借款金额"


def _rates(case: Case, col: str = "contract_rate_annual") -> list[float]:
    return [r[0] for r in case.conn.execute(f"SELECT {col} FROM loans ORDER BY loan_id").fetchall()]


def _unit(r: object, col: str) -> tuple[str, str]:
    u = next(u for u in r.units if u.column == col)  # type: ignore[attr-defined]
    return u.unit, u.by


def test_rates_in_percent_are_divided_whatever_the_spelling(case: Case, tmp_path: Path) -> None:
    """年利率 7.30, 18 and 7.2%: a column of percent (bare values above 1), so 0.073, 0.18 and
    0.072, never 7.3 (730%) beside 0.072."""
    f = write(
        tmp_path / "p.csv",
        f"{HEAD},年利率\nL1,B1,2024-01-01,1000,7.30\nL2,B2,2024-01-02,2000,18\nL3,B3,2024-01-03,2000,7.2%\n",
    )
    r = import_file(case, f)
    assert _unit(r, "contract_rate_annual") == ("percent", "values")
    # Exactly the decimal the export wrote, without binary floating-point noise.
    assert _rates(case) == [0.073, 0.18, 0.072]
    assert r.mapping.columns["contract_rate_annual"].unit == "percent"
    row = case.conn.execute(
        "SELECT unit, unit_evidence FROM audit.source_columns WHERE target_column = 'contract_rate_annual'"
    ).fetchall()[0]
    assert row[0] == "percent" and "2 of 2 sampled values are above 1" in row[1]


def test_fractions_stay_fractions_and_the_header_can_say_percent(
    case: Case, tmp_path: Path
) -> None:
    """A US tape's interest_rate 0.0531..0.3094 stays; a header "年利率(%)" with 0.5 (0.5%) is
    percent because the header says so."""
    f = write(
        tmp_path / "f.csv",
        "loan_id,borrower_id,disbursed_at,contract_principal,interest_rate\nL1,B1,2024-01-01,1,0.0531\nL2,B2,2024-01-01,1,0.3094\n",
    )
    r = import_file(case, f)
    assert _unit(r, "contract_rate_annual") == ("fraction", "values")
    assert _rates(case) == pytest.approx([0.0531, 0.3094])
    g = write(tmp_path / "g.csv", f"{HEAD},年利率(%)\nM1,B1,2024-01-01,1000,0.5\n")
    r2 = import_file(case, g)
    assert _unit(r2, "contract_rate_annual") == ("percent", "header")
    assert case.conn.execute(
        "SELECT contract_rate_annual FROM loans WHERE loan_id = 'M1'"
    ).fetchall() == [(0.005,)]


def test_a_profile_overrides_the_decision(case: Case, tmp_path: Path) -> None:
    f = write(tmp_path / "o.csv", f"{HEAD},年利率\nL1,B1,2024-01-01,1000,0.5\n")
    profile = parse_profile(
        '[columns]\ncontract_rate_annual = { header = "年利率", unit = "percent" }\n'
    )
    r = import_file(case, f, mapping=profile)
    assert _unit(r, "contract_rate_annual") == ("percent", "profile")
    assert _rates(case) == [0.005]
    with pytest.raises(MappingError, match="unit 'furlongs' is not one of fraction, percent"):
        parse_profile(
            'table = "loans"\n[columns]\ncontract_rate_annual = { header = "x", unit = "furlongs" }\n'
        )
    with pytest.raises(MappingError, match="only rate and money columns take a unit"):
        parse_profile('table = "loans"\n[columns]\nloan_id = { header = "x", unit = "percent" }\n')


def test_money_in_wan_and_cents(case: Case, tmp_path: Path) -> None:
    """借款金额(万元) 1.5 is 15,000 yuan; 到手金额(分) 1480000 is 14,800 yuan; a cell 2万 is 20,000."""
    f = write(
        tmp_path / "m.csv",
        "借据号,客户号,放款日期,借款金额(万元),到手金额(分)\nL1,B1,2024-01-01,1.5,1480000\nL2,B2,2024-01-02,2万,1990000\n",
    )
    r = import_file(case, f)
    assert _unit(r, "contract_principal") == ("wan", "header")
    assert _unit(r, "disbursed_amount") == ("cents", "header")
    assert case.conn.execute(
        "SELECT contract_principal, disbursed_amount FROM loans ORDER BY loan_id"
    ).fetchall() == [
        (Decimal("15000.00"), Decimal("14800.00")),
        (Decimal("20000.00"), Decimal("19900.00")),
    ]


def test_rates_that_are_not_numbers_are_rejected(case: Case, tmp_path: Path) -> None:
    f = write(
        tmp_path / "i.csv", f"{HEAD},年利率\nL1,B1,2024-01-01,1,inf\nL2,B2,2024-01-01,1,0.1\n"
    )
    r = import_file(case, f)
    assert (r.rows_loaded, r.rows_rejected) == (1, 1)


def test_a_us_loan_tape_reads_terms_months_and_percent_signs(case: Case, tmp_path: Path) -> None:
    """LendingClub-style: term " 36 months", int_rate " 13.56%", issue_d "Dec-2015"."""
    f = write(
        tmp_path / "lc.csv",
        'id,member_id,loan_amnt,funded_amnt,term,int_rate,issue_d\n1077501,1296599,5000,4975," 36 months", 10.65%,Dec-2011\n',
    )
    r = import_file(case, f)
    assert (r.table, r.rows_loaded) == ("loans", 1)
    row = case.conn.execute(
        "SELECT term_periods, contract_rate_annual, disbursed_at, disbursed_amount FROM loans"
    ).fetchall()[0]
    assert row[0] == 36 and row[1] == pytest.approx(0.1065)
    assert row[2] == datetime(2011, 12, 1) and row[3] == Decimal("4975.00")


def test_extra_tables_are_typed_only_when_nothing_is_lost(case: Case, tmp_path: Path) -> None:
    """A timestamp keeps its time; a 32-digit order number and zero-led codes stay text; an
    offset time stays text; whole numbers, decimals, dates and booleans are typed."""
    f = write(
        tmp_path / "x.csv",
        "order_no,code,at,day,n,amt,ok,tz\n"
        "12345678901234567890123456789012,007,2025-02-28 20:35:13,2025-02-28,12,1.5,true,2024-01-01T09:00:00+08:00\n"
        "98765432109876543210987654321098,010,2025-03-01 08:00:00,2025-03-01,-3,2,false,2024-01-02T09:00:00+08:00\n",
    )
    import_file(case, f, extra="orders")
    types = dict(
        case.conn.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'orders'"
        ).fetchall()
    )
    assert types == {
        "order_no": "VARCHAR",
        "code": "VARCHAR",
        "at": "TIMESTAMP",
        "day": "DATE",
        "n": "BIGINT",
        "amt": "DOUBLE",
        "ok": "BOOLEAN",
        "tz": "VARCHAR",
    }
    assert case.conn.execute('SELECT order_no, "at" FROM orders ORDER BY 1').fetchall()[0] == (
        "12345678901234567890123456789012",
        datetime(2025, 2, 28, 20, 35, 13),
    )
