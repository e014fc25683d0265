"""Where a run's result rows are read from, whichever engine ran the checks.

A check run names its result table (``results.<ID>``). With DuckDB that is a table of the case;
with Spark it is a cached table on the cluster. The report, the chart data and the CSV export
read results only through this small interface, so they do not care which engine ran:

- ``columns(table)``: column names with their DuckDB type names (for number formats);
- ``fetch(sql, params)``: a small DuckDB-SQL query over result tables (chart figures);
- ``batches(table, limit, size, first=column)``: the rows in order, in bounded batches, at most
  ``limit``; with ``first``, the rows where that boolean column is true come first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

import duckdb

from auditor.db import q, table_ref

Row = tuple[Any, ...]


class ResultSource(Protocol):
    def columns(self, table: str) -> list[tuple[str, str]]: ...

    def fetch(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]: ...

    def batches(
        self, table: str, limit: int | None = None, size: int = 5_000, first: str | None = None
    ) -> Iterator[list[Row]]: ...


class DuckDBResults:
    """Results kept in the case's ``results`` schema."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn

    def columns(self, table: str) -> list[tuple[str, str]]:
        return [
            (str(d[0]), str(d[1]))
            for d in self.conn.execute(f"DESCRIBE {table_ref(table)}").fetchall()
        ]

    def fetch(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        if params is None:
            return self.conn.execute(sql).fetchall()
        return self.conn.execute(sql, dict(params)).fetchall()

    def batches(
        self, table: str, limit: int | None = None, size: int = 5_000, first: str | None = None
    ) -> Iterator[list[Row]]:
        cap = f" LIMIT {int(limit)}" if limit is not None else ""
        order = f" ORDER BY COALESCE({q(first)}, FALSE) DESC, rowid" if first else ""
        result = self.conn.execute(f"SELECT * FROM {table_ref(table)}{order}{cap}")
        finished = False
        try:
            while rows := result.fetchmany(size):
                yield rows
            finished = True
        finally:
            if not finished:
                self.conn.abort()  # DuckDB 2 takes no new statement while a result is half read


def as_source(source: ResultSource | duckdb.DuckDBPyConnection) -> ResultSource:
    """A connection stands for the results of its own case."""
    if isinstance(source, duckdb.DuckDBPyConnection):
        return DuckDBResults(source)
    return source
