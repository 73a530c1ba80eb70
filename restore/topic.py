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


class TopicModel:
    """Each word's listed features, parsed the first time the word is asked about."""

    def __init__(self, rows: list[list[str]]) -> None:
        self._raw = {word: (base, listed) for word, base, listed in rows}
        self._parsed: dict[str, tuple[float, tuple[tuple[str, float], ...]]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._raw

    def log_ratio(self, word: str, present: Container[str],
                  ignored: Container[str] = ()) -> float:
        """log P(document | *word* in it) / P(document), for a document holding the words
        ``present`` (lower-cased); the words ``ignored`` count as absent, and a word the
        table lacks gets 0."""
        parsed = self._parsed.get(word)
        if parsed is None:
            raw = self._raw.get(word)
            if raw is None:
                return 0.0
            base, listed = raw
            pairs = (item.rpartition(":") for item in listed.split(" "))
            parsed = self._parsed[word] = (
                float(base), tuple((name, float(delta)) for name, _, delta in pairs))
        base_ratio, features = parsed
        return base_ratio + sum(delta for name, delta in features
                                if name in present and name not in ignored)
