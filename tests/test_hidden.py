"""Hidden characters inside words (soft hyphens, zero-width spaces): the families read the
text without them, and every one outside a corrected span is kept."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from benchmarks.layout import SOFT_HYPHEN, hyphenated
from restore import apply_corrections, explain, restore
from restore.hidden import HIDDEN_CHARACTERS, Seen
from tests.strategies import damaged_text
from tests.test_ocr import PAGE
from tests.test_properties import check_report

CASES = Path(__file__).parent / "cases"


def test_clean_text_hyphenated_with_soft_hyphens_is_unchanged() -> None:
    """Read as pieces ("pre", "sented"), a hyphenated text read as OCR and was "corrected"."""
    text = "\n".join(json.loads((CASES / "negative.json").read_text(encoding="utf-8")))
    hyphenated_text = hyphenated(text)
    assert hyphenated_text.count(SOFT_HYPHEN) > 50
    assert restore(hyphenated_text) == hyphenated_text


def test_a_spun_name_is_restored_beside_a_soft_hyphen_which_stays() -> None:
    assert restore("The UN Safety Coun\u00adcil met.") == "The UN Security Coun\u00adcil met."


def test_a_correction_over_a_hidden_character_takes_it_with_it() -> None:
    text = PAGE + " He went wi\u00adtb the officer."
    report = explain(text)
    [fixed] = [c for c in report.applied if c.replacement == "with" and "\u00ad" in c.original]
    assert (fixed.original, text[fixed.start:fixed.end]) == ("wi\u00adtb", "wi\u00adtb")
    assert report.text.endswith(" He went with the officer.")


def test_seen_places_offsets_back_on_the_given_text() -> None:
    seen = Seen("a\u00adb\u200b\u2060c d\ufeff")
    assert seen.text == "abc d\ufeff"  # the mark after the last letter is not inside a word
    assert [seen.given(at) for at in range(len(seen.text) + 1)] == [0, 2, 5, 6, 7, 8, 9]


@st.composite
def with_hidden_characters(draw: st.DrawFn) -> tuple[str, str]:
    """A text, and the same with hidden characters put between some of its letters."""
    text = draw(damaged_text)
    between_letters = [at for at in range(1, len(text))
                       if text[at - 1].isalpha() and text[at].isalpha()]
    if not between_letters:
        return text, text
    chosen = draw(st.lists(st.sampled_from(between_letters), unique=True))
    hidden = draw(st.lists(st.sampled_from(sorted(HIDDEN_CHARACTERS)),
                           min_size=len(chosen), max_size=len(chosen)))
    pieces, last = [], 0
    for at, character in sorted(zip(chosen, hidden, strict=True)):
        pieces += [text[last:at], character]
        last = at
    return text, "".join(pieces) + text[last:]


@given(with_hidden_characters())
def test_hidden_characters_between_letters_change_no_correction(pair: tuple[str, str]) -> None:
    text, hidden = pair
    plain, report = explain(text), explain(hidden)
    check_report(hidden, report)
    assert apply_corrections(hidden, report.corrections) == report.text
    assert ([(c.replacement, c.rule, c.applied) for c in report.corrections]
            == [(c.replacement, c.rule, c.applied) for c in plain.corrections])
