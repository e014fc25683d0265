"""Refresh the desktop app's Chinese translation: ``pyside6-lupdate`` collects every ``tr()`` and
``translate()`` of ``ui/`` into ``ui/i18n/auditor_zh_CN.ts`` (new strings come in unfinished,
strings gone from the code are dropped), then ``pyside6-lrelease`` compiles it into the
``auditor_zh_CN.qm`` that ships in the package.

    python scripts/translations.py            # update the .ts and build the .qm
    python scripts/translations.py --check    # exit 1 when the .ts misses a string of the
                                              # code or has an unfinished entry

Translate the new entries with Qt Linguist (``pyside6-linguist ui/i18n/auditor_zh_CN.ts``),
using the terms of ``resources/glossary.toml``, then run this again.

The .qm is committed beside the .ts (about 30 KB): the app then runs from a checkout, an
editable install or a wheel with no build step, and a test checks that it matches the .ts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
TS = UI / "i18n" / "auditor_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """A PySide6 tool next to this interpreter (a venv's bin/), else on the PATH."""
    here = Path(sys.executable).with_name(name)
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-extensions",
            "py",
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
            str(UI),
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation; None when unfinished or empty."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            done = tr is not None and tr.get("type") is None and bool(tr.text)
            key = (name, message.findtext("source", ""))
            out[key] = tr.text if done and tr is not None else None
    return out


def problems(ts: Path = TS) -> list[str]:
    """What keeps the .ts from being complete: strings of the code it lacks, strings it keeps
    that the code no longer has, entries not translated."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        lupdate(fresh)
        wanted = set(messages(fresh))
    have = messages(ts) if ts.exists() else {}
    out = [f"missing from {ts.name}: [{c}] {s!r}" for c, s in sorted(wanted - set(have))]
    out += [f"no longer in the code: [{c}] {s!r}" for c, s in sorted(set(have) - wanted)]
    out += [f"unfinished: [{c}] {s!r}" for (c, s), t in sorted(have.items()) if t is None]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        print("\n".join(found) or f"{TS.name}: complete")
        return 1 if found else 0
    TS.parent.mkdir(exist_ok=True)
    lupdate(TS)
    lrelease(TS, QM)
    left = [p for p in problems() if p.startswith("unfinished")]
    print(f"{TS.name}: {len(messages(TS))} strings, {len(left)} unfinished; {QM.name} built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
