"""DuckDB SQL to Spark SQL, at run time, with sqlglot and the rules that keep the meaning.

The check library and the base layer are written once, in DuckDB SQL. sqlglot reads that SQL
(DuckDB dialect) and writes Spark SQL; where the two engines give the same words different
meanings, a rule below rewrites the tree first so that Spark computes what DuckDB computes:

- ``a / b`` is floating-point division in DuckDB whatever the operand types (DECIMAL too),
  IEEE at zero (inf, NaN); Spark keeps decimals decimal (rounded to 6 places) and fails on a zero
  divisor. Both operands become DOUBLE, and a zero divisor gives DuckDB's value. ``avg`` too is
  a DOUBLE in DuckDB, a decimal of decimals in Spark.
- ``date_diff(unit, a, b)`` counts unit *boundaries* crossed in DuckDB; Spark's counts whole
  units elapsed. Days become ``datediff`` of the dates, months and years the difference of the
  calendar fields, finer units the difference of the truncated times.
- ``to_minutes(n)``, ``to_days(n)``... are DuckDB interval constructors; Spark builds them with
  ``make_dt_interval`` / ``make_ym_interval``. DATE plus an interval is a TIMESTAMP in DuckDB,
  so the date is cast first (Spark would keep a DATE for months).
- ``range`` (end excluded) and ``generate_series`` (end included) become ``sequence`` (always
  included, and an error rather than empty when the bounds are reversed), filtered and guarded;
  as a table in FROM they become a ``LATERAL VIEW explode``.
- ``time_bucket(width, ts)`` becomes arithmetic on microseconds from DuckDB's origin
  (2000-01-03, a Monday), ``len`` of a list ``size``, ``list_position`` (NULL when absent) a
  ``NULLIF(array_position, 0)``, ``list[i]`` (1-based, NULL out of range) ``try_element_at``,
  and ``list(x ORDER BY y)`` a sorted ``collect_list`` of (key, value) pairs.

The same pass is the sandbox on Spark: one read-only query, whose every table is one the run
registered (the case's tables, the base layer, results), no table function but the series
ones, and none of Spark's functions that reach outside SQL (``reflect``, ``java_method``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from auditor.errors import AuditorError

# Spark functions that call into the JVM or the file system: never in a check.
FORBIDDEN_FUNCTIONS = frozenset(
    {"reflect", "java_method", "try_reflect", "read_files", "input_file_name", "sql_keywords"}
)
# DuckDB's time_bucket origin for widths in days or less: 2000-01-03 00:00:00, in microseconds.
BUCKET_ORIGIN_US = 946_857_600_000_000
MICROS = {
    "MICROSECOND": 1,
    "MILLISECOND": 1_000,
    "SECOND": 1_000_000,
    "MINUTE": 60_000_000,
    "HOUR": 3_600_000_000,
    "DAY": 86_400_000_000,
}
DT_INTERVALS = {"to_days": 0, "to_hours": 1, "to_minutes": 2, "to_seconds": 3}  # make_dt_interval
YM_INTERVALS = {"to_years": 0, "to_months": 1}  # make_ym_interval


Rewrite = Callable[[exp.Expr], exp.Expr]


class TranspileError(AuditorError):
    title = "Spark SQL"


def _fn(name: str, *args: exp.Expr) -> exp.Anonymous:
    """A Spark function by name, written as is (its arguments are still translated)."""
    return exp.Anonymous(this=name, expressions=list(args))


def _int(value: int) -> exp.Expr:
    return exp.Literal.number(value)


def _cast(e: exp.Expr, to: str) -> exp.Cast:
    return exp.Cast(this=e, to=exp.DataType.build(to, dialect="spark"))


def _paren(e: exp.Expr) -> exp.Paren:
    return exp.Paren(this=e)


def _lambda(var: str, body: exp.Expr) -> exp.Lambda:
    return exp.Lambda(this=body, expressions=[exp.to_identifier(var)])


def _col(name: str) -> exp.Column:
    return exp.column(name)


class _Rules:
    """One translation: the rules need the list-typed parameters and a fresh-name counter."""

    def __init__(self, list_params: Iterable[str]) -> None:
        self.list_params = frozenset(list_params)
        self.counter = 0

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"__{stem}{self.counter}"

    # --- lists ---------------------------------------------------------------------------

    def is_list(self, e: exp.Expr) -> bool:
        if isinstance(e, exp.Placeholder):
            return str(e.name) in self.list_params
        if isinstance(e, exp.Anonymous):
            return str(e.name).lower() in {"sequence", "filter", "array", "transform"}
        if isinstance(e, exp.If):
            return self.is_list(e.args["true"])
        return isinstance(e, exp.ArrayFilter | exp.Array | exp.GenerateSeries | exp.ArrayAgg)

    def series(self, g: exp.GenerateSeries) -> exp.Expr:
        """``range``/``generate_series`` as a Spark array: never reversed, end as DuckDB's."""
        start, end = g.args["start"], g.args["end"]
        step = g.args.get("step")
        if isinstance(step, exp.Neg) or (
            isinstance(step, exp.Literal) and not step.is_string and float(step.this) <= 0
        ):
            raise TranspileError("a range with a step that is not positive does not translate")
        args = [start.copy(), end.copy()] + ([step.copy()] if step is not None else [])
        seq = _fn("SEQUENCE", *args)
        if g.args.get("is_end_exclusive"):
            # sequence() includes the end; only its last item can equal it. Not a filter with
            # a lambda: Spark refuses a subquery (as in a bound) inside a lambda's function.
            seq = _fn("ARRAY_REMOVE", seq, end.copy())
            guard: exp.Expr = exp.LT(this=start.copy(), expression=end.copy())
            empty: exp.Expr = exp.GTE(this=start.copy(), expression=end.copy())
        else:
            guard = exp.LTE(this=start.copy(), expression=end.copy())
            empty = exp.GT(this=start.copy(), expression=end.copy())
        # Empty when reversed; NULL when a bound is NULL (neither condition holds), as DuckDB.
        return exp.Case(ifs=[exp.If(this=guard, true=seq), exp.If(this=empty, true=_fn("ARRAY"))])

    def ordered_list(self, agg: exp.ArrayAgg) -> exp.Expr:
        """``list(x ORDER BY k1, k2 DESC)``: collect (k1, k2, x) structs, sort them with a
        comparator that honours each key's direction and NULLS LAST, keep x."""
        order = agg.this
        assert isinstance(order, exp.Order)
        value = order.this
        keys = order.expressions
        fields: list[exp.Expr] = []
        for i, k in enumerate(keys):
            fields += [exp.Literal.string(f"k{i}"), k.this.copy()]
        fields += [exp.Literal.string("v"), value.copy()]
        collected = _fn("COLLECT_LIST", _fn("NAMED_STRUCT", *fields))
        left, right = self.fresh("a"), self.fresh("b")
        cmp: exp.Expr = _int(0)
        for i in reversed(range(len(keys))):
            k = keys[i]
            lk = exp.Dot(this=exp.column(left), expression=exp.to_identifier(f"k{i}"))
            rk = exp.Dot(this=exp.column(right), expression=exp.to_identifier(f"k{i}"))
            desc = bool(k.args.get("desc"))
            nulls_first = bool(k.args.get("nulls_first"))
            lo, hi = (_int(1), _int(-1)) if desc else (_int(-1), _int(1))
            null_side = _int(-1) if nulls_first else _int(1)
            cmp = exp.Case(
                ifs=[
                    exp.If(
                        this=exp.And(
                            this=exp.Is(this=lk, expression=exp.Null()),
                            expression=exp.Is(this=rk.copy(), expression=exp.Null()),
                        ),
                        true=cmp,
                    ),
                    exp.If(this=exp.Is(this=lk.copy(), expression=exp.Null()), true=null_side),
                    exp.If(
                        this=exp.Is(this=rk.copy(), expression=exp.Null()),
                        true=exp.Neg(this=null_side.copy()),
                    ),
                    exp.If(this=exp.LT(this=lk.copy(), expression=rk.copy()), true=lo),
                    exp.If(this=exp.GT(this=lk.copy(), expression=rk.copy()), true=hi),
                ],
                default=cmp.copy() if i < len(keys) - 1 else _int(0),
            )
        comparator = exp.Lambda(
            this=cmp, expressions=[exp.to_identifier(left), exp.to_identifier(right)]
        )
        var = self.fresh("s")
        return _fn(
            "TRANSFORM",
            _fn("ARRAY_SORT", collected, comparator),
            _lambda(var, exp.Dot(this=exp.column(var), expression=exp.to_identifier("v"))),
        )

    @staticmethod
    def divide(node: exp.Div) -> exp.Expr:
        """DuckDB's ``/``: DOUBLE division, IEEE at zero (inf, -inf, NaN), where Spark keeps
        decimals decimal and fails on a zero divisor (ANSI)."""
        num = _cast(node.this.copy(), "DOUBLE")
        den = node.expression
        if isinstance(den, exp.Nullif) or (
            isinstance(den, exp.Literal) and not den.is_string and float(den.this) != 0
        ):
            return exp.Div(this=num, expression=_cast(den.copy(), "DOUBLE"))
        den_d = _cast(den.copy(), "DOUBLE")
        at_zero = exp.Mul(
            this=num.copy(), expression=_cast(exp.Literal.string("Infinity"), "DOUBLE")
        )
        return exp.If(
            this=exp.EQ(this=den_d.copy(), expression=_int(0)),
            true=at_zero,
            false=_fn("TRY_DIVIDE", num, den_d),
        )

    # --- time ----------------------------------------------------------------------------

    def interval(self, e: exp.Expr) -> exp.Expr | None:
        """A DuckDB interval constructor as Spark's, or None when ``e`` is not one."""
        if isinstance(e, exp.ToDays):
            return _fn("MAKE_DT_INTERVAL", _cast(e.this.copy(), "INT"))
        if isinstance(e, exp.Anonymous):
            name = str(e.name).lower()
            if name in DT_INTERVALS:
                parts: list[exp.Expr] = [_int(0)] * 4
                arg = e.expressions[0].copy()
                parts[DT_INTERVALS[name]] = (
                    _cast(arg, "DECIMAL(18,6)") if name == "to_seconds" else _cast(arg, "INT")
                )
                return _fn("MAKE_DT_INTERVAL", *parts)
            if name in YM_INTERVALS:
                ym: list[exp.Expr] = [_int(0), _int(0)]
                ym[YM_INTERVALS[name]] = _cast(e.expressions[0].copy(), "INT")
                return _fn("MAKE_YM_INTERVAL", *ym)
        return None

    @staticmethod
    def is_interval(e: exp.Expr) -> bool:
        if isinstance(e, exp.Interval):
            return True
        return isinstance(e, exp.Anonymous) and str(e.name).upper() in (
            "MAKE_DT_INTERVAL",
            "MAKE_YM_INTERVAL",
        )

    @staticmethod
    def width_us(e: exp.Expr) -> exp.Expr:
        """A time_bucket width in microseconds (fixed-length widths only). The width was
        already translated: MAKE_DT_INTERVAL(days, hours, minutes, seconds) or a literal."""
        if isinstance(e, exp.Anonymous) and str(e.name).upper() == "MAKE_DT_INTERVAL":
            total: exp.Expr | None = None
            for arg, unit in zip(e.expressions, ("DAY", "HOUR", "MINUTE", "SECOND"), strict=True):
                if isinstance(arg, exp.Literal) and arg.this == "0":
                    continue
                part = exp.Mul(this=_cast(arg.copy(), "BIGINT"), expression=_int(MICROS[unit]))
                total = part if total is None else exp.Add(this=total, expression=part)
            if total is not None:
                return total
        if isinstance(e, exp.Interval):
            unit = str(e.unit.name if e.unit is not None else "").upper().rstrip("S")
            if unit in MICROS:
                return exp.Mul(this=_cast(e.this.copy(), "BIGINT"), expression=_int(MICROS[unit]))
        raise TranspileError(
            f"time_bucket by {e.sql('spark')} does not translate: use a width in days or less"
        )

    def time_bucket(self, b: exp.DateBin) -> exp.Expr:
        if b.args.get("origin") is not None or b.args.get("unit") is not None:
            raise TranspileError("time_bucket with an origin does not translate")
        width = self.width_us(b.this)
        micros = _fn("UNIX_MICROS", _cast(b.expression.copy(), "TIMESTAMP_LTZ"))
        shifted = exp.Sub(this=micros.copy(), expression=_int(BUCKET_ORIGIN_US))
        start = exp.Sub(this=micros, expression=_fn("PMOD", shifted, _paren(width)))
        return _cast(_fn("TIMESTAMP_MICROS", start), "TIMESTAMP_NTZ")

    @staticmethod
    def date_diff(d: exp.DateDiff) -> exp.Expr:
        """DuckDB's date_diff: unit boundaries crossed from ``start`` to ``end``."""
        end, start = d.this.copy(), d.expression.copy()
        unit = str(d.unit.name if d.unit is not None else "DAY").upper().strip("'")
        if not d.args.get("date_part_boundary"):  # DuckDB's date_sub: whole units elapsed
            return _fn("TIMESTAMPDIFF", exp.var(unit.rstrip("S")), start, end)
        if unit in ("DAY", "DAYS", "D"):
            return _fn("DATEDIFF", _cast(end, "DATE"), _cast(start, "DATE"))
        if unit in ("MONTH", "MONTHS", "MON", "QUARTER", "QUARTERS", "YEAR", "YEARS", "Y"):
            years = exp.Sub(this=_fn("YEAR", end), expression=_fn("YEAR", start))
            if unit.startswith("Y"):
                return _paren(years)
            months = exp.Add(
                this=exp.Mul(this=_paren(years), expression=_int(12)),
                expression=exp.Sub(
                    this=_fn("MONTH", end.copy()), expression=_fn("MONTH", start.copy())
                ),
            )
            if unit.startswith("M"):
                return _paren(months)
            quarters = exp.Sub(
                this=exp.Mul(this=_paren(years.copy()), expression=_int(4)),
                expression=_int(0),
            )
            return _paren(
                exp.Add(
                    this=quarters,
                    expression=exp.Sub(
                        this=_fn("QUARTER", end.copy()), expression=_fn("QUARTER", start.copy())
                    ),
                )
            )
        if unit.rstrip("S") in ("HOUR", "MINUTE", "SECOND", "WEEK"):
            u = unit.rstrip("S")
            trunc_end = _fn("DATE_TRUNC", exp.Literal.string(u), _cast(end, "TIMESTAMP_NTZ"))
            trunc_start = _fn("DATE_TRUNC", exp.Literal.string(u), _cast(start, "TIMESTAMP_NTZ"))
            return _fn("TIMESTAMPDIFF", exp.var(u), trunc_start, trunc_end)
        raise TranspileError(f"date_diff by {unit.lower()} does not translate")

    # --- the pass ------------------------------------------------------------------------

    def rewrite(self, node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Div):
            return self.divide(node)
        if isinstance(node, exp.WindowSpec):
            for bound in ("start", "end"):
                value = node.args.get(bound)
                if isinstance(value, exp.Interval):
                    node.set(bound, _day_to_second(value))
            return node
        if isinstance(node, exp.Cast) and node.to.is_type(exp.DataType.Type.TIME):
            return _fn(
                "DATE_FORMAT",
                _cast(node.this.copy(), "TIMESTAMP_NTZ"),
                exp.Literal.string("HH:mm:ss.SSSSSS"),
            )
        if isinstance(node, exp.Avg) and not (
            isinstance(node.this, exp.Cast) and node.this.to.is_type(exp.DataType.Type.DOUBLE)
        ):
            # DuckDB's avg is a DOUBLE (of decimals too); Spark's avg of decimals a decimal.
            return exp.Avg(this=_cast(node.this.copy(), "DOUBLE"))
        if isinstance(node, exp.DateDiff):
            return self.date_diff(node)
        if isinstance(node, exp.DateBin):
            return self.time_bucket(node)
        made = self.interval(node)
        if made is not None:
            return made
        if isinstance(node, exp.Add | exp.Sub):
            left, right = node.this, node.expression
            if self.is_interval(right) and not self.is_interval(left):
                return node.__class__(
                    this=_cast(left.copy(), "TIMESTAMP_NTZ"), expression=right.copy()
                )
            if isinstance(node, exp.Add) and self.is_interval(left) and not self.is_interval(right):
                return exp.Add(this=left.copy(), expression=_cast(right.copy(), "TIMESTAMP_NTZ"))
        if isinstance(node, exp.Length) and self.is_list(node.this):
            return _fn("SIZE", node.this.copy())
        if isinstance(node, exp.Anonymous) and str(node.name).lower() == "list_position":
            return exp.Nullif(
                this=_fn("ARRAY_POSITION", *[a.copy() for a in node.expressions]),
                expression=_int(0),
            )
        if (
            isinstance(node, exp.Bracket)
            and len(node.expressions) == 1
            and not (isinstance(node.expressions[0], exp.Literal) and node.expressions[0].is_string)
        ):
            return _fn("TRY_ELEMENT_AT", node.this.copy(), _one_based(node.expressions[0]))

        if isinstance(node, exp.ArrayAgg) and isinstance(node.this, exp.Order):
            return self.ordered_list(node)
        if isinstance(node, exp.GenerateSeries) and not isinstance(node.parent, exp.Table):
            return self.series(node)
        return node


def _day_to_second(interval: exp.Interval) -> exp.Interval:
    """A window frame bound as a DAY TO SECOND literal: Spark wants both bounds of one type
    (DuckDB's ``28 DAY PRECEDING AND 1 MICROSECOND PRECEDING`` mixes two)."""
    unit = str(interval.unit.name if interval.unit is not None else "").upper().rstrip("S")
    if unit not in MICROS or not isinstance(interval.this, exp.Literal):
        return interval
    total = int(float(interval.this.this) * MICROS[unit])
    days, rest = divmod(total, MICROS["DAY"])
    hours, rest = divmod(rest, MICROS["HOUR"])
    minutes, rest = divmod(rest, MICROS["MINUTE"])
    seconds, micros = divmod(rest, MICROS["SECOND"])
    text = f"{days} {hours:02d}:{minutes:02d}:{seconds:02d}.{micros:06d}"
    return exp.Interval(
        this=exp.Literal.string(text),
        unit=exp.IntervalSpan(this=exp.var("DAY"), expression=exp.var("SECOND")),
    )


def _one_based(index: exp.Expr) -> exp.Expr:
    """sqlglot stores a literal list index 0-based (DuckDB's ``[1]`` as 0, ``[-1]`` as -2);
    any other index is kept as written, 1-based. TRY_ELEMENT_AT counts from 1, as DuckDB, but
    fails on 0 where DuckDB gives NULL: a 0 becomes NULL."""
    if isinstance(index, exp.Literal) and not index.is_string:
        value = int(index.this) + 1
        return _int(value) if value else exp.Null()
    if isinstance(index, exp.Neg) and isinstance(index.this, exp.Literal):
        value = int(index.this.this) - 1
        return exp.Neg(this=_int(value)) if value else exp.Null()
    return exp.Nullif(this=index.copy(), expression=_int(0))


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


def _lateral_series(select: exp.Select, rules: _Rules) -> None:
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
    _rename_tables(tree, views, origin)
    rules = _Rules(list_params)
    for select in list(tree.find_all(exp.Select)):
        _lateral_series(select, rules)
    if isinstance(list_params, Mapping):
        _spread_lists(tree, list_params)
    tree = _bottom_up(tree, rules.rewrite)
    try:
        return tree.sql(dialect="spark", unsupported_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.UnsupportedError as e:
        raise TranspileError(f"{origin}: does not translate to Spark SQL: {e}") from e
