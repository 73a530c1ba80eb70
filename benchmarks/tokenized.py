"""Tokenizer damage, emulated: BBC originals through two tokenizers, restored.

Usage::

    python -m benchmarks.tokenized [--data ../shared/data]

No pairs of a rewriter's tokenized output are at hand beyond seed 000, so this benchmark
makes them: each line of each clean BBC original is tokenized and its tokens joined by
spaces, the form NLP corpora and the models trained on them leave text in, by

- NLTK's Penn Treebank tokenizer (brackets as ``-LRB-``/``-RRB-``): "ca n't", "it 's",
  "`` We are ready . ''", "5 %", "$ 3.2bn";
- Moses's tokenizer (sacremoses, with its escaping): "don &apos;t", "&quot; We are ready .
  &quot;", "AT &amp; T".

Each damaged text is restored by ``restore`` (all families, default threshold) and, side by
side, by the peer a user would otherwise reach for: the detokenizer made for that very
tokenizer (which, applied to clean text, damages it; ``restore`` leaves clean text alone).

Prints the character error rate against the original (whitespace runs as one space: the
damage is spacing) before and after each, the documents and lines restored exactly, and
what each changes in the clean originals. Needs NLTK and sacremoses (``pip install -e
'.[bench]'``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from benchmarks.common import DEFAULT_DATA
from benchmarks.quality import _reduction, collapse
from restore import Restorer

#: A text transform applied line by line.
Transform = Callable[[str], str]


def by_line(transform: Transform) -> Transform:
    """``transform`` applied to each line of a text, the line breaks kept."""
    return lambda text: "\n".join(transform(line) for line in text.split("\n"))


def tokenizers() -> list[tuple[str, Transform, str, Transform]]:
    """(tokenizer, tokenize, its detokenizer, detokenize) for each tokenizer measured."""
    from nltk.tokenize import TreebankWordTokenizer
    from nltk.tokenize.treebank import TreebankWordDetokenizer
    from sacremoses import MosesDetokenizer, MosesTokenizer

    treebank, treebank_back = TreebankWordTokenizer(), TreebankWordDetokenizer()
    moses, moses_back = MosesTokenizer(lang="en"), MosesDetokenizer(lang="en")
    return [
        ("Penn Treebank (NLTK)",
         by_line(lambda line: " ".join(treebank.tokenize(line, convert_parentheses=True))),
         "NLTK TreebankWordDetokenizer",
         by_line(lambda line: treebank_back.detokenize(line.split(" "), convert_parentheses=True))),
        ("Moses (sacremoses, escaped)",
         by_line(lambda line: moses.tokenize(line, return_str=True, escape=True)),
         "sacremoses MosesDetokenizer",
         by_line(lambda line: moses_back.detokenize(line.split(" ")))),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    folder = args.data / "spun-dev" / "bbc"
    originals = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.orig.txt"))]
    if not originals:
        print(f"tokenized: no BBC originals in {folder}, skipped", file=sys.stderr)
        return 0
    restorer = Restorer()
    words = sum(len(text.split()) for text in originals)
    print(f"{len(originals)} BBC originals ({words:,} words), each line tokenized:\n")
    print("| tokenizer | restored by | CER before → after (reduction) | documents exact "
          "| lines exact |")
    print("|---|---|---:|---:|---:|")
    clean_changes = []
    for name, tokenize, peer, detokenize in tokenizers():
        damaged = [tokenize(text) for text in originals]
        print(_row(name, "restore", originals, damaged, restorer.restore))
        print(_row(name, peer, originals, damaged, detokenize))
        changed = sum(1 for text in originals if detokenize(text) != text)
        clean_changes.append(f"{peer} changes {changed}")
    changed_by_restore = [restorer.explain(text).applied for text in originals]
    print(f"\nOn the clean originals: restore applies "
          f"{sum(len(found) for found in changed_by_restore)} corrections in "
          f"{sum(1 for found in changed_by_restore if found)} of {len(originals)} documents; "
          f"{'; '.join(clean_changes)}.")
    return 0


def _row(name: str, by: str, originals: list[str], damaged: list[str], run: Transform) -> str:
    chars = errors_before = errors_after = exact = lines = exact_lines = 0
    for original, garbled in zip(originals, damaged, strict=True):
        restored = run(garbled)
        reference = collapse(original)
        chars += len(reference)
        errors_before += Levenshtein.distance(collapse(garbled), reference)
        errors_after += Levenshtein.distance(collapse(restored), reference)
        exact += collapse(restored) == reference
        written = [(line, out) for line, out in zip(original.split("\n"), restored.split("\n"),
                                                    strict=False) if line.strip()]
        lines += len(written)
        exact_lines += sum(collapse(line) == collapse(out) for line, out in written)
    return (f"| {name} | {by} | {errors_before / chars:.2%} → {errors_after / chars:.2%} "
            f"({_reduction(errors_before, errors_after)}) | {exact} of {len(originals)} | "
            f"{exact_lines / max(lines, 1):.1%} |")


if __name__ == "__main__":
    sys.exit(main())
