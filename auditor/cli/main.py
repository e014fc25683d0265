"""The ``auditor`` command line: the headless face of the app, for servers, CI and scripts.

Exit codes (also in the README):
  0  done
  2  the command line itself is wrong (unknown option, missing argument, a value that does not
     parse or is out of range, a date far outside the data, an output path that cannot be
     written)
  3  an input was refused: a file that cannot be imported, a bad mapping profile; the case is
     unchanged for that file
  4  the case database cannot be created or opened
  5  the audit log does not verify (``log --verify``)
  130 cancelled with Ctrl-C
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.case import auditlog
from auditor.case.info import case_summary, reject_rows
from auditor.case.schema import TABLES
from auditor.case.store import Case, CaseFormatError
from auditor.cli.coverage_commands import add_commands as add_coverage_commands
from auditor.cli.import_output import print_import, source_lines
from auditor.cli.interrupt import EXIT_CANCELLED, run_interruptibly
from auditor.cli.options import count_arg
from auditor.cli.review_commands import add_commands as add_review_commands
from auditor.cli.run_commands import add_commands, add_run_options, print_runs, run_checks
from auditor.errors import AuditorError, Cancelled, CaseError, LogTampered, UsageError
from auditor.ingest.importer import ImportResult, import_file
from auditor.ingest.mapping import load_profile

EXIT_USAGE, EXIT_INPUT, EXIT_CASE, EXIT_LOG = 2, 3, 4, 5


def _out(text: str = "") -> None:
    print(text, flush=True)


def _print_import(r: ImportResult) -> None:
    print_import(r, _out)


def cmd_import(args: argparse.Namespace) -> int:
    mapping = load_profile(Path(args.mapping)) if args.mapping else None
    failed = 0
    with Case.open(args.case, create=True) as case:
        for f in args.files:
            try:
                r = import_file(
                    case,
                    f,
                    table=args.table,
                    extra=args.extra,
                    mapping=mapping,
                    allow_empty=args.allow_empty,
                )
            except AuditorError as e:
                failed += 1
                print(f"error: {e}", file=sys.stderr)
                continue
            _print_import(r)
    return EXIT_INPUT if failed else 0


def _print_summary(summary: dict[str, Any], *, profiles: bool = True) -> None:
    _out(f"Case {summary['case']}")
    _out("\nTables")
    for t in summary["tables"]:
        _out(f"  {t['name']:<22} {t['rows']:>12,} rows  ({t['kind']})")
    _out("\nSources")
    for s in summary["sources"]:
        _out(
            f"  #{s['source_id']} {s['file_name']} -> {s['target_table']}: "
            f"read {s['rows_read']:,}, "
            f"loaded {s['rows_loaded']:,}, rejected {s['rows_rejected']:,}; {s['format']}"
            f"{', ' + s['encoding'] if s['encoding'] else ''}; {s['size_bytes']:,} bytes; "
            f"sha256 {s['sha256']}"
        )
        for line in source_lines(s, s):
            _out(line)
    _out("\nRejects")
    if not summary["rejects"]:
        _out("  none")
    for r in summary["rejects"]:
        _out(f"  {r['file']}: {r['count']:,} x {r['reason']}")
    log = summary["audit_log"]
    _out(
        f"\nAudit log: {log['entries']} entries, head {log['head'][:16]}…, "
        f"{'verified' if log['verified'] else 'DOES NOT VERIFY'}"
    )
    if not profiles:
        return
    for t in summary["tables"]:
        _out(f"\n{t['name']} ({t['rows']:,} rows)")
        _out(f"  {'column':<26}{'type':<15}{'nulls':>10}{'distinct':>10}  min .. max")
        for c in t["columns"]:
            rng = f"{_short(c['min'])} .. {_short(c['max'])}" if c["min"] is not None else ""
            _out(f"  {c['name']:<26}{c['type']:<15}{c['nulls']:>10,}{c['distinct']:>10,}  {rng}")


def _short(v: Any, n: int = 24) -> str:
    s = str(v)
    return s if len(s) <= n else s[: n - 1] + "…"


def cmd_info(args: argparse.Namespace) -> int:
    with Case.open(args.case, read_only=True) as case:
        summary = case_summary(case)
    if args.json:
        _out(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        _print_summary(summary)
    return 0


def cmd_rejects(args: argparse.Namespace) -> int:
    with Case.open(args.case, read_only=True) as case:
        rows = reject_rows(case, args.source, args.limit)
    if args.json:
        _out(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return 0
    if not rows:
        _out("no rejected rows")
    for r in rows:
        col = f", column {r['column']}" if r["column"] else ""
        _out(f"{r['file']}, row {r['source_row']}{col}: {r['reason']} (value: {r['value']!r})")
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    try:
        case = Case.open(args.case, read_only=True)
    except CaseFormatError as e:
        if args.verify:  # the case's own records were altered: that is what --verify finds
            raise LogTampered(f"the audit log of {args.case} does not verify: {e}") from e
        raise
    with case:
        entries = auditlog.entries(case.conn)
        ver = auditlog.verify(case.conn)
    for entry in entries:
        _out(
            f"{entry.seq:>4}  {entry.at:%Y-%m-%d %H:%M:%S}  {entry.action:<14} "
            f"{json.dumps(entry.detail, ensure_ascii=False, default=str)}  [{entry.hash[:12]}]"
        )
    _out(f"head {ver.head}  ({ver.count} entries)")
    if args.verify:
        if not ver.ok:
            for p in ver.problems:
                print(f"TAMPERED: {p}", file=sys.stderr)
            raise LogTampered(
                f"the audit log of {args.case} does not verify: first bad entry: "
                f"{ver.first_bad} ({len(ver.problems)} problem(s) listed above)"
            )
        _out("verified: every entry is intact and in sequence")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from auditor.sample.platform import generate

    r = generate(args.dir, seed=args.seed, loans=args.loans)
    _out(
        f"sample platform written to {r.directory} in {r.seconds:.1f}s "
        f"({args.loans or 'default'} loans, seed {args.seed})"
    )
    for name, info in r.manifest["files"].items():
        _out(f"  {name:<28} {info['rows']:>10,} rows  -> {info['table']}")
    _out("  manifest.json: planted truths for the checks")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The app's main job on the built-in sample: generate, import, check, report."""
    from auditor.report import ReportMeta, write_report
    from auditor.sample.build import build_sample_case

    out = Path(args.out)
    r, case_path, imported = build_sample_case(out, seed=args.seed, loans=args.loans)
    _out(f"1. Sample platform generated in {r.seconds:.1f}s: {out / 'exports'}")
    _out(f"2. Imported into case {case_path}")
    for done in imported:
        _print_import(done)
    with Case.open(case_path) as case:
        _out("")
        _print_summary(case_summary(case), profiles=False)
        _out(f"\n3. Running the checks (profile {args.profile or 'CN'})")
        session, runs = run_checks(case, args)
        print_runs(runs)
        report_path = out / "report.xlsx"
        result = write_report(
            session,
            runs,
            report_path,
            meta=ReportMeta(
                title="Sample platform inspection",
                platform="Built-in sample platform",
                examiner="demo",
            ),
        )
    _out(f"\n4. Excel report: {result.path} ({len(result.sheets)} sheets)")
    _out(f"\nNext: auditor run {case_path} --check DLQ-06 --out findings/")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="auditor", description="Inspect the data exports of an online lending platform."
    )
    p.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser(
        "demo", help="sample platform: generate, import, run the checks, write the report"
    )
    s.add_argument("--out", default="auditor-sample", help="folder for exports and case")
    s.add_argument("--seed", type=int, default=20240930)
    s.add_argument("--loans", type=int, default=None, help="number of loans (default 20,000)")
    add_run_options(s)
    s.set_defaults(func=cmd_demo, json=False)

    s = sub.add_parser("sample", help="write the built-in sample platform's exports")
    s.add_argument("dir")
    s.add_argument("--seed", type=int, default=20240930)
    s.add_argument("--loans", type=int, default=None, help="number of loans (default 20,000)")
    s.set_defaults(func=cmd_sample)

    s = sub.add_parser("import", help="import files into a case (created if absent)")
    s.add_argument("case")
    s.add_argument("files", nargs="+")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--table", choices=sorted(TABLES), help="canonical table (default: detect)")
    g.add_argument("--extra", metavar="NAME", help="import as an extra table with this name")
    s.add_argument("--mapping", metavar="PROFILE.toml", help="mapping profile to apply")
    s.add_argument(
        "--allow-empty",
        action="store_true",
        help="record a file that loads no row (by default that is an error, exit 3)",
    )
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("info", help="tables, sources, rejects and column profiles of a case")
    s.add_argument("case")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_info)

    s = sub.add_parser("rejects", help="rejected rows with file, row, column, value, reason")
    s.add_argument("case")
    s.add_argument("--source", type=int, help="only this source id")
    s.add_argument("--limit", type=count_arg(0))
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_rejects)

    add_commands(sub)
    add_review_commands(sub)
    add_coverage_commands(sub)

    s = sub.add_parser("log", help="the case's audit log")
    s.add_argument("case")
    s.add_argument("--verify", action="store_true", help="check the hash chain")
    s.set_defaults(func=cmd_log)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 on a wrong command line
    return run_interruptibly(lambda: _dispatch(args))


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except LogTampered as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_LOG
    except CaseError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_CASE
    except Cancelled as e:
        print(f"cancelled: {e}", file=sys.stderr)
        return EXIT_CANCELLED
    except AuditorError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return EXIT_CANCELLED


if __name__ == "__main__":
    sys.exit(main())
