"""The ``restore`` command: restore text files or standard input.

Errors are one line on stderr starting ``restore:``; exit status 0 on success, 1 when an
input could not be read or written, 2 on a usage error. An empty input is no failure: its
output is empty, and one line on stderr says there was nothing to restore.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import BinaryIO, NoReturn

from restore import Config, __version__, families
from restore.atomic import write_atomically
from restore.batch import (
    READ_SIZE,
    STDIN,
    InputError,
    Job,
    Outcome,
    empty_notice,
    expand,
    ordered_map,
    process_file,
    process_record,
    read_text,
)
from restore.model import DEFAULT_MIN_CONFIDENCE
from restore.pipeline import check_families


class UsageError(Exception):
    """Arguments that cannot work together."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"restore: error: {message} (see restore --help)\n")


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {value}")
    return number


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return number or os.cpu_count() or 1


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="restore",
        description="Repair machine-garbled news text: spun synonyms, rewriter artifacts, OCR.",
        epilog="Exit status: 0 success, 1 an input could not be read or written, 2 usage error.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="UTF-8 text files; standard input when none or '-'")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of standard output")
    parser.add_argument("-i", "--in-place", action="store_true",
                        help="rewrite each FILE atomically with its restored text")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff of the changes")
    mode.add_argument("--json", action="store_true",
                      help="print one JSON object per correction (JSON Lines); with --detect, "
                      "one per file")
    parser.add_argument("--detect", action="store_true",
                        help="do not restore: print per file whether it looks spun, damaged "
                        "by a rewriter, garbled by OCR or clean, with a score and evidence")
    parser.add_argument("--min-confidence", type=_confidence, default=DEFAULT_MIN_CONFIDENCE,
                        metavar="X", help=f"apply corrections with confidence >= X "
                        f"(default {DEFAULT_MIN_CONFIDENCE})")
    parser.add_argument("--only", action="append", default=[], metavar="FAMILY",
                        help="run only these families (repeat or comma-separate)")
    parser.add_argument("--skip", action="append", default=[], metavar="FAMILY",
                        help="do not run these families (repeat or comma-separate)")
    parser.add_argument("--list-families", action="store_true",
                        help="list the correction families and exit")
    parser.add_argument("-r", "--recursive", action="store_true",
                        help="restore the files in each directory FILE, and in its subdirectories")
    parser.add_argument("--include", default="*.txt", metavar="GLOB",
                        help="with -r, the file names to take (default '*.txt')")
    parser.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                        help="worker processes (default 1; 0 means one per core); the output "
                        "is the same, in the same order")
    parser.add_argument("--jsonl", action="store_true",
                        help="inputs are JSON Lines: restore one field of each record, pass "
                        "the other fields through and add the corrections")
    parser.add_argument("--field", default="text", metavar="NAME",
                        help="with --jsonl, the field to restore (default 'text')")
    parser.add_argument("--corrections-key", default="corrections", metavar="NAME",
                        help="with --jsonl, the key the corrections are added under "
                        "(default 'corrections')")
    parser.add_argument("--stats", action="store_true",
                        help="print a summary line of corrections per file on stderr")
    parser.add_argument("--version", action="version", version=f"restore {__version__}")
    return parser


def _split_names(values: Iterable[str]) -> set[str]:
    return {name.strip() for value in values for name in value.split(",") if name.strip()}


def _config(args: argparse.Namespace) -> Config:
    only, skip = _split_names(args.only), _split_names(args.skip)
    try:
        check_families(only | skip)
    except ValueError as error:
        raise UsageError(str(error)) from None
    chosen = (only or set(families())) - skip
    if not chosen:
        raise UsageError("--only and --skip leave no family to run")
    all_families = chosen == set(families())
    return Config(min_confidence=args.min_confidence,
                  families=None if all_families else frozenset(chosen))


def _check_usage(args: argparse.Namespace) -> None:
    inputs = args.files or [STDIN]
    if args.jsonl and (args.in_place or args.diff or args.json or args.detect):
        flag = next(f for f, on in (("--in-place", args.in_place), ("--diff", args.diff),
                                    ("--json", args.json), ("--detect", args.detect)) if on)
        raise UsageError(f"--jsonl writes restored records; it cannot be combined with {flag}")
    if args.detect and (args.in_place or args.diff):
        raise UsageError("--detect reports on its inputs; it cannot be combined with "
                         f"{'--in-place' if args.in_place else '--diff'}")
    if args.in_place and STDIN in inputs:
        raise UsageError("--in-place needs FILE arguments, not standard input")
    if args.in_place and args.output:
        raise UsageError("--in-place and --output cannot be used together")
    if args.in_place and inputs.count(STDIN) > 1:
        raise UsageError("standard input can be read only once")
    if args.output:
        for name in inputs:
            if name != STDIN and _same_file(name, args.output):
                raise UsageError(f"refusing to write over the input {name} (use --in-place)")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _progress(outcomes: Iterable[Outcome], total: int) -> Iterable[Outcome]:
    if total < 2 or not sys.stderr.isatty():
        return outcomes
    from tqdm import tqdm

    # A terminal that reports no size (a fresh pty) makes tqdm draw nothing: use shutil's
    # fallback size instead.
    size = shutil.get_terminal_size()
    return tqdm(outcomes, desc="restore", unit="file", file=sys.stderr,  # type: ignore[no-any-return]
                total=total, leave=False, ncols=size.columns, nrows=size.lines)


def _job(args: argparse.Namespace) -> Job:
    if args.detect:
        mode = "detect-json" if args.json else "detect"
    else:
        mode = "json" if args.json else "diff" if args.diff else "text"
    return Job(_config(args), mode, args.in_place)


def _run(args: argparse.Namespace, out: BinaryIO) -> int:
    job = _job(args)
    names = list(expand(args.files or [STDIN], args.recursive, args.include))
    if args.jsonl:
        return _run_records(args, job, names, out)
    tasks: list[tuple[str, str | None]] = []
    status = applied = failed = 0
    for name in names:
        try:  # standard input is read here: a worker process cannot
            tasks.append((name, read_text(name) if name == STDIN else None))
        except InputError as error:
            print(f"restore: {error}", file=sys.stderr)
            status, failed = 1, failed + 1
    chunk = max(1, min(8, len(tasks) // (8 * args.jobs)))  # fewer round trips, still balanced
    outcomes = ordered_map(functools.partial(_process_task, job), tasks, args.jobs, chunk)
    for outcome in _progress(outcomes, len(tasks)):
        if outcome.error:
            print(f"restore: {outcome.error}", file=sys.stderr)
            status, failed = 1, failed + 1
            continue
        if outcome.notice:
            print(f"restore: {outcome.notice}", file=sys.stderr)
        if outcome.output:
            out.write(outcome.output.encode("utf-8"))
            out.flush()
        if outcome.spool:
            _copy_out(outcome.spool, out)
        applied += outcome.applied
        if args.stats and outcome.stats:
            print(outcome.stats, file=sys.stderr)
    if args.stats and len(tasks) > 1:
        print(f"restore: {len(tasks)} files, {applied} corrections applied, {failed} failed",
              file=sys.stderr)
    return status


def _copy_out(spool: str, out: BinaryIO) -> None:
    """Copy a large file's restored text to ``out`` and remove the spool file."""
    try:
        with open(spool, "rb") as handle:
            shutil.copyfileobj(handle, out, READ_SIZE)
        out.flush()
    finally:
        os.unlink(spool)


def _process_task(job: Job, task: tuple[str, str | None]) -> Outcome:
    return process_file(job, *task)


def _run_records(args: argparse.Namespace, job: Job, names: list[str], out: BinaryIO) -> int:
    status = applied = records = 0
    for name in names:
        try:
            text = read_text(name)
        except InputError as error:
            print(f"restore: {error}", file=sys.stderr)
            status = 1
            continue
        if not text:
            print(f"restore: {empty_notice(name)}", file=sys.stderr)
        lines = text.splitlines(keepends=True)
        work = functools.partial(_process_line, job, args.field, args.corrections_key, name)
        for outcome in ordered_map(work, enumerate(lines, 1), args.jobs, chunksize=64):
            if outcome.error:
                print(f"restore: {outcome.error}", file=sys.stderr)
                status = 1
            out.write(outcome.output.encode("utf-8"))
            applied += outcome.applied
            records += 1
        out.flush()
    if args.stats:
        print(f"restore: {records} records, {applied} corrections applied", file=sys.stderr)
    return status


def _process_line(job: Job, field: str, key: str, name: str, numbered: tuple[int, str]
                  ) -> Outcome:
    number, line = numbered
    return process_record(job, field, key, f"{name}:{number}", line)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``restore`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_families:
        described = families()
        width = max(map(len, described))
        for name, description in described.items():
            print(f"{name:{width}} {description}")
        return 0
    try:
        _check_usage(args)
        if not args.output:
            return _run(args, sys.stdout.buffer)
        collected = io.BytesIO()
        status = _run(args, collected)
        write_atomically(args.output, collected.getvalue())
        return status
    except UsageError as error:
        print(f"restore: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (``restore big.txt | head``): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        print(f"restore: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("restore: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
