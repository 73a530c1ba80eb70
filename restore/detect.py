"""Is a text spun, damaged by a rewriter, garbled by OCR, or clean? A score with evidence.

Three cheap signals, each read off one tokenization of the text and turned into a score in
[0, 1]:

- ``spun``: the document's odds of having been through a spinner, from the words it uses
  (the spin family's word evidence, ``spin-evidence.tsv``): "stated", "corporate" and
  "had been" where news writes "said", "company" and "were"; or, for a spinner that swaps
  common words for another sense ("arsenic" for "as"), how strongly the function-words
  family reads such words as swapped (:func:`restore.fixes.function_words.read`).
- ``artifacts``: tokenizer, quote and numeral damage that edited prose does not contain
  ("do n't", "11, 000", "” The", "2.four"), by matches per 1,000 tokens.
- ``ocr``: the share of lower-case words the context model has never seen ("tbe", "aud",
  "tlie"), each counted once (:func:`restore.ocr_page.ocr_probability`); names and
  capitalized words do not count, so rare proper nouns do not look garbled, and a text none
  of whose unseen words is one OCR confusion from a common word ("yardmen") is not OCR.

Thresholds were set on the development data (``benchmarks/detect.py`` reports ROC AUC and
precision and recall at them): a family whose score is at least ``THRESHOLD`` names the
label, the highest such score winning; otherwise the text is ``clean``.

>>> d = detect("The corporate stated its income had been buoyed by gross sales abroad, "
...            "in keeping with a report to the UN Safety Council. Nevertheless, the agency "
...            "additionally mentioned that web prospects had been fewer.")
>>> d.label, d.scores["spun"] > 0.9
('spun', True)
>>> detect("The company said profits rose 5% in the third quarter.").label
'clean'
>>> detect("The council whitethorn beryllium ready to act arsenic soon arsenic possible, "
...        "officials said successful London.").label
'spun'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from restore import lm, resources
from restore.fixes import function_words, numerals, spacing
from restore.fixes.spin import text_spun_probability
from restore.ocr_page import text_ocr_probability
from restore.probability import logistic
from restore.text import token_table

#: A family's score at or above which it names the label.
THRESHOLD = 0.5
#: Artifact matches per 1,000 tokens at which the artifacts score is one half.
ARTIFACTS_HALF = 1.0
#: Evidence items kept per family.
EVIDENCE = 5
#: Log-likelihood ratio of words swapped for another sense against none
#: (:func:`restore.fixes.function_words.read`) at which a text reads as the function-word
#: spinner's with probability one half: clean copy reads at most 1.8 (the BBC originals) and
#: 7.2 (the held-back corpus documents; 99% below 4.1), the BBC originals with a tenth of
#: their words with an entry swapped 2.2 at the median, a fifth 7.6, half 21.
SWAPPED_LOG_RATIO_HALF = 8.0

REVERSED_OPENING_QUOTE = regex.compile(r"(?:^|(?<=[\s:]))” ?(?=\p{Lu})", regex.MULTILINE)
ARTIFACT_PATTERNS = (
    spacing.SPLIT_NEGATION, spacing.SPLIT_DIGIT_GROUPS, spacing.SPLIT_CLITIC,
    REVERSED_OPENING_QUOTE, numerals.AFTER_DECIMAL_POINT, numerals.BEFORE_DECIMAL_POINT,
)


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of evidence: ``text[start:end]`` and how much it says for ``family``."""

    family: str
    start: int
    end: int
    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class Detection:
    """The verdict on a text: a score per family and overall, a label, the evidence."""

    scores: dict[str, float]
    overall: float
    label: str
    evidence: tuple[Signal, ...]


def detect(text: str) -> Detection:
    """Scores, label and strongest evidence for ``text`` (see the module docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"detect() expects str, got {type(text).__name__}")
    table = token_table(text)
    words = [token.lower() for token in table.texts]
    spun, spun_signals = _spun(text, table.starts, table.ends, words)
    swapped, swapped_signals = _swapped(text)
    if swapped > spun:
        spun, spun_signals = swapped, swapped_signals
    artifacts, artifact_signals = _artifacts(text, len(words))
    ocr, ocr_signals = _ocr(text, table.starts, table.ends, table.texts)
    scores = {"spun": spun, "artifacts": artifacts, "ocr": ocr}
    best = max(scores, key=lambda family: scores[family])
    label = best if scores[best] >= THRESHOLD else "clean"
    return Detection(scores, scores[best], label,
                     tuple(spun_signals + artifact_signals + ocr_signals))


def _spun(text: str, starts: Sequence[int], ends: Sequence[int],
          words: list[str]) -> tuple[float, list[Signal]]:
    evidence = resources.spin_evidence()
    strongest: dict[str, tuple[float, int]] = {}
    for i, word in enumerate(words):
        weight = evidence.get(word, 0.0)
        if weight > 0 and word not in strongest:
            strongest[word] = (weight, i)
    top = sorted(strongest.values(), reverse=True)[:EVIDENCE]
    signals = [Signal("spun", starts[i], ends[i], text[starts[i]:ends[i]], round(w, 2))
               for w, i in top]
    return text_spun_probability(text), signals


def _swapped(text: str) -> tuple[float, list[Signal]]:
    readings, log_ratio = function_words.read(text)
    strongest = sorted(readings, key=lambda r: -r.posterior)[:EVIDENCE]
    signals = [Signal("spun", r.start, r.end, r.seen, round(r.posterior, 2)) for r in strongest]
    return logistic(log_ratio - SWAPPED_LOG_RATIO_HALF), signals


def _artifacts(text: str, tokens: int) -> tuple[float, list[Signal]]:
    matches = [m for pattern in ARTIFACT_PATTERNS for m in pattern.finditer(text)]
    per_thousand = 1000 * len(matches) / max(tokens, 1)
    score = 1.0 - math.exp(-math.log(2) * per_thousand / ARTIFACTS_HALF)
    matches.sort(key=lambda m: m.start())
    signals = [Signal("artifacts", m.start(), m.end(), m[0], 1.0) for m in matches[:EVIDENCE]]
    return score, signals


def _ocr(text: str, starts: Sequence[int], ends: Sequence[int],
         tokens: list[str]) -> tuple[float, list[Signal]]:
    model = resources.ngram_model()
    signals: list[Signal] = []
    shown: set[str] = set()
    for i, token in enumerate(tokens):
        if len(signals) == EVIDENCE:
            break
        if (token[0].islower() and token not in shown
                and model.word_id(token) == lm.UNKNOWN):
            shown.add(token)
            signals.append(Signal("ocr", starts[i], ends[i], token, 1.0))
    return text_ocr_probability(text), signals
