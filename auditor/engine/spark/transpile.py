"""DuckDB SQL to Spark SQL, at run time, with sqlglot and the rules that keep the meaning.

The check library and the base layer are written once, in DuckDB SQL. sqlglot reads that SQL
(DuckDB dialect) and writes Spark SQL; where the two engines give the same words different
meanings, a rule (``rules``: division, date_diff, intervals, series, time_bucket, lists) rewrites
the tree first so that Spark computes what DuckDB computes.

The same pass is the sandbox on Spark: one read-only query, whose every table is one the run
registered (the case's tables, the base layer, results), no table function but the series
ones, and none of Spark's functions that reach outside SQL (``reflect``, ``java_method``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from auditor.engine.spark.inline import inline_ctes
from auditor.engine.spark.rules import Rules, TranspileError

__all__ = ["TranspileError", "list_item", "parse_duckdb", "to_spark"]

# Spark functions that call into the JVM or the file system: never in a check.
FORBIDDEN_FUNCTIONS = frozenset(
    {"reflect", "java_method", "try_reflect", "read_files", "input_file_name", "sql_keywords"}
)
Rewrite = Callable[[exp.Expr], exp.Expr]


def _bottom_up(tree: exp.Expr, rewrite: Rewrite) -> exp.Expr:
    """Apply ``rewrite`` to every node, children before their parent, so that a rule sees
    its operands already translated."""
    for node in reversed(list(tree.dfs())):
        new = rewrite(node)
        if new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    return tree


def _lateral_series(select: exp.Select, rules: Rules) -> None:
    """``FROM t, range(a, b) r(k)`` as ``FROM t LATERAL VIEW explode(...) r AS k``; a series
    alone in FROM as a one-column subquery."""
    from_ = select.args.get("from_") or select.args.get("from")
    if (
        from_ is not None
        and isinstance(from_.this, exp.Table)
        and isinstance(from_.this.this, exp.GenerateSeries)
    ):
        table = from_.this
        alias, col = _series_alias(table)
        sub = exp.select(exp.alias_(exp.Explode(this=rules.series(table.this)), col)).subquery(
            alias
        )
        from_.set("this", sub)
    for join in list(select.args.get("joins") or []):
        table = join.this
        if not (isinstance(table, exp.Table) and isinstance(table.this, exp.GenerateSeries)):
            continue
        if join.args.get("on") is not None or join.args.get("kind") or join.args.get("side"):
            raise TranspileError("a series joined with a condition does not translate")
        alias, col = _series_alias(table)
        lateral = exp.Lateral(
            this=exp.Explode(this=rules.series(table.this)),
            view=True,
            alias=exp.TableAlias(this=exp.to_identifier(alias), columns=[exp.to_identifier(col)]),
        )
        join.pop()
        select.append("laterals", lateral)


def _series_alias(table: exp.Table) -> tuple[str, str]:
    alias = table.args.get("alias")
    if not isinstance(alias, exp.TableAlias) or len(alias.columns) != 1:
        raise TranspileError("a range in FROM needs an alias naming its column, as r(k)")
    return alias.name, alias.columns[0].name


def _check_safe(tree: exp.Expr, origin: str) -> None:
    if not isinstance(tree, exp.Query):
        raise TranspileError(f"{origin}: only a read-only SELECT runs on Spark")
    for node in tree.walk():
        if isinstance(node, exp.DDL | exp.DML | exp.Command | exp.Copy | exp.Use | exp.Set):
            raise TranspileError(f"{origin}: only a read-only SELECT runs on Spark")
        if isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if name in FORBIDDEN_FUNCTIONS or name.startswith("read_"):
                raise TranspileError(f"{origin}: the function {name} is not allowed")
        if isinstance(node, exp.Table) and not isinstance(
            node.this, exp.Identifier | exp.GenerateSeries
        ):
            raise TranspileError(
                f"{origin}: the table function {node.this.sql('duckdb')[:60]} is not "
                "allowed; read the case's tables"
            )


def _cte_names(tree: exp.Expr) -> set[str]:
    return {str(c.alias_or_name).lower() for c in tree.find_all(exp.CTE)}


def _rename_tables(tree: exp.Expr, views: Mapping[str, str], origin: str) -> None:
    ctes = _cte_names(tree)
    for table in list(tree.find_all(exp.Table)):
        if not isinstance(table.this, exp.Identifier):
            continue
        name = str(table.name).lower()
        schema = str(table.db).lower()
        if schema in ("", "main") and name in ctes and not table.db:
            continue
        key = name if schema in ("", "main") else f"{schema}.{name}"
        if key not in views:
            raise TranspileError(
                f"{origin}: reads {key}, which is not a table of this run "
                f"(tables: {', '.join(sorted(views))})"
            )
        if views[key] != name and table.args.get("alias") is None:
            # Columns may be qualified by the table's own name (loan_snapshot.loan_id).
            table.set("alias", exp.TableAlias(this=exp.to_identifier(str(table.name))))
        table.set("this", exp.to_identifier(views[key], quoted=True))
        table.set("db", None)
        table.set("catalog", None)


def parse_duckdb(sql: str, origin: str) -> exp.Expr:
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except ParseError as e:
        raise TranspileError(f"{origin}: sqlglot cannot read the SQL: {e}") from e
    if len(statements) != 1:
        raise TranspileError(f"{origin}: holds {len(statements)} statements; one SELECT runs")
    return statements[0]


def list_item(name: str, index: int) -> str:
    """The bound parameter holding item ``index`` of the list parameter ``name``."""
    return f"{name}__{index}"


def _spread_lists(tree: exp.Expr, list_sizes: Mapping[str, int]) -> None:
    """A list parameter as ARRAY(:name__0, :name__1, ...): each item bound on its own (Spark
    refuses an array-valued parameter inside a lambda, as in list_filter)."""
    for ph in list(tree.find_all(exp.Placeholder)):
        size = list_sizes.get(str(ph.name))
        if size is not None:
            ph.replace(
                exp.Array(
                    expressions=[
                        exp.Placeholder(this=list_item(str(ph.name), i)) for i in range(size)
                    ]
                )
            )


def to_spark(
    sql: str,
    views: Mapping[str, str],
    *,
    list_params: Iterable[str] | Mapping[str, int] = (),
    origin: str = "the query",
    create_as: bool = False,
) -> str:
    """Spark SQL meaning what the DuckDB ``sql`` means, reading only ``views`` (DuckDB name,
    lower case, ``schema.table`` outside main -> Spark view). ``list_params`` names the
    list-valued parameters; given with their lengths, each item is bound on its own
    (``list_item``). ``create_as``: the SQL is the app's own CREATE TABLE ... AS SELECT (the
    base layer), of which the query runs. Raises TranspileError."""
    tree = parse_duckdb(sql, origin)
    if create_as and isinstance(tree, exp.Create) and isinstance(tree.expression, exp.Query):
        tree = tree.expression
    _check_safe(tree, origin)
    tree = inline_ctes(tree)  # so that Spark finds the cached tables a CTE reads
    _rename_tables(tree, views, origin)
    rules = Rules(list_params)
    for select in list(tree.find_all(exp.Select)):
        _lateral_series(select, rules)
    if isinstance(list_params, Mapping):
        _spread_lists(tree, list_params)
    tree = _bottom_up(tree, rules.rewrite)
    try:
        return tree.sql(dialect="spark", unsupported_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.UnsupportedError as e:
        raise TranspileError(f"{origin}: does not translate to Spark SQL: {e}") from e
