"""Mine the n-gram tables of the context model from a plain-text corpus.

Streams the corpus (plain or ``.xz`` text, one paragraph per line), tokenizes it with the
package's own tokenizer (:func:`restore.text.tokens`, in its statistics spelling), counts
unigrams, bigrams and trigrams with case kept, prunes rare ones and writes
``dictionaries/ngrams.bin`` in the format :mod:`restore.lm` reads (see its docstring).

Two passes: the first counts words and fixes the vocabulary, the second counts bigrams and
trigrams of word ids as 64-bit integers in batches (``numpy.unique`` per batch, batches
merged as they pile up), on every core. Only counts leave the corpus: no text is shipped.
Deterministic: the same corpus and options give identical bytes.

Usage::

    python scripts/build_ngrams.py [CORPUS.txt[.xz] ...] [-o dictionaries/ngrams.bin]
        [--min-unigram 3] [--min-bigram 3] [--min-trigram 4] [--workers 2]

Defaults to the corpora under ``../shared/data/corpus``.
"""

from __future__ import annotations

import argparse
import lzma
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import numpy as np
import numpy.typing as npt

from restore import lm
from restore.text import TOKEN, statistics_spelling

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries" / lm.FILE_NAME
BATCH_LINES = 20_000
#: Every N-th document of each corpus file is held back from the tables by default, for
#: evaluation (``--hold-out``).
HOLD_OUT = 100
#: Pending batch entries that trigger a merge of the partial counts.
MERGE_AT = 40_000_000

Keys = npt.NDArray[np.uint64]
Counts = npt.NDArray[np.int64]


def open_corpus(path: Path) -> TextIO:
    """A corpus file opened as text, ``.xz`` or plain."""
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_batches(paths: list[Path], hold_out: int = 0, *, held: bool = False
                 ) -> Iterator[list[str]]:
    """The corpus lines, in batches, file after file; with ``hold_out``, as
    :func:`read_documents` gives them."""
    for path in paths:
        batch: list[str] = []
        for document in read_documents(path, hold_out, held=held):
            for line in document:
                batch.append(line)
                if len(batch) == BATCH_LINES:
                    yield batch
                    batch = []
        if batch:
            yield batch


def read_documents(path: Path, hold_out: int = 0, *, held: bool = False
                   ) -> Iterator[list[str]]:
    """The documents of a corpus file (separated by blank lines), each as its lines.

    With ``hold_out`` N > 0, every N-th document is held back for evaluation: it is skipped,
    or with ``held`` it is all that is read.
    """
    with open_corpus(path) as handle:
        lines: list[str] = []
        document = 0
        for line in handle:
            if not line.strip():
                if lines:
                    yield lines
                    lines = []
                document += 1
                continue
            if hold_out and (document % hold_out == hold_out - 1) != held:
                continue
            lines.append(line)
        if lines:
            yield lines


def count_words(lines: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter({lm.BOUNDARY_TOKEN: len(lines)})
    for line in lines:
        counts.update(TOKEN.findall(statistics_spelling(line)))
    return counts


_vocabulary: dict[str, int] = {}


def _set_vocabulary(vocabulary: dict[str, int]) -> None:
    global _vocabulary
    _vocabulary = vocabulary


def count_ngrams(lines: list[str]) -> tuple[Keys, Counts, Keys, Counts]:
    """Unique bigram and trigram keys of a batch with their counts.

    Each line is framed by the boundary id; n-grams holding an unknown word, and trigrams
    spanning two lines, are dropped.
    """
    vocabulary = _vocabulary
    size = len(vocabulary)
    ids = [lm.BOUNDARY]
    for line in lines:
        ids.extend(vocabulary.get(t, lm.UNKNOWN) for t in TOKEN.findall(statistics_spelling(line)))
        ids.append(lm.BOUNDARY)
    array = np.asarray(ids, dtype=np.uint64)
    a, b, c = array[:-2], array[1:-1], array[2:]
    known = array != lm.UNKNOWN
    bigram_ok = known[:-1] & known[1:]
    bigrams = array[:-1][bigram_ok] * np.uint64(size) + array[1:][bigram_ok]
    trigram_ok = known[:-2] & known[1:-1] & known[2:] & (b != lm.BOUNDARY)
    trigrams = (a[trigram_ok] * np.uint64(size) + b[trigram_ok]) * np.uint64(size) + c[trigram_ok]
    bigram_keys, bigram_counts = np.unique(bigrams, return_counts=True)
    trigram_keys, trigram_counts = np.unique(trigrams, return_counts=True)
    return (bigram_keys, bigram_counts.astype(np.int64),
            trigram_keys, trigram_counts.astype(np.int64))


def merge(keys: list[Keys], counts: list[Counts]) -> tuple[Keys, Counts]:
    """Partial counts summed into one sorted, unique table."""
    all_keys = np.concatenate(keys)
    unique, inverse = np.unique(all_keys, return_inverse=True)
    summed = np.bincount(inverse, weights=np.concatenate(counts)).astype(np.int64)
    return unique, summed


class Accumulator:
    """Sorted unique keys with counts, fed batch by batch, merged when batches pile up."""

    def __init__(self) -> None:
        self.keys: list[Keys] = []
        self.counts: list[Counts] = []
        self.pending = 0

    def add(self, keys: Keys, counts: Counts) -> None:
        self.keys.append(keys)
        self.counts.append(counts)
        self.pending += len(keys)
        if self.pending >= MERGE_AT:
            self.finish()

    def finish(self) -> tuple[Keys, Counts]:
        if not self.keys:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64)
        merged = merge(self.keys, self.counts)
        self.keys, self.counts = [merged[0]], [merged[1]]
        self.pending = len(merged[0])
        return merged


def quantize(counts: Counts) -> npt.NDArray[np.uint8]:
    """Counts as ``round(ln(count) * QUANT_SCALE)`` in one byte (see :mod:`restore.lm`)."""
    levels = np.rint(np.log(counts.astype(np.float64)) * lm.QUANT_SCALE)
    return np.clip(levels, 0, 255).astype(np.uint8)


def csr(first: npt.NDArray[np.uint64], rows: int) -> npt.NDArray[np.uint32]:
    """Row offsets for entries sorted by ``first`` (the row index of each entry)."""
    offsets = np.zeros(rows + 1, dtype=np.uint64)
    np.cumsum(np.bincount(first.astype(np.int64), minlength=rows), out=offsets[1:])
    return offsets.astype(np.uint32)


def build(paths: list[Path], args: argparse.Namespace) -> dict[str, object]:
    started = time.monotonic()
    context = multiprocessing.get_context("fork")
    words: Counter[str] = Counter()
    with context.Pool(args.workers) as pool:
        for partial in pool.imap(count_words, read_batches(paths, args.hold_out)):
            words.update(partial)
    boundaries = words.pop(lm.BOUNDARY_TOKEN)
    tokens = sum(words.values())
    kept = sorted(((n, w) for w, n in words.items() if n >= args.min_unigram),
                  key=lambda item: (-item[0], item[1]))
    vocabulary_words = [lm.BOUNDARY_TOKEN, lm.UNKNOWN_TOKEN, *(w for _, w in kept)]
    vocabulary = {w: i for i, w in enumerate(vocabulary_words)}
    size = len(vocabulary)
    if size**3 >= 2**64:
        raise SystemExit(f"build_ngrams: vocabulary of {size} too large for 64-bit trigram keys")
    kept_tokens = sum(n for n, _ in kept)
    unigram_counts = np.array([boundaries, tokens - kept_tokens, *(n for n, _ in kept)],
                              dtype=np.uint32)
    print(f"pass 1: {tokens:,} tokens, {len(words):,} types, {size:,} kept "
          f"({time.monotonic() - started:.0f} s)", file=sys.stderr)

    bigrams, trigrams = Accumulator(), Accumulator()
    with context.Pool(args.workers, initializer=_set_vocabulary,
                      initargs=(vocabulary,)) as pool:
        for bigram_keys, bigram_counts, trigram_keys, trigram_counts in pool.imap(
                count_ngrams, read_batches(paths, args.hold_out)):
            bigrams.add(bigram_keys, bigram_counts)
            trigrams.add(trigram_keys, trigram_counts)
    bigram_keys, bigram_counts = bigrams.finish()
    trigram_keys, trigram_counts = trigrams.finish()
    print(f"pass 2: {len(bigram_keys):,} bigrams, {len(trigram_keys):,} trigrams "
          f"({time.monotonic() - started:.0f} s)", file=sys.stderr)

    keep = bigram_counts >= args.min_bigram
    bigram_keys, bigram_counts = bigram_keys[keep], bigram_counts[keep]
    keep = trigram_counts >= args.min_trigram
    trigram_keys, trigram_counts = trigram_keys[keep], trigram_counts[keep]
    # Every kept trigram's first two words form a kept bigram (its count is at least as
    # high), so trigrams are stored as rows of the bigram table: a trie, as in KenLM.
    size64 = np.uint64(size)
    prefixes = trigram_keys // size64
    rows = np.searchsorted(bigram_keys, prefixes)
    if len(rows) and not np.array_equal(bigram_keys[np.minimum(rows, len(bigram_keys) - 1)],
                                        prefixes):
        raise SystemExit("build_ngrams: a trigram's prefix is missing from the bigram table; "
                         "--min-bigram must not exceed --min-trigram")
    return {
        "tokens": tokens,
        "vocabulary": "\n".join(vocabulary_words).encode("utf-8"),
        "unigram_counts": unigram_counts,
        "bigram_offsets": csr(bigram_keys // size64, size),
        "bigram_next": (bigram_keys % size64).astype(np.uint32),
        "bigram_counts": quantize(bigram_counts),
        "trigram_offsets": csr(rows.astype(np.uint64), len(bigram_keys)),
        "trigram_next": (trigram_keys % size64).astype(np.uint32),
        "trigram_counts": quantize(trigram_counts),
    }


def write(path: Path, tables: dict[str, object], comments: list[str]) -> None:
    """Header block of ``lm.HEADER_SIZE`` bytes, then each section at its stated offset."""
    sections = {name: (value if isinstance(value, bytes) else value.tobytes())  # type: ignore[attr-defined]
                for name, value in tables.items() if name != "tokens"}
    lines = [f"# {lm.FORMAT}\tv{lm.VERSION}", *(f"# {c}" for c in comments)]
    offset = lm.HEADER_SIZE
    for name, data in sections.items():
        value = tables[name]
        dtype = "utf-8" if isinstance(value, bytes) else str(value.dtype)  # type: ignore[attr-defined]
        lines.append(f"section\t{name}\t{dtype}\t{offset}\t{len(data)}")
        offset += len(data) + (-len(data)) % 8
    header = ("\n".join(lines) + "\n\n").encode("utf-8")
    if len(header) > lm.HEADER_SIZE:
        raise SystemExit("build_ngrams: header too long")
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as out:
        out.write(header.ljust(lm.HEADER_SIZE, b"\0"))
        for data in sections.values():
            out.write(data)
            out.write(b"\0" * ((-len(data)) % 8))
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--min-unigram", type=int, default=3)
    parser.add_argument("--min-bigram", type=int, default=3)
    parser.add_argument("--min-trigram", type=int, default=4)
    parser.add_argument("--hold-out", type=int, default=HOLD_OUT,
                        help="hold back every N-th document for evaluation (0: none)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    paths = args.corpus or sorted(DEFAULT_CORPUS_DIR.glob("*.txt.xz"))
    if not paths:
        print(f"build_ngrams: no corpus given and none in {DEFAULT_CORPUS_DIR}", file=sys.stderr)
        return 1
    if args.min_bigram > args.min_trigram:
        parser.error("--min-bigram must not exceed --min-trigram")
    tables = build(paths, args)
    vocabulary_size = len(tables["unigram_counts"])  # type: ignore[arg-type]
    comments = [
        f"source: {', '.join(p.name for p in paths)} (see PROVENANCE.md); "
        "built by scripts/build_ngrams.py",
        f"tokens: {tables['tokens']}; vocabulary: {vocabulary_size}; "
        f"bigrams: {len(tables['bigram_next'])}; trigrams: {len(tables['trigram_next'])}",  # type: ignore[arg-type]
        f"pruning: min_unigram={args.min_unigram} min_bigram={args.min_bigram} "
        f"min_trigram={args.min_trigram}; n-grams with an unknown word dropped; "
        f"hold_out={args.hold_out} (every N-th document of each file held back)",
        f"counts: uint8 q, count = exp(q / {lm.QUANT_SCALE}); unigram counts exact (uint32)",
    ]
    write(args.output, tables, comments)
    megabytes = args.output.stat().st_size / 1e6
    print(f"wrote {args.output} ({megabytes:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
