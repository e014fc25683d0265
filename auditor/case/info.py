"""What a case holds, for ``auditor info``, the desktop table browser and reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from auditor import db
from auditor.case import auditlog
from auditor.case.accounting import source_details
from auditor.case.store import Case
from auditor.db import q


@dataclass(frozen=True)
class ColumnProfile:
    name: str
    type: str
    nulls: int
    distinct: int
    min: str | None
    max: str | None


@dataclass(frozen=True)
class TableInfo:
    name: str
    rows: int
    kind: str  # canonical or extra
    columns: tuple[ColumnProfile, ...]


def profile_table(case: Case, name: str) -> TableInfo:
    cols = case.conn.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' "
        "AND table_name = $t ORDER BY column_index",
        {"t": name},
    ).fetchall()
    parts = ["count(*)"]
    for c, _t in cols:
        v = q(c)
        parts += [
            f"count(*) - count({v})",
            f"count(DISTINCT {v})",
            f"CAST(min({v}) AS VARCHAR)",
            f"CAST(max({v}) AS VARCHAR)",
        ]
    row = db.one(case.conn, f"SELECT {', '.join(parts)} FROM {q(name)}")
    assert row is not None
    profiles = []
    for i, (c, t) in enumerate(cols):
        nulls, distinct, lo, hi = row[1 + 4 * i : 5 + 4 * i]
        profiles.append(ColumnProfile(c, t, int(nulls), int(distinct), lo, hi))
    from auditor.case.schema import TABLES

    return TableInfo(name, int(row[0]), "canonical" if name in TABLES else "extra", tuple(profiles))


def case_summary(case: Case) -> dict[str, Any]:
    """Tables with their profiles, sources with fingerprints, reject counts, log state."""
    tables = [asdict(profile_table(case, t)) for t in case.tables()]
    sources = [
        {
            **asdict(s),
            "imported_at": s.imported_at.isoformat(timespec="seconds"),
            **source_details(case.conn, s.source_id),
        }
        for s in case.sources()
    ]
    rejects = case.conn.execute(
        "SELECT file, reason, count(*) FROM audit.rejects GROUP BY ALL ORDER BY 1, 3 DESC"
    ).fetchall()
    ver = auditlog.verify(case.conn)
    return {
        "case": str(case.path),
        "tables": tables,
        "sources": sources,
        "rejects": [{"file": f, "reason": r, "count": int(n)} for f, r, n in rejects],
        "audit_log": {"entries": ver.count, "head": ver.head, "verified": ver.ok},
    }


def reject_rows(
    case: Case, source_id: int | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    sql = (
        "SELECT source_id, file, source_row, column_name, value, reason FROM audit.rejects"
        + (" WHERE source_id = $s" if source_id is not None else "")
        + " ORDER BY source_id, source_row, column_name"
        + (f" LIMIT {int(limit)}" if limit is not None else "")
    )
    params = {"s": source_id} if source_id is not None else {}
    rows = case.conn.execute(sql, params).fetchall()
    keys = ("source_id", "file", "source_row", "column", "value", "reason")
    return [dict(zip(keys, r, strict=True)) for r in rows]
