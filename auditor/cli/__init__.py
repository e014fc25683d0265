"""The ``auditor`` command line (``main``: case, import and sample commands; ``run_commands``:
checks, runs, reports, SQL and workbooks)."""

from __future__ import annotations

from auditor.cli.main import main

__all__ = ["main"]
