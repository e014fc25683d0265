"""Finding personal data in text: Chinese resident ID numbers, mobile numbers, bank card
numbers and e-mail addresses, each as a span of the text with its kind.

- Resident ID (GB 11643-1999): 17 digits and a check character (a digit or X) computed by
  ISO 7064 MOD 11-2, with a real date of birth in digits 7-14. The old 15-digit numbers carry
  no checksum and are not detected.
- Mobile numbers: Google's libphonenumber metadata (the ``phonenumbers`` package), read as
  Chinese numbers unless they carry a country code; only numbers whose type is mobile (or
  mobile-or-fixed) count, so dates and amounts written as digits are left alone.
- Bank card numbers: 13 to 19 digits (spaces or dashes between groups allowed) passing the Luhn
  check.
- E-mail addresses: local part, @, a domain with a dot.

Spans from all detectors are found on the original text and overlaps resolved in that order of
priority, so a replacement is never searched again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberMatcher, PhoneNumberType

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_PHONE_HINT = re.compile(r"\d[\d ()\-]{5,}\d")
_MOBILE = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def is_resident_id(text: str) -> bool:
    """A valid 18-character Chinese resident ID number (checksum and birth date)."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(text[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != text[17].upper():
        return False
    try:
        born = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date(2100, 1, 1)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_card_number(text: str) -> bool:
    digits = re.sub(r"[ -]", "", text)
    return digits.isdigit() and 13 <= len(digits) <= 19 and luhn_ok(digits)


def is_mobile(text: str, region: str = "CN") -> bool:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in _MOBILE


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "email", "id_number", "card", "phone"
    text: str


def find_personal_data(text: str, region: str = "CN") -> list[Span]:
    """Spans of personal data in ``text``, left to right, not overlapping."""
    found: list[Span] = []
    for m in _EMAIL.finditer(text):
        found.append(Span(m.start(), m.end(), "email", m.group()))
    if any(ch.isdigit() for ch in text):
        for m in _ID.finditer(text):
            if is_resident_id(m.group()):
                found.append(Span(m.start(), m.end(), "id_number", m.group()))
        for m in _CARD.finditer(text):
            if is_card_number(m.group()):
                found.append(Span(m.start(), m.end(), "card", m.group()))
        if _PHONE_HINT.search(text):
            for pm in PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
                if phonenumbers.number_type(pm.number) in _MOBILE:
                    found.append(Span(pm.start, pm.end, "phone", pm.raw_string))
    kept: list[Span] = []
    for span in found:  # in priority order: a later detector never cuts into an earlier one
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
