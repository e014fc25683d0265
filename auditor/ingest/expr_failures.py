"""Rows on which a mapping expression (or the row filter) fails: rejected, not the whole file.

A profile's ``CAST("days" AS INTEGER)`` stops the whole statement at the first ``x``. The import
then converts again with every expression guarded by ``try()`` (a failure gives NULL) and every
source column carried along, and looks for the rows where a guarded expression gave NULL: for
those it runs the expression unguarded, on halves of the set until each failing row stands alone
with DuckDB's own reason. A row where the expression merely yields NULL is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from auditor.db import q
from auditor.ingest.conversion import unmapped_name
from auditor.ingest.target import one_line

MAX_QUERIES = 20_000  # beyond this the remaining suspects are rejected as unchecked


@dataclass(frozen=True)
class Failure:
    rid: int
    key: str  # the profile key: "columns.term_periods" or "where" (or the column at fault)
    message: str
    value: str | None = None


def find_failures(
    conn: duckdb.DuckDBPyConnection,
    stage: str,
    headers: tuple[str, ...],
    checks: list[tuple[str, str, str]],
) -> list[Failure]:
    """``checks``: (profile key, expression, SQL picking the suspect rows of the stage)."""
    cols = ", ".join(f"{q(unmapped_name(i))} AS {q(h)}" for i, h in enumerate(headers))
    budget = [MAX_QUERIES]
    out: list[Failure] = []
    for key, expr, suspects in checks:
        rids = [
            int(r[0])
            for r in conn.execute(
                f"SELECT rowid FROM {stage} WHERE {suspects} ORDER BY 1"
            ).fetchall()
        ]
        if not rids:
            continue

        def fails(part: list[int], expr: str = expr) -> str | None:
            budget[0] -= 1
            try:
                conn.execute(
                    f"SELECT count(CAST(({expr}) AS VARCHAR)) FROM (SELECT {cols} FROM {stage} "
                    "WHERE rowid IN (SELECT unnest($r)))",
                    {"r": part},
                ).fetchall()
            except duckdb.InterruptException:
                raise
            except duckdb.Error as e:
                return one_line(e)
            return None

        stack = [rids]
        while stack:
            part = stack.pop()
            if budget[0] <= 0:
                why = "not checked one by one (too many failing rows): fails or gives nothing here"
                out += [Failure(r, key, why) for r in part]
                continue
            message = fails(part)
            if message is None:
                continue
            if len(part) == 1:
                out.append(Failure(part[0], key, message))
                continue
            mid = len(part) // 2
            stack += [part[mid:], part[:mid]]
    return out
