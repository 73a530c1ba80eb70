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
correction is the posterior of the chosen original. Phrases are matched longest first, left
to right, as a spinner applies its keys: the words of a restored phrase are not read again.

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
    i = 0
    while i < len(spans):
        step = 1
        for n in range(min(MAX_PHRASE, len(spans) - i), 0, -1):
            entry = phrases.get(tuple(words[i:i + n]))
            if entry is None or not _one_line(text, spans[i][1], spans[i + n - 1][0]):
                continue
            correction = _choose(text, spans, i, i + n, entry, p_spun)
            if correction is not None:
                corrections.append(correction)
                step = n
                break
        i += step
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
    placed = _fit(text, start, end, replacement, first, spans)
    if placed is None:
        return None
    start, replacement = placed
    return Correction(
        start, end, text[start:end], replacement, round(confidence, 3), "spin.phrase",
        f"spun phrase: stood for “{original}” in {aligned} of its {entry.occurrences} "
        f"uses in mined spun text; document spun with p={p_spun:.2f}",
    )


def _fit(text: str, start: int, end: int, replacement: str, first: int,
         spans: list[tuple[int, int, str]]) -> tuple[int, str] | None:
    """Where the replacement goes and how it reads there: spacing of clitics and the article
    before it. ``None`` when it cannot be placed ("is" → "’s" after no space)."""
    seen = text[start:end]
    clitic_seen, clitic_new = seen[:1] in APOSTROPHES, replacement[:1] in APOSTROPHES
    if clitic_seen and not clitic_new:
        replacement = " " + replacement  # it’s → it is
    elif clitic_new and not clitic_seen:
        if text[start - 1:start] != " ":
            return None
        start -= 1  # they are → they’re
        if "’" in text[max(0, start - 40):start + 40]:
            replacement = "’" + replacement[1:]
    if first > 0 and spans[first - 1][2].lower() in ("a", "an") and not clitic_seen:
        article_start, article_end, article = spans[first - 1]
        wanted = "an" if _takes_an(replacement) else "a"
        if article.lower() != wanted and text[article_end:start] == " ":
            cased = transfer_case(wanted, article)
            return article_start, cased + " " + replacement
    return start, replacement


APOSTROPHES = ("'", "’")
#: Words whose first letter misleads: "a union", "a one-off", "an hour", "an honest".
CONSONANT_SOUND = ("uni", "use", "usu", "one", "once", "eu", "ur")
VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def _takes_an(phrase: str) -> bool:
    word = phrase.lower()
    if word.startswith(VOWEL_SOUND):
        return True
    return word[:1] in "aeiou" and not word.startswith(CONSONANT_SOUND)
