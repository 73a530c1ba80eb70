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

from restore import resources
from restore.text import LINE_BREAKS, token_table

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


@functools.lru_cache(maxsize=2)
def foreign_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The paragraphs and lines of ``text`` in another language, as sorted ``(start, end)``
    offsets, overlapping ones merged (the last two texts' kept)."""
    table = token_table(text)
    if len(table.texts) < MIN_TOKENS:
        return ()
    found: list[tuple[int, int]] = []
    for start, end in sorted(set(_stretches(text))):
        first = bisect.bisect_left(table.starts, start)
        after = bisect.bisect_left(table.starts, end)
        if after - first >= MIN_TOKENS and not _english(table.texts, first, after):
            if found and start <= found[-1][1]:
                found[-1] = (found[-1][0], max(end, found[-1][1]))
            else:
                found.append((start, end))
    return tuple(found)


def in_foreign_span(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (or, when empty, falls inside one)."""
    return any(first < max(end, start + 1) and start < last for first, last in spans)


def _english(tokens: list[str], first: int, after: int) -> bool:
    """Whether ``MIN_ENGLISH_SHARE`` of ``tokens[first:after]`` are among the commonest
    English words (the count stops once enough are)."""
    needed = MIN_ENGLISH_SHARE * (after - first)
    common = commonest_words()
    found = 0
    for at in range(first, after):
        if tokens[at].lower() in common:
            found += 1
            if found >= needed:
                return True
    return False


def _stretches(text: str) -> Iterator[tuple[int, int]]:
    """The paragraphs (runs of lines not blank) and the lines of ``text`` (without their
    line breaks) that may hold ``MIN_TOKENS`` tokens (as many characters)."""
    paragraph_start = paragraph_end = offset = 0
    for line in text.splitlines(keepends=True):
        end = offset + len(line.rstrip(LINE_BREAKS))
        if end - offset >= MIN_TOKENS:
            yield offset, end
        if line.strip(" \t" + LINE_BREAKS):
            paragraph_end = end
        else:
            if paragraph_end - paragraph_start >= MIN_TOKENS:
                yield paragraph_start, paragraph_end
            paragraph_start = paragraph_end = offset + len(line)
        offset += len(line)
    if paragraph_end - paragraph_start >= MIN_TOKENS:
        yield paragraph_start, paragraph_end
