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

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from restore.text import token_spans


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
    garbled_spans = list(token_spans(garbled))
    source_spans = list(token_spans(source))
    return [
        _substitution(garbled, source, garbled_spans, source_spans, block)
        for block in _blocks([t for *_, t in garbled_spans], [t for *_, t in source_spans])
    ]


def _blocks(a: list[str], b: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """Maximal differing runs ``(a_start, a_end, b_start, b_end)`` between token lists."""
    pending: list[int] | None = None
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            if pending is not None:
                yield _widen(*pending)
                pending = None
            continue
        if pending is None:
            pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            pending[1], pending[3] = op.src_end, op.dest_end
    if pending is not None:
        yield _widen(*pending)


def _widen(a_start: int, a_end: int, b_start: int, b_end: int) -> tuple[int, int, int, int]:
    """Take in the token before an insertion or deletion, when there is one."""
    if (a_start == a_end or b_start == b_end) and a_start > 0 and b_start > 0:
        return a_start - 1, a_end, b_start - 1, b_end
    return a_start, a_end, b_start, b_end


def _substitution(
    garbled: str, source: str, garbled_spans: list[tuple[int, int, str]],
    source_spans: list[tuple[int, int, str]], block: tuple[int, int, int, int],
) -> Substitution:
    a_start, a_end, b_start, b_end = block
    g_start, g_end = _char_range(garbled_spans, a_start, a_end, len(garbled))
    s_start, s_end = _char_range(source_spans, b_start, b_end, len(source))
    return Substitution(garbled[g_start:g_end], source[s_start:s_end], g_start, g_end,
                        s_start, s_end, (a_start, a_end), (b_start, b_end))


def _char_range(spans: list[tuple[int, int, str]], start: int, end: int,
                length: int) -> tuple[int, int]:
    """Character offsets of tokens ``start:end`` (an empty run sits before token ``start``)."""
    if start < end:
        return spans[start][0], spans[end - 1][1]
    at = spans[start][0] if start < len(spans) else length
    return at, at
