"""Function words a spinner swapped for a dictionary neighbour of another sense: "arsenic"
for "as", "whitethorn beryllium" for "may be", "successful" for "in".

Such a spinner looks each word up in WordNet and writes a synonym from any of its senses,
so the commonest words of English come out as the element, the tree or the adjective that
shares a synset with them, or a synset similar to theirs ("galore" for "many"):
``function-word-senses.tsv``, built from WordNet by
``scripts/build_function_word_senses.py``. Each word *s* of the text with an entry is read
as each common word *o* it may stand for, and the context model (:mod:`restore.lm`) weighs
the best reading against the word as it stands, two tokens each side, as the ratio
``R = LM(o in context) / LM(s in context)``::

    P(o | s, context) = π · R^λ / (π · R^λ + 1 − π)

``π``, the share of such kinds of word the spinner swapped in this document, is estimated
from the document itself (expectation–maximization over the kinds, each with its mean
evidence, and a prior of a clean document): a spinner swaps dozens of kinds, and clean copy
has a word or two the context model would rather read as a common one ("Ace" in a name,
which reads better as "I"), however often it is repeated. So a reading is only sure where
the rest of the document says the spinner was at work.

>>> text = ("The council whitethorn beryllium ready to act arsenic soon arsenic possible, "
...         "officials said successful London. It was arsenic cold arsenic ice.")
>>> [(c.original, c.replacement) for c in propose(text) if c.confidence >= 0.8]
[('whitethorn', 'may'), ('beryllium', 'be'), ('arsenic', 'as'), ('arsenic', 'as'), \
('successful', 'in'), ('arsenic', 'as'), ('arsenic', 'as')]
>>> propose("Traces of arsenic were found in the well water, the inquiry said.")
[]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from restore import resources
from restore.fixes.spin import text_spun_probability
from restore.lm import BOUNDARY, NgramModel
from restore.model import Correction
from restore.ocr_page import MIN_OCR_PROBABILITY, text_ocr_probability
from restore.text import token_table, transfer_case

RULE = "function-words.sense"
#: Weight λ of the context model's log ratio, and the most it may say for one reading, in
#: nats: the ratios of unseen trigrams run wild, and must not decide a document alone.
#: Measured with ``python -m benchmarks.function_words`` and ``benchmarks.clean`` (the share
#: estimated over kinds of word): at 0.35 one reading was applied in 900 thousand words of
#: clean copy (BBC originals, news, releases, Wikipedia, old books: "siemens" as "s"), at 0.3
#: none and at 0.4 twenty-five; BBC articles with a fifth of the words with an entry swapped had
#: 85.1% of the swaps undone at 0.35 (98.7% of the readings applied right), 75.6% at 0.3.
LM_WEIGHT = 0.35
LM_CAP = 12.0
#: Prior of the share of kinds of word with an entry that the spinner swapped, as
#: pseudo-counts of swapped and of standing kinds: a document is clean until dozens of its
#: words say otherwise. At 20 and 10 (λ 0.3), 1 and 4 readings were applied in clean copy.
PRIOR_SWAPPED = 0.5
PRIOR_STANDING = 30.0
#: A text the spin family reads as spun with at least this probability
#: (:func:`restore.fixes.spin.text_spun_probability`) is that spinner's copy: its odd words are
#: its own synonyms, not swaps of another sense. On the 837 spun BBC articles all 19
#: readings reported otherwise were wrong; the emulated function-word spinner's articles read
#: as spun with probability 0.007 at most.
OTHER_SPINNER = 0.5
#: Rounds of expectation–maximization of the share: it settles in a few.
ROUNDS = 10
#: A reading less probable than this is not reported: below it the posterior overstates.
#: On the BBC originals with a fifth, half and all of the words with an entry swapped
#: (``benchmarks/function_words.py``), readings at 0.5 to 0.6 were right 33% of the time,
#: at 0.6 to 0.7 56%, at 0.7 to 0.8 78%, at 0.8 to 0.9 93%, at 0.9 or more 99.4%.
REPORT_FLOOR = 0.7


class Reading(NamedTuple):
    """A word with an entry read as the common word the context likes best: its span, the
    word as it stands, the reading in its case, the posterior of the reading and the
    context model's log ratio for it."""

    start: int
    end: int
    seen: str
    original: str
    posterior: float
    ratio: float


def propose(text: str) -> list[Correction]:
    """Corrections turning words a function-word spinner wrote back into the common words
    they replaced."""
    readings, _ = read(text)
    return [Correction(r.start, r.end, r.seen, r.original, r.posterior, RULE,
                       f"a word of another sense a spinner may have written for "
                       f"“{r.original.lower()}” (WordNet); context favours it by "
                       f"{r.ratio:.1f} nats")
            for r in readings if r.posterior >= REPORT_FLOOR]


def read(text: str) -> tuple[list[Reading], float]:
    """Each word of ``text`` with an entry, read as its likeliest common word, and the
    document's log-likelihood ratio of some such words swapped against none, in nats. A text
    that reads as OCR output (a scan of print is no spinner's copy) or as the spin family's
    spinner's (``OTHER_SPINNER``) has none.

    >>> readings, log_ratio = read("Officials met successful London.")
    >>> [(r.seen, r.original) for r in readings], log_ratio < 2
    ([('successful', 'in')], True)
    """
    senses = resources.function_word_senses()
    spans = token_table(text)
    texts = spans.texts
    listed = {token for token in set(texts) if token.lower() in senses}
    if (not listed or text_spun_probability(text) >= OTHER_SPINNER
            or text_ocr_probability(text) >= MIN_OCR_PROBABILITY):
        return [], 0.0
    found = [i for i, token in enumerate(texts) if token in listed]
    model = resources.ngram_model()
    read_as: dict[str, tuple[list[str], list[int]]] = {}  # token -> its readings and their ids
    for token in listed:
        written = [transfer_case(original, token) for original in senses[token.lower()]]
        read_as[token] = written, model.ids(written)
    options = [read_as[texts[i]] for i in found]
    ratio, best = _context_ratios(model, texts, found, [option_ids for _, option_ids in options])
    _, kinds = np.unique([texts[i].lower() for i in found], return_inverse=True)
    posterior, log_ratio = _posteriors(LM_WEIGHT * np.clip(ratio, -LM_CAP, LM_CAP), kinds)
    return [Reading(spans.starts[i], spans.ends[i], texts[i], option[0][choice],
                    chance, context)
            for i, option, choice, chance, context in zip(
                found, options, best, posterior.tolist(), ratio.tolist(), strict=True)], log_ratio


def _context_ratios(model: NgramModel, texts: list[str], found: list[int],
                    readings: list[list[int]]) -> tuple[npt.NDArray[np.float64], list[int]]:
    """For each found token, the context model's log ratio of its best reading (token ids,
    ``readings``) over the token as it stands, and which reading that is. Only the tokens
    around the found ones are looked up."""
    word_id = model.word_id
    flat: list[int] = []
    lengths: list[int] = []
    for i, options in zip(found, readings, strict=True):
        left = [word_id(token) for token in texts[max(i - 2, 0):i]]
        left = [BOUNDARY] * (2 - len(left)) + left
        right = [word_id(token) for token in texts[i + 1:i + 3]]
        for word in [word_id(texts[i]), *options]:
            flat += left
            flat.append(word)
            flat += right
        lengths += [1 + len(right)] * (1 + len(options))
    scores = model.score_runs(flat, lengths)
    sizes = np.array([1 + len(options) for options in readings])
    starts = np.cumsum(sizes) - sizes
    rivals = scores.copy()
    rivals[starts] = -np.inf  # each run of scores: the token as it stands, then its readings
    top = np.maximum.reduceat(rivals, starts)
    owner = np.repeat(np.arange(len(found)), sizes)
    first_top = np.full(len(found), len(scores))
    np.minimum.at(first_top, owner, np.where(rivals == top[owner], np.arange(len(scores)),
                                             len(scores)))
    return top - scores[starts], (first_top - starts - 1).tolist()


def _posteriors(evidence: npt.NDArray[np.float64], kinds: npt.NDArray[np.intp],
                ) -> tuple[npt.NDArray[np.float64], float]:
    """Each word's posterior of being swapped, for the log evidence of its reading, and the
    document's log-likelihood ratio of some words swapped against none.

    The share of swapped words is estimated along over the kinds of word (``kinds`` numbers
    each word's kind), each with its mean evidence: a word repeated is one choice of the
    spinner, not many.
    """
    mean = np.bincount(kinds, weights=evidence) / np.bincount(kinds)
    share = PRIOR_SWAPPED / (PRIOR_SWAPPED + PRIOR_STANDING)
    for _ in range(ROUNDS):
        odds = share / (1.0 - share) * np.exp(mean)
        share = (PRIOR_SWAPPED + (odds / (1.0 + odds)).sum()) / (
            PRIOR_SWAPPED + PRIOR_STANDING + len(mean))
    odds = share / (1.0 - share) * np.exp(evidence)
    return odds / (1.0 + odds), float(np.log1p(share * np.expm1(mean)).sum())
