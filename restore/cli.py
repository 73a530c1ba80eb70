"""The ``restore`` command: restore text files or standard input.

Errors are one line on stderr starting ``restore:``; exit status 0 on success, 1 when an
input could not be read or written, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import io
import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO, NoReturn

from restore import Config, Report, Restorer, __version__, families
from restore.atomic import write_atomically
from restore.detect import Detection, detect
from restore.model import DEFAULT_MIN_CONFIDENCE
from restore.pipeline import check_families

STDIN = "-"


class InputError(Exception):
    """An input that cannot be restored; its message is the one line shown to the user."""


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


def read_text(name: str) -> str:
    """The decoded contents of ``name`` (or stdin for ``-``), or an :class:`InputError`."""
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as handle:
                data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"{name}: binary file (NUL byte at offset {nul}), not restored")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}), "
            f"not restored"
        ) from None


@dataclass(frozen=True)
class _Done:
    name: str
    text: str
    report: Report


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def json_lines(done: _Done) -> str:
    """One JSON object per correction, with 1-based line and column of its start."""
    starts = _line_starts(done.text)
    rows = []
    for c in done.report.corrections:
        line = bisect.bisect_right(starts, c.start)
        rows.append(json.dumps({
            "file": done.name, "start": c.start, "end": c.end, "line": line,
            "column": c.start - starts[line - 1] + 1, "original": c.original,
            "replacement": c.replacement, "confidence": round(c.confidence, 4),
            "rule": c.rule, "note": c.note, "applied": c.applied,
        }, ensure_ascii=False) + "\n")
    return "".join(rows)


def unified_diff(done: _Done) -> str:
    """A unified diff from the input to the restored text ('' when nothing changed)."""
    lines = difflib.unified_diff(done.text.splitlines(keepends=True),
                                 done.report.text.splitlines(keepends=True),
                                 fromfile=done.name, tofile=done.name)
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


def _stats_line(done: _Done) -> str:
    applied = done.report.applied
    rules = Counter(c.rule for c in applied)
    detail = ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items()))
    return (f"restore: {done.name}: {len(applied)} applied, "
            f"{len(done.report.suggested)} suggested" + (f" ({detail})" if detail else ""))


def detection_line(name: str, detection: Detection, as_json: bool) -> str:
    """One line on one file's :class:`~restore.detect.Detection`: text or a JSON object."""
    if as_json:
        return json.dumps({
            "file": name, "label": detection.label, "score": round(detection.overall, 4),
            "scores": {family: round(score, 4) for family, score in detection.scores.items()},
            "evidence": [{"family": s.family, "start": s.start, "end": s.end, "text": s.text,
                          "weight": s.weight} for s in detection.evidence],
        }, ensure_ascii=False) + "\n"
    scores = ", ".join(f"{family} {score:.2f}" for family, score in detection.scores.items())
    shown = [s for s in detection.evidence if s.family == detection.label]
    evidence = "; ".join(f"{s.text!r} at {s.start}–{s.end}" for s in shown)
    return (f"{name}: {detection.label} ({scores})" + (f": {evidence}" if evidence else "")
            + "\n")


def _render(done: _Done, args: argparse.Namespace) -> str | None:
    if args.json:
        return json_lines(done)
    if args.diff:
        return unified_diff(done)
    if args.in_place:
        return None
    return done.report.text


def _progress(names: Sequence[str]) -> Iterable[str]:
    if len(names) < 2 or not sys.stderr.isatty():
        return names
    from tqdm import tqdm

    # A terminal that reports no size (a fresh pty) makes tqdm draw nothing: use shutil's
    # fallback size instead.
    size = shutil.get_terminal_size()
    return tqdm(names, desc="restore", unit="file", file=sys.stderr,  # type: ignore[no-any-return]
                leave=False, ncols=size.columns, nrows=size.lines)


def _run(args: argparse.Namespace, out: BinaryIO) -> int:
    restorer = Restorer(_config(args))
    status = 0
    for name in _progress(args.files or [STDIN]):
        try:
            text = read_text(name)
            if args.detect:
                out.write(detection_line(name, detect(text), args.json).encode("utf-8"))
                out.flush()
                continue
            done = _Done(name, text, restorer.explain(text))
            if args.in_place and done.report.text != text:
                write_atomically(name, done.report.text.encode("utf-8"))
        except InputError as error:
            print(f"restore: {error}", file=sys.stderr)
            status = 1
            continue
        except OSError as error:
            print(f"restore: {name}: cannot write: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        rendered = _render(done, args)
        if rendered:
            out.write(rendered.encode("utf-8"))
            out.flush()
        if args.stats:
            print(_stats_line(done), file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``restore`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_families:
        for name, description in families().items():
            print(f"{name:10} {description}")
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
