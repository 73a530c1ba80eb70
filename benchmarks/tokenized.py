"""Tokenizer damage, emulated: BBC originals through the Penn Treebank tokenizer, restored.

Usage::

    python -m benchmarks.tokenized [--data ../shared/data]

No pairs of a rewriter's tokenized output are at hand beyond seed 000, so this benchmark
makes them: each line of each clean BBC original is tokenized by NLTK's
``TreebankWordTokenizer`` (brackets as ``-LRB-``/``-RRB-``) and its tokens joined by spaces,
the form Penn Treebank-style corpora and the models trained on them leave text in ("ca n't",
"it 's", "`` We are ready . ''", "5 %", "$ 3.2bn"). The damaged text is then restored by
``restore`` (all families, default threshold) and, side by side, by the peer a user would
otherwise reach for, NLTK's ``TreebankWordDetokenizer``, which undoes exactly this tokenizer
(and, applied to clean text, damages it: ``restore`` leaves clean text alone).

Prints the character error rate against the original (whitespace runs as one space: the
damage is spacing) before and after each, the documents and lines restored exactly, and
what ``restore`` changes in the clean originals. Needs NLTK (``pip install -e '.[bench]'``).
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    folder = args.data / "spun-dev" / "bbc"
    originals = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.orig.txt"))]
    if not originals:
        print(f"tokenized: no BBC originals in {folder}, skipped", file=sys.stderr)
        return 0
    from nltk.tokenize import TreebankWordTokenizer
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    tokenizer, detokenizer = TreebankWordTokenizer(), TreebankWordDetokenizer()

    def tokenized(text: str) -> str:
        return "\n".join(" ".join(tokenizer.tokenize(line, convert_parentheses=True))
                         for line in text.split("\n"))

    def detokenized(text: str) -> str:
        return "\n".join(detokenizer.detokenize(line.split(" "), convert_parentheses=True)
                         for line in text.split("\n"))

    restorer = Restorer()
    damaged = [tokenized(text) for text in originals]
    words = sum(len(text.split()) for text in originals)
    print(f"{len(originals)} BBC originals ({words:,} words), each line through the Penn "
          "Treebank tokenizer:\n")
    print("| restored by | CER before → after (reduction) | documents exact | lines exact |")
    print("|---|---:|---:|---:|")
    for name, run in (("restore", restorer.restore), ("NLTK TreebankWordDetokenizer",
                                                      detokenized)):
        print(_row(name, originals, damaged, run))
    changed = [restorer.explain(text).applied for text in originals]
    applied = sum(len(found) for found in changed)
    print(f"\nOn the clean originals: restore applied {applied} corrections in "
          f"{sum(1 for found in changed if found)} of {len(originals)} documents; the "
          f"detokenizer changed {sum(1 for text in originals if detokenized(text) != text)}.")
    return 0


def _row(name: str, originals: list[str], damaged: list[str], run: Callable[[str], str]) -> str:
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
    return (f"| {name} | {errors_before / chars:.2%} → {errors_after / chars:.2%} "
            f"({_reduction(errors_before, errors_after)}) | {exact} of {len(originals)} | "
            f"{exact_lines / max(lines, 1):.1%} |")


if __name__ == "__main__":
    sys.exit(main())
