"""Units of command-line work and their ordered, parallel execution.

A :class:`Job` says what to do with every input (restore, report corrections, diff,
detect; write in place or not). :func:`process_file` and :func:`process_record` do it for
one file or one JSON Lines record and return what to print, so the same code runs in this
process or in a worker. :func:`ordered_map` spreads the units over worker processes, each
loading the dictionaries once, and yields the results in input order, so the output of
``--jobs N`` is byte-for-byte that of one job.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import fnmatch
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from restore.atomic import AtomicWriter, write_atomically
from restore.detect import Detection, detect
from restore.model import Config, Correction, Report
from restore.resources import warm_up

STDIN = "-"
Item = TypeVar("Item")
Result = TypeVar("Result")


class InputError(Exception):
    """An input that cannot be restored; its message is the one line shown to the user."""


@dataclass(frozen=True, slots=True)
class Job:
    """What to do with each input. ``mode``: "text", "json", "diff", "detect" or
    "detect-json"; ``in_place`` rewrites each file instead of printing its text."""

    config: Config
    mode: str = "text"
    in_place: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one input: what to print, and its one-line error or statistics."""

    name: str
    output: str = ""
    error: str | None = None
    applied: int = 0
    stats: str | None = None
    #: A file holding the output instead (a large input restored as a stream): the caller
    #: copies it out and removes it.
    spool: str | None = None
    #: A one-line remark for the user that is no failure (an empty input).
    notice: str | None = None


#: Files larger than this (bytes) are restored as a stream, window by window, in bounded
#: memory; standard input and smaller files are read whole.
STREAM_ABOVE = 8 << 20
#: Bytes read at a time when streaming.
READ_SIZE = 1 << 20


def read_text(name: str) -> str:
    """The decoded contents of ``name`` (or stdin for ``-``), or an :class:`InputError`."""
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise _read_error(name, error) from None
    _check_bytes(name, data, 0)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8(name, data, error, 0) from None


def read_chunks(name: str) -> Iterator[str]:
    """The decoded contents of the file ``name`` in pieces of about ``READ_SIZE`` bytes.

    The whole file is checked first (NUL bytes, UTF-8), so an :class:`InputError` comes
    before any piece: nothing is written from a file that cannot be restored whole.
    """
    for _ in _decoded(name):
        pass
    return _decoded(name)


def _decoded(name: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        with open(name, "rb") as handle:
            while data := handle.read(READ_SIZE):
                _check_bytes(name, data, offset)
                try:
                    yield decoder.decode(data)
                except UnicodeDecodeError as error:
                    raise _not_utf8(name, data, error, offset) from None
                offset += len(data)
        try:
            yield decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise _not_utf8(name, error.object, error, offset - len(error.object)) from None
    except OSError as error:
        raise _read_error(name, error) from None


def _read_error(name: str, error: OSError) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError(f"{name}: no such file")
    if isinstance(error, IsADirectoryError):
        return InputError(f"{name}: is a directory (use -r to restore the files in it)")
    if isinstance(error, PermissionError):
        return InputError(f"{name}: permission denied")
    return InputError(f"{name}: cannot read: {error.strerror or error}")


def _check_bytes(name: str, data: bytes, offset: int) -> None:
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"{name}: binary file (NUL byte at offset {offset + nul}), not restored")


def _not_utf8(name: str, data: bytes, error: UnicodeDecodeError, offset: int) -> InputError:
    return InputError(f"{name}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
                      f"{offset + error.start}), not restored")


def process_file(job: Job, name: str, text: str | None = None) -> Outcome:
    """Do ``job`` on the file ``name`` (its ``text`` when already read, as stdin is)."""
    from restore import Restorer

    try:
        if text is None and job.mode == "text" and _size(name) > STREAM_ABOVE:
            return _stream_file(job, name)
        if text is None:
            text = read_text(name)
        if job.mode.startswith("detect"):
            return Outcome(name, detection_line(name, detect(text), job.mode == "detect-json"))
        if not text:
            return Outcome(name, notice=empty_notice(name))
        report = Restorer(job.config).explain(text)
        if job.in_place and report.text != text:
            write_atomically(name, report.text.encode("utf-8"))
    except InputError as error:
        return Outcome(name, error=str(error))
    except OSError as error:
        return Outcome(name, error=f"{name}: cannot write: {error.strerror or error}")
    if job.mode == "json":
        output = json_lines(name, text, report)
    elif job.mode == "diff":
        output = unified_diff(name, text, report)
    else:
        output = "" if job.in_place else report.text
    return Outcome(name, output, applied=len(report.applied), stats=stats_line(name, report))


def empty_notice(name: str) -> str:
    """What the user is told of an empty input ``name``: no failure, nothing to restore."""
    return f"{name}: empty, nothing to restore"


def _size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0  # reading it says why


def _stream_file(job: Job, name: str) -> Outcome:
    """Restore a large file window by window: in place, or into a spool file for the caller."""
    from restore import Restorer

    reports = Restorer(job.config).explain_stream(read_chunks(name))
    tally = _Tally()
    if job.in_place:
        with AtomicWriter(name) as writer:
            tally.write(reports, writer.write)
            if not tally.applied:
                writer.discard()
        return Outcome(name, applied=sum(tally.applied.values()), stats=tally.line(name))
    with tempfile.NamedTemporaryFile("wb", prefix="restore-", suffix=".out",
                                     delete=False) as spool:
        try:
            tally.write(reports, spool.write)
        except BaseException:
            spool.close()
            os.unlink(spool.name)
            raise
    return Outcome(name, applied=sum(tally.applied.values()), stats=tally.line(name),
                   spool=spool.name)


class _Tally:
    """A stream's windows written out and their corrections counted, for its statistics
    line."""

    def __init__(self) -> None:
        self.applied: Counter[str] = Counter()
        self.suggested = 0

    def write(self, reports: Iterable[Report], write: Callable[[bytes], object]) -> None:
        """Write each window's restored text and count its corrections."""
        for report in reports:
            write(report.text.encode("utf-8"))
            self.applied.update(c.rule for c in report.applied)
            self.suggested += len(report.suggested)

    def line(self, name: str) -> str:
        return _stats(name, self.applied, self.suggested)


def process_record(job: Job, field: str, key: str, where: str, line: str) -> Outcome:
    """Restore ``field`` of one JSON Lines record and add its corrections under ``key``.

    Other fields pass through; a line that is blank is kept as it is; a line that is not a
    JSON object with a string ``field`` is kept as it is and reported (``where`` names it).
    """
    from restore import Restorer

    body = line.rstrip("\r\n")
    ending = line[len(body):]
    if not body.strip():
        return Outcome(where, line)
    try:
        record = json.loads(body)
    except json.JSONDecodeError as error:
        return Outcome(where, line, error=f"{where}: not JSON ({error.msg})")
    if not isinstance(record, dict) or not isinstance(record.get(field), str):
        return Outcome(where, line, error=f"{where}: no string field {field!r}")
    report = Restorer(job.config).explain(record[field])
    record[field] = report.text
    record[key] = [_correction_fields(c) for c in report.corrections]
    return Outcome(where, json.dumps(record, ensure_ascii=False) + (ending or "\n"),
                   applied=len(report.applied))


def ordered_map(function: Callable[[Item], Result], items: Iterable[Item], jobs: int,
                chunksize: int = 1) -> Iterator[Result]:
    """``map(function, items)``, in order, over ``jobs`` worker processes when above one."""
    if jobs <= 1:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=warm_up) as pool:
        yield from pool.map(function, items, chunksize=chunksize)


def _correction_fields(c: Correction) -> dict[str, object]:
    return {"start": c.start, "end": c.end, "original": c.original,
            "replacement": c.replacement, "confidence": round(c.confidence, 4),
            "rule": c.rule, "note": c.note, "applied": c.applied}


def json_lines(name: str, text: str, report: Report) -> str:
    """One JSON object per correction, with 1-based line and column of its start."""
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    rows = []
    for c in report.corrections:
        line = bisect.bisect_right(starts, c.start)
        rows.append(json.dumps({
            "file": name, "start": c.start, "end": c.end, "line": line,
            "column": c.start - starts[line - 1] + 1, "original": c.original,
            "replacement": c.replacement, "confidence": round(c.confidence, 4),
            "rule": c.rule, "note": c.note, "applied": c.applied,
        }, ensure_ascii=False) + "\n")
    return "".join(rows)


def unified_diff(name: str, text: str, report: Report) -> str:
    """A unified diff from the input to the restored text ('' when nothing changed)."""
    lines = difflib.unified_diff(text.splitlines(keepends=True),
                                 report.text.splitlines(keepends=True),
                                 fromfile=name, tofile=name)
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


def stats_line(name: str, report: Report) -> str:
    """``restore: NAME: N applied, M suggested (rule n, ...)``."""
    return _stats(name, Counter(c.rule for c in report.applied), len(report.suggested))


def _stats(name: str, applied: Counter[str], suggested: int) -> str:
    detail = ", ".join(f"{rule} {n}" for rule, n in sorted(applied.items()))
    return (f"restore: {name}: {sum(applied.values())} applied, {suggested} suggested"
            + (f" ({detail})" if detail else ""))


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


def expand(names: Iterable[str], recursive: bool, include: str) -> Iterator[str]:
    """The inputs, each directory replaced (with ``recursive``) by the files in it whose
    name matches ``include``, walked in sorted order."""
    for name in names:
        if recursive and name != STDIN and os.path.isdir(name):
            for root, directories, files in os.walk(name):
                directories.sort()
                for file in sorted(files):
                    if fnmatch.fnmatch(file, include):
                        yield os.path.join(root, file)
        else:
            yield name
