"""The dictionary words nearest a word: those within the fewest edits, at most two
(optimal string alignment distance: insertions, deletions, substitutions and swaps of
neighbours, as SymSpell counts them).

A SymSpell index answers a look-up in about 0.1 ms but takes about a second to build; a
scan of the dictionary's words of nearly the same length (rapidfuzz, in C++) answers the
same in about 2 ms with nothing to build. A process that looks up few words (a page of
OCR restored from the command line) scans; the index is built once the scans have cost
about what building it would, so a long run pays at most twice the least it could.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    from symspellpy import SymSpell

#: The most edits between a word and its nearest dictionary words.
MAX_EDITS = 2
#: Look-ups answered by scanning before the index is built: about its build time (0.9 s)
#: over a scan's (1.7 ms).
SCANS_BEFORE_INDEX = 500
#: SymSpell's indexed prefix: 6 keeps the index at about 55 MB (7: 105 MB) for look-ups
#: that take about 0.1 ms.
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
        self._index: SymSpell | None = None

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    @property
    def indexed(self) -> bool:
        """Whether the SymSpell index has been built."""
        return self._index is not None

    def nearest(self, word: str) -> tuple[str, ...]:
        """The dictionary words fewest edits from ``word`` (``word`` alone when it is one),
        in alphabetical order; none when all are more than ``MAX_EDITS`` away."""
        if self._index is None and self._scans < self.scans_before_index:
            self._scans += 1
            return self._scan(word)
        return self._look_up(word)

    def _scan(self, word: str) -> tuple[str, ...]:
        choices = self._of_near_length(len(word))
        if not choices:
            return ()
        distances = process.cdist([word], choices, scorer=OSA.distance,
                                  score_cutoff=MAX_EDITS, dtype=np.uint8, workers=1)[0]
        fewest = distances.min()
        if fewest > MAX_EDITS:
            return ()
        return tuple(sorted(choices[i] for i in np.flatnonzero(distances == fewest)))

    def _of_near_length(self, length: int) -> list[str]:
        """The words at most ``MAX_EDITS`` letters longer or shorter than ``length``."""
        if length not in self._near_length:
            self._near_length[length] = [
                word for near in range(length - MAX_EDITS, length + MAX_EDITS + 1)
                for word in self._by_length.get(near, ())]
        return self._near_length[length]

    def _look_up(self, word: str) -> tuple[str, ...]:
        from symspellpy import Verbosity

        index = self._index or self.build_index()
        # A look-up within one edit finds the nearest words whenever there are any (for
        # 60% of the non-words of BLN600), and costs less than one within two.
        near = (index.lookup(word, Verbosity.CLOSEST, max_edit_distance=1)
                or index.lookup(word, Verbosity.CLOSEST, max_edit_distance=MAX_EDITS))
        return tuple(sorted(suggestion.term for suggestion in near))

    def build_index(self) -> SymSpell:
        """The SymSpell index of the words, built now if it is not yet (about a second)."""
        if self._index is not None:
            return self._index
        from symspellpy import SymSpell
        from symspellpy.editdistance import DistanceAlgorithm, EditDistance

        index = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=PREFIX_LENGTH,
                         distance_comparer=EditDistance(DistanceAlgorithm.DAMERAU_OSA_FAST))
        for word, count in self.counts.items():
            index.create_dictionary_entry(word, count)
        self._index = index
        return index
