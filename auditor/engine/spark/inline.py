"""Common table expressions written out where they are read, before the SQL goes to Spark.

Spark looks for cached data (the base layer, a check's shared CTEs) in the query's plan before
it inlines CTEs, and does not look inside a CTE's definition: a check reading
``base.month_end`` through ``WITH live AS (SELECT … FROM base.month_end)`` recomputed the whole
base layer from the Parquet files (at 10 M installments, DLQ-02 shuffled 3.4 GiB for an
aggregate of a few hundred rows). Spark inlines a deterministic CTE at every read anyway, so
writing each as a derived table at the place it is read changes nothing but that: the cache is
found. A WITH that is recursive, or holds a volatile function (whose reads must agree), is left
as written; ``shared`` has already taken out the CTEs read more than once.
"""

from __future__ import annotations

from sqlglot import exp

# Functions whose value differs between two evaluations.
VOLATILE = frozenset({"random", "rand", "uuid", "gen_random_uuid", "now", "current_timestamp"})


def is_volatile(node: exp.Expr) -> bool:
    for sub in node.walk():
        if isinstance(sub, exp.Func):
            name = sub.name if isinstance(sub, exp.Anonymous) else sub.sql_name()
            if name.lower() in VOLATILE:
                return True
    return False


def inline_ctes(tree: exp.Expr) -> exp.Expr:
    """``tree`` with every eligible WITH written out as derived tables (innermost first)."""
    for with_ in reversed(list(tree.find_all(exp.With))):
        query, key = with_.parent, with_.arg_key
        if query is None or key is None or with_.args.get("recursive") or is_volatile(with_):
            continue
        ctes = list(with_.expressions)
        query.set(key, None)
        for i, cte in enumerate(ctes):
            name = str(cte.alias_or_name).lower()
            alias = cte.args.get("alias")
            columns = list(alias.columns) if isinstance(alias, exp.TableAlias) else []
            for scope in [c.this for c in ctes[i + 1 :]] + [query]:
                for table in list(scope.find_all(exp.Table)):
                    if table.db or str(table.name).lower() != name:
                        continue
                    as_name = table.alias or str(table.name)
                    table.replace(
                        exp.Subquery(
                            this=cte.this.copy(),
                            alias=exp.TableAlias(
                                this=exp.to_identifier(as_name),
                                columns=[c.copy() for c in columns],
                            ),
                        )
                    )
    return tree
