"""Composing the edits of several passes into corrections on the input."""

from __future__ import annotations

from restore.model import Correction
from restore.pipeline import _Pieces, apply_corrections


def _fix(text: str, start: int, end: int, replacement: str, confidence: float = 0.9) -> Correction:
    return Correction(start, end, text[start:end], replacement, confidence, "test.fix", replacement)


def test_two_edits_inside_one_rewritten_piece_compose_into_one_correction() -> None:
    original = "and comr- euted for trial"
    pieces = _Pieces(original)
    pieces.apply([_fix(original, 4, 15, "comr-euted")])
    current = pieces.text()
    assert current == "and comr-euted for trial"
    pieces.apply([_fix(current, 4, 8, "come", 0.8), _fix(current, 9, 14, "outed", 0.85)])
    assert pieces.text() == "and come-outed for trial"
    (joined,) = pieces.corrections()
    assert (joined.start, joined.end, joined.replacement) == (4, 15, "come-outed")
    assert joined.confidence == 0.8
    assert apply_corrections(original, [joined]) == pieces.text()


def test_edits_in_different_pieces_stay_apart() -> None:
    original = "tbe cat and tbe dog"
    pieces = _Pieces(original)
    pieces.apply([_fix(original, 0, 3, "the")])
    current = pieces.text()
    pieces.apply([_fix(current, 12, 15, "the"), _fix(current, 4, 7, "cats")])
    assert pieces.text() == "the cats and the dog"
    assert [(c.start, c.end) for c in pieces.corrections()] == [(0, 3), (4, 7), (12, 15)]


def test_an_insertion_and_a_rewrite_at_one_point_report_as_one_correction() -> None:
    # Found by benchmarks/fuzz.py: mojibake, then a spelled-out score, met at one offset.
    from restore import explain

    text = "â€™’five-0â€™"
    report = explain(text)
    assert apply_corrections(text, report.corrections) == report.text == "’’5-0’"
    starts = [c.start for c in report.corrections]
    assert len(starts) == len(set(starts))
