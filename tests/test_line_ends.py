"""Words broken by a hyphen at a line end, read whole by what weighs a document's words."""

from __future__ import annotations

from hypothesis import given

from restore.line_ends import token_table_read_whole
from restore.ocr_page import text_ocr_probability
from restore.text import token_table
from tests.strategies import damaged_text

#: Clean copy set in a narrow column: a word broken at nearly every line end.
COLUMN = ("The com-\nmittee said the min-\nister had consid-\nered the pro-\nposals care-\n"
          "fully, and that the gov-\nernment would pub-\nlish its re-\nsponse in Novem-\nber.\n")


def test_a_clean_column_broken_at_line_ends_is_no_ocr_page() -> None:
    assert text_ocr_probability(COLUMN) < 0.01


def test_a_broken_word_is_one_token_over_its_pieces_and_a_compound_stays_three() -> None:
    text = "The pro-\r\nperty was well-\nknown."
    table = token_table_read_whole(text)
    assert table.texts == ["The", "property", "was", "well", "-", "known", "."]
    assert (table.starts[1], table.ends[1]) == (4, 15)


@given(damaged_text)
def test_tokens_read_whole_cover_the_text_as_its_tokens_do(text: str) -> None:
    whole, tokens = token_table_read_whole(text), token_table(text)
    assert list(whole.starts) == sorted(whole.starts)
    assert all(start < end for start, end in zip(whole.starts, whole.ends, strict=True))
    assert set(whole.starts) <= set(tokens.starts) and set(whole.ends) <= set(tokens.ends)
    for start, end, word in zip(whole.starts, whole.ends, whole.texts, strict=True):
        assert word == text[start:end] or "-" in text[start:end]
