"""Text helpers shared by the families: the tokenizer, line spans, span-based corrections."""

from __future__ import annotations

import functools
import itertools
from array import array
from collections.abc import Iterator
from typing import NamedTuple

import regex

from restore.model import Correction

#: One token: a number (with inner separators), a run of letters, an apostrophe suffix
#: after a letter ("'s", "’t"), or any other single non-space character (a quote mark).
#: Hyphens and apostrophes split words, so "high-speed" and "AOL's" share counts with
#: "high", "speed" and "AOL".
TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|\p{L}[\p{L}\p{M}]*|(?<=\p{L})['’]\p{L}+|[^\s\p{L}\d]")
#: Spellings that carry no meaning for word statistics: every digit reads as 0, curly
#: quotes as straight ones. Each maps one character to one, so offsets are kept.
STATISTICS_SPELLING = str.maketrans("123456789’‘“”", "000000000''\"\"")
#: An HTML character reference, named or numbered ("&amp;", "&#39;").
ENTITY = regex.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")
#: The characters :meth:`str.splitlines` breaks lines at.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: A paragraph break: a line break, a line blank but for spaces or tabs, and another break
#: (the paragraphs :func:`restore.language.foreign_spans` reads from :meth:`str.splitlines`).
PARAGRAPH_BREAK = regex.compile(rf"(?:\r\n|[{LINE_BREAKS}])[ \t]*(?:\r\n|[{LINE_BREAKS}])")


def tokens(text: str) -> list[str]:
    """The tokens of ``text``, as spelled in it.

    >>> tokens("AOL's high-speed profit rose 2.4% in the U.S.")  # doctest: +NORMALIZE_WHITESPACE
    ['AOL', "'s", 'high', '-', 'speed', 'profit', 'rose', '2.4', '%', 'in', 'the',
     'U', '.', 'S', '.']
    """
    return TOKEN.findall(text)


class TokenTable(NamedTuple):
    """The tokens of a text as parallel sequences of start and end offsets and token texts.

    Cheaper than a list of tuples for long texts: the offsets are machine integers (8 bytes
    each), and a list of strings is not tracked by the garbage collector.
    """

    starts: array[int]
    ends: array[int]
    texts: list[str]


@functools.lru_cache(maxsize=2)
def token_table(text: str) -> TokenTable:
    """The tokens of ``text`` as a :class:`TokenTable` (shared: do not change its lists).

    The last two texts' tables are kept, so the families of one pass tokenize a text once.

    >>> token_table("Hi, you")
    TokenTable(starts=array('q', [0, 2, 4]), ends=array('q', [2, 3, 7]), texts=['Hi', ',', 'you'])
    """
    return match_table(TOKEN, text)


def match_table(pattern: regex.Pattern[str], text: str) -> TokenTable:
    """The matches of ``pattern`` (which has no groups nor inline flags, and never matches
    the empty string) in ``text`` as a :class:`TokenTable`: one ``split`` on the pattern
    captured, several times faster than ``finditer``.

    >>> match_table(regex.compile(r"\\d+"), "a 12 b 3")
    TokenTable(starts=array('q', [2, 7]), ends=array('q', [4, 8]), texts=['12', '3'])
    """
    # The split is gap, match, gap, match, ..., gap: the running sums of their lengths are
    # in turn where a match starts and where it ends (the last, the text's length, is not).
    pieces = _captured(pattern).split(text)
    one_copy: dict[str, str] = {}  # each distinct token held once: most tokens repeat
    texts = [one_copy.setdefault(token, token) for token in pieces[1::2]]
    bounds = array("q", itertools.accumulate(map(len, pieces)))
    return TokenTable(bounds[0:-1:2], bounds[1::2], texts)


@functools.cache
def _captured(pattern: regex.Pattern[str]) -> regex.Pattern[str]:
    """``pattern`` as one capturing group, so that ``split`` keeps the matches."""
    return regex.compile(f"({pattern.pattern})", pattern.flags)


def statistics_spelling(text: str) -> str:
    """``text`` as the word statistics spell it (digits as 0, straight quotes), same length.

    >>> print(statistics_spelling("“It’s 2.45”"))
    "It's 0.00"
    """
    return text.translate(STATISTICS_SPELLING)


#: British spellings and their American forms, applied in order to a lower-case word.
BRITISH_TO_AMERICAN = (
    (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"our(s|ed|ing|able|ite|ites|er|ers)?$", r"or\1"),
    (r"([^aeiou])tre(s)?$", r"\1ter\2"),
    # Britain doubles the l of a final unstressed syllable ("travel", "fuel", "dial"), not
    # the ll of "call", "fill" or "tell": "called" is no spelling of "caled".
    (r"((?:[aeiouy][^aeiouy]+[aeiou]+|[^q]ue|ia))ll(ed|ing|er|ers)$", r"\1l\2"),
    (r"ogue(s)?$", r"og\1"),
    (r"ence$", r"ense"),
)
AMERICAN_SPELLING = tuple((regex.compile(pattern), replacement)
                          for pattern, replacement in BRITISH_TO_AMERICAN)
#: Any of the British endings: a word without one is spelled the same in America.
BRITISH_ENDING = regex.compile("|".join(f"(?:{pattern})" for pattern, _ in BRITISH_TO_AMERICAN))


@functools.lru_cache(maxsize=1 << 16)
def american_spelling(word: str) -> str:
    """``word`` in American spelling, so that a British spelling is not taken for a misreading.

    >>> [american_spelling(word) for word in ("organisation", "honour", "travelled", "called")]
    ['organization', 'honor', 'traveled', 'called']
    """
    if BRITISH_ENDING.search(word) is None:
        return word
    for pattern, replacement in AMERICAN_SPELLING:
        word = pattern.sub(replacement, word)
    return word


def transfer_case(replacement: str, model: str) -> str:
    """``replacement`` (lower case) in the case of ``model``, the text it replaces.

    >>> transfer_case("cold war", "Chilly Struggle"), transfer_case("according to", "Based on")
    ('Cold War', 'According to')
    >>> transfer_case("security", "SAFETY"), transfer_case("in", "within")
    ('SECURITY', 'in')
    """
    letters = [ch for ch in model if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    words = model.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    if model[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` (without its line break) and the offset where it starts.

    >>> list(lines_with_offsets("ab\\r\\ncd\\nef"))
    [(0, 'ab'), (4, 'cd'), (7, 'ef')]
    """
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip(LINE_BREAKS)
        yield offset, body
        offset += len(line)


def replace_span(
    text: str, start: int, end: int, replacement: str, confidence: float, rule: str, note: str
) -> Correction:
    """A correction replacing ``text[start:end]`` by ``replacement``.

    >>> replace_span("do n't", 0, 6, "don't", 0.9, "spacing.contraction", "joined").original
    "do n't"
    """
    return Correction(start, end, text[start:end], replacement, confidence, rule, note)
