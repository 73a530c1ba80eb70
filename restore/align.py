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
