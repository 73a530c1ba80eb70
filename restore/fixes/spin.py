"""Synonym spinning reversed: phrases a spinner substituted, put back in context.

A news spinner replaces every phrase it has a key for by a listed synonym, whole words,
case kept ("Foreign Minister" → "Overseas Minister", "satellite" → "satellite tv for pc").
Reversal is a noisy-channel choice for each spun phrase *s* met in the text, between leaving
it and each original *o* the spinner turns into *s* (``spin-phrases.tsv``)::

    P(o | s, context) ∝ P(spun) · P(s | o) · R(o) · A(o) · T(o)^τ · LM(o in context)^λ
    P(keep | s, context) ∝ (P(clean) + P(spun) · P(s | s)) · A(s) · LM(s in context)^λ

``P(s | o)``, the channel, is how often the spinner wrote *s* where the original had *o*
in the mined pairs; ``P(s | s)`` how often it left *s* standing. The language model
(:mod:`restore.lm`) scores each reading with the two tokens on each side, then again with
neighbouring spun phrases read as that first round chose (``ROUNDS``), and the context
of the phrase's other occurrences in the document adds to it (a spinner makes one choice
per key per article). ``R(o)`` weighs whether *o* itself stands elsewhere in the document:
a spinner that turned *o* into *s* seldom left another *o* alone. ``A(o)`` adapts the
model's frequency of *o* to the news the maps were mined from ("latest" is commoner there,
"newest" rarer), and ``A(s)`` that of the phrase as it stands: the model's corpus says "a 6%
increase" where British news says "a 6% rise". ``T(o)`` is what the rest of the article's
words say for *o* against *s* (:mod:`restore.topic`): shares and profits go with "firm",
regulators with "agency", where both fit the trigram. ``P(spun)``, the document's odds of
being spun at all, comes from the words it uses (``spin-evidence.tsv``: a spinner
writes "stated" where news writes "said"), so the same phrase is restored in a spun article
and left alone in clean copy. A text that reads as OCR output
(:func:`restore.ocr_page.ocr_probability`) is a scan of print, no spinner's copy, and is
left alone too: its abbreviations and old usage ("Four-yr-olds", "stated") read as spin
(on BLN600, 2 of 2 such corrections applied were wrong). Phrases are
matched longest first, left to right, as a spinner applies its keys. Whether the most
probable original of a phrase is right is not the posterior alone: gradient-boosted trees
over the posterior, its terms and the phrase (``DECISION_FEATURES``; ``spin-decision.tsv``
for the maps' phrases, fitted by ``scripts/calibrate_spin.py`` on articles the maps were not
mined from, and ``spin-thesaurus-decision.tsv`` for the thesaurus's words, fitted with the
maps off) give the probability that it is (log loss 0.239 and 0.340 over five folds of the
odd half, against 0.277 and 0.531 for the posterior calibrated alone). The confidence
reported is that probability calibrated on unseen articles, one table per kind of proposal
(:func:`calibration_kind`).

>>> text = ("The corporate stated its income had been buoyed by gross sales abroad, "
...         "in keeping with a report to the UN Safety Council.")
>>> [(c.original, c.replacement) for c in propose(text) if c.confidence >= 0.8]
[('corporate stated', 'company said'), ('gross sales', 'sales'), \
('in keeping with', 'according to'), ('Safety', 'Security')]
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from typing import NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from restore import resources
from restore.arrays import runs
from restore.line_ends import token_table_read_whole
from restore.lm import BOUNDARY, NgramModel
from restore.model import Correction
from restore.ocr_page import MIN_OCR_PROBABILITY, text_ocr_probability
from restore.probability import logistic
from restore.text import PARAGRAPH_BREAK, TokenTable, tokens, transfer_case
from restore.topic import TopicModel

#: Weight of the summed word evidence in the document's log-odds of being spun (the words
#: are far from independent, so their naive sum overstates the evidence) and the prior
#: log-odds before any word is read.
EVIDENCE_WEIGHT = 0.25
PRIOR_LOG_ODDS = -4
#: Weight of the language model against the channel prior.
LM_WEIGHT = 1.0
#: Most the context can say for or against one reading, in nats: the model's ratios run
#: wild in garbled context, and must not outvote a clean document's prior on their own.
LM_CAP = 12.0
#: Weight of the mean context evidence of the phrase's other occurrences in the document:
#: a spinner makes one choice per key per article, so they share an original.
POOLED_WEIGHT = 0.5
#: Log-likelihood ratio, spun from *o* over left standing, of *o* itself occurring elsewhere
#: in the document, and of its not occurring: where the spinner turned *o* into *s*, *o*
#: survives elsewhere in 15% of documents; where *s* stood for itself, in 41% (measured on
#: the even half of the BBC pairs, with the shipped maps proposing the readings).
SURVIVED_LOG_RATIO = math.log(0.153 / 0.408)
ABSENT_LOG_RATIO = math.log(0.847 / 0.592)
#: Pseudo-count, in words, with which the context model's frequency of each word of an
#: original is blended with its frequency in the original texts of the mined pairs
#: (Dirichlet smoothing) to give the reading's prior in the news a spinner rewrites: that
#: news says "latest" 48 times for each "newest", the model's corpus far less often.
#: Measured with maps mined from the even half of the BBC pairs, on the odd half: WER
#: reduction 61.3% without the adaptation, 62.0% with it (about the same at 20,000 and
#: 50,000; a mass of 5,000 trusts the pairs' small counts too far and did worse). Adapting
#: the phrase as it stands too, the decision models refitted: 68.4% → 69.4% (seed 004 6.92%
#: → 6.61% WER); "rise" read as "increase" at 0.8 or more went from 1 right in 30 (the
#: shipped maps, all BBC pairs) to 0 in 8.
DOMAIN_MASS = 30_000
#: Weight τ of the topic model's evidence (:func:`_topics`), whose naive sum over a
#: document's words overstates it, and the most it may say for or against one reading, in
#: nats. Measured with maps mined from the even half of the BBC pairs, on the odd half: WER
#: reduction 65.2% without the topic model; with 16 features per word 66.4% at 0.15, 66.3%
#: at 0.2, 66.4% at 0.25; with 32, 65.4% at 0.1, 66.0% at 0.2, 64.9% at 0.3, 65.3% at 0.4,
#: 62.7% at 0.7; with 8, 64.9% at 0.2; leaving out features found in more than 10% of
#: documents ("but", "whether"), 65.4% at 0.2 and at 0.4.
TOPIC_WEIGHT = 0.2
TOPIC_CAP = 8.0
#: Fewest distinct tokens a text needs for the topic model to read it: the model weighs
#: words absent from whole articles, and from a paragraph nearly every word is absent (the
#: shortest BBC article has 108).
TOPIC_MIN_TOKENS = 100
#: The channel for a spinner the maps do not know (switched off), from the thesaurus
#: (``thesaurus.tsv``, WordNet synonyms inflected alike, Moby's related words, and the
#: phrases of both, "gross sales" for "sales"), and the share of a thesaurus word's
#: occurrences a spinner leaves standing (58%, measured with WordNet alone). The channel
#: was measured at 1.0% per synonym with WordNet alone; with the whole table, the decision
#: model refitted for each, 100 even-half BBC articles gave a WER reduction of 14.3% at
#: 0.003, 15.4% at 0.010 and 16.2% at 0.03.
THESAURUS_CHANNEL = 0.03
THESAURUS_KEPT = 0.58
#: The calibration tables were fitted on articles that read as spun (every spun BBC article
#: has P(spun) of 0.92 or more, every original one below 0.01): in a document that reads
#: as spun with less than this probability, a proposal's confidence is its raw posterior
#: where the table would say more ("they'd've" in clean copy is no spinner's contraction).
CALIBRATED_FROM = 0.5
#: Below this probability of being spun a text is left alone: its own words say it is clean
#: copy (log-odds three nats under ``PRIOR_LOG_ODDS``; every spun BBC article reads at 0.92
#: or more, its first 100 words at 0.05 or more, the spun sentences of the tests at 0.018 or
#: more), and there the context model's taste for the commoner phrase ("20th" for
#: "Twentieth" in a White House release) is no spinner's trace.
MIN_SPUN_PROBABILITY = 0.001
#: Raw posterior below which a candidate is not reported at all.
REPORT_FLOOR = 0.3
#: Scoring rounds: after the first, each phrase is scored again with its neighbours read
#: as the previous round chose (spun phrases often stand side by side, "total final 12
#: months", so the text as it stands is poor context for each), and a reading is chosen
#: for that when its posterior reaches ``CONTEXT_FLOOR``. Rounds stop early once the choices
#: stand still: the context, and so every score, would be the same again.
ROUNDS = 3
CONTEXT_FLOOR = 0.5


class _Occurrences:
    """Spun phrases met in a text and the readings of each, as parallel lists (lists of
    numbers and strings are not tracked by the garbage collector, which a list of records
    for every phrase of a long text would keep busy): occurrence ``k`` spans tokens
    ``first[k]:last[k]`` and owns options ``options_end[k - 1]:options_end[k]``."""

    def __init__(self) -> None:
        self.first: list[int] = []
        self.last: list[int] = []
        self.entry: list[resources.SpinEntry] = []
        self.kept_adaptation: list[float] = []  # by phrase: _adaptation of it as it stands
        self.phrase: list[int] = []  # the phrase's number: occurrences of one share it
        self.unseen = False  # whether the thesaurus, not the maps, read the phrases
        self.options_end: list[int] = []
        self.replacement: list[str] = []
        self.original: list[str] = []
        self.channel: list[float] = []  # P(s | o)
        self.adaptation: list[float] = []  # log P_news(o) / P_model(o): see _adaptation
        self.slot: list[int] = []  # the number of the option's (phrase, original)
        self.survival: list[float] = []  # by slot: SURVIVED_ or ABSENT_LOG_RATIO of original
        self.topic: list[float] = []  # by slot: what the document's words say, see _topics
        self.reading_ids: list[Sequence[int]] = []  # the option's reading as token ids
        self.ids: list[int] = []  # the text's token ids


#: The rules of the readings of the maps' phrases and of the thesaurus's words.
PHRASE_RULE = "spin.phrase"
THESAURUS_RULE = "spin.thesaurus"
#: What the decision models (:data:`DECISION_MODELS`) read of a spun phrase and its most
#: probable original, in order: the posterior; the document's probability
#: of being spun; log P(s | o) and log P(s | s) of the maps, and the log prior of keeping
#: the phrase; what the context says for the original against the phrase (nats, capped),
#: and what the phrase's other occurrences' contexts say; how far the original's score leads
#: the better of keeping the phrase and the next original; the survival, topic and domain
#: terms of its prior; how many originals the phrase has; its length in tokens, the words
#: of the phrase and of the original; whether it is capitalized; how often the document
#: has it; and how common the phrase's words and the original's are in the context model's
#: corpus (the mean log count plus one: a spinner writes rarer words than it replaces;
#: only the thesaurus's model, whose readings no mined channel weighs, is fitted on them).
DECISION_FEATURES = (
    "posterior", "spun_probability", "channel", "kept", "keep_prior", "context",
    "pooled_context", "lead", "survival", "topic", "adaptation", "readings", "tokens",
    "seen_words", "original_words", "capitalized", "occurrences", "seen_frequency",
    "original_frequency",
)


def propose(text: str) -> list[Correction]:
    """Corrections turning spun phrases in ``text`` back into their originals."""
    return _propose(text, calibrate=True)


def propose_uncalibrated(text: str) -> list[Correction]:
    """The corrections of :func:`propose` with their raw score, the decision model's
    probability, as confidence."""
    return _propose(text, calibrate=False)


def decisions(text: str) -> list[tuple[Correction, tuple[float, ...]]]:
    """Each correction of a spun phrase in ``text`` (its posterior as confidence) with what
    the decision model reads of it (``DECISION_FEATURES``): what ``scripts/calibrate_spin.py``
    fits the models on."""
    readings, features, _ = _analyse(text)
    return [(Correction(r.start, r.end, r.original, r.replacement, r.posterior, r.rule, r.note),
             tuple(map(float, row))) for r, row in zip(readings, features, strict=True)]


#: The decision model of each rule's readings: the maps', and the thesaurus's.
DECISION_MODELS = {
    PHRASE_RULE: (resources.SPIN_DECISION, resources.spin_decision),
    THESAURUS_RULE: (resources.SPIN_THESAURUS_DECISION, resources.spin_thesaurus_decision),
}


def _propose(text: str, *, calibrate: bool) -> list[Correction]:
    readings, features, p_spun = _analyse(text)
    raw = np.zeros(len(readings))
    rules = np.array([reading.rule for reading in readings])
    for rule, (table, loader) in DECISION_MODELS.items():
        decided = rules == rule
        if decided.any():
            model = loader()
            columns = resources.decision_columns(model, table, DECISION_FEATURES)
            raw[decided] = model.probabilities(features[decided][:, columns])
    corrections = []
    for reading, score in zip(readings, raw.tolist(), strict=True):
        confidence = score
        if calibrate:
            confidence = calibrated(score, calibration_kind(reading.rule, reading.original,
                                                            reading.replacement))
            if p_spun < CALIBRATED_FROM:
                confidence = min(confidence, reading.posterior)
        corrections.append(Correction(reading.start, reading.end, reading.original,
                                      reading.replacement, confidence, reading.rule,
                                      reading.note))
    return corrections


class _Reading(NamedTuple):
    """A spun phrase read as its most probable original: its correction's span, text,
    replacement, rule and note, and the posterior."""

    start: int
    end: int
    original: str
    replacement: str
    rule: str
    note: str
    posterior: float


def _analyse(text: str) -> tuple[list[_Reading], npt.NDArray[np.float64], float]:
    """Each spun phrase of ``text`` read as its most probable original, the decision
    features of each (a row each), and the probability that ``text`` is spun."""
    spans = token_table_read_whole(text)
    p_spun = text_spun_probability(text)
    nothing = np.zeros((0, len(DECISION_FEATURES)))
    if p_spun < MIN_SPUN_PROBABILITY or text_ocr_probability(text) >= MIN_OCR_PROBABILITY:
        return [], nothing, p_spun  # the phrase maps are not even loaded
    words = list(map(str.lower, spans.texts))
    found = _occurrences(text, spans, words, resources.spin_phrases(), p_spun)
    if not found.first:
        return [], nothing, p_spun
    posteriors = _Posteriors(found, p_spun)
    evidence = np.zeros(len(found.original))
    chosen = np.full(len(found.first), -1)  # the text as it stands
    context = None
    layout = _Layout(found)
    for _ in range(ROUNDS):
        context = _score(layout, chosen, evidence, context)
        posterior, best = posteriors(evidence)
        previous, chosen = chosen, np.where(posterior >= CONTEXT_FLOOR, best, -1)
        if np.array_equal(chosen, previous):
            break  # read in the same context, every phrase would score the same again
    reported = np.flatnonzero(posterior >= REPORT_FLOOR)
    readings = []
    placed = []
    for k in reported.tolist():
        reading = _placed(text, spans, found, k, int(best[k]), float(posterior[k]), p_spun)
        if reading is not None:
            readings.append(reading)
            placed.append(k)
    return readings, _features(found, posteriors, evidence, posterior, best, p_spun,
                               np.array(placed, dtype=np.intp), readings), p_spun


def _features(found: _Occurrences, posteriors: _Posteriors, evidence: npt.NDArray[np.float64],
              posterior: npt.NDArray[np.float64], best: npt.NDArray[np.int64], p_spun: float,
              ks: npt.NDArray[np.intp], readings: list[_Reading]) -> npt.NDArray[np.float64]:
    """The ``DECISION_FEATURES`` of occurrences ``ks`` read as ``readings``, one row each."""
    score, pooled = posteriors.scores(evidence)
    rivals = score.copy()
    rivals[best] = -np.inf
    lead = score[best] - np.maximum(posteriors.keep, np.maximum.reduceat(rivals,
                                                                         posteriors.offsets))
    js = best[ks]
    slots = np.array(found.slot)[js]
    sizes = np.diff(np.array([0, *found.options_end]))
    phrase = np.array(found.phrase)
    return np.column_stack([
        posterior[ks], np.full(len(ks), p_spun), np.log(np.array(found.channel)[js]),
        np.log(np.array([found.entry[k].kept for k in ks.tolist()]) + 1e-300),
        posteriors.keep[ks], evidence[js], pooled[js], lead[ks],
        np.array(found.survival)[slots], np.array(found.topic)[slots],
        np.array(found.adaptation)[js], sizes[ks],
        (np.array(found.last) - np.array(found.first))[ks],
        [len(r.original.split()) for r in readings],
        [len(found.original[j].split()) for j in js.tolist()],
        [r.original[:1].isupper() for r in readings],
        np.bincount(phrase)[phrase][ks],
        [_frequency(r.original) for r in readings],
        [_frequency(found.original[j]) for j in js.tolist()],
    ]).astype(np.float64).reshape(len(ks), len(DECISION_FEATURES))


@functools.lru_cache(maxsize=1 << 16)
def _token_ids(model: NgramModel, reading: str) -> tuple[int, ...]:
    """The context ``model``'s ids of the tokens of ``reading`` (cached, as
    :func:`_topic_terms`)."""
    return tuple(model.ids(tokens(reading)))


@functools.lru_cache(maxsize=1 << 16)
def _written_as(original: str, seen: str) -> str:
    """``original`` as it replaces ``seen``: in its own case if it has capitals (a name),
    else in the case of ``seen``. (Cached across texts, as :func:`_topic_terms`.)"""
    return original if original != original.lower() else transfer_case(original, seen)


@functools.lru_cache(maxsize=1 << 16)
def _frequency(phrase: str) -> float:
    """The mean log corpus count plus one of the words of ``phrase`` (cached: a spinner's
    phrases recur)."""
    counts = resources.word_counts()
    words = phrase.lower().split()
    return sum(math.log(counts.get(word, 0) + 1.0) for word in words) / max(len(words), 1)


class _Posteriors:
    """The posterior of each occurrence's most probable original, for the context evidence
    of every option (its context log score over that of the phrase as it stands), in numpy:
    each round of a long text weighs every option again."""

    def __init__(self, found: _Occurrences, p_spun: float) -> None:
        sizes = np.diff(np.array([0, *found.options_end]))
        self.owner = np.repeat(np.arange(len(sizes)), sizes)
        self.offsets = np.array([0, *found.options_end[:-1]])
        phrase = np.array(found.phrase)
        self.keep = (_log_keep_prior(p_spun, np.array([entry.kept for entry in found.entry]))
                     + np.array(found.kept_adaptation)[phrase])
        self.slot = np.array(found.slot)
        self.prior = (_log_change_prior(p_spun, np.array(found.channel))
                      + (np.array(found.survival) + TOPIC_WEIGHT * np.array(found.topic))[
                          self.slot] + np.array(found.adaptation))
        # Each option's phrase occurs ``count`` times; the others' mean evidence counts.
        count = np.bincount(phrase)[phrase][self.owner]
        self.others_share = np.where(count > 1, POOLED_WEIGHT / np.maximum(count - 1, 1), 0.0)

    def __call__(self, evidence: npt.NDArray[np.float64],
                 ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
        """Each occurrence's posterior and the option it is for."""
        score, _ = self.scores(evidence)
        top = np.maximum.reduceat(score, self.offsets)
        norm = np.maximum(self.keep, top)
        total = np.exp(self.keep - norm) + np.add.reduceat(np.exp(score - norm[self.owner]),
                                                           self.offsets)
        best = np.zeros(len(top), dtype=np.int64)
        np.maximum.at(best, self.owner, np.where(score == top[self.owner],
                                                 np.arange(len(score)), 0))
        return np.exp(top - norm) / total, best

    def scores(self, evidence: npt.NDArray[np.float64],
               ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Each option's log score, and the summed context evidence of the other
        occurrences of its phrase for its original."""
        pooled = np.bincount(self.slot, weights=evidence)[self.slot] - evidence
        return self.prior + LM_WEIGHT * (evidence + self.others_share * pooled), pooled


def _occurrences(text: str, spans: TokenTable, words: list[str],
                 phrases: dict[tuple[str, ...], resources.SpinEntry],
                 p_spun: float) -> _Occurrences:
    """Spun phrases in the text, longest first, left to right, with their readings.

    A reading whose posterior could not reach ``REPORT_FLOOR`` even with the strongest
    context is left out: in clean copy that is nearly every reading.
    """
    hopeless = math.log(REPORT_FLOOR / (1.0 - REPORT_FLOOR)) - LM_WEIGHT * LM_CAP * (
        1.0 + POOLED_WEIGHT)
    if p_spun < 0.5 and _log_change_prior(p_spun, 1.0) - _log_keep_prior(p_spun, 0.0) <= hopeless:
        return _Occurrences()  # not even P(s | o) = 1 could make a reading worth reporting
    model = resources.ngram_model()
    # Beside the maps, a word they lack was seldom spun (such readings were right at most
    # 17% of the time on unseen articles): the thesaurus reads for a spinner of its own.
    found = _Occurrences()
    found.unseen = not phrases
    if found.unseen:
        phrases = _thesaurus_entries()
        lengths = _thesaurus_lengths()
    else:
        lengths = resources.spin_phrase_lengths()
    ids = model.ids(spans.texts)
    starts, ends = spans.starts, spans.ends
    hopeful_by_entry: dict[int, list[tuple[str, float]]] = {}
    numbers: dict[int, int] = {}  # id(entry) -> its phrase's number
    slots: dict[tuple[int, str], int] = {}  # (phrase number, original) -> its number
    survival = _Survival(words)
    topic_asked: list[tuple[str, tuple[str, ...]]] = []  # by slot: (original, phrase)
    free = 0  # the first token not inside a phrase already found
    size = len(words)
    for i, word in enumerate(words):
        if i < free or word not in lengths:
            continue
        for n in lengths[word]:
            if i + n > size:
                continue
            entry = phrases.get((word,) if n == 1 else tuple(words[i:i + n]))
            if entry is None or (n > 1 and not _one_paragraph(text, ends[i], starts[i + n - 1])):
                continue
            if n > 1 and (_outranked(entry, i, n, words, phrases, lengths)
                          or _in_a_run(words, i, n)):
                continue
            hopeful = hopeful_by_entry.get(id(entry))
            if hopeful is None:
                keep_prior = _log_keep_prior(p_spun, entry.kept)
                hopeful = [(original, channel) for original, channel in entry.originals
                           if _log_change_prior(p_spun, channel) - keep_prior > hopeless]
                hopeful_by_entry[id(entry)] = hopeful
            if not hopeful:
                continue
            seen = text[starts[i]:ends[i + n - 1]]
            phrase = numbers.get(id(entry))
            if phrase is None:
                phrase = numbers[id(entry)] = len(numbers)
                found.kept_adaptation.append(_adaptation(" ".join(words[i:i + n])))
            before = len(found.replacement)
            for original, channel in hopeful:
                replacement = _written_as(original, seen)
                if replacement != seen:
                    found.reading_ids.append(_token_ids(model, replacement))
                    found.replacement.append(replacement)
                    found.original.append(original)
                    found.channel.append(channel)
                    found.adaptation.append(_adaptation(original))
                    slot = slots.get((phrase, original))
                    if slot is None:
                        slot = slots[phrase, original] = len(slots)
                        found.survival.append(survival(original, words[i:i + n]))
                        topic_asked.append((original, tuple(words[i:i + n])))
                    found.slot.append(slot)
            if len(found.replacement) > before:
                found.first.append(i)
                found.last.append(i + n)
                found.entry.append(entry)
                found.phrase.append(phrase)
                found.options_end.append(len(found.replacement))
                free = i + n
                break
    found.ids = ids
    found.topic = _topics(topic_asked, survival.present)
    return found


def _outranked(entry: resources.SpinEntry, i: int, n: int, words: list[str],
               phrases: dict[tuple[str, ...], resources.SpinEntry],
               lengths: dict[str, tuple[int, ...]]) -> bool:
    """Whether a phrase starting inside ``words[i:i + n]`` and ending past it is the likelier
    key: the spinner writes it for a larger share of an original. "the federal" is in the
    maps for "the" (2% of "the"), but in "the federal government" the key is "federal
    government" for "government" (39%)."""
    share = max(channel for _, channel in entry.originals)
    for j in range(i + 1, i + n):
        for m in lengths.get(words[j], ()):
            rival = phrases.get(tuple(words[j:j + m])) if i + n < j + m <= len(words) else None
            if rival is not None and max(channel for _, channel in rival.originals) > share:
                return True
    return False


def _in_a_run(words: list[str], i: int, n: int) -> bool:
    """Whether ``words[i:i + n]`` is one word repeated ("one one", which the spinner writes
    for "one") standing in a longer run of it ("one one one one"): no spinner's doubling, and
    read as one it would make another.

    >>> _in_a_run("one one one".split(), 0, 2), _in_a_run("it was as as".split(), 2, 2)
    (True, False)
    """
    word = words[i]
    return all(other == word for other in words[i + 1:i + n]) and (
        (i > 0 and words[i - 1] == word) or (i + n < len(words) and words[i + n] == word))


class _Layout:
    """The text's token ids and every occurrence's readings as one array of ids, so that
    each scoring round lays out its runs for the model with numpy, not a loop per option:
    ids ``pool[start:start + length]`` are the phrase as it stands (``phrase_*``, by
    occurrence) or an option's reading (``reading_*``, by option)."""

    def __init__(self, found: _Occurrences) -> None:
        ids = np.array(found.ids, dtype=np.int64)
        reading_lengths = np.array([len(r) for r in found.reading_ids], dtype=np.int64)
        readings = np.fromiter(itertools.chain.from_iterable(found.reading_ids),
                               dtype=np.int64, count=int(reading_lengths.sum()))
        #: The ids, then the readings, then ``BOUNDARY`` and -1 (past the end).
        self.pool = np.concatenate([ids, readings, [BOUNDARY, -1]])
        self.boundary, self.past_end = len(self.pool) - 2, len(self.pool) - 1
        self.size = len(ids)
        self.first = np.array(found.first, dtype=np.int64)
        self.last = np.array(found.last, dtype=np.int64)
        self.phrase_lengths = self.last - self.first
        self.reading_starts = len(ids) + np.cumsum(reading_lengths) - reading_lengths
        self.reading_lengths = reading_lengths
        self.options_end = np.array(found.options_end, dtype=np.int64)
        self.options_start = np.concatenate([[0], self.options_end[:-1]])


def _score(layout: _Layout, chosen: npt.NDArray[np.int64], evidence: npt.NDArray[np.float64],
           scored_in: npt.NDArray[np.int64] | None) -> npt.NDArray[np.int64]:
    """Score each option in ``evidence``: its reading's context log score over the
    phrase's, capped at ``LM_CAP``, in the context of the text with every occurrence read
    as ``chosen`` (an option, or -1 for the phrase as it stands). Only occurrences whose
    context differs from the one they were last scored in (``scored_in``) are scored
    again. Returns each occurrence's context: two ids on each side, -1 past the end."""
    pool, first, last = layout.pool, layout.first, layout.last
    # The text's ids with the chosen readings in place: the gap before each occurrence,
    # then its body, after two boundaries; then two ids after the last, and two past the end.
    gap_starts = np.concatenate([[0], last[:-1]])
    read = chosen >= 0
    body_starts = np.where(read, layout.reading_starts[np.maximum(chosen, 0)], first)
    body_lengths = np.where(read, layout.reading_lengths[np.maximum(chosen, 0)],
                            layout.phrase_lengths)
    starts = np.stack([gap_starts, body_starts], axis=1).reshape(-1)
    lengths = np.stack([first - gap_starts, body_lengths], axis=1).reshape(-1)
    tail = min(2, layout.size - int(last[-1]))
    stream = pool[np.concatenate([
        [layout.boundary, layout.boundary], runs(starts, lengths),
        np.arange(int(last[-1]), int(last[-1]) + tail), [layout.past_end, layout.past_end]])]
    after = 2 + np.cumsum(lengths)[1::2]  # where each body ends in the stream
    before = after - body_lengths
    context = np.stack([stream[before - 2], stream[before - 1],
                        stream[after], stream[after + 1]], axis=1)
    changed = (np.arange(len(first)) if scored_in is None
               else np.flatnonzero((context != scored_in).any(axis=1)))
    # Each changed phrase as it stands, then each of its readings in its place, as runs of
    # ids for the model: two ids before, the body, and the ids after that the text has.
    sizes = layout.options_end[changed] - layout.options_start[changed]
    options = runs(layout.options_start[changed], sizes)
    group = np.repeat(np.arange(len(changed)), sizes + 1)  # each run's changed occurrence
    keeps = np.cumsum(sizes + 1) - (sizes + 1)  # the run of each phrase as it stands
    is_option = np.ones(len(group), dtype=bool)
    is_option[keeps] = False
    body_starts = first[changed][group]
    body_lengths = layout.phrase_lengths[changed][group]
    body_starts[is_option] = layout.reading_starts[options]
    body_lengths[is_option] = layout.reading_lengths[options]
    around = context[changed]
    right_lengths = (around[:, 2:] >= 0).sum(axis=1)[group]
    context_at = len(pool) + 4 * group  # this run's context ids in the pool's extension
    starts = np.stack([context_at, body_starts, context_at + 2], axis=1).reshape(-1)
    lengths = np.stack([np.full(len(group), 2), body_lengths, right_lengths],
                       axis=1).reshape(-1)
    flat = np.concatenate([pool, around.reshape(-1)])[runs(starts, lengths)]
    scores = resources.ngram_model().score_runs(flat, body_lengths + right_lengths)
    evidence[options] = np.clip(scores[np.flatnonzero(is_option)] - scores[keeps[group[
        is_option]]], -LM_CAP, LM_CAP)
    return context


@functools.cache
def _thesaurus_entries() -> dict[tuple[str, ...], resources.SpinEntry]:
    """A channel for each word and phrase of the thesaurus: any synonym may be what it
    replaced. Each synonym's (synonym, channel) pair is made once and shared by every entry
    that lists it: the table lists 1.6 million (a pair for each took 66 MB more when it
    listed 1.1 million)."""
    pairs: dict[str, tuple[str, float]] = {}
    return {tuple(word.split(" ")): resources.SpinEntry(
        tuple(pairs.setdefault(synonym, (synonym, THESAURUS_CHANNEL))
              for synonym in synonyms), THESAURUS_KEPT)
        for word, synonyms in resources.thesaurus().items()}


@functools.cache
def _thesaurus_lengths() -> dict[str, tuple[int, ...]]:
    """For each word that starts a word or phrase of the thesaurus, their lengths."""
    return resources.phrase_lengths(_thesaurus_entries())


def _topics(asked: Sequence[tuple[str, tuple[str, ...]]], present: set[str]) -> list[float]:
    """What the document's words say for reading each original *o* into its spun phrase *s*
    of ``asked``: the topic model's log ratio for the words of *o* not in *s* over that of
    the words of *s* not in *o*, the words of both counted absent (:mod:`restore.topic`),
    capped at ``TOPIC_CAP``; 0 unless the model knows them all and the text has
    ``TOPIC_MIN_TOKENS`` distinct tokens."""
    if len(present) < TOPIC_MIN_TOKENS:
        return [0.0] * len(asked)
    model = resources.topic_model()
    terms = [_topic_terms(model, original, phrase) for original, phrase in asked]
    contrasts = iter(model.contrasts([contrast for contrast in terms if contrast is not None],
                                     present))
    return [0.0 if contrast is None else max(-TOPIC_CAP, min(TOPIC_CAP, next(contrasts)))
            for contrast in terms]


@functools.lru_cache(maxsize=1 << 16)
def _topic_terms(model: TopicModel, original: str, phrase: tuple[str, ...],
                 ) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]] | None:
    """The words reading *o* into *s* gains and loses, and the words of both, for the topic
    ``model`` (:func:`_topics`); ``None`` if the model lacks one of them. (Cached across
    texts: with the maps off, an article asks about some ten thousand readings.)"""
    parts = original.lower().split(" ")
    gained = tuple(word for word in parts if word not in phrase)
    lost = tuple(word for word in phrase if word not in parts)
    if not model.knows(itertools.chain(gained, lost)):
        return None
    return gained, lost, frozenset((*parts, *phrase))


@functools.lru_cache(maxsize=1 << 16)
def _adaptation(original: str) -> float:
    """log P_news(o) / P_model(o): how much likelier the news the spin maps were mined from
    makes the words of *o* than the context model's corpus (``DOMAIN_MASS``). Only words
    of letters count; a word the pairs' table lacks is rare there. (Cached across texts: a
    spinner's phrases recur; tables read from elsewhere clear it, see
    ``scripts/mine_spin_maps.py``.)

    >>> _adaptation("latest") > _adaptation("newest")
    True
    """
    counts, total = resources.spin_original_counts()
    corpus = resources.word_counts()
    corpus_total = resources.ngram_model().tokens
    shift = 0.0
    for word in original.lower().split(" "):
        if word.isalpha():
            p_model = (corpus.get(word, 0) + 0.5) / corpus_total
            shift += math.log((counts.get(word, 0) + DOMAIN_MASS * p_model)
                              / ((total + DOMAIN_MASS) * p_model))
    return shift


class _Survival:
    """What the document says of an original *o* itself, as the log-likelihood ratio it
    lends to reading *o* into a spun phrase: a spinner that turned *o* into *s* rarely left
    another *o* standing in the same article. Says nothing (0) when *s* holds *o* ("gross
    sales" for "sales"), where *o* stands in the text whichever reading is right."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.present = set(words)
        self.joined = ""  # " w1 w2 … ", built when a phrase must be looked for
        self.known: dict[str, tuple[list[str], float]] = {}  # original -> its words, ratio

    def __call__(self, original: str, phrase: list[str]) -> float:
        known = self.known.get(original)
        if known is None:
            parts = original.lower().split(" ")
            known = parts, SURVIVED_LOG_RATIO if self._occurs(parts) else ABSENT_LOG_RATIO
            self.known[original] = known
        parts, ratio = known
        if ratio == SURVIVED_LOG_RATIO and _holds(phrase, parts):
            return 0.0
        return ratio

    def _occurs(self, parts: list[str]) -> bool:
        if len(parts) == 1:
            return parts[0] in self.present
        if not self.present.issuperset(parts):
            return False
        if not self.joined:  # tokens hold no space: a phrase stands where its words do
            self.joined = f" {' '.join(self.words)} "
        return f" {' '.join(parts)} " in self.joined


def _holds(phrase: list[str], parts: list[str]) -> bool:
    """Whether ``parts`` stand together in ``phrase``."""
    return any(phrase[i:i + len(parts)] == parts for i in range(len(phrase) - len(parts) + 1))


@functools.lru_cache(maxsize=2)
def text_spun_probability(text: str) -> float:
    """:func:`spun_probability` of the tokens of ``text`` (the last two texts' kept: the
    families of one pass ask in turn)."""
    return spun_probability([token.lower() for token in token_table_read_whole(text).texts])


def spun_probability(words: Sequence[str]) -> float:
    """The odds, as a probability, that a text with these lower-cased tokens was spun."""
    evidence = resources.spin_evidence()
    log_odds = PRIOR_LOG_ODDS + EVIDENCE_WEIGHT * sum(map(evidence.get, words,
                                                          itertools.repeat(0.0)))
    return logistic(log_odds)


def calibrated(posterior: float, kind: str) -> float:
    """The confidence reported for a raw posterior of a proposal of ``kind``
    (:func:`calibration_kind`)."""
    return resources.calibrated(resources.SPIN_CALIBRATIONS[kind], posterior)


@functools.lru_cache(maxsize=1 << 16)
def calibration_kind(rule: str, seen: str, replacement: str) -> str:
    """The kind of a proposal of ``rule`` replacing ``seen`` by ``replacement``, by which
    its posterior is calibrated (``resources.SPIN_CALIBRATIONS``): a synonym read by the
    thesaurus (with the maps switched off); or a contraction written out or made, a number
    spelled out or in digits, a phrase of several words on either side, or a word.

    >>> [calibration_kind("spin.phrase", seen, new) for seen, new in [
    ...  ("it’s", " it is"), ("5", "five"), ("in keeping with", "according to"),
    ...  ("Safety", "Security")]]
    ['contraction', 'number', 'phrase', 'word']
    >>> calibration_kind("spin.thesaurus", "stated", "said")
    'thesaurus'
    """
    if rule == THESAURUS_RULE:
        return "thesaurus"
    both = seen + replacement
    if "'" in both or "’" in both:
        return "contraction"
    if any(ch.isdigit() for ch in both):
        return "number"
    return "phrase" if " " in seen.strip() or " " in replacement.strip() else "word"


def _one_paragraph(text: str, start: int, end: int) -> bool:
    """Whether the gap between a phrase's first and last tokens holds no paragraph break."""
    return PARAGRAPH_BREAK.search(text, start, end) is None


#: A probability, or an array of them.
Chances = TypeVar("Chances", float, npt.NDArray[np.float64])


def _log_keep_prior(p_spun: float, kept: Chances) -> Chances:
    """log P(keep | s) before context: a clean document, or a spinner leaving *s* alone."""
    return np.log((1.0 - p_spun) + p_spun * kept)  # type: ignore[no-any-return]


def _log_change_prior(p_spun: float, channel: Chances) -> Chances:
    """log P(o | s) before context: a spun document whose spinner wrote *s* for *o*."""
    return np.log(p_spun * channel + 1e-300)  # type: ignore[no-any-return]


def _placed(text: str, spans: TokenTable, found: _Occurrences, k: int, j: int,
            posterior: float, p_spun: float) -> _Reading | None:
    """Occurrence ``k`` read as option ``j``, where the reading fits the text."""
    replacement, original, channel = found.replacement[j], found.original[j], found.channel[j]
    start, end = spans.starts[found.first[k]], spans.ends[found.last[k] - 1]
    placed = _fit(text, start, end, replacement, found.first[k], spans)
    if placed is None:
        return None
    start, replacement = placed
    rule = THESAURUS_RULE if found.unseen else PHRASE_RULE
    if found.unseen:
        said = f"a synonym a spinner may have written for “{original}” (WordNet, Moby)"
    elif found.entry[k].by_hand:
        said = f"spun phrase for “{original}” (a pair checked by hand)"
    else:
        said = (f"spun phrase for “{original}” (the spinner writes it for {channel:.0%} of "
                f"“{original}”)")
    return _Reading(start, end, text[start:end], replacement, rule,
                    f"{said}; document spun with p={p_spun:.2f}", posterior)



def _fit(text: str, start: int, end: int, replacement: str, first: int,
         spans: TokenTable) -> tuple[int, str] | None:
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
    if "'" in replacement and "’" in text[max(0, start - 40):start + 40]:
        replacement = replacement.replace("'", "’")  # as the text writes its apostrophes
    if first > 0 and spans.texts[first - 1].lower() in ("a", "an") and not clitic_seen:
        article_start, article_end = spans.starts[first - 1], spans.ends[first - 1]
        article = spans.texts[first - 1]
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
