"""``auditor coverage`` (which checks the case lets run, and what each lacks) and
``auditor data-request`` (the list to send the platform, in Chinese and English).

Both read the coverage decision the runner acts on (``auditor.engine.coverage``), so what they
say and what a run does never differ."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from auditor.case.store import Case
from auditor.cli.options import check_ids, output_file
from auditor.engine.checks import FAMILIES, QuerySpecError, load_library, select_checks
from auditor.engine.coverage import CheckCoverage, DataFacts, library_coverage
from auditor.errors import UsageError
from auditor.report.data_request import write_data_request

STATUS = {"runs": "yes", "partial": "in part", "not_run": "no"}


def _out(text: str = "") -> None:
    print(text, flush=True)


def _chosen(args: argparse.Namespace) -> list[CheckCoverage]:
    try:
        specs = select_checks(load_library(), check_ids(args.check), args.family)
    except QuerySpecError as e:
        raise UsageError(str(e)) from e
    with Case.open(args.case, read_only=True) as case:
        return library_coverage(specs, DataFacts.of(case.conn))


def summary(coverage: list[CheckCoverage]) -> dict[str, int]:
    return {k: sum(1 for c in coverage if c.status == k) for k in ("runs", "partial", "not_run")}


def cmd_coverage(args: argparse.Namespace) -> int:
    coverage = _chosen(args)
    counts = summary(coverage)
    if args.json:
        doc = {"case": str(args.case), "summary": counts, "checks": [c.as_dict() for c in coverage]}
        _out(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    _out(
        f"Coverage of {args.case}: {len(coverage)} checks, {counts['runs']} can run in full, "
        f"{counts['partial']} in part, {counts['not_run']} cannot run"
    )
    _out(f"\n{'check':<8}{'can run':<9}title")
    pad = " " * 17
    for c in coverage:
        _out(f"{c.check.id:<8}{STATUS[c.status]:<9}{c.check.title}")
        if c.status == "not_run":
            _out(f"{pad}{c.reason()}")
        for t in c.skipped:
            _out(f"{pad}skipped {t.name}: {t.title} (needs {', '.join(map(str, t.lacks))})")
        if c.can_run and c.unfilled_optional:
            _out(f"{pad}read as empty: {', '.join(c.unfilled_optional)}")
    if counts["partial"] or counts["not_run"]:
        _out(f"\nWhat to ask the platform for: auditor data-request {args.case} -o request.xlsx")
    return 0


def cmd_data_request(args: argparse.Namespace) -> int:
    output = output_file(Path(args.output), "-o")
    with Case.open(args.case) as case:
        coverage = library_coverage(load_library(), DataFacts.of(case.conn))
        result = write_data_request(case.conn, coverage, output, case_name=case.path.name)
    if not result.columns:
        _out(f"{output}: every check can run on {args.case}; the request asks for nothing")
    else:
        _out(
            f"{output}: {result.columns} columns of {result.tables} tables, for the "
            f"{result.checks_short} checks that cannot run in full"
        )
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "coverage", help="which checks the case lets run, and exactly what each one lacks"
    )
    s.add_argument("case")
    s.add_argument("--check", action="append", metavar="ID[,ID]", help="only these checks")
    s.add_argument("--family", choices=[f for f in FAMILIES if f != "custom"])
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_coverage)

    s = sub.add_parser(
        "data-request",
        help="the data to ask the platform for, in Chinese and English (Excel)",
    )
    s.add_argument("case")
    s.add_argument("-o", "--output", required=True, metavar="REQUEST.xlsx")
    s.set_defaults(func=cmd_data_request)
