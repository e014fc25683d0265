"""Helpers for benchmarks: run a step in a fresh process and report its time and peak memory.

Each measured step runs in its own interpreter and reports its own peak resident memory; the
figures are printed, never asserted (the machine is shared and noisy).
"""

from __future__ import annotations

import json
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
    """Run ``code`` in a new interpreter; it reports with ``report(...)`` (see SELF_PEAK) on
    its last line, including its own peak memory."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark step failed:\n{proc.stderr}")
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.startswith("{")]
    out = json.loads(lines[-1]) if lines else {}
    peak = out.get("peak_kib")
    return Measured(
        elapsed, float(peak) / 1024 if isinstance(peak, int | float) else float("nan"), out
    )


# The child reports its own peak from /proc (VmHWM, fresh after exec). Not ru_maxrss: on
# Linux a child inherits its parent's maximum at fork, so a large parent would show through.
SELF_PEAK = (
    "import json\n"
    "def report(**kw):\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            kw['peak_kib'] = int(line.split()[1])\n"
    "    print(json.dumps(kw))\n"
)
