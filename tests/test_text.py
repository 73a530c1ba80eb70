"""The shared text helpers: the token table agrees with the tokenizer everywhere."""

from __future__ import annotations

from hypothesis import given

from restore.fixes.ocr import WORD
from restore.text import TOKEN, match_table
from tests.strategies import any_text


@given(any_text)
def test_a_match_table_holds_every_match_with_its_offsets(text: str) -> None:
    for pattern in (TOKEN, WORD):
        table = match_table(pattern, text)
        assert [(m.start(), m.end(), m[0]) for m in pattern.finditer(text)] == list(
            zip(table.starts, table.ends, table.texts, strict=True))
