"""How an OCR engine misreads print: character confusions and their probabilities.

A confusion is a printed string of one or two characters read as another string ("m" →
"rn", "h" → "li", "e" → "c"); ``scripts/learn_ocr_channel.py`` counts them by aligning
machine OCR with human transcriptions and ships ``ocr-channel.tsv``. This module aligns a
word with its reading into confusions, scores P(read | printed) from the table, and
proposes printed words for a reading by undoing one confusion.

>>> confusions("modern", "rnodem")
[('m', 'rn'), ('rn', 'm')]
>>> confusions("the", "tlie")
[('h', 'li')]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

#: Longest printed string of a confusion; longer differing stretches count as unknown.
MAX_SOURCE = 2
#: Longest reading of a confusion.
MAX_SEEN = MAX_SOURCE + 1
#: P of a confusion never seen in the training pairs, per printed character.
UNSEEN = 1e-4


def confusions(source: str, seen: str) -> list[tuple[str, str]]:
    """The confusions that turn the printed word ``source`` into the reading ``seen``.

    Adjacent edits join into one confusion; an inserted character joins the printed one
    before it (or after it, at the start of the word).
    """
    edits: list[list[int]] = []  # [source start, source end, seen start, seen end]
    for op in Levenshtein.opcodes(source, seen):
        if op.tag == "equal":
            continue
        if edits and edits[-1][1] == op.src_start and edits[-1][3] == op.dest_start:
            edits[-1][1], edits[-1][3] = op.src_end, op.dest_end
        else:
            edits.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    found = []
    for s_start, s_end, o_start, o_end in edits:
        if s_start == s_end:
            if s_start > 0:
                s_start, o_start = s_start - 1, o_start - 1
            else:
                s_end, o_end = s_end + 1, o_end + 1
        found.append((source[s_start:s_end], seen[o_start:o_end]))
    return found


def substrings(word: str) -> list[str]:
    """Every string of one to ``MAX_SOURCE`` characters in ``word``, with repeats.

    >>> substrings("abc")
    ['a', 'b', 'c', 'ab', 'bc']
    """
    return [word[i:i + n] for n in range(1, MAX_SOURCE + 1) for i in range(len(word) - n + 1)]


class Channel:
    """P(reading | printed word) under learned confusions.

    ``rows`` are ``(source, seen, confused, source_occurrences)`` as in ``ocr-channel.tsv``.

    >>> channel = Channel([("h", "li", 50, 1000), ("e", "c", 30, 3000)])
    >>> channel.log_prob("the", "tlie") > channel.log_prob("the", "tne")
    True
    >>> sorted(channel.undo("tlie"))
    ['the']
    """

    def __init__(self, rows: Iterable[tuple[str, str, int, int]]) -> None:
        self._log: dict[tuple[str, str], float] = {}
        errors: dict[str, int] = {}
        occurrences: dict[str, int] = {}
        self._undo: dict[str, list[str]] = {}
        for source, seen, confused, source_occurrences in rows:
            self._log[source, seen] = math.log(confused / source_occurrences)
            if len(source) == 1:
                errors[source] = errors.get(source, 0) + confused
                occurrences[source] = source_occurrences
            self._undo.setdefault(seen, []).append(source)
        #: log P(a character is read as itself), per character and for unseen ones.
        self._log_kept = {
            ch: math.log(max(1.0 - errors[ch] / occurrences[ch], 0.5)) for ch in errors
        }
        self._log_unseen = math.log(UNSEEN)

    def log_prob(self, printed: str, seen: str) -> float:
        """Log P(``seen`` | ``printed``): each confusion's probability, and every character
        outside them read as itself."""
        kept = self._kept(printed)
        if printed == seen:
            return kept
        total = kept
        for source, reading in confusions(printed, seen):
            total += self._log.get((source, reading), self._log_unseen * max(len(source), 1))
            total -= self._kept(source)
        return total

    def _kept(self, printed: str) -> float:
        """Log P(every character of ``printed`` is read as itself)."""
        return sum(map(self._log_kept.get, printed, itertools.repeat(0.0)))

    def undo(self, seen: str) -> set[str]:
        """Printed strings that one learned confusion would read as ``seen``."""
        found: set[str] = set()
        size = len(seen)
        for i in range(size):
            head = seen[:i]
            for n in range(1, min(MAX_SEEN, size - i) + 1):
                sources = self._undo.get(seen[i:i + n])
                if sources:
                    tail = seen[i + n:]
                    found.update([head + source + tail for source in sources])
        found.discard(seen)
        return found
