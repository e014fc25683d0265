"""Command-line commands over the check library: ``checks``, ``run`` and ``sql``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from auditor.case.store import Case
from auditor.cli.engine_options import (
    add_engine_options,
    add_export_command,
    engine_notes,
    open_session,
)
from auditor.cli.options import (
    add_limit_options,
    check_ids,
    count_arg,
    date_arg,
    limits_of,
    output_file,
    output_folder,
)
from auditor.engine.checks import FAMILIES, QuerySpecError, load_library, select_checks
from auditor.engine.params import ParamError
from auditor.engine.profiles import available_profiles
from auditor.engine.runner import CheckRun, Session
from auditor.errors import UsageError
from auditor.results.export_csv import write_table_csv
from auditor.results.masking import case_masker, save_tokens

STATUS_MARK = {
    "pass": "pass",
    "finding": "FINDING",
    "info": "info",
    "not_run": "not run",
    "error": "ERROR",
    "cancelled": "cancelled",
}


def _out(text: str = "") -> None:
    print(text, flush=True)


def parse_params(items: list[str] | None) -> dict[str, str]:
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {item!r}: write NAME=VALUE")
        out[name.strip()] = value
    return out


def cmd_checks(args: argparse.Namespace) -> int:
    specs = load_library()
    if args.json:
        _out(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "family": s.family,
                        "severity": s.severity,
                        "requires": s.requires,
                        "tests": {
                            t.name: {"title": t.title, "requires": t.requires} for t in s.tests
                        },
                        "params": [p.name for p in s.params],
                        "basis": s.basis,
                    }
                    for s in specs
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    _out(f"{'id':<8}{'family':<14}{'severity':<10}title  [requires]")
    for s in specs:
        req = ", ".join(s.requires)
        _out(f"{s.id:<8}{s.family:<14}{s.severity:<10}{s.title}  [{req}]")
    return 0


def print_runs(runs: list[CheckRun]) -> None:
    _out(f"{'check':<8}{'status':<10}{'rows':>8}{'loans':>8}{'borrow.':>8}{'amount':>16}  title")
    for r in runs:
        amount = f"{r.amount:,.2f}" if r.amount is not None and r.finding_rows else ""
        rows = r.finding_rows if r.check.finding.rows != "none" else r.row_count
        note = f"  ({r.reason})" if r.reason else ""
        # A count the check does not make (no loan or borrower column in its finding rule, or
        # no finding) is left blank, as in the report's Summary, not printed as a false 0.
        counted = r.status == "finding"
        loans = f"{r.loans:,}" if counted and r.check.finding.loan else ""
        borrowers = f"{r.borrowers:,}" if counted and r.check.finding.borrower else ""
        _out(
            f"{r.check.id:<8}{STATUS_MARK[r.status]:<10}{rows:>8,}{loans:>8}"
            f"{borrowers:>8}{amount:>16}  {r.check.title}{note}"
        )
    counts: dict[str, int] = {}
    for r in runs:
        counts[r.status] = counts.get(r.status, 0) + 1
    _out("  ".join(f"{STATUS_MARK[k]}: {v}" for k, v in sorted(counts.items())))


def run_checks(case: Case, args: argparse.Namespace) -> tuple[Session, list[CheckRun]]:
    """The chosen checks over the review period; a bad check id, parameter value or period
    is a wrong command line, refused before anything runs."""
    try:
        specs = select_checks(load_library(), check_ids(args.check), args.family)
    except QuerySpecError as e:
        raise UsageError(str(e)) from e
    session = open_session(case, args, parse_params(args.param))
    try:
        session.validate(specs)
    except ParamError as e:
        raise UsageError(str(e)) from e

    def progress(done: int, total: int, check_id: str) -> None:
        if check_id and not args.json:
            print(f"  [{done + 1}/{total}] {check_id}", file=sys.stderr, flush=True)

    return session, session.run_many(specs, progress)


def _case_for(args: argparse.Namespace) -> Case:
    """The case; with a Parquet dataset (--data) it only keeps the record, so it may be new."""
    return Case.open(args.case, create=bool(getattr(args, "dataset", None)))


def cmd_run(args: argparse.Namespace) -> int:
    out = output_folder(Path(args.out), "--out") if args.out else None
    with _case_for(args) as case:
        session, runs = run_checks(case, args)
        if out is not None:
            masker = None if args.no_mask else case_masker(session.conn)
            for r in runs:
                if r.result_table:
                    write_table_csv(
                        session.results, r.result_table, out / f"{r.check.id}.csv", masker
                    )
                    if masker is not None:
                        save_tokens(session.conn, masker)
    if args.json:
        _out(json.dumps([r.summary() for r in runs], ensure_ascii=False, indent=2))
    else:
        print_runs(runs)
        if args.out:
            how = "NOT masked" if args.no_mask else "personal data masked"
            _out(f"result rows written to {args.out}/<ID>.csv ({how})")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    csv_path = output_file(Path(args.csv), "--csv") if args.csv else None
    with Case.open(args.case) as case:
        session = Session(case, limits=limits_of(args))
        print("running the query (Ctrl-C cancels)", file=sys.stderr, flush=True)
        table, n = session.query(args.query)
        if csv_path is not None:
            masker = None if args.no_mask else case_masker(session.conn)
            write_table_csv(session.conn, table, csv_path, masker)
            if masker is not None:
                save_tokens(session.conn, masker)
            _out(f"{n:,} rows written to {args.csv} ({'NOT ' if args.no_mask else ''}masked)")
            return 0
        result = session.conn.execute(f"SELECT * FROM {table} LIMIT {int(args.limit)}")
        cols = [d[0] for d in result.description]
        rows: list[tuple[Any, ...]] = result.fetchall()
    widths = [
        max(len(str(c)), *(len(str(r[i])) for r in rows)) if rows else len(str(c))
        for i, c in enumerate(cols)
    ]
    _out("  ".join(str(c).ljust(w) for c, w in zip(cols, widths, strict=True)))
    for r in rows:
        _out("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)))
    _out(f"({n:,} rows{f'; first {args.limit} shown' if n > args.limit else ''})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from auditor.report import ReportMeta, write_report

    output = output_file(Path(args.output), "-o")
    with _case_for(args) as case:
        session, runs = run_checks(case, args)
        meta = ReportMeta(
            title=args.title,
            platform=args.platform,
            examiner=args.examiner,
            notes=engine_notes(session),
            lang=args.lang,
        )

        def progress(what: str, frac: float) -> None:
            print(f"  {frac:4.0%} {what}", file=sys.stderr, flush=True)

        result = write_report(
            session,
            runs,
            output,
            meta=meta,
            max_evidence_rows=args.max_evidence_rows,
            progress=progress,
            cancel=case.cancel,
            mask=not args.no_mask,
        )
    print_runs(runs)
    _out(
        f"report written to {result.path} ({len(result.sheets)} sheets, "
        f"{sum(result.evidence_rows.values()):,} evidence rows, {result.seconds:.1f}s)"
    )
    return 0


def cmd_run_workbook(args: argparse.Namespace) -> int:
    from auditor.cli.engine_options import engine_choice
    from auditor.workbook.rerun import rerun

    rr = rerun(
        Path(args.workbook),
        [Path(d) for d in args.data],
        output_file(Path(args.output), "-o"),
        case_path=Path(args.case) if args.case else None,
        as_of=args.as_of,
        from_date=args.from_date,
        limits=limits_of(args),
        progress=lambda what, frac: print(f"  {frac:4.0%} {what}", file=sys.stderr, flush=True),
        mask=not args.no_mask,
        engine=engine_choice(args),
    )
    _out(f"Workbook {args.workbook}: {rr.workbook.title}")
    for line in rr.sources:
        _out(f"  {line}")
    for w in rr.warnings:
        _out(f"  warning: {w}")
    print_runs(rr.runs)
    assert rr.report is not None
    _out(f"report written to {rr.report.path} ({len(rr.report.sheets)} sheets)")
    return 0


def add_mask_option(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--no-mask",
        dest="no_mask",
        action="store_true",
        help="write personal data as it is (masked by default; the output says which)",
    )


def add_report_options(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--max-evidence-rows",
        dest="max_evidence_rows",
        type=count_arg(1),
        metavar="N",
        help="write at most N rows per check (the Summary gives the full count)",
    )
    s.add_argument("--title", default="Inspection report", help="inspection title (Cover)")
    s.add_argument("--platform", default="", help="platform inspected (Cover)")
    s.add_argument("--examiner", default="", help="examiner's name (Cover)")
    s.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the report: en (English) or zh (Simplified Chinese)",
    )
    add_mask_option(s)


def add_commands(sub: Any) -> None:
    s = sub.add_parser("checks", help="the check library: id, title, family, severity, inputs")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_checks)

    s = sub.add_parser("run", help="run checks on a case and print the findings")
    s.add_argument("case")
    add_run_options(s)
    s.add_argument("--json", action="store_true")
    s.add_argument("--out", metavar="DIR", help="also write each check's result rows as CSV")
    add_mask_option(s)
    add_engine_options(s)
    s.set_defaults(func=cmd_run)

    s = sub.add_parser("report", help="run checks and write the Excel audit report")
    s.add_argument("case")
    s.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    add_run_options(s)
    add_report_options(s)
    add_engine_options(s)
    s.set_defaults(func=cmd_report, json=False)

    s = sub.add_parser(
        "run-workbook", help="re-run a saved workbook on new data: import, run, report"
    )
    s.add_argument("workbook", metavar="WB.auditwb")
    s.add_argument("--data", nargs="+", required=True, metavar="DIR_OR_FILE")
    s.add_argument("-o", "--output", required=True, metavar="REPORT.xlsx")
    s.add_argument("--case", metavar="CASE.duckdb", help="new case to build (default: beside -o)")
    s.add_argument("--as-of", dest="as_of", type=date_arg, metavar="DATE", help="inspection date")
    s.add_argument(
        "--from",
        dest="from_date",
        type=date_arg,
        metavar="DATE",
        help="start of the review period (default: the workbook's, else the first day with data)",
    )
    add_limit_options(s)
    add_mask_option(s)
    add_engine_options(s, data=False)
    s.set_defaults(func=cmd_run_workbook)

    add_export_command(sub)

    s = sub.add_parser("sql", help="ad-hoc read-only SQL on a case, sandboxed")
    s.add_argument("case")
    s.add_argument("query")
    s.add_argument("--csv", metavar="FILE", help="write all rows to this CSV file")
    s.add_argument("--limit", type=count_arg(0), default=50, help="rows to print (default 50)")
    add_limit_options(s)
    add_mask_option(s)
    s.set_defaults(func=cmd_sql)


def add_run_options(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--check",
        action="extend",
        nargs="+",
        metavar="ID",
        help="check ids: --check A B C, or --check A --check B (also A,B)",
    )
    s.add_argument("--family", choices=sorted(FAMILIES))
    s.add_argument(
        "--profile",
        choices=available_profiles(),
        default=None,
        help="jurisdiction profile (default CN)",
    )
    s.add_argument(
        "--param", action="append", metavar="NAME=VALUE", help="override a parameter (repeatable)"
    )
    s.add_argument(
        "--as-of",
        dest="as_of",
        type=date_arg,
        metavar="DATE",
        help="inspection date, the end of the review period (default: the latest repayment "
        "activity)",
    )
    s.add_argument(
        "--from",
        dest="from_date",
        type=date_arg,
        metavar="DATE",
        help="start of the review period: event checks count events from this day to as-of "
        "(default: the first day with data)",
    )
    add_limit_options(s)
