"""When a notice counts: once delivered (DOMAIN.md), as ``base.notices``.

``base.notices`` is the notices export with one more column, ``counted_at``: the delivery time
when the export fills delivery times at all (a notice it left undelivered then never counts),
else the time it was sent, for an export that records no delivery times, in which case the run
says so. It is a view, so a later import is seen at once.
"""

from __future__ import annotations

import duckdb

from auditor import db
from auditor.engine.base import table_columns

NOTICES_BY_SENT = (
    "the notices export has no delivery times: notices counted when sent (sent_at), not when "
    "delivered"
)


def ensure_notices(conn: duckdb.DuckDBPyConnection) -> bool:
    """Create ``base.notices``; returns True when notices count from their delivery times,
    False when the export has none and they count from ``sent_at``."""
    have = table_columns(conn, "notices")
    delivered = "delivered_at" in have and bool(
        db.count(conn, "SELECT count(delivered_at) FROM notices")
    )
    counted = "delivered_at" if delivered else "sent_at"
    conn.execute("CREATE SCHEMA IF NOT EXISTS base")
    conn.execute(
        "CREATE OR REPLACE VIEW base.notices AS "
        f"SELECT *, {counted} AS counted_at FROM main.notices"
    )
    return delivered
