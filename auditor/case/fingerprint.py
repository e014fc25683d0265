"""Fingerprints of source files: SHA-256 over the bytes, read in bounded chunks."""

from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK = 8 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:  # read-only: the source is never modified
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()
