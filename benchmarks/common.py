"""Helpers for benchmarks: run a step in a fresh process and report its time and peak memory.

Each measured step runs in its own interpreter so that its peak resident memory is its own; the
figures are printed, never asserted (the machine is shared and noisy).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measured:
    seconds: float  # wall time of the whole child process, interpreter start included
    peak_mib: float
    output: dict[str, object]

    @property
    def reported(self) -> float:
        """The seconds the step measured itself (without interpreter start and imports)."""
        value = self.output.get("seconds", self.seconds)
        return float(value) if isinstance(value, int | float) else self.seconds


def measure(code: str) -> Measured:
    """Run ``code`` in a new interpreter; it may print one JSON object on its last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark step failed:\n{proc.stderr}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.startswith("{")]
    # ru_maxrss of children is the maximum over all children so far: run the larger step last
    # or read the figure each step reports about itself.
    out = json.loads(lines[-1]) if lines else {}
    own = out.get("peak_kib")
    peak = float(own) if isinstance(own, int | float) else float(max(peak_kib, before))
    return Measured(elapsed, peak / 1024, out)


SELF_PEAK = (
    "import resource, json\n"
    "def report(**kw):\n"
    "    kw['peak_kib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    print(json.dumps(kw))\n"
)
