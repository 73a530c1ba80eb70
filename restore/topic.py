"""What the rest of a document says for a word being in it: a naive Bayes topic model.

A synonym fits its trigram about as well as the word it replaced ("the agency said", "the
firm said"); the article around it tells them apart: shares and profits go with a firm,
regulators and ministers with an agency. ``topics.tsv`` (built by
``scripts/build_topics.py`` from news documents) holds, for each word *t*, the words whose
presence or absence in a document best tells whether *t* is in it, as a Bernoulli naive
Bayes model: the document's log-likelihood ratio for *t* is the table's ``base`` (every
listed word absent) plus the ``delta`` of each listed word it holds.

>>> from restore.resources import topic_model
>>> business = {"shares", "profits", "chief", "executive", "investors", "market"}
>>> model = topic_model()
>>> model.log_ratio("firm", business) - model.log_ratio("agency", business) > 0
True
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import numpy as np

from restore.arrays import runs


class TopicModel:
    """Each word's listed features, held as arrays: the feature's number among the table's
    words (a feature the table has no row for is added to them) and its delta."""

    def __init__(self, rows: list[list[str]]) -> None:
        self._words = [word for word, _, _ in rows]
        self._index = {word: i for i, word in enumerate(self._words)}
        self._base = np.array([float(base) for _, base, _ in rows])
        features: list[int] = []
        deltas: list[float] = []
        offsets = [0]
        for _, _, listed in rows:
            for item in listed.split(" ") if listed else ():
                name, _, delta = item.rpartition(":")
                number = self._index.get(name)
                if number is None:
                    number = self._index[name] = len(self._words)
                    self._words.append(name)
                features.append(number)
                deltas.append(float(delta))
            offsets.append(len(features))
        self._rows = len(rows)
        self._features = np.array(features, dtype=np.int32)
        self._deltas = np.array(deltas)
        self._offsets = np.array(offsets, dtype=np.int64)
        self._rowed = frozenset(self._words[:self._rows])  # the words with a row

    def __contains__(self, word: object) -> bool:
        return word in self._rowed

    def knows(self, words: Iterable[str]) -> bool:
        """Whether the table has a row for each of ``words``."""
        return self._rowed.issuperset(words)

    def log_ratio(self, word: str, present: Iterable[str],
                  ignored: Collection[str] = ()) -> float:
        """log P(document | *word* in it) / P(document), for a document holding the words
        ``present`` (lower-cased); the words ``ignored`` count as absent, and a word the
        table lacks gets 0."""
        return self.contrasts([((word,), (), ignored)], present)[0]

    def contrasts(self, asked: Sequence[tuple[Sequence[str], Sequence[str], Collection[str]]],
                  present: Iterable[str]) -> list[float]:
        """For each ``(words for, words against, ignored)`` of ``asked``, the sum of the
        :meth:`log_ratio` of the words for less that of the words against, in one document,
        in one pass over the table's arrays (a spun article asks about hundreds of words).

        >>> model = TopicModel([["firm", "-1.5", "shares:2.00 profits:1.25"],
        ...                     ["agency", "-1.0", "profits:-2.00"]])
        >>> model.contrasts([(["firm"], ["agency"], ()), (["firm"], [], {"shares"})],
        ...                 {"shares", "profits"})
        [4.75, -0.25]
        """
        holds = np.zeros(len(self._words), dtype=bool)
        holds[[number for word in present
               if (number := self._index.get(word)) is not None]] = True
        rows: list[int] = []
        asker: list[int] = []  # for each row asked about: its entry of ``asked``, for or against
        skipped: list[int] = []  # entry * words + feature, for each word an entry ignores
        words = len(self._words)
        for k, (for_words, against_words, ignored) in enumerate(asked):
            for side, listed in ((2 * k, for_words), (2 * k + 1, against_words)):
                for word in listed:
                    i = self._index.get(word)
                    if i is not None and i < self._rows:
                        rows.append(i)
                        asker.append(side)
            skipped += [k * words + number for word in ignored
                        if (number := self._index.get(word)) is not None]
        if not rows:
            return [0.0] * len(asked)
        row = np.array(rows, dtype=np.int64)
        starts, lengths = self._offsets[row], self._offsets[row + 1] - self._offsets[row]
        flat = runs(starts, lengths)
        features = self._features[flat]
        entry = np.repeat(np.array(asker, dtype=np.int64) // 2, lengths)
        held = holds[features]
        at = np.flatnonzero(held)  # an ignored word counts only where the document has it
        held[at[np.isin(entry[at] * words + features[at], skipped)]] = False
        sums = np.bincount(np.repeat(np.arange(len(rows)), lengths), minlength=len(rows),
                           weights=np.where(held, self._deltas[flat], 0.0))
        sides = np.bincount(asker, weights=self._base[row] + sums, minlength=2 * len(asked))
        found: list[float] = (sides[0::2] - sides[1::2]).tolist()
        return found
