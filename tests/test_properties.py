"""Properties that hold for every string: replay, spans, idempotence, no exceptions."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from restore import Report, apply_corrections, explain, families, restore
from restore.align import substitutions
from restore.fixes import ocr
from restore.model import Correction
from restore.text import tokens
from tests.strategies import FRAGMENTS, any_text, damaged_text


def apply_reference(text: str, corrections: tuple[Correction, ...]) -> str:
    """Obviously correct replay: apply applied corrections right to left."""
    for c in sorted((c for c in corrections if c.applied), key=lambda c: c.start, reverse=True):
        text = text[: c.start] + c.replacement + text[c.end:]
    return text


def check_report(text: str, report: Report) -> None:
    previous_end = -1
    for c in report.corrections:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start:c.end] == c.original
        assert 0.0 <= c.confidence <= 1.0
        assert c.start > previous_end or (c.start == previous_end and c.start < c.end), c
        previous_end = c.end
        assert c.family in families()


@given(any_text)
def test_report_is_consistent(text: str) -> None:
    report = explain(text)
    check_report(text, report)
    assert report.text == restore(text)
    assert apply_corrections(text, report.corrections) == report.text
    assert apply_reference(text, report.corrections) == report.text


@given(any_text)
@example("Ü\u00ad\x88")  # ftfy's fix of \x88 put a letter after the soft hyphen
def test_restore_is_idempotent(text: str) -> None:
    once = restore(text)
    assert restore(once) == once


@given(any_text)
def test_bytes_outside_spans_are_unchanged(text: str) -> None:
    report = explain(text)
    restored, position, cursor = report.text, 0, 0
    for c in report.applied:
        gap = text[position:c.start]
        assert restored[cursor:cursor + len(gap)] == gap
        cursor += len(gap) + len(c.replacement)
        position = c.end
    assert restored[cursor:] == text[position:]


@given(any_text, st.floats(0.0, 1.0))
def test_threshold_only_decides_what_is_applied(text: str, threshold: float) -> None:
    report = explain(text, min_confidence=threshold)
    assert all((c.confidence >= threshold) == c.applied for c in report.corrections)


@settings(max_examples=25)
@given(st.sampled_from(FRAGMENTS), st.integers(1_000, 5_000))
def test_very_long_lines(fragment: str, repeat: int) -> None:
    text = (fragment + " ") * repeat
    report = explain(text)
    check_report(text, report)
    assert restore(report.text) == report.text


@given(damaged_text, st.sampled_from(["\n", "\r\n"]))
def test_line_endings_survive(text: str, newline: str) -> None:
    line = text.replace("\r", "").replace("\n", "").replace("\x85", "").replace("\u2028", "")
    document = newline.join([line, line, ""])
    report = explain(document)
    # Only a word broken at a line end may take its line break with it: joined, or read whole.
    joined = [c for c in report.applied if "\n" in c.original or "\r" in c.original]
    assert all(ocr.LINE_END_HYPHEN.search(c.original) for c in joined)
    for mark in {newline, "\n"}:
        taken = sum(c.original.count(mark) - c.replacement.count(mark) for c in joined)
        assert report.text.count(mark) == document.count(mark) - taken
    assert report.text.endswith(newline)


#: Few words, so that texts drawn from them share words and move them about.
_FEW_WORDS = st.lists(st.sampled_from(["a", "the", "of", "x"]), max_size=12).map(" ".join)


@settings(max_examples=1000)
@given(_FEW_WORDS, _FEW_WORDS)
@example("a a of the", "a the of a the a")  # one move, then another out of it: not cut twice
def test_substitutions_rebuild_the_source(garbled: str, source: str) -> None:
    found = substitutions(garbled, source)
    pieces, at = [], 0
    for s in found:
        assert at <= s.garbled_start <= s.garbled_end <= len(garbled)
        assert garbled[s.garbled_start:s.garbled_end] == s.garbled
        assert source[s.source_start:s.source_end] == s.source
        pieces += [garbled[at:s.garbled_start], f" {s.source} "]
        at = s.garbled_end
    assert tokens("".join([*pieces, garbled[at:]])) == tokens(source)
