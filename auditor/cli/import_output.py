"""How the command line shows an import: the accounting of every record, the unit decisions,
the columns kept unmapped, the lines skipped and the warnings; and the same for ``info``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditor.ingest.formats import printable
from auditor.ingest.importer import ImportResult

SKIPPED_SHOWN = 5


def import_lines(r: ImportResult) -> list[str]:
    """The summary of one import, first line as before, then the details indented."""
    status = "ok" if not r.rows_rejected else f"{r.rows_rejected:,} rejected"
    name = r.path.name if r.link_target is None else f"{r.path.name} (via a link)"
    out = [
        f"  {name:<28} -> {r.table:<20} read {r.rows_read:>10,}  loaded "
        f"{r.rows_loaded:>10,}  {status}  [{r.format}"
        f"{', ' + r.encoding if r.encoding else ''}]  sha256 {r.sha256[:12]}…"
    ]
    a = r.accounting
    if a is not None:
        out.append(f"      records: {a.describe()} ({a.counted_by})")
        out += [f"      note: {n}" for n in a.notes]
    out += [f"      unit: {u.describe()}" for u in r.units if u.by != "default" or u.kind == "rate"]
    if r.unmapped:
        shown = ", ".join(printable(h, 30) for h in r.unmapped[:12])
        more = f" and {len(r.unmapped) - 12} more" if len(r.unmapped) > 12 else ""
        out.append(f"      kept unmapped in {r.side_table}: {shown}{more}")
    for s in r.skipped[:SKIPPED_SHOWN]:
        text = f": {printable(s.text, 60)}" if s.text else ""
        out.append(f"      skipped row {s.row} ({s.kind}){text}")
    if len(r.skipped) > SKIPPED_SHOWN:
        out.append(f"      … {len(r.skipped) - SKIPPED_SHOWN} more skipped rows: auditor info")
    out += [f"      warning: {c}: {w}" for c, w in r.warnings]
    if r.link_target is not None:
        out.append(f"      the path is a link to {r.link_target}")
    return out


def source_lines(s: dict[str, Any], details: dict[str, Any]) -> list[str]:
    """``auditor info``'s view of one source's accounting, columns and warnings."""
    out = []
    acct = details.get("accounting")
    if acct:
        out.append(f"      records: {acct['summary']} ({acct['counted_by']})")
        out += [f"      note: {n}" for n in acct["notes"]]
    else:
        out.append("      records: not recorded (imported by an earlier version)")
    for c in details.get("columns", []):
        if c["unit"] and (c["unit_by"] != "default" or c["unit"] != "units"):
            out.append(
                f"      unit: {c['target']} ({printable(c['source'], 30)}): {c['unit']}, "
                f"{c['unit_evidence']}"
            )
    kept = [c for c in details.get("columns", []) if c["kept_in"]]
    if kept:
        table = kept[0]["kept_in"].rsplit(".", 1)[0]
        names = ", ".join(printable(c["source"], 30) for c in kept[:12])
        more = f" and {len(kept) - 12} more" if len(kept) > 12 else ""
        out.append(f"      kept unmapped in {table}: {names}{more}")
    skipped = details.get("skipped", [])
    by_kind: dict[str, int] = {}
    for row in skipped:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + 1
    for row in [x for x in skipped if x["kind"] != "header"][:SKIPPED_SHOWN]:
        text = f": {printable(row['text'], 60)}" if row["text"] else ""
        out.append(f"      skipped row {row['row']} ({row['kind']}){text}")
    out += [f"      warning: {w['column']}: {w['warning']}" for w in details.get("warnings", [])]
    return out


def print_import(r: ImportResult, out: Callable[[str], None]) -> None:
    for line in import_lines(r):
        out(line)
