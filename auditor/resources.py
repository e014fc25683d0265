"""Access to the data the app ships in ``resources/`` and ``queries/``.

Both folders sit at the top of the repository and are installed as the packages
``auditor_resources`` and ``auditor_queries`` (see pyproject.toml), so the same code finds them in
an editable install and in a plain ``pip install .``.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any


def resource(name: str) -> Traversable:
    return resources.files("auditor_resources").joinpath(name)


def queries_root() -> Traversable:
    return resources.files("auditor_queries")


@cache
def load_toml(name: str) -> dict[str, Any]:
    with resource(name).open("rb") as fh:
        return tomllib.load(fh)
