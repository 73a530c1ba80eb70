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
from typing import Literal

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
        lo, hi = self._bigram_offsets[first], self._bigram_offsets[first + 1]
        at = bisect.bisect_left(self._bigram_next, second, lo, hi)
        return at if at < hi and self._bigram_next[at] == second else -1

    def _trigram(self, bigram: int, third: int) -> int:
        lo, hi = self._trigram_offsets[bigram], self._trigram_offsets[bigram + 1]
        at = bisect.bisect_left(self._trigram_next, third, lo, hi)
        return at if at < hi and self._trigram_next[at] == third else -1

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
