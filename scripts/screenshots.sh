#!/usr/bin/env bash
# Screenshots of the desktop app on the sample platform, on a virtual screen (Debian: xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
xvfb-run -a -s "-screen 0 1600x1000x24" "$PY" scripts/screenshots.py "$@"
