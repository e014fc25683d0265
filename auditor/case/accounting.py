"""The record accounting of each imported source, as the case keeps it.

An import reconciles the file's own record count (counted independently of the parser) with
what became of every record: title lines above the header, the header, blank lines, comment
lines, rows excluded by the profile's row filter, rows loaded and rows rejected. These tables
keep that reconciliation, the skipped lines themselves, what each source column became (mapped,
with its unit decision, or kept unmapped beside its row) and the import's plausibility warnings.
Cases made before these tables existed get them, empty, when opened: their sources show as "not
recorded".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from auditor import db

ACCOUNTING_DDL = [
    """CREATE TABLE IF NOT EXISTS audit.source_accounting (
      source_id INTEGER NOT NULL,
      records BIGINT NOT NULL,
      preamble BIGINT NOT NULL,
      header BIGINT NOT NULL,
      blank BIGINT NOT NULL,
      comment BIGINT NOT NULL,
      filtered BIGINT NOT NULL,
      loaded BIGINT NOT NULL,
      rejected BIGINT NOT NULL,
      counted_by VARCHAR NOT NULL,
      line_endings VARCHAR,
      notes VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS audit.skipped_rows (
      source_id INTEGER NOT NULL,
      source_row BIGINT,
      kind VARCHAR NOT NULL,
      text VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS audit.source_columns (
      source_id INTEGER NOT NULL,
      position INTEGER NOT NULL,
      source_column VARCHAR NOT NULL,
      target_column VARCHAR,
      kept_in VARCHAR,
      unit VARCHAR,
      unit_evidence VARCHAR,
      unit_by VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS audit.import_warnings (
      source_id INTEGER NOT NULL,
      column_name VARCHAR,
      warning VARCHAR NOT NULL
    )""",
]

SKIPPED_EXAMPLES = 1000  # skipped rows of one kind kept with their text (the count is exact)


# The accounting line's words, per language (English as it always read).
DESCRIBE_TEXT = {
    "en": {
        "line": "{n} {noun} {sign} {shown}",
        "part": "{n} {what}",
        "record": "record",
        "records": "records",
        "title": "title",
        "header": "header",
        "blank": "blank",
        "comment": "comment",
        "filtered": "filtered out",
        "loaded": "loaded",
        "rejected": "rejected",
        "nothing": "nothing",
    },
    "zh": {
        "line": "共 {n} {noun} {sign} {shown}",
        "part": "{what} {n}",
        "record": "条记录",
        "records": "条记录",
        "title": "标题行",
        "header": "表头行",
        "blank": "空行",
        "comment": "注释行",
        "filtered": "按条件筛除",
        "loaded": "导入",
        "rejected": "剔除",
        "nothing": "无",
    },
}


@dataclass(frozen=True)
class Accounting:
    """What became of every record of a source; the parts add up to ``records``."""

    records: int
    preamble: int = 0
    header: int = 0
    blank: int = 0
    comment: int = 0
    filtered: int = 0
    loaded: int = 0
    rejected: int = 0
    counted_by: str = ""  # how ``records`` was counted, independently of the parser
    line_endings: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def parts(self) -> int:
        return (
            self.preamble
            + self.header
            + self.blank
            + self.comment
            + self.filtered
            + self.loaded
            + self.rejected
        )

    @property
    def balanced(self) -> bool:
        return self.parts == self.records

    def describe(self, lang: str = "en") -> str:
        """``12 records = 2 title + 1 header + 1 blank + 7 loaded + 1 rejected`` (English), or
        the same in Chinese (``共 12 条记录 = 标题 2 + …``)."""
        words = DESCRIBE_TEXT.get(lang, DESCRIBE_TEXT["en"])
        named = [
            (self.preamble, "title"),
            (self.header, "header"),
            (self.blank, "blank"),
            (self.comment, "comment"),
            (self.filtered, "filtered"),
            (self.loaded, "loaded"),
            (self.rejected, "rejected"),
        ]
        shown = " + ".join(
            words["part"].format(n=f"{n:,}", what=words[what]) for n, what in named if n
        )
        sign = "=" if self.balanced else "≠"
        noun = words["record" if self.records == 1 else "records"]
        return words["line"].format(
            n=f"{self.records:,}", noun=noun, sign=sign, shown=shown or words["nothing"]
        )


def ensure_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for ddl in ACCOUNTING_DDL:
        conn.execute(ddl)


def recorded(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether the case has the accounting tables (a case from before them, opened read-only,
    does not: its sources then read as "not recorded")."""
    return bool(
        db.count(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' "
            "AND table_name = 'source_accounting'",
        )
    )


def accounting_of(conn: duckdb.DuckDBPyConnection, source_id: int) -> Accounting | None:
    if not recorded(conn):
        return None
    rows = conn.execute(
        "SELECT records, preamble, header, blank, comment, filtered, loaded, rejected, "
        "counted_by, line_endings, notes FROM audit.source_accounting WHERE source_id = $s",
        {"s": source_id},
    ).fetchall()
    if not rows:
        return None
    records, pre, header, blank, comment, filtered, loaded, rejected, by, endings, notes = rows[0]
    return Accounting(
        records=int(records),
        preamble=int(pre),
        header=int(header),
        blank=int(blank),
        comment=int(comment),
        filtered=int(filtered),
        loaded=int(loaded),
        rejected=int(rejected),
        counted_by=by,
        line_endings=endings,
        notes=tuple(n for n in (notes or "").split("\n") if n),
    )


def source_details(conn: duckdb.DuckDBPyConnection, source_id: int) -> dict[str, Any]:
    """The accounting, skipped lines, column decisions and warnings of one source."""
    acct = accounting_of(conn, source_id)
    if not recorded(conn):
        return {"accounting": None, "skipped": [], "columns": [], "warnings": []}
    skipped = conn.execute(
        "SELECT source_row, kind, text FROM audit.skipped_rows WHERE source_id = $s "
        "ORDER BY source_row NULLS LAST, kind",
        {"s": source_id},
    ).fetchall()
    columns = conn.execute(
        "SELECT position, source_column, target_column, kept_in, unit, unit_evidence, unit_by "
        "FROM audit.source_columns WHERE source_id = $s ORDER BY position",
        {"s": source_id},
    ).fetchall()
    warnings = conn.execute(
        "SELECT column_name, warning FROM audit.import_warnings WHERE source_id = $s",
        {"s": source_id},
    ).fetchall()
    return {
        "accounting": {**asdict(acct), "summary": acct.describe()} if acct else None,
        "skipped": [{"row": r, "kind": k, "text": t} for r, k, t in skipped],
        "columns": [
            {
                "position": p,
                "source": s,
                "target": t,
                "kept_in": k,
                "unit": u,
                "unit_evidence": e,
                "unit_by": b,
            }
            for p, s, t, k, u, e, b in columns
        ],
        "warnings": [{"column": c, "warning": w} for c, w in warnings],
    }
