"""A tiny hand-built platform whose every answer is worked out by hand in the tests.

As-of is 2024-03-31. Loans:
  A  own, 1,000, disbursed 2024-01-01; installments due 02-01 (paid that day: DPD 0), 03-01
     (paid 03-02: ever-DPD 1), 04-01 (not yet due). Outstanding 400, current.
  B  bank partner, 2,000, 2023-10-15, classed normal; installment 1 due 11-15 paid 610 of 620
     (a residue of 10), installments 2 and 3 unpaid. With tolerance 0 DPD 137, else 107.
  C  ABS, 500, 2023-06-01, one installment due 07-01 never paid, charged off 2024-01-01,
     classed loss (DPD 274).
  D  own, 800, disbursed 2024-03-01, no schedule at all.
  E  own, 300, disbursed 2024-03-20, first due 04-20: as-of falls before it.
  F  own, 5,000, bullet over 24 months (due 2026-01-10), same borrower as A.
Plus: an installment of loan Z that is not in the loan file, a penalty charged on A's
installment 1 (paid on time), a successful debit on B with no payment, and A's second payment
recorded twice, a zero late fee, and an incident logged as ending before it began.
"""

from __future__ import annotations

from pathlib import Path

from auditor.case.store import Case
from auditor.ingest.importer import import_file

AS_OF = "2024-03-31"

FILES = {
    "loans": """loan_id,borrower_id,funding_source,disbursed_at,contract_principal,term_periods,repayment_type,risk_class,charged_off_at
A,X,own,2024-01-01 10:00,1000,3,annuity,normal,
B,Y,bank_partner,2023-10-15 10:00,2000,3,annuity,normal,
C,W,abs,2023-06-01 10:00,500,1,annuity,loss,2024-01-01
D,V,own,2024-03-01 10:00,800,1,annuity,normal,
E,U,own,2024-03-20 10:00,300,1,annuity,normal,
F,X,own,2024-01-10 10:00,5000,24,bullet,normal,
""",
    "installments": """loan_id,inst_no,due_date,principal_due,interest_due
A,1,2024-02-01,300,10
A,2,2024-03-01,300,10
A,3,2024-04-01,400,10
B,1,2023-11-15,600,20
B,2,2023-12-15,700,20
B,3,2024-01-15,700,20
C,1,2023-07-01,500,0
E,1,2024-04-20,300,5
F,1,2026-01-10,5000,900
Z,1,2024-01-01,100,1
""",
    "payments": """payment_id,loan_id,inst_no,attempt_id,value_date,received_at,amount
P1,A,1,T1,2024-02-01,2024-02-01 09:00,310
P2,A,2,T2,2024-03-02,2024-03-02 09:00,310
P3,A,2,T2,2024-03-02,2024-03-02 09:00,310
P4,B,1,T3,2023-11-15,2023-11-15 09:00,610
""",
    "repayment_attempts": """attempt_id,loan_id,inst_no,attempt_at,status,amount_requested,amount_collected
T1,A,1,2024-02-01 09:00,success,310,310
T2,A,2,2024-03-02 09:00,success,310,310
T3,B,1,2023-11-15 09:00,success,620,610
T4,B,2,2023-12-15 09:00,success,720,720
""",
    "charges": """charge_id,loan_id,inst_no,charge_type,amount,assessed_at
G1,A,1,penalty_interest,1.50,2024-02-02 00:05
G2,B,2,penalty_interest,30,2024-03-31 00:05
G3,A,3,late_fee,0,2024-03-01 00:05
""",
    "incidents": """incident_id,start_at,end_at
I1,2024-01-01 09:00,2024-01-01 10:00
I2,2024-01-02 10:00,2024-01-02 09:00
""",
    "reported_metrics": """period_end,metric,segment,value,source
2024-02-29,overdue_rate_m1p_balance,all,0.2,platform
2024-02-29,overdue_rate_m3p_balance,all,0.25974,platform
""",
}


def build(folder: Path) -> Path:
    path = folder / "fixture.duckdb"
    with Case.open(path, create=True) as case:
        for table, text in FILES.items():
            f = folder / f"{table}.csv"
            f.write_text(text, encoding="utf-8")
            r = import_file(case, f, table=table)
            assert r.rows_rejected == 0, table
    return path
