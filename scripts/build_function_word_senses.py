"""Build ``dictionaries/function-word-senses.tsv``: each word a function-word spinner may
write, with the common words it may have replaced.

A family of spinners swaps even the commonest words of English for a WordNet neighbour of
another sense: "arsenic" for "as" (As, the element), "whitethorn" for "may" (the may tree),
"beryllium" for "be", "successful" for "in" (the adjective "in", holding office, is a
satellite of "successful"). Inverted, each word of such a synset (and of a satellite's head
synset) lists the common words whose *rare* sense the synset is. The common words are the
``--top`` commonest of the context model's corpus; a sense is rare when SemCor (WordNet's
``cntlist.rev``) tagged it at most ``--max-share`` times as often as the word's share of the
corpus would have it tagged: the verb "be" of "is" and the adverb "about" of "about 40"
are common senses, the noun "be" (beryllium) and the adjective "about" (astir) rare ones.
A listed word is a single word of letters (the tokenizer splits "well-nigh"), not itself
one of the common words ("then" is no spinner's word for "so"). The context model chooses
between the two in the text.

Usage::

    python scripts/build_function_word_senses.py [WORDNET_DIR] [-o dictionaries]
        [--top 100] [--max-share 0.05]

``WORDNET_DIR`` holds WordNet 3.0's database files (``data.noun`` …, ``cntlist.rev``);
it defaults to ``/usr/share/wordnet`` (Debian's ``wordnet-base``). Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from restore import resources

DEFAULT_WORDNET = Path("/usr/share/wordnet")
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
FILE_NAME, FORMAT, VERSION = resources.FUNCTION_WORD_SENSES
#: WordNet's synset types as numbered in a sense key (``s`` is an adjective satellite).
TYPE_NUMBERS = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}


class Synset(NamedTuple):
    """A WordNet synset: its type, lexicographer file, ``(lemma, lex_id)`` pairs as printed,
    and the offsets of its similar-to synsets (a satellite's head)."""

    kind: str
    lexicographer_file: str
    lemmas: list[tuple[str, int]]
    similar: list[str]


def read_synsets(directory: Path, pos: str) -> dict[str, Synset]:
    """The synsets of ``data.<pos>`` by offset."""
    found = {}
    with open(directory / f"data.{pos}", encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split()
            count = int(fields[3], 16)
            lemmas = [(fields[4 + 2 * k].split("(")[0], int(fields[5 + 2 * k], 16))
                      for k in range(count)]
            at = 4 + 2 * count
            pointers = int(fields[at])
            similar = [fields[at + 2 + 4 * j] for j in range(pointers)
                       if fields[at + 1 + 4 * j] == "&"]
            found[fields[0]] = Synset(fields[2], fields[1], lemmas, similar)
    return found


def sense_key(lemma: str, lex_id: int, synset: Synset, synsets: dict[str, Synset]) -> str:
    """WordNet's sense key of ``lemma`` in ``synset``, as ``cntlist.rev`` lists it."""
    head = ":"
    if synset.kind == "s":
        head_lemma, head_id = synsets[synset.similar[0]].lemmas[0]
        head = f"{head_lemma.lower()}:{head_id:02d}"
    return (f"{lemma.lower()}%{TYPE_NUMBERS[synset.kind]}:{synset.lexicographer_file}:"
            f"{lex_id:02d}:{head}")


def tag_counts(directory: Path) -> dict[str, int]:
    """SemCor's tag count of each sense key (``cntlist.rev``)."""
    counts = {}
    for line in (directory / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, _, count = line.split()
        counts[key] = int(count)
    return counts


def rare_sense_pairs(directory: Path, common: dict[str, float],
                     max_share: float) -> Iterator[tuple[str, str]]:
    """``(written, common word)`` for each word of a synset (or its head's) in which the
    common word, whose share of the corpus is ``common[word]``, has a rare sense."""
    tags = tag_counts(directory)
    all_tags = sum(tags.values())
    for pos in ("noun", "verb", "adj", "adv"):
        synsets = read_synsets(directory, pos)
        for synset in synsets.values():
            lemmas = list(synset.lemmas)
            if synset.kind == "s":
                lemmas += synsets[synset.similar[0]].lemmas
            for lemma, lex_id in synset.lemmas:
                word = lemma.lower()
                if word not in common:
                    continue
                expected = common[word] * all_tags
                if tags.get(sense_key(lemma, lex_id, synset, synsets), 0) > max_share * expected:
                    continue
                for other, _ in lemmas:
                    written = other.lower()
                    if written.isalpha() and written not in common:
                        yield written, word


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", nargs="?", type=Path, default=DEFAULT_WORDNET)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--max-share", type=float, default=0.05)
    args = parser.parse_args(argv)
    if not (args.wordnet / "cntlist.rev").is_file():
        print(f"error: no WordNet database in {args.wordnet} (apt-get install wordnet-base)",
              file=sys.stderr)
        return 1
    counts = resources.ngram_model().lower_word_counts()
    total = sum(counts.values())
    commonest = sorted((word for word in counts if word.isalpha()),
                       key=lambda word: (-counts[word], word))[:args.top]
    common = {word: counts[word] / total for word in commonest}
    replaced: dict[str, set[str]] = defaultdict(set)
    for written, word in rare_sense_pairs(args.wordnet, common, args.max_share):
        replaced[written].add(word)
    rows = [f"{written}\t{' '.join(sorted(words))}" for written, words in sorted(replaced.items())]
    header = [
        f"# {FORMAT}\tv{VERSION}",
        "# source: WordNet 3.0 (Princeton University, WordNet 3.0 licence) and its SemCor "
        "sense counts (cntlist.rev); see PROVENANCE.md; built by "
        "scripts/build_function_word_senses.py",
        f"# common words: the {args.top} commonest of the context model's corpus; a rare sense "
        f"tagged at most {args.max_share} times as often as the word's corpus share; "
        f"{len(rows)} entries",
        "word\treplaced",
    ]
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / FILE_NAME).write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} entries -> {args.output / FILE_NAME}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
