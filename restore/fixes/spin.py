"""Synonym spinning reversed: phrases a spinner substituted, put back in context.

A news spinner replaces every phrase it has a key for by a listed synonym, whole words,
case kept ("Foreign Minister" → "Overseas Minister", "satellite" → "satellite tv for pc").
Reversal is a noisy-channel choice for each spun phrase *s* met in the text, between leaving
it and each original *o* it stood for in the mined pairs (``spin-phrases.tsv``)::

    P(o | s, context) ∝ P(spun) · P(o | s) · LM(o in context)
    P(keep | s, context) ∝ (P(clean) + P(spun) · P(s kept | s)) · LM(s in context)

``P(o | s)`` is the share of the phrase's occurrences in spun text that were aligned with
*o*; the language model (:mod:`restore.lm`) scores each reading with the two tokens on each
side; ``P(spun)``, the document's odds of being spun at all, comes from the words it uses
(``spin-evidence.tsv``: a spinner writes "stated" where news writes "said"), so the same
phrase is restored in a spun article and left alone in clean copy. The confidence of a
correction is the posterior of the chosen original.

>>> [(c.original, c.replacement) for c in propose(
...     "The corporate stated its income had been buoyed by gross sales of satellite tv for pc "
...     "dishes, based on the UN Safety Council.") if c.confidence >= 0.8]  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from restore import resources
from restore.model import Correction
from restore.text import token_spans, tokens, transfer_case

#: Longest spun phrase looked up, in tokens.
MAX_PHRASE = 4
#: Weight of the summed word evidence in the document's log-odds of being spun (the words
#: are far from independent, so their naive sum overstates the evidence) and the prior
#: log-odds before any word is read.
EVIDENCE_WEIGHT = 0.25
PRIOR_LOG_ODDS = 0.0
#: Weight of the language model against the channel prior.
LM_WEIGHT = 1.0
#: Share below which a candidate is not reported at all.
REPORT_FLOOR = 0.3


def propose(text: str) -> list[Correction]:
    """Corrections turning spun phrases in ``text`` back into their originals."""
    phrases = resources.spin_phrases()
    if not phrases:
        return []
    spans = list(token_spans(text))
    words = [token.lower() for _, _, token in spans]
    p_spun = spun_probability(words)
    corrections = []
    for i in range(len(spans)):
        for n in range(min(MAX_PHRASE, len(spans) - i), 0, -1):
            entry = phrases.get(tuple(words[i:i + n]))
            if entry is None or not _one_line(text, spans[i][1], spans[i + n - 1][0]):
                continue
            correction = _choose(text, spans, i, i + n, entry, p_spun)
            if correction is not None:
                corrections.append(correction)
    return corrections


def spun_probability(words: Sequence[str]) -> float:
    """The odds, as a probability, that a text with these lower-cased tokens was spun."""
    evidence = resources.spin_evidence()
    log_odds = PRIOR_LOG_ODDS + EVIDENCE_WEIGHT * sum(evidence.get(w, 0.0) for w in words)
    return 1.0 / (1.0 + math.exp(-max(min(log_odds, 50.0), -50.0)))


def _one_line(text: str, start: int, end: int) -> bool:
    """Whether the gap between a phrase's first and last tokens holds no line break."""
    return "\n" not in text[start:end] and "\r" not in text[start:end]


def _choose(text: str, spans: list[tuple[int, int, str]], first: int, last: int,
            entry: resources.SpinEntry, p_spun: float) -> Correction | None:
    model = resources.ngram_model()
    start, end = spans[first][0], spans[last - 1][1]
    seen = text[start:end]
    left = [t for *_, t in spans[max(0, first - 2):first]]
    right = [t for *_, t in spans[last:last + 2]]
    kept_share = max(1.0 - sum(n for _, n in entry.originals) / entry.occurrences, 0.01)
    keep_score = math.log((1.0 - p_spun) + p_spun * kept_share) + LM_WEIGHT * (
        model.score_in_context(left, [t for *_, t in spans[first:last]], right))
    scored = []
    for original, aligned in entry.originals:
        replacement = original if original != original.lower() else transfer_case(original, seen)
        if replacement == seen:
            continue
        score = math.log(p_spun * aligned / entry.occurrences + 1e-12) + LM_WEIGHT * (
            model.score_in_context(left, tokens(replacement), right))
        scored.append((score, replacement, original, aligned))
    if not scored:
        return None
    top = max(s for s, *_ in scored)
    norm = max(top, keep_score)
    total = math.exp(keep_score - norm) + sum(math.exp(s - norm) for s, *_ in scored)
    score, replacement, original, aligned = max(scored)
    confidence = math.exp(score - norm) / total
    if confidence < REPORT_FLOOR:
        return None
    return Correction(
        start, end, seen, replacement, round(confidence, 3), "spin.phrase",
        f"spun phrase: stood for “{original}” in {aligned} of its {entry.occurrences} "
        f"uses in mined spun text; document spun with p={p_spun:.2f}",
    )
