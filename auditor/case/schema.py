"""The canonical tables of DOMAIN.md as code: names, types, required columns, enumerations, keys.

Import maps every platform export onto one of these tables; checks declare which tables and
columns they need. Money is DECIMAL(18,2), rates are fractions, timestamps local wall-clock time.
The key of a table is what import uses to reject duplicates (DuckDB primary keys are not used:
they would abort a whole import on the first duplicate instead of rejecting the row).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "int", "money", "rate", "date", "timestamp", "bool"]

SQL_TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "int": "INTEGER",
    "money": "DECIMAL(18,2)",
    "rate": "DOUBLE",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "bool": "BOOLEAN",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = False
    enum: tuple[str, ...] = ()
    # "nonneg": negative values are rejected; "positive": zero is rejected too.
    sign: Literal["any", "nonneg", "positive"] = "any"

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    description: str = ""

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def create_sql(self, qualified_name: str | None = None) -> str:
        cols = ",\n  ".join(f'"{c.name}" {c.sql_type}' for c in self.columns)
        return f'CREATE TABLE "{qualified_name or self.name}" (\n  {cols}\n)'


def _c(name: str, kind: Kind = "text", **kw: object) -> Column:
    return Column(name, kind, **kw)  # type: ignore[arg-type]


LENDER_TYPES = ("bank", "consumer_finance", "microloan", "private")
FUNDING_SOURCES = ("own", "bank_partner", "abs")
REPAYMENT_TYPES = (
    "annuity",
    "equal_principal",
    "interest_first",
    "bullet",
    "flat_fee",
    "revolving",
)
RISK_CLASSES = ("normal", "special_mention", "substandard", "doubtful", "loss")
ATTEMPT_STATUSES = ("success", "failed", "pending", "reversed")
ATTEMPT_CHANNELS = ("auto_debit", "card", "bank_transfer", "wallet", "app", "web")
INCIDENT_KINDS = ("outage", "maintenance", "degradation", "congestion")
CHARGE_TYPES = (
    "interest",
    "penalty_interest",
    "late_fee",
    "default_fee",
    "failed_payment_fee",
    "service_fee",
    "guarantee_fee",
    "credit_enhancement_fee",
    "membership_fee",
    "consulting_fee",
)
NOTICE_TYPES = (
    "due_reminder",
    "overdue_notice",
    "negative_report_prenotice",
    "outage_notice",
    "maintenance_notice",
    "fee_refund_notice",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "loans",
            (
                _c("loan_id", required=True),
                _c("borrower_id", required=True),
                _c("product_id"),
                _c("lender_type", enum=LENDER_TYPES),
                _c("funding_source", enum=FUNDING_SOURCES),
                _c("channel"),
                _c("region"),
                _c("contract_date", "date"),
                _c("disbursed_at", "timestamp", required=True),
                _c("contract_principal", "money", required=True, sign="positive"),
                _c("disbursed_amount", "money", sign="nonneg"),
                _c("term_periods", "int", sign="positive"),
                _c("repayment_type", enum=REPAYMENT_TYPES),
                _c("contract_rate_annual", "rate", sign="nonneg"),
                _c("penalty_rate_annual", "rate", sign="nonneg"),
                _c("disclosed_apr", "rate", sign="nonneg"),
                _c("disclosed_apr_method", enum=("irr", "simple")),
                _c("risk_class", enum=RISK_CLASSES),
                _c("charged_off_at", "date"),
                _c("closed_at", "date"),
                _c("pool_id"),
            ),
            key=("loan_id",),
            description="One row per loan contract.",
        ),
        Table(
            "installments",
            (
                _c("loan_id", required=True),
                _c("inst_no", "int", required=True, sign="positive"),
                _c("due_date", "date", required=True),
                _c("principal_due", "money", required=True, sign="nonneg"),
                _c("interest_due", "money", sign="nonneg"),
                _c("fee_due", "money", sign="nonneg"),
                _c("grace_days", "int", sign="nonneg"),
                _c("paid_date", "date"),
                _c("paid_principal", "money", sign="nonneg"),
                _c("paid_interest", "money", sign="nonneg"),
                _c("paid_fee", "money", sign="nonneg"),
                _c("paid_penalty", "money", sign="nonneg"),
                _c("reported_dpd", "int", sign="nonneg"),
                _c("reported_status"),
            ),
            key=("loan_id", "inst_no"),
            description="The repayment schedule, one row per installment.",
        ),
        Table(
            "payments",
            (
                _c("payment_id", required=True),
                _c("loan_id", required=True),
                _c("inst_no", "int", sign="positive"),
                _c("attempt_id"),
                _c("value_date", "date", required=True),
                _c("received_at", "timestamp"),
                _c("amount", "money", required=True, sign="positive"),
                _c("alloc_principal", "money", sign="nonneg"),
                _c("alloc_interest", "money", sign="nonneg"),
                _c("alloc_fee", "money", sign="nonneg"),
                _c("alloc_penalty", "money", sign="nonneg"),
            ),
            key=("payment_id",),
            description="Money received, one row per payment.",
        ),
        Table(
            "repayment_attempts",
            (
                _c("attempt_id", required=True),
                _c("loan_id", required=True),
                _c("inst_no", "int", sign="positive"),
                _c("initiated_by", enum=("platform", "borrower")),
                _c("channel", enum=ATTEMPT_CHANNELS),
                _c("attempt_at", "timestamp", required=True),
                _c("amount_requested", "money", sign="nonneg"),
                _c("amount_collected", "money", sign="nonneg"),
                _c("status", required=True, enum=ATTEMPT_STATUSES),
                _c("failure_reason"),
                _c("authorization_id"),
                _c("retry_of"),
            ),
            key=("attempt_id",),
            description="Every debit or repayment attempt, successful or not.",
        ),
        Table(
            "incidents",
            (
                _c("incident_id", required=True),
                _c("kind", enum=INCIDENT_KINDS),
                _c("planned", "bool"),
                _c("start_at", "timestamp", required=True),
                _c("end_at", "timestamp", required=True),
                _c("components"),
                _c("notified_at", "timestamp"),
                _c("notice_channel"),
                _c("description"),
            ),
            key=("incident_id",),
            description="Outages, maintenance, degradation and congestion the platform logged.",
        ),
        Table(
            "charges",
            (
                _c("charge_id", required=True),
                _c("loan_id", required=True),
                _c("inst_no", "int", sign="positive"),
                _c("charge_type", required=True, enum=CHARGE_TYPES),
                _c("rate_applied", "rate", sign="nonneg"),
                _c("amount", "money", required=True, sign="nonneg"),
                _c("assessed_at", "timestamp", required=True),
                _c("waived_at", "timestamp"),
                _c("refunded_at", "timestamp"),
            ),
            key=("charge_id",),
            description="Interest, penalties and fees assessed.",
        ),
        Table(
            "bureau_reports",
            (
                _c("report_id", required=True),
                _c("loan_id", required=True),
                _c("borrower_id"),
                _c("bureau"),
                _c("submitted_at", "timestamp", required=True),
                _c("as_of_date", "date"),
                _c("account_status"),
                _c("dpd_reported", "int", sign="nonneg"),
                _c("overdue_amount_reported", "money", sign="nonneg"),
                _c("is_negative", "bool"),
                _c("supersedes_report_id"),
            ),
            key=("report_id",),
            description="Records submitted to credit bureaus.",
        ),
        Table(
            "notices",
            (
                _c("notice_id", required=True),
                _c("loan_id"),
                _c("borrower_id"),
                _c("inst_no", "int", sign="positive"),
                _c("notice_type", required=True, enum=NOTICE_TYPES),
                _c("channel"),
                _c("sent_at", "timestamp", required=True),
                _c("delivered_at", "timestamp"),
            ),
            key=("notice_id",),
            description="Reminders and notices sent to borrowers.",
        ),
        Table(
            "disclosures",
            (
                _c("product_id", required=True),
                _c("surface", enum=("app_page", "ad", "contract", "sms")),
                _c("captured_at", "timestamp"),
                _c("apr_shown", "bool"),
                _c("apr_value", "rate", sign="nonneg"),
                _c("apr_method_label"),
                _c("daily_rate_shown", "bool"),
                _c("daily_rate_value", "rate", sign="nonneg"),
                _c("apr_font_px", "int", sign="nonneg"),
                _c("daily_font_px", "int", sign="nonneg"),
                _c("penalty_terms_shown", "bool"),
                _c("fees_listed"),
            ),
            key=("product_id", "surface", "captured_at"),
            description="What each product's pages showed the borrower.",
        ),
        Table(
            "refunds",
            (
                _c("refund_id", required=True),
                _c("loan_id", required=True),
                _c("inst_no", "int", sign="positive"),
                _c("attempt_id"),
                _c("charge_id"),
                _c("amount", "money", required=True, sign="positive"),
                _c("detected_at", "timestamp"),
                _c("refunded_at", "timestamp"),
                _c("reason"),
            ),
            key=("refund_id",),
            description="Money given back: over-collections, duplicate debits, refunded charges.",
        ),
        Table(
            "disputes",
            (
                _c("dispute_id", required=True),
                _c("borrower_id"),
                _c("loan_id"),
                _c("report_id"),
                _c("received_at", "timestamp", required=True),
                _c("resolved_at", "timestamp"),
                _c("outcome", enum=("corrected", "upheld", "unverifiable")),
            ),
            key=("dispute_id",),
            description="Borrowers' disputes of what was reported to a credit bureau.",
        ),
        Table(
            "reported_metrics",
            (
                _c("period_end", "date", required=True),
                _c("metric", required=True),
                _c("segment"),
                _c("value", "rate", required=True),
                _c("source", enum=("platform", "trustee", "partner_bank")),
            ),
            key=("period_end", "metric", "segment", "source"),
            description="Figures the platform, trustee or partner bank reported.",
        ),
    )
}


def table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        known = ", ".join(TABLES)
        raise KeyError(f"unknown canonical table {name!r}; known tables: {known}") from None
