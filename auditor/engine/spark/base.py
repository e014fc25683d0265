"""The base layer on Spark, from the same SQL the case's base layer is built with.

Installment status, loan snapshot and month ends (``auditor.engine.base``), failure-reason
categories, the outage linkage (``auditor.engine.outage``), the optional tables and APR are
built by transpiling that DuckDB SQL, run with the same bound parameters, and cached on the
cluster as temporary views (``base__<name>``) that the checks' SQL is pointed at. Each is built
once per setting it depends on, as on a case.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from auditor.engine.apr import APR_SELECT, flows_sql
from auditor.engine.base import (
    MONTH_END_SQL,
    NEEDS,
    base_available,
    clearing_source,
    installment_status_sql,
    loan_snapshot_sql,
)
from auditor.engine.checks import sql_parameters
from auditor.engine.optional import optional_sql
from auditor.engine.outage import ATTEMPTS_SQL, INSTALLMENTS_SQL
from auditor.engine.reasons import reason_rows
from auditor.engine.spark.apr import apr_frame
from auditor.engine.spark.tables import SparkTables
from auditor.engine.spark.transpile import list_item, to_spark

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

# failure_reason_map, when imported, extends and overrides the shipped categories (as on a case).
REASONS_SQL = """
WITH m AS (
  SELECT DISTINCT lower(trim(CAST(reason AS VARCHAR))) AS reason,
         lower(trim(CAST(category AS VARCHAR))) AS category
  FROM failure_reason_map
  WHERE lower(trim(CAST(category AS VARCHAR))) IN ('technical', 'borrower'))
SELECT reason, category, 'failure_reason_map' AS origin FROM m
UNION ALL
SELECT r.reason, r.category, r.origin FROM base.shipped_reasons r
WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.reason = r.reason)
"""


def base_view(name: str) -> str:
    return f"base__{name}"


class SparkBase:
    """Builds and keeps the base views of one run."""

    def __init__(self, tables: SparkTables, partitions: int) -> None:
        self.tables = tables
        self.spark = tables.spark
        self.partitions = partitions
        self.built: dict[str, str] = {}  # base table -> the settings it was built for
        self.frames: dict[str, DataFrame] = {}

    # --- SQL -----------------------------------------------------------------------------

    def views(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """DuckDB names the SQL may read -> Spark views (``extra``: a check's shared CTEs)."""
        out = dict(self.tables.views)
        out.update({f"base.{name}": base_view(name) for name in self.frames})
        out.update(extra or {})
        return out

    def sql(
        self,
        duckdb_sql: str,
        params: Mapping[str, Any],
        origin: str,
        *,
        create_as: bool = False,
        extra: Mapping[str, str] | None = None,
    ) -> DataFrame:
        """Run DuckDB SQL on Spark: transpiled, with the parameters it uses bound."""
        used = sql_parameters(duckdb_sql)
        lists = {k: len(v) for k, v in params.items() if isinstance(v, list) and k in used}
        text = to_spark(
            duckdb_sql, self.views(extra), list_params=lists, origin=origin, create_as=create_as
        )
        args = {k: v for k, v in params.items() if k in used and k not in lists}
        for name in lists:
            args.update({list_item(name, i): item for i, item in enumerate(params[name])})
        return self.spark.sql(text, args=args) if args else self.spark.sql(text)

    def keep(self, name: str, frame: DataFrame, state: str) -> None:
        """Cache ``frame`` as ``base__<name>``, computed now (replacing an older build)."""
        old = self.frames.get(name)
        if old is not None:
            old.unpersist()
        frame = frame.persist()
        frame.createOrReplaceTempView(base_view(name))
        frame.count()
        self.frames[name] = frame
        self.built[name] = state

    # --- the layer -----------------------------------------------------------------------

    def available(self) -> bool:
        return base_available(self.tables.columns)

    def ensure_base(self, as_of: dt.date, tol: Decimal) -> None:
        if not self.available():
            missing = [
                f"{t}.{c}"
                for t, cols in NEEDS.items()
                for c in cols
                if c not in self.tables.columns(t)
            ]
            raise LookupError("the base layer needs " + ", ".join(missing))
        state = json.dumps([as_of.isoformat(), str(tol)])
        if self.built.get("month_end") == state:
            return
        cols = self.tables.columns
        params = {"as_of": as_of, "tol": tol}
        self.keep(
            "installment_status",
            self.sql(installment_status_sql(cols, clearing_source(cols)), params, "base layer"),
            state,
        )
        self.keep("loan_snapshot", self.sql(loan_snapshot_sql(cols), params, "base layer"), state)
        self.keep("month_end", self.sql(MONTH_END_SQL, params, "base layer"), state)
        for dependent in ("outage_attempts", "outage_installments"):
            self.built.pop(dependent, None)

    def ensure_failure_reasons(self) -> None:
        if "failure_reasons" in self.built:
            return
        shipped = self.spark.createDataFrame(
            [(r, c, "resources") for r, c in reason_rows()],
            "reason string, category string, origin string",
        )
        self.keep("shipped_reasons", shipped, "")
        if {"reason", "category"} <= self.tables.columns("failure_reason_map"):
            frame = self.sql(REASONS_SQL, {}, "failure reasons")
        else:
            frame = self.frames["shipped_reasons"]
        self.keep("failure_reasons", frame, "")

    def ensure_outage(self, buffer_min: int, remedy_days: int) -> None:
        state = json.dumps([buffer_min, remedy_days, self.built.get("month_end")])
        if self.built.get("outage_installments") == state:
            return
        self.ensure_failure_reasons()
        self.keep(
            "outage_attempts",
            self.sql(ATTEMPTS_SQL, {"buffer": buffer_min}, "outage linkage", create_as=True),
            state,
        )
        self.keep(
            "outage_installments",
            self.sql(INSTALLMENTS_SQL, {"remedy": remedy_days}, "outage linkage", create_as=True),
            state,
        )

    def ensure_apr(self) -> None:
        if "apr" in self.built:
            return
        flows = self.sql(
            _unordered(flows_sql(bool(self.tables.columns("charges")))), {}, "APR cash flows"
        )
        self.spark_view("__apr", apr_frame(flows, self.partitions))
        self.keep("apr", self.sql(APR_SELECT, {}, "APR"), "")

    def spark_view(self, name: str, frame: DataFrame) -> None:
        """A helper view the base SQL reads (such as ``__apr``)."""
        frame.createOrReplaceTempView(name)
        self.tables.views[name] = name

    def ensure_optional(self, names: list[str]) -> dict[str, bool]:
        present = {}
        for name in names:
            have = self.tables.columns(name)
            if name not in self.built:
                self.keep(name, self.sql(optional_sql(name, have), {}, f"optional {name}"), "")
            present[name] = bool(have)
        return present

    def ensure_notices(self) -> bool:
        """``base.notices`` as on a case (``auditor.engine.notices``): True when notices count
        from their delivery times, False when the export has none (counted from sent_at)."""
        have = self.tables.columns("notices")
        delivered = "delivered_at" in have and bool(
            self.tables.count_values("notices", ["delivered_at"])[1]
        )
        if "notices" not in self.built:
            counted = "delivered_at" if delivered else "sent_at"
            sql = f"SELECT *, {counted} AS counted_at FROM notices"
            self.keep("notices", self.sql(sql, {}, "notices"), "")
        return delivered

    def close(self) -> None:
        for name, frame in self.frames.items():
            frame.unpersist()
            self.spark.catalog.dropTempView(base_view(name))
        self.frames.clear()
        self.built.clear()


def _unordered(sql: str) -> str:
    """The flows query without its final ORDER BY: Spark sorts within each loan's partition."""
    head, sep, _tail = sql.rpartition("ORDER BY")
    return head if sep else sql
