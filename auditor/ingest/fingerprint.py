"""Fingerprinting a source, and counting its records in the same read.

The SHA-256 of the file is recorded with the source. Reading a large export twice costs time, so
the record counter (``counting``) is fed the very chunks the hash reads: the accounting costs no
second pass. hashlib and numpy release the GIL on large buffers, so this runs beside the import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.ingest.counting import RecordCount, RecordCounter

CHUNK = 4 << 20


def fingerprint(path: Path, delimiter: str | None) -> tuple[str, RecordCount | None]:
    """(SHA-256, record count); the count only when a delimiter is given (CSV read as is)."""
    h = hashlib.sha256()
    counter = RecordCounter(delimiter) if delimiter is not None else None
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            if counter is not None:
                counter.feed(chunk)
    return h.hexdigest(), counter.finish() if counter is not None else None
