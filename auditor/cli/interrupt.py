"""Ctrl-C on the command line: interrupt DuckDB, stop cleanly, exit 130.

Python runs a signal handler only between bytecodes of the main thread, and a DuckDB statement
holds the main thread in C++ until it finishes: a long query would ignore Ctrl-C for as long as
it runs. So the command runs in a worker thread; the main thread waits, and on Ctrl-C interrupts
every open case (``Case.interrupt``: the running statement stops, and the checks, exports and
queries after it see the case cancelled), repeating until the worker is done, since a statement
may start just after an interrupt. A second Ctrl-C stops the process at once.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

from auditor.case.store import interrupt_open_cases

EXIT_CANCELLED = 130
POLL_S = 0.2  # how often the main thread wakes to repeat the interrupt while waiting


def run_interruptibly(body: Callable[[], int]) -> int:
    """Run ``body`` (returns an exit code); Ctrl-C cancels it and gives 130."""
    if threading.current_thread() is not threading.main_thread():
        return body()  # no signals to catch here (a test or an embedding program)
    result: list[int] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(body())
        except BaseException as e:  # handed to the main thread below
            failure.append(e)

    worker = threading.Thread(target=work, name="auditor-command", daemon=True)
    worker.start()
    cancelled = False
    while worker.is_alive():
        try:
            worker.join(POLL_S)
            if cancelled:
                interrupt_open_cases()
        except KeyboardInterrupt:
            if cancelled:
                print("stopped", file=sys.stderr, flush=True)
                os._exit(EXIT_CANCELLED)
            cancelled = True
            print("cancelling... (Ctrl-C again stops at once)", file=sys.stderr, flush=True)
            interrupt_open_cases()
    if cancelled:
        # Leave without the interpreter's shutdown: DuckDB's own threads may still be unwinding
        # the interrupted statement, and destroying the database under them aborts the
        # process. The case was closed by the worker; nothing is left to flush but our output.
        print("cancelled", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(EXIT_CANCELLED)
    if failure:
        raise failure[0]
    return result[0]
