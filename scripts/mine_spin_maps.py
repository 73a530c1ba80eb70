"""Mine a spinner's thesaurus and its tell-tale words from pairs of spun and original texts.

Each ``X.spun.txt`` is aligned with its ``X.orig.txt`` (:func:`restore.align.substitutions`);
every differing run of at most ``--max-tokens`` tokens a side is a candidate pair (spun
phrase → original phrase) when the original has a word in it and the spun phrase a word or
is a number (a spinner writes "5" for "five", "1 / 4" for "a quarter"). A pure insertion or
deletion may go with the token on either side ("satellite tv for pc" → "satellite", "gross
sales" → "sales"): it is counted for the side whose reading the spinner writes for the
larger share of its original ("government" → "federal government" for 39% of "government",
not "the" → "the federal" for 2% of "the"), so that an artefact of a key does not stand in
front of it. A run of equal length is also counted as its word-for-word pairs, so that
whichever reading is the spinner's key gathers the counts, unless the spinner only moved
its words ("to not" for "not to"). Then every phrase is counted wherever it occurs, which
gives the channel its probabilities: how often the spinner wrote that phrase for that
original, and how often it left the phrase as it was (an occurrence in an original that the
alignment finds unchanged in its spun text).

Writes two tables to ``--output`` (default ``dictionaries/``):

- ``spin-phrases.tsv``: spun phrase (its lower-cased tokens joined by spaces), original,
  times aligned, occurrences of the spun phrase in the original texts that stand unchanged
  in the spun ones and all its occurrences there, and occurrences of the original in the
  original texts; the original kept in its case where the case of the spun text does not
  give it.
- ``spin-evidence.tsv``: lower-cased words with their counts in the spun and in the
  original texts, from which a document's odds of being spun are read.

Usage::

    python scripts/mine_spin_maps.py [DIR ...] [--half even|odd] [-o dictionaries]

``DIR`` defaults to ``../shared/data/spun-dev/bbc``; ``--half`` keeps every other pair
(sorted by name) to mine from one half and measure on the other. Deterministic.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import regex
from rapidfuzz.distance import Indel

from restore import resources
from restore.align import one_holds_the_other, substitutions
from restore.fixes import spin
from restore.fixes.spin import APOSTROPHES
from restore.resources import SPIN_EVIDENCE, SPIN_PHRASES, SPIN_PHRASES_BY_HAND
from restore.text import token_table, tokens, transfer_case
from scripts import pairs

DEFAULT_PAIRS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "spun-dev" / "bbc"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"

Phrase = tuple[str, ...]
#: The columns of ``spin-phrases.tsv``.
PHRASE_COLUMNS = "spun\toriginal\taligned\tkept\tspun_in_originals\toriginal_in_originals"


def tables_in(directory: Path) -> contextlib.AbstractContextManager[None]:
    """Have this process read its spin tables from ``directory`` while the block runs."""
    return pairs.tables_in(directory, (resources.spin_phrases, resources.spin_phrase_lengths,
                                       resources.spin_evidence,
                                       resources.spin_original_counts, spin._adaptation,
                                       spin.text_spun_probability))


@contextlib.contextmanager
def half_mined(directory: Path, half: str = "even") -> Iterator[Path]:
    """Mine tables from one ``half`` of the pairs in ``directory`` and use them while the
    block runs (the directory they are read from is the block's): the other half then
    measures the spin family on unseen articles."""
    with tempfile.TemporaryDirectory() as scratch:
        main([str(directory), "--half", half, "-o", scratch])
        with tables_in(Path(scratch)):
            yield Path(scratch)


@contextlib.contextmanager
def without_maps() -> Iterator[Path]:
    """Switch the phrase maps off, mined and checked by hand, while the block runs (the
    other tables stay): what the spin family does for a spinner it has never seen. The
    block's is the directory the tables are read from."""
    with tempfile.TemporaryDirectory() as scratch:
        for (name, file_format, file_version), columns in (
                (SPIN_PHRASES, PHRASE_COLUMNS),
                (SPIN_PHRASES_BY_HAND, "spun\toriginal\tnote")):
            (Path(scratch) / name).write_text(
                f"# {file_format}\tv{file_version}\n# no maps: measuring without them\n"
                f"{columns}\n", encoding="utf-8")
        with tables_in(Path(scratch)):
            yield Path(scratch)


def find_pairs(directories: list[Path], half: str | None) -> list[tuple[Path, Path]]:
    """The ``(X.spun.txt, X.orig.txt)`` pairs in ``directories`` (one ``half`` if given)."""
    return pairs.find_pairs(directories, half, pairs.SPUN)


#: A candidate pair: the spun phrase's key (its lower-cased tokens), the spun text, the
#: original text.
Candidate = tuple[Phrase, str, str]


def candidate_pairs(spun: str, original: str, max_tokens: int,
                    ) -> Iterator[tuple[Candidate, ...]]:
    """Candidate pairs from one pair's differences, a group of alternatives per reading of a
    difference: an insertion or deletion read with the token before it or the one after it
    is one group of two, of which :func:`mine` counts one."""
    spun_tokens, original_tokens = token_table(spun), token_table(original)
    spun_count, original_count = len(spun_tokens.texts), len(original_tokens.texts)

    def candidate(a0: int, a1: int, b0: int, b1: int) -> Candidate | None:
        if not (0 < a1 - a0 <= max_tokens and 0 < b1 - b0 <= max_tokens):
            return None
        was = spun[spun_tokens.starts[a0]:spun_tokens.ends[a1 - 1]]
        now = original[original_tokens.starts[b0]:original_tokens.ends[b1 - 1]]
        if (was.lower() != now.lower() and _worded(now) and (_worded(was) or _number(was))
                and _whole(spun, spun_tokens.ends[a1 - 1])
                and _whole(original, original_tokens.ends[b1 - 1])):
            return tuple(t.lower() for t in spun_tokens.texts[a0:a1]), was, now
        return None

    for s in substitutions(spun, original):
        (g0, g1), (o0, o1) = s.garbled_tokens, s.source_tokens
        groups = [[(g0, g1, o0, o1)]]
        widened = (g1 - g0 == 1 or o1 - o0 == 1) and (
            spun_tokens.texts[g0] == original_tokens.texts[o0])
        if widened and g1 < spun_count and o1 < original_count:
            groups[0].append((g0 + 1, g1 + 1, o0 + 1, o1 + 1))  # or with the token after
        if g0 > 0 and o0 > 0 and spun_tokens.texts[g0][:1] in APOSTROPHES and (
                spun_tokens.texts[g0 - 1] == original_tokens.texts[o0 - 1]):
            groups.append([(g0 - 1, g1, o0 - 1, o1)])  # a clitic with its word: "it 's"
        if g1 - g0 == o1 - o0 > 1 and not one_holds_the_other(  # not the same words moved
                spun_tokens.texts[g0:g1], original_tokens.texts[o0:o1]):
            groups += [[(g0 + k, g0 + k + 1, o0 + k, o0 + k + 1)] for k in range(g1 - g0)]
        for group in groups:
            found = tuple(c for c in (candidate(*reading) for reading in group) if c is not None)
            if found:
                yield found


def _whole(text: str, end: int) -> bool:
    """Whether the phrase ending at ``end`` ends a word: "don" of "don't" does not."""
    return text[end:end + 1] not in APOSTROPHES


def _worded(phrase: str) -> bool:
    return any(ch.isalpha() for ch in phrase)


#: A number as a spinner writes one for words: "5" for "five", "1 / 4" for "a quarter".
NUMBER = regex.compile(r"\d+(?: ?/ ?\d+)?")


def _number(phrase: str) -> bool:
    """Whether ``phrase`` is a ``NUMBER``."""
    return NUMBER.fullmatch(phrase) is not None


def stored_original(spun: str, original: str) -> str:
    """The original lower-cased when the spun text's case gives it back, else as written."""
    lowered = original.lower()
    return lowered if transfer_case(lowered, spun) == original else original


class Mined(NamedTuple):
    """What :func:`mine` counts over the pairs."""

    aligned: Counter[tuple[Phrase, str]]  # (spun phrase, original): times aligned
    in_spun: Counter[Phrase]  # each phrase's occurrences in the spun texts
    in_original: Counter[Phrase]  # ... and in the original texts
    kept: Counter[Phrase]  # occurrences in the originals left standing in the spun texts
    spun_words: Counter[str]
    original_words: Counter[str]


def mine(pairs: list[tuple[Path, Path]], max_tokens: int) -> Mined:
    """Aligned pairs, phrase counts and word counts of each side."""
    groups: list[tuple[tuple[Phrase, str], ...]] = []
    spun_words: Counter[str] = Counter()
    original_words: Counter[str] = Counter()
    texts: list[tuple[list[str], list[str]]] = []  # lower-cased tokens: (spun, original)
    for spun_path, original_path in pairs:
        spun = spun_path.read_text(encoding="utf-8")
        original = original_path.read_text(encoding="utf-8")
        spun_lower = [t.lower() for t in tokens(spun)]
        original_lower = [t.lower() for t in tokens(original)]
        texts.append((spun_lower, original_lower))
        spun_words.update(spun_lower)
        original_words.update(original_lower)
        groups += [tuple((phrase, stored_original(was, now)) for phrase, was, now in group)
                   for group in candidate_pairs(spun, original, max_tokens)]
    either = Counter(pair for group in groups for pair in group)
    wanted = {phrase for phrase, _ in either} | {_key(original) for _, original in either}
    in_original: Counter[Phrase] = Counter()
    in_spun: Counter[Phrase] = Counter()
    kept: Counter[Phrase] = Counter()
    for spun_lower, original_lower in texts:
        in_spun.update(phrase for _, phrase in _phrases(spun_lower, wanted, max_tokens))
        standing = _standing(spun_lower, original_lower)
        for i, phrase in _phrases(original_lower, wanted, max_tokens):
            in_original[phrase] += 1
            kept[phrase] += standing[i] >= 0 and all(
                standing[i + k] == standing[i] + k for k in range(1, len(phrase)))

    def share(pair: tuple[Phrase, str]) -> float:
        """The share of its original the spinner wrote this way, counting either reading."""
        return either[pair] / max(in_original[_key(pair[1])], 1)

    aligned = Counter(max(group, key=share) for group in groups)
    return Mined(aligned, in_spun, in_original, kept, spun_words, original_words)


def _key(phrase: str) -> Phrase:
    """The phrase's lower-cased tokens."""
    return tuple(t.lower() for t in tokens(phrase))


def _phrases(words: list[str], wanted: set[Phrase], max_tokens: int,
             ) -> Iterator[tuple[int, Phrase]]:
    """Where each wanted phrase (lower-cased tokens) occurs in ``words``, and which."""
    for i in range(len(words)):
        for n in range(1, max_tokens + 1):
            phrase = tuple(words[i:i + n])
            if len(phrase) == n and phrase in wanted:
                yield i, phrase


def _standing(spun: list[str], original: list[str]) -> list[int]:
    """For each token of ``original``, the index of the same token in ``spun`` where the
    longest common subsequence of the two (rapidfuzz's ``Indel``, which
    :mod:`restore.align` aligns by too) has it unchanged, or -1.

    >>> _standing(["the", "firm", "stated", "it"], ["the", "firm", "said", "it"])
    [0, 1, -1, 3]
    """
    standing = [-1] * len(original)
    for op in Indel.opcodes(spun, original):
        if op.tag == "equal":
            standing[op.dest_start:op.dest_end] = range(op.src_start, op.src_end)
    return standing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", nargs="*", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--half", choices=["even", "odd"])
    parser.add_argument("--max-tokens", type=int, default=4)
    parser.add_argument("--min-aligned", type=int, default=2)
    parser.add_argument("--min-share", type=float, default=0.05)
    parser.add_argument("--min-evidence", type=int, default=5)
    args = parser.parse_args(argv)
    directories = args.directories or [DEFAULT_PAIRS]
    pairs = find_pairs(directories, args.half)
    if not pairs:
        print(f"mine_spin_maps: no X.spun.txt/X.orig.txt pairs in "
              f"{', '.join(map(str, directories))}", file=sys.stderr)
        return 1
    mined = mine(pairs, args.max_tokens)
    source = (f"{len(pairs)} pairs in {', '.join(d.name for d in directories)}"
              + (f" ({args.half} half)" if args.half else ""))
    rows = sorted(
        ((" ".join(phrase), original, n, mined.kept[phrase], mined.in_original[phrase],
          mined.in_original[_key(original)])
         for (phrase, original), n in mined.aligned.items()
         if n >= args.min_aligned and n / mined.in_spun[phrase] >= args.min_share),
        key=lambda row: (row[0], -row[2], row[1]),
    )
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / SPIN_PHRASES[0]).write_text("\n".join([
        f"# {SPIN_PHRASES[1]}\tv{SPIN_PHRASES[2]}",
        f"# source: {source}; built by scripts/mine_spin_maps.py (see PROVENANCE.md)",
        f"# pruning: max_tokens={args.max_tokens} min_aligned={args.min_aligned} "
        f"min_share={args.min_share}",
        PHRASE_COLUMNS,
        *("\t".join(map(str, row)) for row in rows),
    ]) + "\n", encoding="utf-8")
    spun_words, original_words = mined.spun_words, mined.original_words
    evidence = sorted(
        (word, spun_words[word], original_words[word])
        for word in spun_words.keys() | original_words.keys()
        if spun_words[word] + original_words[word] >= args.min_evidence
    )
    (args.output / SPIN_EVIDENCE[0]).write_text("\n".join([
        f"# {SPIN_EVIDENCE[1]}\tv{SPIN_EVIDENCE[2]}",
        f"# source: {source}; built by scripts/mine_spin_maps.py (see PROVENANCE.md)",
        f"# spun_tokens={sum(spun_words.values())} original_tokens="
        f"{sum(original_words.values())} min_count={args.min_evidence}",
        "word\tspun\toriginal",
        *(f"{w}\t{s}\t{o}" for w, s, o in evidence),
    ]) + "\n", encoding="utf-8")
    print(f"mine_spin_maps: {len(rows)} phrase pairs, {len(evidence)} evidence words from "
          f"{source}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
