"""Stretches of a text in another language than English, which the families that read
English leave alone.

A stretch of ``MIN_TOKENS`` tokens or more, fewer of which than ``MIN_ENGLISH_SHARE`` are
among the commonest English words ("the", "of", "and": the 34 the corpus has 250,000 times
or more), is in another language: they make 4.3% or more of every BLN600 page however
garbled (11.5% of 99 pages in 100) and 18.4% or more of every BBC article, and 0 to 1.8% of
news in German, French, Spanish or Dutch. The stretches judged are a text's paragraphs
(between blank lines) and its lines; a shorter one cannot be told and counts as English.

>>> spanish = "El presidente anunció el martes un paquete de medidas para las familias. " * 3
>>> english = "The minister said that the plan was ready and that it would work. " * 3
>>> foreign_spans(english + "\\n\\n" + spanish)
((200, 419),)
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence

import regex

from restore import resources
from restore.text import PARAGRAPH_BREAK, lines_with_offsets, token_table

#: The commonest English words have this count in the corpus (lower case).
COMMONEST_WORD_MIN_COUNT = 250_000
#: A stretch with fewer of its tokens among the commonest English words is in another language.
MIN_ENGLISH_SHARE = 0.03
#: Tokens a stretch must have to be told (a headline of three words cannot).
MIN_TOKENS = 30


@functools.cache
def commonest_words() -> frozenset[str]:
    """The lower-case words the corpus has ``COMMONEST_WORD_MIN_COUNT`` times."""
    return frozenset(word for word, count in resources.word_counts().items()
                     if count >= COMMONEST_WORD_MIN_COUNT)


@functools.cache
def _commonest_word() -> regex.Pattern[str]:
    """One of :func:`commonest_words`, in any case, as a word of its own."""
    words = "|".join(sorted(commonest_words(), key=len, reverse=True))
    return regex.compile(f"(?<![\\p{{L}}\\p{{M}}])(?:{words})(?![\\p{{L}}\\p{{M}}])",
                         regex.IGNORECASE)


@functools.lru_cache(maxsize=2)
def foreign_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The paragraphs and lines of ``text`` in another language, as sorted ``(start, end)``
    offsets, overlapping ones merged (the last two texts' kept)."""
    starts = token_table(text).starts
    if len(starts) < MIN_TOKENS:
        return ()
    found: list[tuple[int, int]] = []
    for start, end in sorted(_stretches(text)):
        tokens = bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)
        if tokens >= MIN_TOKENS and not _english(text, start, end, tokens):
            if found and start <= found[-1][1]:
                found[-1] = (found[-1][0], max(end, found[-1][1]))
            else:
                found.append((start, end))
    return tuple(found)


def in_foreign_span(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (or, when empty, falls inside one)."""
    return any(first < max(end, start + 1) and start < last for first, last in spans)


def _english(text: str, start: int, end: int, tokens: int) -> bool:
    """Whether ``MIN_ENGLISH_SHARE`` of the ``tokens`` of ``text[start:end]`` are among the
    commonest English words (the search stops once enough are)."""
    needed = MIN_ENGLISH_SHARE * tokens
    return any(found >= needed
               for found, _ in enumerate(_commonest_word().finditer(text, start, end), start=1))


def _stretches(text: str) -> Iterator[tuple[int, int]]:
    """The paragraphs (between blank lines) and the lines of ``text``."""
    start = 0
    for paragraph_break in PARAGRAPH_BREAK.finditer(text):
        yield start, paragraph_break.start()
        start = paragraph_break.end()
    yield start, len(text)
    for offset, line in lines_with_offsets(text):
        yield offset, offset + len(line)
