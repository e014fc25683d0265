"""Typed check parameters: declaration, coercion and validation.

Values arrive as TOML values (a check's default, a jurisdiction profile) or as text (the command
line, a form field). Each is coerced to the Python type DuckDB binds natively, so a check's SQL
never needs a cast on its own parameters; a bad value is refused with the parameter's name.

Numbers are checked against a range as well as a type: NaN and infinities are refused, and a
number must lie in ``[min, max]`` as the parameter declares them. Every quantity a check takes
(days, minutes, amounts, rates, multiples, counts) is non-negative, so ``min`` defaults to 0;
``max`` defaults to a bound far beyond any sensible value (a typo like ``1e999`` is refused
instead of overflowing inside DuckDB).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from auditor.errors import AuditorError

ParamType = Literal["date", "int", "decimal", "text", "bool", "choice", "list"]
PARAM_TYPES: tuple[str, ...] = ("date", "int", "decimal", "text", "bool", "choice", "list")
AUTO = "auto"  # a date default resolved by the runner (as-of: the latest activity in the data)
INT_MAX = 1_000_000_000
DECIMAL_MAX = Decimal(10) ** 15


class ParamError(AuditorError):
    title = "Parameter"


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: ParamType
    default: Any
    label: str
    help: str = ""
    choices: tuple[str, ...] = ()
    item_type: str = "int"  # for lists: the type of each item
    min: Any = None  # numbers (and list items): None means 0
    max: Any = None  # None means INT_MAX or DECIMAL_MAX

    def coerce(self, value: Any) -> Any:
        """The value as the type DuckDB binds; raises ParamError naming the parameter."""
        try:
            out = _coerce(self, value)
        except (ValueError, TypeError, InvalidOperation, OverflowError, RecursionError) as e:
            why = "not a number" if isinstance(e, InvalidOperation) else str(e)
            raise ParamError(
                f"parameter {self.name}: {value!r} is not a valid {self.type} ({why})"
            ) from e
        for item in out if isinstance(out, list) else [out]:
            self._check_range(item, value)
        return out

    def bounds(self) -> tuple[Decimal, Decimal]:
        kind = self.item_type if self.type == "list" else self.type
        top = Decimal(INT_MAX) if kind == "int" else DECIMAL_MAX
        low = Decimal(str(self.min)) if self.min is not None else Decimal(0)
        high = Decimal(str(self.max)) if self.max is not None else top
        return low, high

    def _check_range(self, item: Any, given: Any) -> None:
        if isinstance(item, bool) or not isinstance(item, int | Decimal):
            return
        if isinstance(item, Decimal) and not item.is_finite():
            raise ParamError(f"parameter {self.name}: {given!r} is not a finite number")
        low, high = self.bounds()
        if not low <= Decimal(item) <= high:
            raise ParamError(
                f"parameter {self.name}: {given!r} is out of range (allowed {low} to {high})"
            )


def _coerce(spec: ParamSpec, v: Any) -> Any:
    t = spec.type
    if v is None:
        return None
    if t == "date":
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        return dt.date.fromisoformat(str(v).strip())
    if t == "int":
        if isinstance(v, bool):
            raise TypeError("a yes/no value is not a number")
        if isinstance(v, float) and not v.is_integer():
            raise ValueError("not a whole number")
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError("not a finite number")
        return int(str(v).strip()) if isinstance(v, str) else int(v)
    if t == "decimal":
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError("not a finite number")
        return Decimal(str(v).strip())
    if t == "bool":
        if isinstance(v, bool):
            return v
        s = str(v).strip().lower()
        if s in ("true", "yes", "1", "on"):
            return True
        if s in ("false", "no", "0", "off"):
            return False
        raise ValueError("expected true or false")
    if t == "choice":
        s = str(v)
        if s not in spec.choices:
            raise ValueError("choose one of " + ", ".join(spec.choices))
        return s
    if t == "list":
        items = v
        if isinstance(v, str):
            s = v.strip()
            items = json.loads(s) if s.startswith("[") else [x for x in s.split(",") if x.strip()]
        if not isinstance(items, list):
            raise ValueError("expected a list")
        item = ParamSpec(spec.name, spec.item_type, None, spec.label)  # type: ignore[arg-type]
        return [_coerce(item, x) for x in items]
    return str(v)


@dataclass(frozen=True)
class ParamValue:
    """A resolved value and where it came from: override, profile or default."""

    value: Any
    source: Literal["override", "profile", "default", "case"]
    basis: str = ""


@dataclass(frozen=True)
class ResolvedParams:
    values: dict[str, ParamValue] = field(default_factory=dict)

    def bind(self) -> dict[str, Any]:
        return {k: v.value for k, v in self.values.items()}

    def describe(self) -> dict[str, Any]:
        return {
            k: {
                "value": _jsonable(v.value),
                "source": v.source,
                **({"basis": v.basis} if v.basis else {}),
            }
            for k, v in self.values.items()
        }


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    return v


def parse_param_spec(name: str, raw: dict[str, Any], origin: str) -> ParamSpec:
    known = {"type", "default", "label", "help", "choices", "item_type", "min", "max"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ParamError(f"{origin}: parameter {name}: unknown keys {unknown}")
    t = raw.get("type")
    if t not in PARAM_TYPES:
        raise ParamError(
            f"{origin}: parameter {name}: type must be one of {', '.join(PARAM_TYPES)}"
        )
    if name.startswith("_"):
        raise ParamError(f"{origin}: parameter {name}: names starting with _ are reserved")
    if "default" not in raw or "label" not in raw:
        raise ParamError(f"{origin}: parameter {name} needs a default and a label")
    spec = ParamSpec(
        name,
        t,
        raw["default"],
        str(raw["label"]),
        str(raw.get("help", "")),
        tuple(raw.get("choices", ())),
        str(raw.get("item_type", "int")),
        raw.get("min"),
        raw.get("max"),
    )
    for bound in ("min", "max"):
        value = raw.get(bound)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ParamError(f"{origin}: parameter {name}: {bound} must be a number")
    if t == "choice" and not spec.choices:
        raise ParamError(f"{origin}: parameter {name}: a choice needs choices")
    if not (t == "date" and raw["default"] == AUTO):
        try:
            spec.coerce(raw["default"])  # a default that does not fit its own type is a bug
        except ParamError as e:
            raise ParamError(f"{origin}: default of {e}") from e
    return spec
