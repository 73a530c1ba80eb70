"""The shared text helpers: the token table agrees with the tokenizer everywhere; British
spellings meet their American forms, and only they."""

from __future__ import annotations

import pytest
from hypothesis import given

from restore.fixes.ocr import WORD
from restore.text import TOKEN, american_spelling, match_table
from tests.strategies import any_text


@given(any_text)
def test_a_match_table_holds_every_match_with_its_offsets(text: str) -> None:
    for pattern in (TOKEN, WORD):
        table = match_table(pattern, text)
        assert [(m.start(), m.end(), m[0]) for m in pattern.finditer(text)] == list(
            zip(table.starts, table.ends, table.texts, strict=True))


@pytest.mark.parametrize(("british", "american"), [
    ("travelled", "traveled"), ("cancelling", "canceling"), ("jewellers", "jewelers"),
    ("fuelled", "fueled"), ("dialled", "dialed"), ("honour", "honor"),
    ("organised", "organized"), ("centre", "center"), ("catalogue", "catalog"),
])
def test_a_british_spelling_meets_its_american_form(british: str, american: str) -> None:
    assert american_spelling(british) == american_spelling(american) == american


@pytest.mark.parametrize(("word", "other"), [
    ("called", "caled"), ("filled", "filed"), ("telling", "teling"), ("smaller", "smaler"),
    ("quelled", "queled"), ("willing", "wiling"),
])
def test_a_word_of_ll_is_no_spelling_of_one_with_l(word: str, other: str) -> None:
    # "caled" is a misreading of "called", not its American spelling.
    assert american_spelling(word) == word
    assert american_spelling(word) != american_spelling(other)
