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

from collections.abc import Container

import numpy as np


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

    def __contains__(self, word: object) -> bool:
        number = self._index.get(word) if isinstance(word, str) else None
        return number is not None and number < self._rows

    def log_ratio(self, word: str, present: Container[str],
                  ignored: Container[str] = ()) -> float:
        """log P(document | *word* in it) / P(document), for a document holding the words
        ``present`` (lower-cased); the words ``ignored`` count as absent, and a word the
        table lacks gets 0."""
        i = self._index.get(word)
        if i is None or i >= self._rows:
            return 0.0
        span = slice(self._offsets[i], self._offsets[i + 1])
        features: list[int] = self._features[span].tolist()
        deltas: list[float] = self._deltas[span].tolist()
        names = self._words
        return float(self._base[i]) + sum(
            delta for feature, delta in zip(features, deltas, strict=True)
            if names[feature] in present and names[feature] not in ignored)
