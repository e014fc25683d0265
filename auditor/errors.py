"""One error hierarchy, each error carrying a message a user can act on.

Where an error concerns a place in a file, it names the file, and the row and column when known,
so the command line and the desktop app can show it as it is.
"""

from __future__ import annotations

from pathlib import Path


class AuditorError(Exception):
    """Base of every error the app raises on purpose; ``title`` is a short heading for dialogs."""

    title = "Error"

    def __init__(self, msg: str, title: str = "") -> None:
        super().__init__(msg)
        self.msg = msg
        if title:
            self.title = title

    def __str__(self) -> str:
        return self.msg


class UsageError(AuditorError):
    """The command line itself is wrong: a value that does not parse or is out of range."""

    title = "Command line"


class CaseError(AuditorError):
    """The case database cannot be created, opened or read."""

    title = "Case database"


class ImportFailed(AuditorError):
    """An import was refused or failed; the case is left exactly as it was."""

    title = "Import failed"

    def __init__(
        self,
        msg: str,
        *,
        path: Path | str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        where = []
        if path is not None:
            where.append(f"{path}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        full = f"{': '.join([', '.join(where), msg]) if where else msg}"
        super().__init__(full)
        self.path = Path(path) if path is not None else None
        self.row = row
        self.column = column


class MappingError(AuditorError):
    """A mapping profile is malformed or does not fit the file it is applied to."""

    title = "Mapping profile"


class LogTampered(AuditorError):
    """The audit log's hash chain does not verify."""

    title = "Audit log"


class Cancelled(AuditorError):
    """The user cancelled the work; nothing it would have written was kept."""

    title = "Cancelled"
