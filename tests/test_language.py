"""Stretches in another language: the families that read English leave them alone."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import given

from restore import explain
from restore.language import foreign_spans, in_foreign_span
from tests.strategies import any_text

OTHER_LANGUAGES = json.loads(
    (Path(__file__).parent / "cases" / "other-languages.json").read_text(encoding="utf-8"))
SPUN = "North Korean Overseas Minister Choe Son Hui told the UN Safety Council on Tuesday."


def test_a_paragraph_in_another_language_is_left_alone_and_the_english_restored() -> None:
    for language, paragraph in OTHER_LANGUAGES.items():
        text = f"{SPUN}\n\n{paragraph}\n"
        report = explain(text)
        assert report.text == text.replace("Overseas", "Foreign").replace("Safety", "Security")
        assert foreign_spans(text) == ((len(SPUN) + 2, len(text) - 1),), language


def test_mojibake_is_repaired_in_any_language() -> None:
    paragraph = OTHER_LANGUAGES["French"].replace("présenté", "prÃ©sentÃ©")
    assert explain(paragraph).text == OTHER_LANGUAGES["French"]


def test_english_and_short_texts_have_no_foreign_span() -> None:
    assert foreign_spans(SPUN * 5) == ()
    assert foreign_spans("El presidente anunció el martes.") == ()  # too short to tell


def test_a_span_is_foreign_where_it_overlaps_one() -> None:
    spans = ((10, 20), (30, 40))
    assert [in_foreign_span(spans, start, end) for start, end in
            ((0, 10), (5, 11), (20, 30), (25, 25), (35, 35), (39, 45))] == [
        False, True, False, False, True, True]


@given(any_text)
def test_foreign_spans_lie_in_the_text_sorted_and_apart(text: str) -> None:
    spans = foreign_spans(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(first[1] < second[0] for first, second in itertools.pairwise(spans))
