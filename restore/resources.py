"""Lazy, cached loading of the shipped dictionaries and word statistics.

Every loader runs at most once per process (``functools.cache``) and checks the format
header of its file, so a stale or foreign table fails loudly instead of misbehaving.

In an installed wheel the tables live in ``restore/dictionaries``; in a source checkout
(editable install) they are read from the top-level ``dictionaries/`` directory.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from restore.lm import NgramModel
    from restore.ocr_channel import Channel
    from restore.probability import BoostedTrees
    from restore.spelling import Spelling
    from restore.topic import TopicModel


class DictionaryError(RuntimeError):
    """A shipped dictionary is missing or has the wrong format header."""


def dictionary_root() -> Traversable:
    """The directory holding the shipped dictionaries."""
    packaged = files("restore") / "dictionaries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "dictionaries"


def dictionary(name: str) -> Traversable:
    """The dictionary file ``name``: from the directory named by ``$RESTORE_DICTIONARIES``
    when it holds one (tables mined from your own pairs), else the shipped one."""
    override = os.environ.get("RESTORE_DICTIONARIES")
    if override and (Path(override) / name).is_file():
        return Path(override) / name
    return dictionary_root() / name


def read_table(name: str, expected_format: str, version: int) -> list[list[str]]:
    """Rows of a TSV dictionary after its ``#`` header lines and column-name line.

    The first line must be ``# <format>\\tv<version>``.
    """
    resource = dictionary(name)
    if not resource.is_file():
        raise DictionaryError(f"dictionary {name!r} is missing from {dictionary_root()}")
    lines = resource.read_text(encoding="utf-8").splitlines()
    expected = f"# {expected_format}\tv{version}"
    if not lines or lines[0] != expected:
        found = lines[0] if lines else "an empty file"
        raise DictionaryError(f"dictionary {name!r}: expected header {expected!r}, got {found!r}")
    body = [line for line in lines if not line.startswith("#")]
    return [line.split("\t") for line in body[1:] if line]


@functools.cache
def abbreviations() -> dict[str, str]:
    """Known dotted initialisms keyed by their letters: ``{"US": "U.S.", "LP": "L.P."}``."""
    rows = read_table("abbreviations.tsv", "restore-abbreviations", 1)
    return {form.replace(".", ""): form for form, *_ in rows}


@functools.cache
def word_zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (wordfreq); 0.0 for unknown words."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@functools.cache
def ngram_model() -> NgramModel:
    """The context model over ``ngrams.bin`` (memory-mapped once per process)."""
    from restore.lm import FILE_NAME, NgramModel

    resource = dictionary(FILE_NAME)
    if not resource.is_file():
        raise DictionaryError(f"dictionary {FILE_NAME!r} is missing from {dictionary_root()}")
    with as_file(resource) as path:
        return NgramModel(path)


#: (file, format, version) of the spinner tables mined by ``scripts/mine_spin_maps.py``.
SPIN_PHRASES = ("spin-phrases.tsv", "restore-spin-phrases", 2)
SPIN_EVIDENCE = ("spin-evidence.tsv", "restore-spin-evidence", 1)
#: (file, format, version) of the phrase pairs checked by hand that the mined pairs lack.
SPIN_PHRASES_BY_HAND = ("spin-phrases-by-hand.tsv", "restore-spin-phrases-by-hand", 1)
#: P(s | o) of a pair checked by hand, which no count measures: the median share of its
#: original that the spinner wrote as a mined phrase the original texts never have (0.5,
#: over 2,159 such pairs; 0.57 for phrases of three tokens or more).
BY_HAND_CHANNEL = 0.5
#: Least P(s | s) of a spun phrase: one the original texts never have, which the spinner
#: alone writes.
KEPT_FLOOR = 0.01


#: (file, format, version) of the synonym table built by ``scripts/build_thesaurus.py``.
THESAURUS = ("thesaurus.tsv", "restore-thesaurus", 2)
#: (file, format, version) of the topic table built by ``scripts/build_topics.py``.
TOPICS = ("topics.tsv", "restore-topics", 1)


@dataclass(frozen=True, slots=True)
class SpinEntry:
    """The channel for one spun phrase *s*: ``originals`` holds ``(o, P(s | o))`` for each
    original the spinner turned into *s*; ``kept`` is P(s | s), the chance that *s* in a
    spun text stood for itself; ``by_hand`` says the pair was checked by hand, not mined, and
    its P(s | o) is ``BY_HAND_CHANNEL``."""

    originals: tuple[tuple[str, float], ...]
    kept: float
    by_hand: bool = False


@functools.cache
def spin_phrases() -> dict[tuple[str, ...], SpinEntry]:
    """Spun phrases as lower-cased token tuples, each with its channel probabilities.

    The mined table stores each phrase as its tokens joined by spaces (tokens hold no
    spaces) and counts: times aligned; the phrase's occurrences in the original texts that
    the spinner left standing, and all of them (P(s | s) is their ratio); and the
    original's in original texts. A phrase it lacks that the table of pairs checked by hand
    has ("satellite tv for pc" → "satellite") is read with ``BY_HAND_CHANNEL``, and a
    spinner alone writes it (``KEPT_FLOOR``).

    >>> spin_phrases()["satellite", "tv", "for", "pc"]
    SpinEntry(originals=(('satellite', 0.5),), kept=0.01, by_hand=True)
    """
    grouped: dict[tuple[str, ...], list[tuple[str, float]]] = {}
    kept: dict[tuple[str, ...], float] = {}
    for spun, original, aligned, standing, in_originals, original_count in read_table(
            *SPIN_PHRASES):
        key = tuple(spun.split(" "))
        share = min(int(aligned) / max(int(original_count), 1), 1.0)
        grouped.setdefault(key, []).append((original, share))
        kept[key] = max(int(standing) / max(int(in_originals), 1), KEPT_FLOOR)
    entries = {key: SpinEntry(tuple(originals), kept[key]) for key, originals in grouped.items()}
    for spun, original, _ in read_table(*SPIN_PHRASES_BY_HAND):
        entries.setdefault(tuple(spun.split(" ")),
                           SpinEntry(((original, BY_HAND_CHANNEL),), KEPT_FLOOR, by_hand=True))
    return entries


@functools.cache
def spin_phrase_lengths() -> dict[str, tuple[int, ...]]:
    """For each word that starts a spun phrase, the lengths of such phrases, longest first."""
    return phrase_lengths(spin_phrases())


def phrase_lengths(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """For each word that starts one of ``phrases``, their lengths, longest first.

    >>> phrase_lengths([("in", "keeping", "with"), ("in",), ("per",)])
    {'in': (3, 1), 'per': (1,)}
    """
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    return {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()}


@functools.cache
def thesaurus() -> dict[str, tuple[str, ...]]:
    """Each common word form or phrase with the forms of its WordNet synonyms, inflected
    alike, and the words and phrases the Moby Thesaurus lists with it (a phrase's words
    joined by spaces)."""
    return {word.replace("_", " "): tuple(sys.intern(synonym.replace("_", " "))
                                          for synonym in synonyms.split(" "))
            for word, synonyms in read_table(*THESAURUS)}  # one copy of each synonym


FUNCTION_WORD_SENSES = ("function-word-senses.tsv", "restore-function-word-senses", 1)


@functools.cache
def function_word_senses() -> dict[str, tuple[str, ...]]:
    """Each word a function-word spinner may write, with the common words it shares a
    WordNet synset (or a similar one) with, in any sense ("arsenic": "as")."""
    return {word: tuple(replaced.split(" "))
            for word, replaced in read_table(*FUNCTION_WORD_SENSES)}


@functools.cache
def topic_model() -> TopicModel:
    """The topic model over ``topics.tsv`` (:mod:`restore.topic`)."""
    from restore.topic import TopicModel

    return TopicModel(read_table(*TOPICS))


@functools.cache
def spin_evidence() -> dict[str, float]:
    """Log-likelihood ratio, spun over original text, of each lower-cased word seen enough."""
    rows = read_table(*SPIN_EVIDENCE)
    spun_total = sum(int(spun) for _, spun, _ in rows) + len(rows)
    original_total = sum(int(original) for _, _, original in rows) + len(rows)
    return {
        word: math.log((int(spun) + 0.5) / spun_total)
        - math.log((int(original) + 0.5) / original_total)
        for word, spun, original in rows
    }


@functools.cache
def spin_original_counts() -> tuple[dict[str, int], int]:
    """How often each lower-cased word seen enough in the mined pairs stands in their
    original texts, and the sum of those counts: the frequencies of the news a spinner
    rewrites."""
    counts = {word: int(original) for word, _, original in read_table(*SPIN_EVIDENCE)}
    return counts, sum(counts.values())


#: (file, format, version) of the calibration tables fitted by ``scripts/calibrate_*.py``.
#: The spin family's, one per kind of proposal (:func:`restore.fixes.spin.calibration_kind`),
#: whose raw posteriors mean different things: a contraction written out ("it’s" → "it
#: is") is right far more often than a word read as another at the same posterior.
SPIN_CALIBRATIONS = {
    "word": ("spin-word-calibration.tsv", "restore-spin-word-calibration", 1),
    "phrase": ("spin-phrase-calibration.tsv", "restore-spin-phrase-calibration", 1),
    "contraction": ("spin-contraction-calibration.tsv",
                    "restore-spin-contraction-calibration", 1),
    "number": ("spin-number-calibration.tsv", "restore-spin-number-calibration", 1),
    "thesaurus": ("spin-thesaurus-calibration.tsv", "restore-spin-thesaurus-calibration", 1),
}
#: The OCR family's, one per kind of proposal, whose raw scores mean different things: a
#: misread real word ("lie" for "he"); a non-word with one reading ("decaniped"), right far
#: more often than one with several ("tliot": "thot", "Eliot"), where the printed word is
#: often none of them; a broken word joined; a dash read as a hyphen (one token's context).
OCR_CALIBRATIONS = {
    "real word": ("ocr-real-word-calibration.tsv", "restore-ocr-real-word-calibration", 1),
    "non-word, one reading": ("ocr-non-word-calibration.tsv",
                              "restore-ocr-non-word-calibration", 1),
    "non-word, several readings": ("ocr-ambiguous-non-word-calibration.tsv",
                                   "restore-ocr-ambiguous-non-word-calibration", 1),
    "broken word": ("ocr-broken-word-calibration.tsv", "restore-ocr-broken-word-calibration",
                    1),
    "dash": ("ocr-dash-calibration.tsv", "restore-ocr-dash-calibration", 1),
    "lost space": ("ocr-lost-space-calibration.tsv", "restore-ocr-lost-space-calibration", 1),
}


@functools.cache
def calibration(table: tuple[str, str, int]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A family's calibration steps: raw posterior upper bounds and their confidence."""
    rows = read_table(*table)
    return tuple(float(upper) for upper, _ in rows), tuple(float(c) for _, c in rows)


def calibrated(table: tuple[str, str, int], posterior: float) -> float:
    """The confidence reported for a raw ``posterior``: the share of proposals with such a
    posterior that were right on unseen development texts (a ``calibration`` table)."""
    uppers, confidences = calibration(table)
    return confidences[min(bisect.bisect_left(uppers, posterior), len(uppers) - 1)]


#: The families' decision models, fitted by ``scripts/calibrate_ocr.py`` and
#: ``scripts/calibrate_spin.py``: whether the OCR family's best reading of a misread word is
#: right, and whether the spin family's best original of a spun phrase is (one model for
#: the phrases of the maps, one for the thesaurus's words, read with the maps off). Each is
#: gradient-boosted trees, complete and of one depth: the first row gives the baseline
#: log-odds in its ``value``; then one ``tree, node, feature, threshold, value`` row per node
#: of each tree in heap order (an inner node names a feature and a threshold, a leaf has a
#: value).
OCR_WORD_DECISION = ("ocr-word-decision.tsv", "restore-ocr-word-decision", 2)
SPIN_DECISION = ("spin-decision.tsv", "restore-spin-decision", 1)
SPIN_THESAURUS_DECISION = ("spin-thesaurus-decision.tsv", "restore-spin-thesaurus-decision", 1)
BASELINE = "(baseline)"


@functools.cache
def ocr_word_decision() -> BoostedTrees:
    """The OCR family's decision model for misread words."""
    return boosted_trees(OCR_WORD_DECISION)


@functools.cache
def spin_decision() -> BoostedTrees:
    """The spin family's decision model for the spun phrases of the maps."""
    return boosted_trees(SPIN_DECISION)


@functools.cache
def spin_thesaurus_decision() -> BoostedTrees:
    """The spin family's decision model for the thesaurus's words."""
    return boosted_trees(SPIN_THESAURUS_DECISION)


def decision_columns(model: BoostedTrees, table: tuple[str, str, int],
                     given: tuple[str, ...]) -> tuple[int, ...]:
    """Where each feature the decision ``model`` (read from ``table``) reads stands among the
    features a family ``given``s; a model that reads a feature not given is refused."""
    unknown = [feature for feature in model.features if feature not in given]
    if unknown:
        raise DictionaryError(f"dictionary {table[0]!r} reads the features {', '.join(unknown)}; "
                              f"this version gives {', '.join(given)}")
    return tuple(map(given.index, model.features))


def boosted_trees(table: tuple[str, str, int]) -> BoostedTrees:
    """The decision model in the dictionary ``table`` names (:class:`BoostedTrees`)."""
    import numpy as np

    from restore.probability import BoostedTrees

    name = table[0]
    rows = read_table(*table)
    if not rows or rows[0][0] != BASELINE:
        raise DictionaryError(f"dictionary {name!r} does not start with its {BASELINE} row")
    features: dict[str, int] = {}
    splits: list[list[int]] = []
    thresholds: list[list[float]] = []
    leaves: list[list[float]] = []
    for _, tree in itertools.groupby(rows[1:], key=operator.itemgetter(0)):
        nodes = list(tree)
        inner = len(nodes) // 2
        if ([int(node) for _, node, *_ in nodes] != list(range(len(nodes)))
                or len(nodes) & (len(nodes) + 1) or (splits and inner != len(splits[-1]))):
            raise DictionaryError(f"dictionary {name!r}: tree {nodes[0][0]} is not complete "
                                  "in heap order, or not as deep as the others")
        splits.append([features.setdefault(feature, len(features))
                       for _, _, feature, _, _ in nodes[:inner]])
        thresholds.append([float(threshold) for _, _, _, threshold, _ in nodes[:inner]])
        leaves.append([float(value) for *_, value in nodes[inner:]])
    if not leaves:
        raise DictionaryError(f"dictionary {name!r} has no trees")
    return BoostedTrees(tuple(features), float(rows[0][4]), np.array(splits, dtype=np.intp),
                        np.array(thresholds, dtype=np.float64),
                        np.array(leaves, dtype=np.float64))


OCR_CHANNEL = ("ocr-channel.tsv", "restore-ocr-channel", 1)


@functools.cache
def ocr_channel() -> Channel:
    """The OCR channel: learned character confusions (``scripts/learn_ocr_channel.py``)."""
    from restore.ocr_channel import Channel

    return Channel((source, seen, int(confused), int(occurrences))
                   for source, seen, confused, occurrences in read_table(*OCR_CHANNEL))


#: A lower-case word is in the spelling dictionary when the corpus has it this often.
SPELLING_MIN_COUNT = 20


@functools.cache
def word_counts() -> dict[str, int]:
    """Corpus counts of lower-case words (letters only), from the context model's unigrams."""
    return ngram_model().lower_word_counts()


@functools.cache
def spelling() -> Spelling:
    """The words seen ``SPELLING_MIN_COUNT`` times, and the nearest of them to any word."""
    from restore.spelling import Spelling

    return Spelling({word: count for word, count in word_counts().items()
                     if count >= SPELLING_MIN_COUNT})


def warm_up() -> None:
    """Load every table now rather than on first use (in a worker process, say); the
    spelling dictionary, needed only for text that reads as OCR (its index is built once
    scans have cost as much, :mod:`restore.spelling`), and the thesaurus, needed only with
    the phrase maps switched off (about 30 MB with its channel), are read on first use."""
    abbreviations()
    ngram_model()
    spin_phrases()
    spin_phrase_lengths()
    spin_evidence()
    function_word_senses()
    topic_model()
    for table in (*SPIN_CALIBRATIONS.values(), *OCR_CALIBRATIONS.values()):
        calibration(table)
    ocr_channel()
    ocr_word_decision()
    word_counts()
    word_zipf("the")  # imports wordfreq and reads its English table
