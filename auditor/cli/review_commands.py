"""Command-line commands for reviewing a case: ``sample-rows`` and ``sample-review`` (audit
sampling), ``compare`` (two exports of one platform) and ``unmask`` (a token back to its value).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditor.case.store import Case
from auditor.cli.run_commands import add_mask_option, parse_params
from auditor.engine.checks import load_library, select_checks
from auditor.engine.runner import Session
from auditor.errors import AuditorError
from auditor.results.compare import Comparison, compare_cases, compare_tables
from auditor.results.masking import case_masker, save_tokens, unmask
from auditor.results.sample_draw import (
    Population,
    SamplePlan,
    SizeSpec,
    draw_sample,
    population_of_run,
    population_of_table,
)
from auditor.results.sample_records import sample_record
from auditor.results.sample_review import Projection, describe, record_review
from auditor.results.sampling import METHODS


def _out(text: str = "") -> None:
    print(text, flush=True)


def _population(session: Session, args: argparse.Namespace) -> Population:
    if args.check:
        (spec,) = select_checks(load_library(), [args.check])
        if args.param:
            session.overrides.update(parse_params(args.param))
        run = session.run(spec)
        if run.status not in ("finding", "info", "pass"):
            raise AuditorError(f"{spec.id} did not run ({run.status}: {run.reason})")
        return population_of_run(run)
    if args.table:
        return population_of_table(session.conn, args.table)
    return Population("query", args.query)


def _print_projection(p: Projection) -> None:
    for label, value in p.lines():
        shown = f"{value:.2%}" if isinstance(value, float) and "rate" in label.lower() else value
        if "Upper limit at" in label:
            shown = f"{value:.2%}"
        _out(f"  {label:<44} {shown}")
    for s in p.strata:
        _out(
            f"  stratum {s.stratum}: {s.exceptions} of {s.tested} tested, rate {s.rate:.2%}, "
            f"upper limit {s.upper_limit:.2%}"
        )


def cmd_sample_rows(args: argparse.Namespace) -> int:
    from auditor.report.sample_sheet import write_sample_file

    size = SizeSpec(
        count=args.size,
        fraction=args.fraction,
        confidence=args.confidence,
        tolerable_rate=args.tolerable,
        expected_rate=args.expected or 0.0,
    )
    plan = SamplePlan(
        method=args.method,
        size=size,
        seed=args.seed,
        stratify_by=args.stratify,
        allocation=args.allocation,
        amount_column=args.amount,
        confidence=args.confidence or 0.95,
    )
    with Case.open(args.case) as case:
        session = Session(case, profile=args.profile, as_of=args.as_of)
        drawn = draw_sample(case.conn, _population(session, args), plan)
        for label, value in describe(sample_record(case.conn, drawn.sample_id)):
            text = str(value)
            _out(f"  {label:<44} {text if len(text) < 200 else text[:197] + '...'}")
        if args.output:
            masker = None if args.no_mask else case_masker(case.conn)
            write_sample_file(case.conn, drawn.sample_id, Path(args.output), masker, args.lang)
            if masker is not None:
                save_tokens(case.conn, masker)
            _out(
                f"sample {drawn.sample_id} written to {args.output} "
                f"({'personal data masked' if masker else 'NOT masked'}); the reviewer fills "
                "Tested, Exception and Note, then: auditor sample-review CASE FILE"
            )
    return 0


def cmd_sample_review(args: argparse.Namespace) -> int:
    from auditor.report.sample_readback import read_reviews

    sheets = read_reviews(Path(args.file))
    with Case.open(args.case) as case:
        for sheet in sheets:
            record = sample_record(case.conn, sheet.sample_id)
            if record.selection_sha256 != sheet.selection_sha256:
                raise AuditorError(
                    f"{args.file}, sheet {sheet.sheet!r}: its selection is not the case's sample "
                    f"{sheet.sample_id} (SHA-256 differs); was it drawn in another case?"
                )
            p = record_review(case.conn, sheet.sample_id, list(sheet.dispositions), args.file)
            _out(f"Sample {sheet.sample_id} ({record.population}, {record.method}):")
            _print_projection(p)
    return 0


def _print_comparison(c: Comparison) -> None:
    _out(f"Compared {c.old} (older) with {c.new} (newer)")
    _out(f"Period both cover: {c.period_start} .. {c.period_end}")
    _out(f"  {'table':<20}{'old':>10}{'new':>10}{'added':>8}{'removed':>8}{'changed':>8}"
         f"{'values':>8}{'outside':>9}")  # fmt: skip
    for t in c.tables:
        _out(
            f"  {t.table:<20}{t.old_rows:>10,}{t.new_rows:>10,}{t.added:>8,}{t.removed:>8,}"
            f"{t.changed_rows:>8,}{t.changed_values:>8,}{t.outside_period:>9,}"
        )
    if c.skipped:
        _out(f"  in one export only (not compared): {', '.join(c.skipped)}")
    _out(f"{c.differences:,} differences in the common period; run the HIS- checks next: "
         "auditor run CASE --family history")  # fmt: skip


def cmd_compare(args: argparse.Namespace) -> int:
    if args.within:
        if not args.table:
            raise AuditorError("comparing two tables of one case needs --table (canonical name)")
        with Case.open(args.within) as case:
            result = compare_tables(case.conn, args.old, args.new, args.table)
    else:
        old = Path(args.old)
        if old.resolve() == Path(args.new).resolve():
            raise AuditorError("OLD and NEW are the same case; give two cases")
        with Case.open(args.new) as case:
            result = compare_cases(case.conn, old, str(args.new))
    _print_comparison(result)
    return 0


def cmd_unmask(args: argparse.Namespace) -> int:
    with Case.open(args.case) as case:
        found = unmask(case.conn, args.tokens)
    missing = 0
    for token, value in found.items():
        if value is None:
            missing += 1
            print(f"{token}: not issued by this case", file=sys.stderr)
        else:
            _out(f"{token}\t{value}")
    return 3 if missing else 0


def add_commands(sub: Any) -> None:
    s = sub.add_parser("sample-rows", help="draw an audit sample from a check, table or query")
    s.add_argument("case")
    src = s.add_mutually_exclusive_group(required=True)
    src.add_argument("--check", metavar="ID", help="the check's finding rows (runs it)")
    src.add_argument("--table", metavar="NAME", help="a table of the case")
    src.add_argument("--query", metavar="SQL", help="any read-only SELECT")
    s.add_argument("--method", choices=METHODS, default="random")
    size = s.add_mutually_exclusive_group(required=True)
    size.add_argument("--size", type=int, metavar="N", help="number of items")
    size.add_argument("--fraction", type=float, metavar="F", help="share of the population")
    size.add_argument("--confidence", type=float, metavar="C", help="attribute sampling: 0.95")
    s.add_argument("--tolerable", type=float, metavar="T", help="tolerable deviation rate: 0.05")
    s.add_argument("--expected", type=float, metavar="E", help="expected deviation rate: 0.01")
    s.add_argument("--seed", type=int, required=True, help="the seed (note it in the file)")
    s.add_argument("--stratify", metavar="COLUMN", help="stratified: the column of the strata")
    s.add_argument("--allocation", choices=("proportional", "equal"), default="proportional")
    s.add_argument("--amount", metavar="COLUMN", help="monetary-unit: the amount column")
    s.add_argument("-o", "--output", metavar="FILE.xlsx", help="the sample sheet for the reviewer")
    s.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the sample sheet: en (English) or zh (Simplified Chinese)",
    )
    s.add_argument("--profile", default=None, help="jurisdiction profile for --check")
    s.add_argument("--param", action="append", metavar="NAME=VALUE", help="for --check")
    s.add_argument("--as-of", dest="as_of", metavar="DATE", help="for --check")
    add_mask_option(s)
    s.set_defaults(func=cmd_sample_rows)

    s = sub.add_parser(
        "sample-review", help="read a reviewed sample sheet back and project the exception rate"
    )
    s.add_argument("case")
    s.add_argument("file", metavar="FILE.xlsx")
    s.set_defaults(func=cmd_sample_review)

    s = sub.add_parser(
        "compare", help="compare two exports: rows added, removed and changed (then HIS- checks)"
    )
    s.add_argument("old", metavar="OLD", help="the older case (or, with --within, a table)")
    s.add_argument("new", metavar="NEW", help="the newer case, which keeps the comparison")
    s.add_argument("--within", metavar="CASE", help="OLD and NEW are two tables of this case")
    s.add_argument("--table", metavar="CANONICAL", help="with --within: the canonical table")
    s.set_defaults(func=cmd_compare)

    s = sub.add_parser("unmask", help="what masked tokens stand for (logged in the audit log)")
    s.add_argument("case")
    s.add_argument("tokens", nargs="+", metavar="TOKEN")
    s.set_defaults(func=cmd_unmask)
