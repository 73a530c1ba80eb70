"""Build ``dictionaries/function-word-senses.tsv``: each word a function-word spinner may
write, with the common words it may have replaced.

A family of spinners swaps even the commonest words of English for a WordNet neighbour of
another sense: "arsenic" for "as" (As, the element), "whitethorn" for "may" (the may tree),
"beryllium" for "be", "successful" for "in" (the adjective "in", holding office, is a
satellite of "successful"), "galore" for "many" (a satellite of the adjective "many").
Inverted, each word of a synset, or of a synset similar to it (an adjective satellite and
its head), lists the common words of that synset: the ``--top`` commonest words of the
context model's corpus, less the lone letters that are no words ("s" and "u", the
tokenizer's pieces of "U.S.": read back, "siemens" in clean copy became "s"). Every sense
counts, the common ones too: such a spinner wrote "galore" for "many" and "conscionable"
for "just". A listed word is a single word of letters (the tokenizer splits "well-nigh"),
not itself one of the common words ("then" is no spinner's word for "so"). The context
model chooses between the two in the text.

Measured with ``python -m benchmarks.function_words`` (BBC originals, half the words with
an entry swapped), against a table of rare senses alone (SemCor, ``cntlist.rev``, tagged at
most 5% as often as the word's corpus share would have it): a spinner drawing on every
sense had 92.5% of its swaps undone with this table, 79.4% with that one; one drawing on
rare senses alone 93.0% against 93.5%. Neither changed a word of the clean originals.

Usage::

    python scripts/build_function_word_senses.py [WORDNET_DIR] [-o dictionaries] [--top 100]

``WORDNET_DIR`` holds WordNet 3.0's database files (``data.noun`` …);
it defaults to ``/usr/share/wordnet`` (Debian's ``wordnet-base``). Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from restore import resources
from scripts.wordnet import DEFAULT_WORDNET, read_synsets

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
FILE_NAME, FORMAT, VERSION = resources.FUNCTION_WORD_SENSES


#: The letters that are words by themselves; any other lone letter the tokenizer meets is a
#: piece of an abbreviation ("U.S.", "p.m."), which no spinner looks up as a word.
LONE_LETTER_WORDS = frozenset("ai")


def is_word(token: str) -> bool:
    """Whether a lower-cased token of letters is a word a spinner may swap.

    >>> is_word("as"), is_word("a"), is_word("s")
    (True, True, False)
    """
    return len(token) > 1 or token in LONE_LETTER_WORDS


def neighbour_pairs(directory: Path, common: set[str]) -> Iterator[tuple[str, str]]:
    """``(written, common word)`` for each word of a synset, or of a synset similar to it,
    holding the common word."""
    for pos in ("noun", "verb", "adj", "adv"):
        synsets = read_synsets(directory, pos)
        for synset in synsets.values():
            lemmas = synset.lemmas + [lemma for similar in synset.similar
                                      for lemma in synsets[similar].lemmas]
            for lemma in synset.lemmas:
                word = lemma.lower()
                if word not in common:
                    continue
                for other in lemmas:
                    written = other.lower()
                    if written.isalpha() and written not in common:
                        yield written, word


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", nargs="?", type=Path, default=DEFAULT_WORDNET)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--top", type=int, default=100)
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        print(f"error: no WordNet database in {args.wordnet} (apt-get install wordnet-base)",
              file=sys.stderr)
        return 1
    counts = resources.ngram_model().lower_word_counts()
    common = set(filter(is_word, sorted((word for word in counts if word.isalpha()),
                                        key=lambda word: (-counts[word], word))[:args.top]))
    replaced: dict[str, set[str]] = defaultdict(set)
    for written, word in neighbour_pairs(args.wordnet, common):
        replaced[written].add(word)
    rows = [f"{written}\t{' '.join(sorted(words))}" for written, words in sorted(replaced.items())]
    header = [
        f"# {FORMAT}\tv{VERSION}",
        "# source: WordNet 3.0 (Princeton University, WordNet 3.0 licence); see PROVENANCE.md; "
        "built by scripts/build_function_word_senses.py",
        f"# common words: the {args.top} commonest of the context model's corpus, less lone "
        f"letters other than 'a' and 'i'; {len(rows)} entries",
        "word\treplaced",
    ]
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / FILE_NAME).write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} entries -> {args.output / FILE_NAME}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
