"""A trigram language model over the shipped n-gram tables, with stupid backoff.

The tables (``dictionaries/ngrams.bin``, built by ``scripts/build_ngrams.py``) hold case-kept
counts of words, bigrams and trigrams mined from a large English corpus, tokenized by
:func:`restore.text.tokens` in its statistics spelling (digits as 0, straight quotes).
The file is memory-mapped, so loading reads only the header and the vocabulary.

Layout: a header block of ``HEADER_SIZE`` bytes (``# restore-ngrams<TAB>v1``, comment lines
naming the source and pruning, then one ``section<TAB>name<TAB>dtype<TAB>offset<TAB>bytes``
line per section, a blank line and NUL padding), then the sections: the vocabulary (words
joined by newlines; id 0 is the line boundary, id 1 the unknown word), exact unigram counts,
and a trie: bigrams as rows of second-word ids per first word (``bigram_offsets``), trigrams
as rows of third-word ids per bigram (``trigram_offsets``), each with counts quantized to a
byte (``count = exp(q / QUANT_SCALE)``, within 5%).

Smoothing is stupid backoff (Brants et al., 2007): the relative frequency of the longest
n-gram seen, times 0.4 per order backed off. It needs no discount tables, is unaffected by
the pruning and quantization that keep the tables small, and ranks candidates as well as
Kneser–Ney at this scale; the price is that its scores are not normalized probabilities,
which candidate ranking (all this package does with them) never needs.

>>> from restore.resources import ngram_model
>>> model = ngram_model()
>>> (model.score_in_context(["the", "UN"], ["Security"], ["Council", "said"])
...  > model.score_in_context(["the", "UN"], ["Safety"], ["Council", "said"]))
True
"""

from __future__ import annotations

import bisect
import math
import mmap
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from restore.text import statistics_spelling

FORMAT = "restore-ngrams"
VERSION = 1
FILE_NAME = "ngrams.bin"
HEADER_SIZE = 4096
QUANT_SCALE = 12
BOUNDARY, UNKNOWN = 0, 1
BOUNDARY_TOKEN, UNKNOWN_TOKEN = "<s>", "<unk>"
BACKOFF = 0.4
#: Entries kept in each look-up cache (token ids, trigram scores) before it starts afresh.
CACHE_SIZE = 1 << 18
#: Most look-ups a trie search makes one at a time rather than in numpy
#: (:meth:`NgramModel._find_in`): up to about 250, one at a time is faster.
FEW_LOOK_UPS = 200
#: Typecodes of the sections' dtypes for ``memoryview.cast``.
TYPECODES: dict[str, Literal["I", "B"]] = {"uint32": "I", "uint8": "B"}


class ModelFormatError(RuntimeError):
    """The n-gram file is missing a section or has the wrong format header."""


class NgramModel:
    """Counts and stupid-backoff scores of word sequences, case kept."""

    def __init__(self, path: Path) -> None:
        if sys.byteorder != "little":
            raise ModelFormatError("the n-gram tables are little-endian; this machine is not")
        with open(path, "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        header = self._map[:HEADER_SIZE].split(b"\n\n", 1)[0].decode("utf-8").splitlines()
        expected = f"# {FORMAT}\tv{VERSION}"
        if not header or header[0] != expected:
            found = header[0] if header else "an empty header"
            raise ModelFormatError(f"{path}: expected header {expected!r}, got {found!r}")
        self.header = header
        sections: dict[str, tuple[str, int, int]] = {}
        for line in header:
            if line.startswith("section\t"):
                _, name, dtype, offset, size = line.split("\t")
                sections[name] = (dtype, int(offset), int(size))
        view = memoryview(self._map)

        def section(name: str) -> memoryview[int]:
            if name not in sections:
                raise ModelFormatError(f"{path}: section {name!r} is missing")
            dtype, offset, size = sections[name]
            raw = view[offset:offset + size]
            return raw.cast("B") if dtype == "utf-8" else raw.cast(TYPECODES[dtype])

        words = bytes(section("vocabulary")).decode("utf-8").split("\n")
        self._ids = {word: index for index, word in enumerate(words)}
        self._unigrams = section("unigram_counts")
        self._bigram_offsets = section("bigram_offsets")
        self._bigram_next = section("bigram_next")
        self._bigram_counts = section("bigram_counts")
        self._trigram_offsets = section("trigram_offsets")
        self._trigram_next = section("trigram_next")
        self._trigram_counts = section("trigram_counts")
        self.tokens = sum(self._unigrams)
        self._log_backoff = math.log(BACKOFF)
        # Below every known word: a word kept in the vocabulary was seen at least twice.
        self._log_unseen = 2 * self._log_backoff + math.log(0.5 / self.tokens)
        self._dequantize = [math.exp(q / QUANT_SCALE) for q in range(256)]
        # Caches shared by every caller; a lost race only recomputes an entry.
        self._token_ids: dict[str, int] = {}
        self._scores: dict[int, float] = {}
        self._size = len(self._ids)
        self._arrays: dict[str, npt.NDArray[Any]] | None = None

    @property
    def vocabulary_size(self) -> int:
        """Words in the vocabulary, the boundary and unknown markers included."""
        return self._size

    def word_id(self, token: str) -> int:
        """The id of ``token``, of its lowercase form if only that is known, else ``UNKNOWN``."""
        found = self._ids.get(token)
        if found is None:
            found = self._token_ids.get(token)
            if found is None:
                spelled = statistics_spelling(token)
                found = self._ids.get(spelled)
                if found is None:
                    found = self._ids.get(spelled.lower(), UNKNOWN)
                if len(self._token_ids) >= CACHE_SIZE:
                    self._token_ids.clear()
                self._token_ids[token] = found
        return found

    def lower_word_counts(self) -> dict[str, int]:
        """Counts of the vocabulary's words made of letters only, case folded together.

        >>> from restore.resources import ngram_model
        >>> ngram_model().lower_word_counts()["the"] > 1_000_000
        True
        """
        counts: dict[str, int] = {}
        for word, index in self._ids.items():
            if word.isalpha():
                lower = word.lower()
                counts[lower] = counts.get(lower, 0) + self._unigrams[index]
        return counts

    def ids(self, tokens: Sequence[str]) -> list[int]:
        """The ids of ``tokens``."""
        return [self.word_id(token) for token in tokens]

    def _bigram(self, first: int, second: int) -> int:
        """The index of the bigram in the trie, or -1 if it was not kept."""
        return _in_row(self._bigram_offsets, self._bigram_next, first, second)

    def _trigram(self, bigram: int, third: int) -> int:
        return _in_row(self._trigram_offsets, self._trigram_next, bigram, third)

    def count(self, ids: Sequence[int]) -> float:
        """The corpus count of an n-gram of ids (n = 1, 2 or 3); approximate for n > 1.

        >>> from restore.resources import ngram_model
        >>> model = ngram_model()
        >>> model.count(model.ids(["Security", "Council"])) > 1000
        True
        """
        if len(ids) == 1:
            return float(self._unigrams[ids[0]])
        if UNKNOWN in ids:
            return 0.0
        bigram = self._bigram(ids[0], ids[1])
        if bigram < 0:
            return 0.0
        if len(ids) == 2:
            return self._dequantize[self._bigram_counts[bigram]]
        trigram = self._trigram(bigram, ids[2])
        return 0.0 if trigram < 0 else self._dequantize[self._trigram_counts[trigram]]

    def log_score(self, word: int, first: int, second: int) -> float:
        """Natural log of the stupid-backoff score of ``word`` after ``first second``.

        Pass ``BOUNDARY`` for history at the start of a line.
        """
        key = (first * self._size + second) * self._size + word  # an int: not GC-tracked
        found = self._scores.get(key)
        if found is None:
            found = self._log_score(word, first, second)
            if len(self._scores) >= CACHE_SIZE:
                self._scores.clear()
            self._scores[key] = found
        return found

    def _log_score(self, word: int, first: int, second: int) -> float:
        if word == UNKNOWN:
            return self._log_unseen
        if second != UNKNOWN:
            if first != UNKNOWN:
                history = self._bigram(first, second)
                if history >= 0:
                    triple = self._trigram(history, word)
                    if triple >= 0:
                        return self._log_ratio(self._trigram_counts[triple],
                                               self._dequantize[self._bigram_counts[history]])
            pair = self._bigram(second, word)
            if pair >= 0:
                return self._log_backoff + self._log_ratio(self._bigram_counts[pair],
                                                           self._unigrams[second])
        return 2 * self._log_backoff + math.log(self._unigrams[word] / self.tokens)

    def score_many_in_context(
            self, queries: Sequence[tuple[Sequence[int], Sequence[int], Sequence[int]]],
    ) -> list[float]:
        """:meth:`score_ids_in_context` of each ``(left, candidate, right)``, looked up
        together with numpy: the fast path for a family that scores every phrase of a text.

        >>> from restore.resources import ngram_model
        >>> model = ngram_model()
        >>> left, right = model.ids(["the", "UN"]), model.ids(["Council", "said"])
        >>> queries = [(left, model.ids([word]), right) for word in ("Security", "Safety")]
        >>> model.score_many_in_context(queries) == [
        ...     model.score_ids_in_context(*query) for query in queries]
        True
        """
        flat: list[int] = []  # each query as its two history ids and the ids it scores
        lengths: list[int] = []
        for left, candidate, right in queries:
            before = len(flat)
            flat += [BOUNDARY, BOUNDARY, *left[-2:]][-2:]
            flat += candidate
            flat += right[:2]
            lengths.append(len(flat) - before - 2)
        totals: list[float] = self.score_runs(flat, lengths).tolist()
        return totals

    def score_runs(self, flat: Sequence[int] | npt.NDArray[np.int64],
                   lengths: Sequence[int] | npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The summed log scores of runs of ids laid end to end in ``flat``, each as its two
        history ids (``BOUNDARY`` at a line start) and then the ``lengths[k]`` ids it scores:
        what :meth:`score_many_in_context` computes, for a caller that lays them out itself.

        >>> from restore.resources import ngram_model
        >>> model = ngram_model()
        >>> the, un, council = model.ids(["the", "UN", "Council"])
        >>> runs = model.score_runs([the, un, council, un, council, the], [1, 1])
        >>> [round(score, 9) for score in runs] == [
        ...     round(model.log_score(council, the, un), 9),
        ...     round(model.log_score(the, un, council), 9)]
        True
        """
        if len(lengths) == 0:
            return np.zeros(0, dtype=np.float64)
        ids = np.array(flat, dtype=np.int64)
        scored = np.array(lengths, dtype=np.int64)
        owners = np.repeat(np.arange(len(scored)), scored)
        # Run k's ids start 2 (k + 1) places further into ``flat`` than its scores do.
        positions = 2 * (owners + 1) + np.arange(len(owners))
        scores = self._log_scores(ids[positions - 2], ids[positions - 1], ids[positions])
        # ``bincount`` with weights sums floats; the stubs type it as counts.
        return np.asarray(np.bincount(owners, weights=scores, minlength=len(scored)),
                          dtype=np.float64)

    def _log_scores(self, first: npt.NDArray[np.int64], second: npt.NDArray[np.int64],
                    word: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """:meth:`log_score` of many ``(first, second, word)`` at once, each distinct one
        looked up once: a text's contexts repeat."""
        triples, inverse = np.unique((first * self._size + second) * self._size + word,
                                     return_inverse=True)
        first, rest = np.divmod(triples, self._size * self._size)
        second, word = np.divmod(rest, self._size)
        return self._distinct_log_scores(first, second, word)[inverse]

    def _distinct_log_scores(self, first: npt.NDArray[np.int64], second: npt.NDArray[np.int64],
                             word: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """:meth:`_log_scores` without looking for repeats."""
        tables = self._numpy_tables()
        dequantize = tables["dequantize"]
        unigrams = tables["unigram_counts"]
        with np.errstate(divide="ignore"):
            scores = 2 * self._log_backoff + np.log(unigrams[word] / self.tokens)
            second_known = second != UNKNOWN
            pair = self._find_in("bigram", np.where(second_known, second, -1), word)
            has_pair = pair >= 0
            scores[has_pair] = self._log_backoff + self._log_ratios(
                dequantize[tables["bigram_counts"][pair[has_pair]]],
                unigrams[second[has_pair]].astype(np.float64))
            history = self._find_in(
                "bigram", np.where(second_known & (first != UNKNOWN), first, -1), second)
            triple = self._find_in("trigram", history, word)
            has_triple = triple >= 0
            scores[has_triple] = self._log_ratios(
                dequantize[tables["trigram_counts"][triple[has_triple]]],
                dequantize[tables["bigram_counts"][history[has_triple]]])
        scores[word == UNKNOWN] = self._log_unseen
        return scores

    @staticmethod
    def _log_ratios(counts: npt.NDArray[np.float64],
                    totals: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """:meth:`_log_ratio` of many counts at once."""
        return np.log(np.minimum(counts / np.maximum(totals, 1.0), 1.0))

    def _find_in(self, trie: Literal["bigram", "trigram"], rows: npt.NDArray[np.int64],
                 wanted: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """For each ``rows[i]`` (-1 for none), the index of ``wanted[i]`` in its row of the
        bigram or trigram ``trie``, or -1: all at once in numpy (:meth:`_find`), or for a
        few, one at a time (:func:`_in_row`), which spares a numpy pass per halving step."""
        if len(rows) > FEW_LOOK_UPS:
            tables = self._numpy_tables()
            return self._find(tables[f"{trie}_offsets"], tables[f"{trie}_next"], rows, wanted)
        offsets, following = ((self._bigram_offsets, self._bigram_next) if trie == "bigram"
                              else (self._trigram_offsets, self._trigram_next))
        return np.array([_in_row(offsets, following, row, word)
                         for row, word in zip(rows.tolist(), wanted.tolist(), strict=True)],
                        dtype=np.int64)

    @staticmethod
    def _find(offsets: npt.NDArray[np.uint32], following: npt.NDArray[np.uint32],
              rows: npt.NDArray[np.int64], wanted: npt.NDArray[np.int64],
              ) -> npt.NDArray[np.int64]:
        """For each ``rows[i]`` (-1 for none), the index of ``wanted[i]`` in its row of the
        trie (``following[offsets[row]:offsets[row + 1]]``, sorted), or -1: a binary search
        of every row at once, over the mapped file."""
        has_row = rows >= 0
        row = np.where(has_row, rows, 0)
        base = offsets[row].astype(np.int64)
        end = np.where(has_row, offsets[row + 1], base).astype(np.int64)
        last = len(following) - 1
        # Branchless: each range halves every step (an empty or one-entry range stands still)
        # until ``base`` is the last entry below ``wanted``, or the range's first entry.
        size = end - base
        while (half := size >> 1).any():
            probe = base + half
            base = np.where(following[np.minimum(probe, last)] < wanted, probe, base)
            size -= half
        base += (size > 0) & (following[np.minimum(base, last)] < wanted)
        found = (base < end) & (following[np.minimum(base, last)] == wanted)
        return np.where(found, base, -1)

    def _numpy_tables(self) -> dict[str, npt.NDArray[Any]]:
        """The sections as numpy arrays over the mapped file (no copies but the 256 counts
        of ``dequantize``)."""
        if self._arrays is None:
            self._arrays = {
                "unigram_counts": np.asarray(self._unigrams),
                "bigram_offsets": np.asarray(self._bigram_offsets),
                "bigram_next": np.asarray(self._bigram_next),
                "bigram_counts": np.asarray(self._bigram_counts),
                "trigram_offsets": np.asarray(self._trigram_offsets),
                "trigram_next": np.asarray(self._trigram_next),
                "trigram_counts": np.asarray(self._trigram_counts),
                "dequantize": np.array(self._dequantize),
            }
        return self._arrays

    def _log_ratio(self, quantized: int, total: float) -> float:
        return math.log(min(self._dequantize[quantized] / max(total, 1.0), 1.0))

    def sequence_log_score(self, ids: Sequence[int], *, first: int = BOUNDARY,
                           second: int = BOUNDARY) -> float:
        """Sum of :meth:`log_score` over ``ids``, starting from the history ``first second``."""
        total = 0.0
        for word in ids:
            total += self.log_score(word, first, second)
            first, second = second, word
        return total

    def score_in_context(self, left: Sequence[str], candidate: Sequence[str],
                         right: Sequence[str]) -> float:
        """Log score of ``candidate`` between ``left`` and ``right`` tokens.

        Scores the candidate's tokens and the two tokens after it, each given the two before
        it, so candidates of different lengths compare fairly in the same context. Fewer than
        two ``left`` tokens means the candidate starts a line.
        """
        return self.score_ids_in_context(self.ids(left[-2:]), self.ids(candidate),
                                         self.ids(right[:2]))

    def score_ids_in_context(self, left: Sequence[int], candidate: Sequence[int],
                             right: Sequence[int]) -> float:
        """:meth:`score_in_context` for token ids."""
        history = [BOUNDARY, BOUNDARY, *left[-2:]][-2:]
        return self.sequence_log_score([*candidate, *right[:2]], first=history[0],
                                       second=history[1])


def _in_row(offsets: Sequence[int], following: Sequence[int], row: int, wanted: int) -> int:
    """The index of ``wanted`` in row ``row`` of a trie (``following[offsets[row]:offsets[row +
    1]]``, sorted), or -1 (also for row -1)."""
    if row < 0:
        return -1
    lo, hi = offsets[row], offsets[row + 1]
    at = bisect.bisect_left(following, wanted, lo, hi)
    return at if at < hi and following[at] == wanted else -1

