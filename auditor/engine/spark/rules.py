"""The rules that make Spark compute what DuckDB computes where the two read the same words
differently; ``transpile.to_spark`` applies them to the sqlglot tree, children first.

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
  as a table in FROM they become a ``LATERAL VIEW explode`` (``transpile``).
- ``time_bucket(width, ts)`` becomes arithmetic on microseconds from DuckDB's origin
  (2000-01-03, a Monday), ``len`` of a list ``size``, ``list_position`` (NULL when absent) a
  ``NULLIF(array_position, 0)``, ``list[i]`` (1-based, NULL out of range) ``try_element_at``,
  and ``list(x ORDER BY y)`` a sorted ``collect_list`` of (key, value) pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlglot import exp

from auditor.errors import AuditorError

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


class Rules:
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
