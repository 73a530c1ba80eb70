"""The dictionary words nearest a word: those within the fewest edits, at most two
(optimal string alignment distance: insertions, deletions, substitutions and swaps of
neighbours, as SymSpell counts them).

An index of symmetric deletes (SymSpell's) answers a look-up in about 0.05 ms but takes
about a second to build; a scan of the dictionary's words of nearly the same length answers
the same in about 2 ms with nothing to build (both measure edits with rapidfuzz, in C++).
A process that looks up few words (a page of OCR restored from the command line) scans; the
index is built once the scans have cost about what building it would, so a long run pays at
most twice the least it could.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

#: The most edits between a word and its nearest dictionary words.
MAX_EDITS = 2
#: Look-ups answered by scanning before the index is built: about its build time (0.9 s)
#: over a scan's (1.7 ms).
SCANS_BEFORE_INDEX = 500
#: The indexed prefix: 6 keeps the index at about 55 MB (7: 105 MB).
PREFIX_LENGTH = 6


class Spelling:
    """The words of a dictionary and the nearest of them to any word.

    ``scans_before_index`` look-ups are answered by scanning, the rest by the index.

    >>> spelling = Spelling({"court": 90, "count": 50, "could": 70, "the": 900})
    >>> spelling.nearest("couwt"), spelling.nearest("court"), spelling.nearest("xyzzy")
    (('count', 'court'), ('court',), ())
    >>> spelling.indexed
    False
    """

    def __init__(self, counts: Mapping[str, int],
                 scans_before_index: int = SCANS_BEFORE_INDEX) -> None:
        self.counts = counts
        self.scans_before_index = scans_before_index
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(counts):
            self._by_length.setdefault(len(word), []).append(word)
        self._near_length: dict[int, list[str]] = {}
        self._scans = 0
        self._deletes: dict[str, list[str]] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    @property
    def indexed(self) -> bool:
        """Whether the index has been built."""
        return self._deletes is not None

    def nearest(self, word: str) -> tuple[str, ...]:
        """The dictionary words fewest edits from ``word`` (``word`` alone when it is one),
        in alphabetical order; none when all are more than ``MAX_EDITS`` away."""
        if self._deletes is None and self._scans < self.scans_before_index:
            self._scans += 1
            return self._scan(word)
        return self._look_up(word)

    def _scan(self, word: str) -> tuple[str, ...]:
        return _nearest_of(word, self._of_near_length(len(word)))

    def _of_near_length(self, length: int) -> list[str]:
        """The words at most ``MAX_EDITS`` letters longer or shorter than ``length``."""
        if length not in self._near_length:
            self._near_length[length] = [
                word for near in range(length - MAX_EDITS, length + MAX_EDITS + 1)
                for word in self._by_length.get(near, ())]
        return self._near_length[length]

    def _look_up(self, word: str) -> tuple[str, ...]:
        """The nearest words among those the index files under the deletions of ``word``'s
        prefix (SymSpell's symmetric deletes), measured in C++ rather than by SymSpell's
        own look-up in Python (twice as slow)."""
        if word in self.counts:
            return (word,)
        deletes = self._deletes if self._deletes is not None else self.build_index()
        return _nearest_of(word, [filed for deletion in _deletions(word[:PREFIX_LENGTH])
                                  for filed in deletes.get(deletion, ())])

    def build_index(self) -> dict[str, list[str]]:
        """The index, built now if it is not yet (about a second): the words under each
        string their prefix gives with up to ``MAX_EDITS`` letters deleted (SymSpell's)."""
        if self._deletes is None:
            from symspellpy import SymSpell

            index = SymSpell(max_dictionary_edit_distance=MAX_EDITS,
                             prefix_length=PREFIX_LENGTH)
            for word, count in self.counts.items():
                index.create_dictionary_entry(word, count)
            self._deletes = index.deletes
        return self._deletes


def _deletions(prefix: str) -> set[str]:
    """``prefix`` and the strings it gives with up to ``MAX_EDITS`` letters deleted.

    >>> sorted(_deletions("the"))
    ['e', 'h', 'he', 't', 'te', 'th', 'the']
    """
    found = level = {prefix}
    for _ in range(MAX_EDITS):
        level = {shorter[:i] + shorter[i + 1:] for shorter in level for i in range(len(shorter))}
        found = found | level
    return found


def _nearest_of(word: str, choices: list[str]) -> tuple[str, ...]:
    """The ``choices`` (repeats allowed) fewest edits, at most ``MAX_EDITS``, from ``word``,
    in alphabetical order."""
    if not choices:
        return ()
    distances = process.cdist([word], choices, scorer=OSA.distance, score_cutoff=MAX_EDITS,
                              dtype=np.uint8, workers=1)[0]
    fewest = distances.min()
    if fewest > MAX_EDITS:
        return ()
    return tuple(sorted({choices[i] for i in np.flatnonzero(distances == fewest)}))
