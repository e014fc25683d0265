"""The common table expressions a check reads more than once, computed once on Spark.

DuckDB materialises a CTE that a query reads more than once; Spark inlines every deterministic
CTE at each place it is read, so a check that reads its monthly aggregate four times (DLQ-02)
computes it four times, each with its own shuffles. ``split_shared`` takes such CTEs out of the
check's SQL as queries of their own (still DuckDB SQL, so they are transpiled and validated as
the rest); the runner computes each once, caches it under a view name, and the remaining query
reads the view where it read the CTE. The meaning is unchanged: a CTE is the same relation
wherever it is read (the check library's CTEs are deterministic; a CTE that is not, or that is
recursive, or whose name is defined again inside the query, is left in place).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from auditor.engine.spark.inline import is_volatile
from auditor.engine.spark.transpile import parse_duckdb


@dataclass(frozen=True)
class SharedPart:
    name: str  # the CTE's name, lower case, as the remaining query reads it
    sql: str  # DuckDB SQL computing it (the earlier CTEs it needs included)


def split_shared(sql: str, origin: str) -> tuple[list[SharedPart], str]:
    """The CTEs of ``sql``'s top-level WITH read more than once, each as a query of its own,
    and the query left (reading them by name). Nothing to split: ``([], sql)``."""
    tree = parse_duckdb(sql, origin)
    with_ = tree.args.get("with_")
    if not isinstance(with_, exp.With) or with_.args.get("recursive"):
        return [], sql
    ctes = list(with_.expressions)
    names = [str(c.alias_or_name).lower() for c in ctes]
    if len(set(names)) != len(names):
        return [], sql
    reads = _reads(tree, set(names))
    parts: list[SharedPart] = []
    kept: list[exp.CTE] = []
    for cte, name in zip(ctes, names, strict=True):
        if reads.get(name, 0) >= 2 and _shareable(cte, name):
            body = cte.this.sql(dialect="duckdb")
            if kept:
                earlier = ", ".join(k.sql(dialect="duckdb") for k in kept)
                body = f"WITH {earlier} SELECT * FROM ({body}) AS __shared"
            parts.append(SharedPart(name, body))
        else:
            kept.append(cte)
    if not parts:
        return [], sql
    shared = {p.name for p in parts}
    rest = tree.copy()
    rest_with = rest.args["with_"]
    rest_with.set(
        "expressions",
        [c for c in rest_with.expressions if str(c.alias_or_name).lower() not in shared],
    )
    if not rest_with.expressions:
        rest.set("with_", None)
    return parts, rest.sql(dialect="duckdb")


def _reads(tree: exp.Expr, names: set[str]) -> dict[str, int]:
    """How many times each CTE name is read as a table anywhere in the query."""
    counts: dict[str, int] = {}
    for table in tree.find_all(exp.Table):
        name = str(table.name).lower()
        if not table.db and name in names:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _shareable(cte: exp.CTE, name: str) -> bool:
    """A plain SELECT without column aliases, volatile functions or a nested CTE of the same
    name (which would make the count of reads ambiguous)."""
    alias = cte.args.get("alias")
    if isinstance(alias, exp.TableAlias) and alias.columns:
        return False
    if cte.args.get("materialized") is False:  # AS NOT MATERIALIZED: the author asked to inline
        return False
    body = cte.this
    if not isinstance(body, exp.Query):
        return False
    for node in body.walk():
        if isinstance(node, exp.CTE) and str(node.alias_or_name).lower() == name:
            return False
    return not is_volatile(body)
