"""How a check's numbers are named for people: the ``[labels]`` table of a check header.

The table sits at the end of the header (other keys live above it)::

    -- [labels]
    -- amount = "Refund due (penalties and fees charged, not waived or refunded)"
    -- units = { apr_tolerance = "pp" }
    -- [labels.columns]
    -- refund_due = "Refund due"

``amount`` says what the finding rule's amount column means for this check (the Summary's
"Amount" is principal on one check and a refund on another). ``units`` names parameters held as
fractions (0.00125) that people read in percent (``"%"``: 0.125%) or percentage points
(``"pp"``: 0.125 points): the form and the report show and take them in that unit, the SQL still
gets the fraction. ``columns`` gives result columns their label; any other column reads as its
name made readable (``refund_due`` -> "Refund due", ``loan_id`` -> "Loan ID").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditor.errors import AuditorError

UNITS = {"%": "%", "pp": "percentage points"}
# Words that read as acronyms or symbols, not as lower-case English.
WORDS = {
    "id": "ID", "apr": "APR", "dpd": "DPD", "fpd": "FPD", "lpr": "LPR", "irr": "IRR",
    "hcstc": "HCSTC", "abs": "ABS", "sha256": "SHA-256", "m1p": "M1+", "m2p": "M2+",
    "m3p": "M3+", "m4p": "M4+", "mob": "MOB", "pct": "%", "dq": "DQ", "cn": "CN", "us": "US",
    "uk": "UK", "sms": "SMS", "ltv": "LTV", "no": "no.", "px": "px", "min": "min",
}  # fmt: skip


class LabelError(AuditorError):
    title = "Check file"


@dataclass(frozen=True)
class CheckLabels:
    amount: str = ""
    units: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        """The label of result column ``name``: declared, else its name made readable."""
        return self.columns.get(name) or readable(name)

    def unit(self, param: str) -> str:
        """ "%" or "pp" for a parameter shown in percent or points; "" for one shown as is."""
        return self.units.get(param, "")


def readable(name: str) -> str:
    """``refund_due`` -> "Refund due"; ``loan_id`` -> "Loan ID"; ``m1p_balance`` -> "M1+
    balance". A name with capitals or spaces is left as it is (someone chose it)."""
    if not name or name != name.lower() or " " in name:
        return name
    words = [w for w in re.split(r"_+", name) if w]
    if not words:
        return name
    out = [WORDS.get(w, w) for w in words]
    first = out[0]
    if first == words[0]:
        out[0] = first[:1].upper() + first[1:]
    return " ".join(out)


def to_display(value: Any, unit: str) -> str:
    """A fraction as text in ``unit`` (x100 for % and pp), exactly: 0.00125 -> "0.125"."""
    if value is None:
        return ""
    if not unit or isinstance(value, bool):
        return str(value)
    try:
        shown = Decimal(str(value)) * 100
    except ArithmeticError:
        return str(value)
    return format(shown.normalize(), "f")


def from_display(text: str, unit: str) -> str:
    """Text typed in ``unit`` back to the fraction the SQL binds (as text, for overrides)."""
    if not unit:
        return text
    try:
        value = Decimal(text.strip().rstrip("%").strip()) / 100
    except ArithmeticError:
        return text  # left for the parameter's own check to refuse, naming it
    return format(value.normalize(), "f")


def parse_labels(raw: Any, params: set[str], origin: str) -> CheckLabels:
    """The ``[labels]`` table of a header; refuses unknown keys, units and parameters."""
    if raw is None:
        return CheckLabels()
    if not isinstance(raw, dict):
        raise LabelError(f"{origin}: [labels] must be a table")
    unknown = sorted(set(raw) - {"amount", "units", "columns"})
    if unknown:
        raise LabelError(f"{origin}: [labels] knows amount, units and columns, not {unknown}")
    units = raw.get("units", {})
    columns = raw.get("columns", {})
    if not isinstance(units, dict) or not isinstance(columns, dict):
        raise LabelError(f"{origin}: [labels] units and columns must be tables")
    for name, unit in units.items():
        if name not in params:
            raise LabelError(f"{origin}: [labels] units names {name!r}, not a parameter")
        if unit not in UNITS:
            raise LabelError(f"{origin}: [labels] unit of {name} must be one of {list(UNITS)}")
    if not all(isinstance(v, str) for v in (raw.get("amount", ""), *columns.values())):
        raise LabelError(f"{origin}: [labels] amount and column labels must be text")
    return CheckLabels(str(raw.get("amount", "")), dict(units), dict(columns))
