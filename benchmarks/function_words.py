"""The function-word spinner, emulated: BBC originals with common words swapped for a
WordNet neighbour of another sense, restored.

Usage::

    python -m benchmarks.function_words [--data ../shared/data] [--rates 0.2 0.5 1.0]

No pairs of this spinner's output are at hand, so this benchmark makes them: in each clean
BBC original, each word with an entry in the inverted ``function-word-senses.tsv`` ("as",
"may", "in") is swapped, with probability ``rate``, for one of the words the table lists
for it ("arsenic", "whitethorn", "successful"), chosen once per word per article as a
spinner chooses (seeded, so every run swaps the same words). The table that makes the
readings makes the swaps, so every swap has its original among its readings: this measures
the context model's choice and the document's share, not how much of a real spinner's
vocabulary WordNet covers (it has no "nan" for "the", no "pinch" for "with").

Prints, for each rate: words swapped, word error rate before and after ``restore`` (all
families, default threshold), the function-word corrections applied and how many of them
put the original back, and the share of swaps undone; then the reliability of the family's
reported confidence over every rate; then what the family applies on the clean originals.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.common import DEFAULT_DATA
from benchmarks.quality import BUCKETS, _bucket, _reduction, word_distance
from restore import Restorer, resources
from restore.fixes.function_words import RULE
from restore.text import token_table, transfer_case

SEED = 2026


def emulated(texts: list[str], rate: float) -> list[tuple[str, dict[int, str]]]:
    """Each of ``texts`` through the emulated spinner at ``rate`` (:func:`swapped`), the
    same swaps every run."""
    rng = random.Random(SEED)
    written_for = written_for_each_word()
    return [swapped(text, rng, rate, written_for) for text in texts]


def written_for_each_word() -> dict[str, list[str]]:
    """Each common word with the words the table lists it for: what the spinner may write."""
    written_for: dict[str, list[str]] = defaultdict(list)
    for written, words in sorted(resources.function_word_senses().items()):
        for word in words:
            written_for[word].append(written)
    return written_for


def swapped(text: str, rng: random.Random, rate: float,
            written_for: dict[str, list[str]]) -> tuple[str, dict[int, str]]:
    """``text`` with words swapped at ``rate``, and each swap's start in the result mapped
    to the word it replaced."""
    spans = token_table(text)
    choice: dict[str, str] = {}
    pieces: list[str] = []
    swaps: dict[int, str] = {}
    at = length = 0
    for start, end, token in zip(spans.starts, spans.ends, spans.texts, strict=True):
        word = token.lower()
        if word in written_for and rng.random() < rate:
            written = transfer_case(choice.setdefault(word, rng.choice(written_for[word])), token)
            pieces.append(text[at:start])
            length += start - at
            swaps[length] = word
            pieces.append(written)
            length += len(written)
            at = end
    pieces.append(text[at:])
    return "".join(pieces), swaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rates", type=float, nargs="+", default=[0.2, 0.5, 1.0])
    args = parser.parse_args(argv)
    originals = sorted((args.data / "spun-dev" / "bbc").glob("*.orig.txt"))
    if not originals:
        print(f"function_words: no BBC originals in {args.data / 'spun-dev' / 'bbc'}, skipped",
              file=sys.stderr)
        return 0
    texts = [path.read_text(encoding="utf-8") for path in originals]
    restorer = Restorer()
    reliability: Counter[tuple[float, bool]] = Counter()
    print(f"{len(texts)} BBC originals, words swapped at each rate:")
    print()
    print("| swap rate | words swapped | WER before → after (reduction) | function-word "
          "corrections applied | of them right | swaps undone |")
    print("|---:|---:|---:|---:|---:|---:|")
    for rate in args.rates:
        swaps_made = errors_before = errors_after = words = applied = right = 0
        for text, (spun, swaps) in zip(texts, emulated(texts, rate), strict=True):
            swaps_made += len(swaps)
            report = restorer.explain(spun)
            before, length = word_distance(spun, text)
            after, _ = word_distance(report.text, text)
            errors_before, errors_after, words = (errors_before + before, errors_after + after,
                                                  words + length)
            for c in report.corrections:
                if c.rule != RULE:
                    continue
                ok = swaps.get(c.start) == c.replacement.lower()
                bucket = _bucket(c.confidence)
                if bucket is not None:
                    reliability[bucket, ok] += 1
                if c.applied:
                    applied += 1
                    right += ok
        print(f"| {rate:.0%} | {swaps_made:,} | {errors_before / words:.2%} → "
              f"{errors_after / words:.2%} ({_reduction(errors_before, errors_after)}) | "
              f"{applied:,} | {right / max(applied, 1):.1%} | {right / max(swaps_made, 1):.1%} |",
              flush=True)
    print()
    print("Reliability of the family's confidence, every rate together:")
    print()
    print("| confidence | corrections | right |")
    print("|---|---:|---:|")
    for low, high in zip(BUCKETS, [*BUCKETS[1:], 1.0], strict=True):
        total = reliability[low, True] + reliability[low, False]
        if total:
            print(f"| [{low:.2f}, {high:.2f}) | {total:,} | {reliability[low, True] / total:.1%} |")
    clean_words = sum(len(text.split()) for text in texts)
    clean_applied = sum(1 for text in texts for c in restorer.explain(text).corrections
                        if c.rule == RULE and c.applied)
    print()
    print(f"On the {len(texts)} clean originals ({clean_words:,} words): {clean_applied} "
          "function-word corrections applied.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
