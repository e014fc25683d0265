"""Comparing result rows across engines: exact for counts, dates, text and decimals, within
1e-9 for floating-point numbers; rows compared after sorting, as neither engine promises the
order of rows its ORDER BY leaves tied."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

FLOAT_TOLERANCE = 1e-9


def family(type_name: str) -> str:
    """What kind of value a column holds, from its DuckDB type name."""
    t = type_name.upper()
    if t.endswith("[]") or t.startswith(("ARRAY", "LIST")):
        return "list"
    if t.startswith("DECIMAL"):
        return "decimal"
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER"):
        return "integer"
    if t in ("DOUBLE", "FLOAT", "REAL"):
        return "float"
    if t.startswith("TIMESTAMP"):
        return "timestamp"
    if t in ("VARCHAR", "STRING"):
        return "text"
    return t.lower()


def same(x: Any, y: Any) -> bool:
    if x is None or y is None:
        return x is None and y is None
    if isinstance(x, bool) or isinstance(y, bool):
        return type(x) is type(y) and x == y
    if isinstance(x, float) or isinstance(y, float):
        if not isinstance(x, int | float | Decimal) or not isinstance(y, int | float | Decimal):
            return False
        fx, fy = float(x), float(y)
        if math.isnan(fx) or math.isnan(fy):
            return math.isnan(fx) and math.isnan(fy)
        if math.isinf(fx) or math.isinf(fy):
            return fx == fy
        return math.isclose(fx, fy, rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    if isinstance(x, list) or isinstance(y, list):
        return (
            isinstance(x, list)
            and isinstance(y, list)
            and len(x) == len(y)
            and all(same(a, b) for a, b in zip(x, y, strict=True))
        )
    if isinstance(x, int | Decimal) and isinstance(y, int | Decimal):
        return Decimal(x) == Decimal(y)
    if isinstance(x, dt.datetime) != isinstance(y, dt.datetime):
        return False  # a date is not a timestamp, even at midnight
    return type(x) is type(y) and x == y


def sort_key(row: tuple[Any, ...]) -> list[tuple[int, Any]]:
    """Orders rows the same way on both engines: floats rounded well above the tolerance."""
    key: list[tuple[int, Any]] = []
    for v in row:
        if v is None:
            key.append((0, 0))
        elif isinstance(v, bool):
            key.append((1, int(v)))
        elif isinstance(v, float):
            key.append((2, 1e308 if math.isnan(v) else round(v, 6)))
        elif isinstance(v, int | Decimal):
            key.append((2, float(v)))
        elif isinstance(v, dt.datetime | dt.date):
            key.append((3, v.isoformat()))
        else:
            key.append((4, str(v)))
    return key


def row_differences(
    columns: list[str], left: list[tuple[Any, ...]], right: list[tuple[Any, ...]]
) -> list[str]:
    """Human-readable differences between two row sets (empty when they agree)."""
    if len(left) != len(right):
        return [f"{len(left)} rows against {len(right)}"]
    out = []
    for a, b in zip(sorted(left, key=sort_key), sorted(right, key=sort_key), strict=True):
        diffs = [
            f"{c}: {p!r} != {q!r}" for c, p, q in zip(columns, a, b, strict=True) if not same(p, q)
        ]
        if diffs:
            out.append("; ".join(diffs))
    return out
