"""Command-line values checked where they are typed: dates, counts, sizes, check ids and output
paths. A wrong value is a wrong command line (exit 2) with a one-line message, caught before any
work starts; never a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from auditor.case.store import Limits
from auditor.errors import UsageError


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from e


def count_arg(minimum: int) -> type[int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from e
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is below {minimum}")
        return value

    parse.__name__ = "number"
    return parse  # type: ignore[return-value]


def check_ids(items: list[str] | None) -> list[str] | None:
    """``--check A B --check C,D``: every id, in order, once."""
    if not items:
        return None
    out: list[str] = []
    for item in items:
        out += [i.strip() for i in item.split(",") if i.strip() and i.strip() not in out]
    return out


def limits_of(args: argparse.Namespace) -> Limits:
    default = Limits.default()
    return Limits(
        getattr(args, "memory_limit", None) or default.memory,
        getattr(args, "temp_limit", None) or default.temp,
    )


def add_limit_options(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--memory-limit",
        dest="memory_limit",
        metavar="SIZE",
        help="memory the queries may use, e.g. 2GB (default AUDITOR_MEMORY_LIMIT or 4GB)",
    )
    s.add_argument(
        "--temp-limit",
        dest="temp_limit",
        metavar="SIZE",
        help="disk the queries may spill to (default AUDITOR_TEMP_LIMIT or 10GB)",
    )


def output_file(path: Path, what: str) -> Path:
    """A file the command will write: not a folder, in a folder that exists (or can be made)
    and that this user may write to."""
    if path.is_dir():
        raise UsageError(f"{what} {path} is a folder; name a file")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"{what} {path}: cannot create its folder ({e.strerror or e})") from e
    if not os.access(folder, os.W_OK | os.X_OK) or not _writable_place(folder):
        raise UsageError(f"{what} {path}: the folder {folder} cannot be written to")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{what} {path} cannot be overwritten (no permission)")
    return path


def output_folder(path: Path, what: str) -> Path:
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"{what} {path}: cannot create it ({e.strerror or e})") from e
    if not os.access(path, os.W_OK | os.X_OK) or not _writable_place(path):
        raise UsageError(f"{what} {path} cannot be written to")
    return path


def _writable_place(folder: Path) -> bool:
    """Pseudo file systems (/proc, /sys) pass the permission test but take no new files."""
    resolved = folder.resolve()
    return not any(resolved.is_relative_to(p) for p in (Path("/proc"), Path("/sys")))
