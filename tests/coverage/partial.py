"""A tiny platform with every table a check reads, and partial cases cut from it.

As-of 2024-03-31. Loans A (annuity, 1,000 contracted, 950 paid out: 50 deducted up front),
B (bullet over 24 periods, due 2026-01-10: a term over a year; a disclosed APR with no method)
and C (no disclosed APR; closed 2023-12-01, before its disbursement on 2024-01-05). Z is named
by an installment and a payment but is not in the loan file (orphans). Attempt T2 was posted
as two payments (P2, P3); T3 is a platform auto-debit with no authorisation on file. Incident I1
is planned maintenance over the 09:00-12:00 peak of C's due date 2024-03-05, announced 11.5
hours before it began.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from auditor.case.store import Case
from auditor.ingest.importer import import_file

AS_OF = "2024-03-31"

FILES = {
    "loans": """loan_id,borrower_id,product_id,lender_type,funding_source,channel,region,contract_date,disbursed_at,contract_principal,disbursed_amount,term_periods,repayment_type,contract_rate_annual,penalty_rate_annual,disclosed_apr,disclosed_apr_method,risk_class,charged_off_at,closed_at,pool_id
A,X,P1,microloan,own,app,ZJ,2024-01-01,2024-01-01 10:00,1000,950,3,annuity,0.18,0.27,0.18,irr,normal,,,
B,Y,P2,microloan,bank_partner,web,SH,2024-01-10,2024-01-10 10:00,5000,5000,24,bullet,0.12,0.18,0.12,,normal,,,POOL1
C,W,P1,microloan,abs,app,BJ,2024-01-05,2024-01-05 10:00,600,600,2,annuity,0.18,0.27,,,normal,,2023-12-01,
""",
    "installments": """loan_id,inst_no,due_date,principal_due,interest_due,fee_due,grace_days,paid_principal,reported_dpd
A,1,2024-02-01,300,15,0,0,300,0
A,2,2024-03-01,300,10,0,0,300,0
A,3,2024-04-01,400,5,0,0,0,0
B,1,2026-01-10,5000,1200,0,0,0,0
C,1,2024-02-05,300,9,0,0,300,0
C,2,2024-03-05,300,4,0,0,0,0
Z,1,2024-02-01,100,1,0,0,0,0
""",
    "payments": """payment_id,loan_id,inst_no,attempt_id,value_date,received_at,amount
P1,A,1,T1,2024-02-01,2024-02-01 09:00,315
P2,A,2,T2,2024-03-01,2024-03-01 09:00,150
P3,A,2,T2,2024-03-01,2024-03-01 09:00,160
P4,C,1,T4,2024-02-05,2024-02-05 09:00,309
PZ,Z,1,,2024-02-01,2024-02-01 09:00,101
""",
    "repayment_attempts": """attempt_id,loan_id,inst_no,initiated_by,channel,attempt_at,amount_requested,amount_collected,status,failure_reason,authorization_id,retry_of
T1,A,1,platform,auto_debit,2024-02-01 09:00,315,315,success,,AU1,
T2,A,2,platform,auto_debit,2024-03-01 09:00,310,310,success,,AU1,
T3,C,1,platform,auto_debit,2024-02-05 08:00,309,0,failed,system_error,,
T4,C,1,borrower,app,2024-02-05 09:00,309,309,success,,,
T5,C,2,platform,auto_debit,2024-03-05 08:00,304,0,failed,insufficient_funds,AU2,
""",
    "incidents": """incident_id,kind,planned,start_at,end_at,components,notified_at,notice_channel,description
I1,maintenance,true,2024-03-05 07:30,2024-03-05 10:00,debit,2024-03-04 20:00,app,upgrade
I2,outage,false,2024-02-05 07:50,2024-02-05 08:30,debit,,,
""",
    "charges": """charge_id,loan_id,inst_no,charge_type,rate_applied,amount,assessed_at,waived_at,refunded_at
G1,C,1,failed_payment_fee,,5,2024-02-05 08:05,,
G2,C,2,penalty_interest,0.27,1.20,2024-03-06 00:05,,
G3,A,2,late_fee,,0,2024-03-02 00:05,,
""",
    "bureau_reports": """report_id,loan_id,borrower_id,bureau,submitted_at,as_of_date,account_status,dpd_reported,overdue_amount_reported,is_negative,supersedes_report_id
R1,C,W,baihang,2024-03-10 02:00,2024-03-09,overdue,4,304,true,
""",
    "notices": """notice_id,loan_id,borrower_id,inst_no,notice_type,channel,sent_at,delivered_at
N1,A,X,1,due_reminder,sms,2024-01-29 10:00,2024-01-29 10:00
N2,A,X,2,due_reminder,sms,2024-02-27 10:00,2024-02-27 10:00
""",
    "disclosures": """product_id,surface,captured_at,apr_shown,apr_value,apr_method_label,daily_rate_shown,daily_rate_value,apr_font_px,daily_font_px,penalty_terms_shown,fees_listed
P1,app_page,2024-01-01 12:00,false,,,true,0.0005,,24,true,
P2,app_page,2024-01-01 12:00,true,0.12,IRR,false,,16,,true,service fee
""",
    "refunds": """refund_id,loan_id,inst_no,attempt_id,charge_id,amount,detected_at,refunded_at,reason
F1,C,1,,G1,5,2024-02-06 09:00,2024-02-07 09:00,fee refund
""",
    "disputes": """dispute_id,borrower_id,loan_id,report_id,received_at,resolved_at,outcome
D1,W,C,R1,2024-03-12 10:00,,
""",
    "reported_metrics": """period_end,metric,segment,value,source
2024-02-29,overdue_rate_m1p_balance,all,0.1,platform
""",
}
EXTRA = {
    "loan_funding": "loan_id,funder_id,funder_type,share_pct\nB,PLAT,own,0.2\nB,BANK1,bank,0.8\n"
}


def build(path: Path, tables: Iterable[str] | None = None) -> Path:
    """A case at ``path`` importing the chosen tables (all of them, extra ones too, by
    default), each with no row rejected."""
    chosen = list(tables) if tables is not None else [*FILES, *EXTRA]
    with Case.open(path, create=True) as case:
        for name in chosen:
            f = path.parent / f"{name}.csv"
            if name in FILES:
                f.write_text(FILES[name], encoding="utf-8")
                result = import_file(case, f, table=name)
            else:
                f.write_text(EXTRA[name], encoding="utf-8")
                result = import_file(case, f, extra=name)
            assert result.rows_rejected == 0, name
    return path


def cut(
    full: Path,
    path: Path,
    keep: Iterable[str],
    emptied: Mapping[str, Iterable[str]] | None = None,
) -> Path:
    """A copy of the case at ``full`` holding only the tables ``keep``, with the columns
    ``emptied`` ({table: columns}) set to NULL in every row, as an export that never filled
    them."""
    shutil.copyfile(full, path)
    keep = set(keep)
    with Case.open(path) as case:
        tables = [
            r[0]
            for r in case.conn.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                "AND database_name = current_database()"
            ).fetchall()
        ]
        for t in tables:
            if t not in keep:
                case.conn.execute(f'DROP TABLE main."{t}"')
        for t, cols in (emptied or {}).items():
            if t in keep and cols:
                sets = ", ".join(f'"{c}" = NULL' for c in cols)
                case.conn.execute(f'UPDATE main."{t}" SET {sets}')
    return path
