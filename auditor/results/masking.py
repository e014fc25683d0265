"""Masking personal data in what leaves the case: the report and result exports.

Borrower and loan identifiers, names in name-like columns, and personal data found in any text
(resident ID numbers, mobile numbers, bank cards, e-mail addresses: ``pii``) become tokens such
as ``BR-1f3a…``: an HMAC-SHA256 of the value under a secret kept in the case (``audit.meta``),
so the same borrower has the same token on every sheet and in every later report of the case,
and nobody without the case can recompute or reverse one. Each token issued is kept in
``audit.mask_tokens`` so the case maps it back (``auditor unmask``), and each unmasking is
written to the audit log.

Masking touches text only: numbers, amounts, dates and every count or finding computed in
DuckDB are left as they are. Distinct values stay distinct (64-bit tokens), so a masked and an
unmasked report agree on every number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from auditor import db
from auditor.case import auditlog
from auditor.results.pii import find_personal_data, is_card_number, is_mobile, is_resident_id

# Columns holding identifiers of borrowers and loans, whatever table or query they come from.
IDENTIFIER_COLUMNS = {
    "borrower_id": "BR",
    "customer_id": "BR",
    "user_id": "BR",
    "客户号": "BR",
    "用户id": "BR",
    "loan_id": "LN",
    "借据号": "LN",
    "id_number": "ID",
    "id_card": "ID",
    "身份证号": "ID",
    "phone": "PH",
    "mobile": "PH",
    "手机号": "PH",
    "card_number": "CD",
    "银行卡号": "CD",
    "email": "EM",
}
_NAME_COLUMN = re.compile(
    r"^(?:(?:borrower|customer|client|contact|holder|account|payer|payee|first|last|given|"
    r"family|full)_?)?name$|^surname$|^(?:客户|借款人|持卡人|联系人)?姓名$|^联系人$|^户名$|^持卡人$",
    re.IGNORECASE,
)
KIND_PREFIX = {"email": "EM", "id_number": "ID", "card": "CD", "phone": "PH", "name": "NM"}
TOKEN = re.compile(r"\b(?:BR|LN|ID|PH|CD|EM|NM)-[0-9a-f]{16}\b")
TOKENS_DDL = """CREATE TABLE IF NOT EXISTS audit.mask_tokens (
  token VARCHAR NOT NULL, kind VARCHAR NOT NULL, value VARCHAR NOT NULL)"""
_CACHE_LIMIT = 200_000
_KEEP_EVERY = 50_000
_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER")

Cell = Callable[[Any], Any]


def column_kind(column: str) -> str | None:
    """The token prefix for a column holding personal identifiers or names, else None."""
    name = column.strip().lower()
    if name.endswith("_ids"):  # a list of them (``list(loan_id)`` AS loan_ids)
        name = name[:-1]
    if name in IDENTIFIER_COLUMNS:
        return IDENTIFIER_COLUMNS[name]
    if name.endswith("_borrower_id"):
        return "BR"
    if name.endswith("_loan_id"):
        return "LN"
    if _NAME_COLUMN.match(column.strip()):
        return "NM"
    return None


class Masker:
    """Turns values into tokens under one case's secret; remembers the tokens it issued until
    they are kept."""

    def __init__(self, secret: bytes, keep: Callable[[Masker], object] | None = None) -> None:
        self._secret = secret
        # Called with the masker when many tokens are pending, to keep them in the case and
        # clear them, so memory stays bounded on a result of millions of rows.
        self.keep = keep
        # Tokens issued and not yet kept in the case (``save_tokens`` keeps and clears them).
        self.pending: dict[str, tuple[str, str]] = {}
        self._text_cache: dict[str, str] = {}

    def token(self, prefix: str, value: Any) -> str:
        text = str(value)
        digest = hmac.new(self._secret, f"{prefix}\x00{text}".encode(), hashlib.sha256)
        token = f"{prefix}-{digest.hexdigest()[:16]}"
        if token not in self.pending:
            self.pending[token] = (prefix, text)
            if self.keep is not None and len(self.pending) >= _KEEP_EVERY:
                self.keep(self)
        return token

    def text(self, value: str) -> str:
        """Free text with every piece of personal data found in it replaced by its token."""
        got = self._text_cache.get(value)
        if got is not None:
            return got
        spans = find_personal_data(value)
        out = value
        for span in reversed(spans):
            out = (
                out[: span.start] + self.token(KIND_PREFIX[span.kind], span.text) + out[span.end :]
            )
        if len(self._text_cache) < _CACHE_LIMIT:
            self._text_cache[value] = out
        return out

    def _identifier(self, prefix: str, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, list | tuple):
            return [self._identifier(prefix, v) for v in value]
        return self.token(prefix, value)

    def _number(self, value: Any) -> Any:
        """A whole number that is a phone, card or ID number (an export typed it as a number)."""
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) < 10**9:
            return value
        s = str(value)
        if is_resident_id(s):
            return self.token("ID", s)
        if is_card_number(s):
            return self.token("CD", s)
        if is_mobile(s):
            return self.token("PH", s)
        return value

    def any(self, value: Any) -> Any:
        """Any value: text searched for personal data, big whole numbers checked, lists item
        by item, everything else as it is."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return [self.any(v) for v in value]
        if isinstance(value, dict):
            return {k: self.any(v) for k, v in value.items()}
        return self._number(value)

    def cell_rule(self, column: str, duck_type: str = "VARCHAR") -> Cell | None:
        """How to mask values of ``column``; None when they pass untouched (amounts, dates)."""
        prefix = column_kind(column)
        if prefix is not None:
            return lambda v: self._identifier(prefix, v)
        t = duck_type.upper()
        if t.startswith("VARCHAR") or t.endswith("[]") or t.startswith(("STRUCT", "MAP", "JSON")):
            return lambda v: None if v is None else self.any(v)
        if t in _INTEGER_TYPES:
            return lambda v: None if v is None else self._number(v)
        return None

    def row_masker(
        self, columns: Sequence[str], types: Sequence[str]
    ) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
        """A function masking rows of a result with these columns. A result that reports
        changed values (``column_name``, ``old_value``, ``new_value``) masks the two values by
        the rule of the column they came from."""
        rules = [self.cell_rule(c, t) for c, t in zip(columns, types, strict=True)]
        names = list(columns)
        paired = (
            (
                names.index("column_name"),
                [i for i, c in enumerate(names) if c in ("old_value", "new_value")],
            )
            if "column_name" in names
            else None
        )
        # Identifier columns, and the text columns their values may be written into (a
        # "ref" of loan#installment): the row's own identifiers are masked there too.
        idents = [(i, p) for i, c in enumerate(names) if (p := column_kind(c)) in ("BR", "LN")]
        texts = [
            i
            for i, (c, t) in enumerate(zip(names, types, strict=True))
            if column_kind(c) is None and t.upper().startswith("VARCHAR")
        ]

        def mask(row: Sequence[Any]) -> tuple[Any, ...]:
            out = [v if r is None or v is None else r(v) for v, r in zip(row, rules, strict=True)]
            if paired is not None:
                which = row[paired[0]]
                prefix = column_kind(str(which)) if which is not None else None
                if prefix is not None:
                    for i in paired[1]:
                        if row[i] is not None:
                            out[i] = self.token(prefix, row[i])
            for i, prefix in idents:
                value = row[i]
                if value is None or value == "":
                    continue
                ident = str(value)
                for j in texts:
                    cell = out[j]
                    if isinstance(cell, str) and ident in cell:
                        out[j] = re.sub(
                            rf"(?<![0-9A-Za-z]){re.escape(ident)}(?![0-9A-Za-z])",
                            self.token(prefix, ident),
                            cell,
                        )
            return tuple(out)

        return mask


def case_secret(conn: duckdb.DuckDBPyConnection) -> bytes:
    """The case's masking secret, made (and the making logged) the first time it is needed."""
    got = db.one(conn, "SELECT value FROM audit.meta WHERE key = 'mask_secret'")
    if got is not None:
        return bytes.fromhex(str(got[0]))
    secret = secrets.token_bytes(32)
    conn.execute("INSERT INTO audit.meta VALUES ('mask_secret', $v)", {"v": secret.hex()})
    auditlog.append(conn, "mask_secret_created", {"note": "secret kept in audit.meta"})
    return secret


def case_masker(conn: duckdb.DuckDBPyConnection) -> Masker:
    """The case's masker. Tokens are kept in the case as they accumulate, through a cursor of
    its own (the connection itself may be streaming a result meanwhile); call ``save_tokens``
    at the end for the rest."""
    cursor: list[duckdb.DuckDBPyConnection] = []

    def keep(masker: Masker) -> None:
        if not cursor:
            cursor.append(conn.cursor())
        save_tokens(cursor[0], masker)

    return Masker(case_secret(conn), keep)


def save_tokens(conn: duckdb.DuckDBPyConnection, masker: Masker) -> int:
    """Keep the tokens issued since the last call (those the case has not kept yet); returns how
    many were new. Call it between results, never while a result is being read."""
    conn.execute(TOKENS_DDL)
    if not masker.pending:
        return 0
    tokens = list(masker.pending)
    before = db.count(conn, "SELECT count(*) FROM audit.mask_tokens")
    conn.execute(
        "INSERT INTO audit.mask_tokens SELECT t, k, v FROM (SELECT unnest($t) AS t, "
        "unnest($k) AS k, unnest($v) AS v) WHERE t NOT IN (SELECT token FROM audit.mask_tokens)",
        {
            "t": tokens,
            "k": [masker.pending[t][0] for t in tokens],
            "v": [masker.pending[t][1] for t in tokens],
        },
    )
    masker.pending.clear()
    return db.count(conn, "SELECT count(*) FROM audit.mask_tokens") - before


def unmask(conn: duckdb.DuckDBPyConnection, tokens: Sequence[str]) -> dict[str, str | None]:
    """What each token stands for (None when this case never issued it); logged."""
    out: dict[str, str | None] = {t: None for t in tokens}
    exists = db.count(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' "
        "AND table_name = 'mask_tokens'",
    )
    if exists and tokens:
        for token, value in conn.execute(
            "SELECT token, any_value(value) FROM audit.mask_tokens WHERE token IN "
            "(SELECT unnest($t)) GROUP BY token",
            {"t": list(tokens)},
        ).fetchall():
            out[token] = value
    auditlog.append(
        conn,
        "unmask",
        {"tokens": list(tokens), "found": sum(1 for v in out.values() if v is not None)},
    )
    return out


def _table_has(conn: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return bool(
        db.count(
            conn,
            "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' "
            "AND table_name = $t AND column_name = $c",
            {"t": table, "c": column},
        )
    )


def mask_notes(conn: duckdb.DuckDBPyConnection, masker: Masker, text: str) -> str:
    """Free text written by people (cover notes, titles): personal data found in it, and any
    word that is a loan or borrower identifier of the case, become tokens. A note filing a
    disposition under a row's key names the loan and borrower in plain text."""
    out = _known_names(conn, masker, masker.text(text))
    words = sorted(set(re.findall(r"[^\s|,;:()\[\]{}'\"]+", out)))
    if not words:
        return out
    known: dict[str, str] = {}
    for column, prefix in (("loan_id", "LN"), ("borrower_id", "BR")):
        if not _table_has(conn, "loans", column):
            continue
        for (value,) in conn.execute(
            f"SELECT DISTINCT {column} FROM loans WHERE {column} IN (SELECT unnest($w))",
            {"w": words},
        ).fetchall():
            known.setdefault(str(value), prefix)
    if not known:
        return out
    pattern = re.compile(
        r"(?<![^\s|,;:()\[\]{}'\"])("
        + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
        + r")(?![^\s|,;:()\[\]{}'\"])"
    )
    return pattern.sub(lambda m: masker.token(known[m.group(1)], m.group(1)), out)


def _known_names(conn: duckdb.DuckDBPyConnection, masker: Masker, text: str) -> str:
    """Names the case holds in name-like columns, wherever they appear in ``text`` (Chinese
    text has no spaces between words, so names are found as substrings, two characters or
    more)."""
    columns = [
        (t, c)
        for t, c in conn.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' "
            "AND database_name = current_database() AND data_type = 'VARCHAR'"
        ).fetchall()
        if column_kind(str(c)) == "NM"
    ]
    found: set[str] = set()
    for table, column in columns:
        rows = conn.execute(
            f"SELECT DISTINCT {db.q(column)} FROM {db.q(table)} WHERE length({db.q(column)}) >= 2 "
            f"AND contains($text, {db.q(column)})",
            {"text": text},
        ).fetchall()
        found |= {str(r[0]) for r in rows}
    for name in sorted(found, key=len, reverse=True):
        text = text.replace(name, masker.token("NM", name))
    return text


def statement(masked: bool) -> str:
    """What the cover says about personal data, either way."""
    if masked:
        return (
            "Masked: borrower and loan identifiers, names, resident ID numbers, mobile numbers, "
            "bank card numbers and e-mail addresses appear as keyed tokens (BR-, LN-, NM-, ID-, "
            "PH-, CD-, EM-), the same in every report of this case; the case maps a token back "
            "(auditor unmask). Counts, amounts and findings are unchanged."
        )
    return (
        "NOT masked: the examiner switched masking off; this report shows borrowers' personal "
        "data as exported. Handle it as personal data."
    )
