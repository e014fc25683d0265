"""Typed check parameters: declaration, coercion and validation.

Values arrive as TOML values (a check's default, a jurisdiction profile) or as text (the command
line, a form field). Each is coerced to the Python type DuckDB binds natively, so a check's SQL
never needs a cast on its own parameters; a bad value is refused with the parameter's name.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from auditor.errors import AuditorError

ParamType = Literal["date", "int", "decimal", "text", "bool", "choice", "list"]
PARAM_TYPES: tuple[str, ...] = ("date", "int", "decimal", "text", "bool", "choice", "list")
AUTO = "auto"  # a date default resolved by the runner (as-of: the latest activity in the data)


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

    def coerce(self, value: Any) -> Any:
        """The value as the type DuckDB binds; raises ParamError naming the parameter."""
        try:
            return _coerce(self, value)
        except (ValueError, TypeError, InvalidOperation) as e:
            raise ParamError(
                f"parameter {self.name}: {value!r} is not a valid {self.type} ({e})"
            ) from e


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
        return int(str(v).strip()) if isinstance(v, str) else int(v)
    if t == "decimal":
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
    known = {"type", "default", "label", "help", "choices", "item_type"}
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
    )
    if t == "choice" and not spec.choices:
        raise ParamError(f"{origin}: parameter {name}: a choice needs choices")
    if not (t == "date" and raw["default"] == AUTO):
        try:
            spec.coerce(raw["default"])  # a default that does not fit its own type is a bug
        except ParamError as e:
            raise ParamError(f"{origin}: default of {e}") from e
    return spec
