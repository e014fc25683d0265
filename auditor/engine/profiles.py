"""Jurisdiction profiles (``resources/profiles/*.toml``): parameter values with their basis.

Parameters resolve as: an explicit override, else the profile's value, else the check's own
default; each result records which of the three it used and, for a profile value, its basis.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from auditor.errors import AuditorError
from auditor.resources import resource

DEFAULT_PROFILE = "CN"
MARKS = ("C", "P", "U")


class ProfileError(AuditorError):
    title = "Jurisdiction profile"


@dataclass(frozen=True)
class ProfileValue:
    value: Any
    basis: str
    mark: str
    basis_zh: str = ""  # the basis in Chinese, for the Chinese report


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    timezone: str
    currency: str
    params: dict[str, ProfileValue]


def available_profiles() -> list[str]:
    folder = resource("profiles")
    return sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml"))


def load_profile(name: str | None = None) -> Profile:
    name = name or DEFAULT_PROFILE
    if name not in available_profiles():
        raise ProfileError(f"unknown profile {name!r}; profiles: {', '.join(available_profiles())}")
    origin = f"resources/profiles/{name}.toml"
    with resource(f"profiles/{name}.toml").open("rb") as fh:
        doc = tomllib.load(fh)
    params: dict[str, ProfileValue] = {}
    for pname, raw in doc.get("params", {}).items():
        keys = set(raw) - {"basis_zh"}
        if keys != {"value", "basis", "mark"} or raw["mark"] not in MARKS:
            raise ProfileError(
                f"{origin}: parameter {pname} needs exactly value, basis (basis_zh beside it) "
                f"and a mark in {MARKS}"
            )
        params[pname] = ProfileValue(
            raw["value"], raw["basis"], raw["mark"], str(raw.get("basis_zh", ""))
        )
    return Profile(doc["name"], doc["title"], doc["timezone"], doc["currency"], params)


@cache
def _chinese_bases() -> dict[str, str]:
    out = {}
    for name in available_profiles():
        for v in load_profile(name).params.values():
            if v.basis_zh:
                out[f"{v.basis} [{v.mark}]"] = f"{v.basis_zh} [{v.mark}]"
    return out


def chinese_basis(basis: str) -> str:
    """The Chinese of a parameter's basis as a run records it (``basis [mark]``, from a
    shipped profile); the text as it is when no profile gives it in Chinese."""
    return _chinese_bases().get(basis, basis)
