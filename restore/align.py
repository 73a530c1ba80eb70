"""Align a garbled text with its source: which phrases of one became which of the other.

Fact-checkers trace a spun copy back to its source this way, and the phrase-map miner
learns a spinner's thesaurus from it. Tokens are aligned by their longest common
subsequence (rapidfuzz's ``Indel`` opcodes, in C); each run of differing tokens becomes one
:class:`Substitution`. A pure insertion or deletion takes in the token before it, so that
"satellite" → "satellite tv for pc" reads as one substitution.

>>> [(s.garbled, s.source) for s in substitutions("The agency stated it", "The firm said it")]
[('agency stated', 'firm said')]
>>> [(s.garbled, s.source) for s in substitutions("a satellite tv for pc dish", "a satellite dish")]
[('satellite tv for pc', 'satellite')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from restore.text import TokenTable, token_table


@dataclass(frozen=True, slots=True)
class Substitution:
    """``garbled[garbled_start:garbled_end]`` stands where the source had ``source``.

    Token indices (``*_tokens``) are ranges into each side's token list.
    """

    garbled: str
    source: str
    garbled_start: int
    garbled_end: int
    source_start: int
    source_end: int
    garbled_tokens: tuple[int, int]
    source_tokens: tuple[int, int]


def substitutions(garbled: str, source: str) -> list[Substitution]:
    """Every run of tokens where ``garbled`` differs from ``source``, in text order."""
    garbled_tokens, source_tokens = token_table(garbled), token_table(source)
    return [
        _substitution(garbled, source, garbled_tokens, source_tokens, block)
        for block in _blocks(garbled_tokens.texts, source_tokens.texts)
    ]


def _blocks(a: list[str], b: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """Maximal differing runs ``(a_start, a_end, b_start, b_end)`` between token lists; words
    moved across one token make one run with it (:func:`_reordered`)."""
    runs: list[tuple[int, int, int, int]] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            continue
        if runs and runs[-1][1] == op.src_start and runs[-1][3] == op.dest_start:
            runs[-1] = (runs[-1][0], op.src_end, runs[-1][2], op.dest_end)
        else:
            runs.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    pending: tuple[int, int, int, int] | None = None
    merged = False  # whether pending holds a move: it is not cut up again
    for run in runs:
        found = None if pending is None or merged else _reordered(a, b, pending, run)
        if found is None:
            if pending is not None:
                yield _widen(*pending)
            pending, merged = run, False
            continue
        rest, pending = found
        merged = True
        if rest[0] < rest[1] or rest[2] < rest[3]:
            yield _widen(*rest)
    if pending is not None:
        yield _widen(*pending)


def _reordered(a: list[str], b: list[str], first: tuple[int, int, int, int],
               then: tuple[int, int, int, int],
               ) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]] | None:
    """Where the differing runs ``first`` and ``then``, one token apart, hold words moved
    across that token ("interest rates" written "rates of interest", "not to" as "to not"):
    ``first`` without the moved words, and the run from them to the end of ``then``, whose
    one side has every word of the other. ``None`` when no word moved.

    >>> a, b = "boost rates of interest".split(), "raise interest rates".split()
    >>> _reordered(a, b, (0, 1, 0, 2), (2, 4, 3, 3))
    ((0, 1, 0, 1), (1, 4, 1, 3))
    """
    a_start, a_end, b_start, b_end = first
    if then[0] != a_end + 1:
        return None
    after_a = {token.lower() for token in a[then[0]:then[1]] if token.isalpha()}
    after_b = {token.lower() for token in b[then[2]:then[3]] if token.isalpha()}
    for k in range(b_start, b_end):  # a source word the garbled text has after the token
        run = (a_end, then[1], k, then[3])
        if b[k].lower() in after_a and one_holds_the_other(a[a_end:then[1]], b[k:then[3]]):
            return (a_start, a_end, b_start, k), run
    for k in range(a_start, a_end):  # a garbled word the source has after the token
        run = (k, then[1], b_end, then[3])
        if a[k].lower() in after_b and one_holds_the_other(a[k:then[1]], b[b_end:then[3]]):
            return (a_start, k, b_start, b_end), run
    return None


def one_holds_the_other(a: list[str], b: list[str]) -> bool:
    """Whether the words of one list, in any order and case, are all in the other (of lists
    as long as each other: the same words).

    >>> one_holds_the_other(["to", "not"], ["not", "To"]), one_holds_the_other(["a"], ["b"])
    (True, False)
    """
    words_a = Counter(word.lower() for word in a)
    words_b = Counter(word.lower() for word in b)
    return words_a <= words_b or words_b <= words_a


def _widen(a_start: int, a_end: int, b_start: int, b_end: int) -> tuple[int, int, int, int]:
    """Take in the token before an insertion or deletion, when there is one."""
    if (a_start == a_end or b_start == b_end) and a_start > 0 and b_start > 0:
        return a_start - 1, a_end, b_start - 1, b_end
    return a_start, a_end, b_start, b_end


def _substitution(
    garbled: str, source: str, garbled_tokens: TokenTable, source_tokens: TokenTable,
    block: tuple[int, int, int, int],
) -> Substitution:
    a_start, a_end, b_start, b_end = block
    g_start, g_end = _char_range(garbled_tokens, a_start, a_end, len(garbled))
    s_start, s_end = _char_range(source_tokens, b_start, b_end, len(source))
    return Substitution(garbled[g_start:g_end], source[s_start:s_end], g_start, g_end,
                        s_start, s_end, (a_start, a_end), (b_start, b_end))


def _char_range(table: TokenTable, start: int, end: int, length: int) -> tuple[int, int]:
    """Character offsets of tokens ``start:end`` (an empty run sits before token ``start``)."""
    if start < end:
        return table.starts[start], table.ends[end - 1]
    at = table.starts[start] if start < len(table.starts) else length
    return at, at
