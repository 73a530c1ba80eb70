"""Fuzz the public API for a bounded time with a Hypothesis-driven generator, and say what broke.

Usage::

    python -m benchmarks.fuzz [--data ../shared/data] [--seconds 60]

Each example is a text built by Hypothesis from one of: the damage fragments the property
tests use, arbitrary Unicode, and pieces of real development text (spun BBC articles and
BLN600 OCR pages, when ``--data`` has them) cut at random points and spliced with
fragments, runs of one character and random code points. On each, ``explain``,
``restore`` and ``detect`` must not raise, every correction must lie inside the input
without overlapping another, replaying the applied corrections must give the restored
text, and restoring it again must change nothing. Batches run until the time is up; a
failing example is shrunk by Hypothesis and reported. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from benchmarks.common import DEFAULT_DATA, PROJECT
from restore import apply_corrections, detect, explain, restore

#: Examples per Hypothesis run; runs repeat with fresh randomness until the time is up.
BATCH = 200
#: Longest piece of real text an example takes.
PIECE = 4000


def real_texts(data: Path) -> list[str]:
    """Development texts to cut pieces from (the seed articles when the data is absent)."""
    found = sorted((data / "spun-dev" / "bbc").glob("*.spun.txt"))[:200]
    found += sorted((data / "ocr-dev" / "bln600").glob("*.ocr.txt"))[:200]
    if not found:
        found = sorted((PROJECT / "seeds").glob("*.txt"))
    return [path.read_text(encoding="utf-8", errors="replace") for path in found]


def fuzz_texts(texts: list[str]) -> st.SearchStrategy[tuple[str, str]]:
    """(kind, text) examples."""
    from tests.strategies import FRAGMENTS, damaged_text

    runs = st.builds(lambda ch, n: ch * n, st.characters(), st.integers(1, 3000))
    junk = st.one_of(st.sampled_from(FRAGMENTS), runs, st.text(max_size=20))
    piece = st.builds(
        lambda text, start, length: text[start % len(text):][:length],
        st.sampled_from(texts), st.integers(0, 10**9), st.integers(0, PIECE))
    spliced = st.lists(st.one_of(piece, junk), min_size=1, max_size=8).map("".join)
    return st.one_of(
        st.tuples(st.just("fragments"), damaged_text),
        st.tuples(st.just("unicode"), st.text(max_size=500)),
        st.tuples(st.just("real text spliced"), spliced),
    )


def check(text: str) -> None:
    """The API's promises on one text; raises AssertionError (or the API's error) if broken."""
    report = explain(text)
    previous_end = -1
    for c in report.corrections:
        assert 0 <= c.start <= c.end <= len(text), c
        assert text[c.start:c.end] == c.original, c
        assert c.start > previous_end or (c.start == previous_end and c.start < c.end), c
        previous_end = c.end
    assert apply_corrections(text, report.corrections) == report.text
    assert restore(report.text) == report.text, "restore is not idempotent"
    detect(text)


def run(texts: list[str], seconds: float) -> tuple[Counter[str], list[str], float]:
    """Examples run per kind, failures found, and the time taken."""
    seen: Counter[str] = Counter()
    failures: list[str] = []

    @settings(max_examples=BATCH, deadline=None, database=None,
              phases=[Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(fuzz_texts(texts))
    def one(example: tuple[str, str]) -> None:
        kind, text = example
        seen[kind] += 1
        check(text)

    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            one()
        except Exception as error:  # a finding: record it and go on fuzzing
            example = " ".join(getattr(error, "__notes__", []))  # whole: to reproduce it
            failures.append(f"{type(error).__name__}: {str(error)[:300]} ({example})")
    return seen, failures, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    seen, failures, took = run(real_texts(args.data), args.seconds)
    print("| examples | of which: fragments / Unicode / real text spliced | seconds | "
          "failures |")
    print("|---:|---:|---:|---:|")
    print(f"| {sum(seen.values()):,} | {seen['fragments']:,} / {seen['unicode']:,} / "
          f"{seen['real text spliced']:,} | {took:.0f} | {len(failures)} |")
    print()
    if failures:
        print("Findings (shrunk by Hypothesis):")
        print()
        print("\n".join(f"- {failure}" for failure in dict.fromkeys(failures)))
    else:
        print("No finding: every example kept every promise checked.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
