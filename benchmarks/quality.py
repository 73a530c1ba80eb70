"""Quality against gold: word error rate before and after restoring, per dataset.

Usage::

    python benchmarks/quality.py [--data ../shared/data] [--pairs DIR ...]

Datasets read from the data directory (each skipped, with a message, when absent):
``seeds`` (gold with ``{a|b}`` alternatives), ``spun-dev/bbc`` (``X.spun.txt``/``X.orig.txt``)
and ``ocr-dev/bln600`` (``X.ocr.txt``/``X.gold.txt``); ``--pairs`` adds any directory of
such pairs. Reports WER before and after, the error reduction, documents made worse, and
applied corrections per 1,000 words on the clean side of each pair.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

from restore import Restorer

TOKEN = regex.compile(r"\w+(?:[’'.,\-]\w+)*|\S")
SLOT = regex.compile(r"\{([^{}]*)\}")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PAIR_SUFFIXES = ((".spun.txt", ".orig.txt"), (".ocr.txt", ".gold.txt"))


def tokens(text: str) -> list[str]:
    """Words (with inner apostrophes, hyphens, dots, commas) and single punctuation marks."""
    return TOKEN.findall(text)


def gold_readings(gold: str) -> list[list[list[str]]]:
    """The gold as a sequence of slots, each a list of alternative token sequences."""
    slots: list[list[list[str]]] = []
    position = 0
    for match in SLOT.finditer(gold):
        slots.extend([[token]] for token in tokens(gold[position:match.start()]))
        slots.append([tokens(alternative) for alternative in match[1].split("|")])
        position = match.end()
    slots.extend([[token]] for token in tokens(gold[position:]))
    return slots


def word_distance(system: str, gold: str) -> tuple[int, int]:
    """Fewest word edits from ``system`` to any reading of ``gold``, and the gold length.

    The gold length counts the first alternative of each slot.
    """
    if not SLOT.search(gold):  # no alternatives: plain edit distance, in C
        reference = tokens(gold)
        return Levenshtein.distance(tokens(system), reference), len(reference)
    hypothesis = tokens(system)
    n = len(hypothesis)
    row = list(range(n + 1))  # row[i]: cost of matching hypothesis[:i] to the gold so far
    gold_length = 0
    for alternatives in gold_readings(gold):
        gold_length += len(alternatives[0])
        best = [sys.maxsize] * (n + 1)
        for reading in alternatives:
            current = row
            for word in reading:
                following = [current[0] + 1] + [0] * n
                for i in range(1, n + 1):
                    following[i] = min(current[i] + 1, following[i - 1] + 1,
                                       current[i - 1] + (hypothesis[i - 1] != word))
                current = following
            best = [min(a, b) for a, b in zip(best, current, strict=True)]
        for i in range(1, n + 1):  # extra hypothesis words at this point
            best[i] = min(best[i], best[i - 1] + 1)
        row = best
    return row[n], gold_length


@dataclass
class Totals:
    documents: int = 0
    words: int = 0
    errors_before: int = 0
    errors_after: int = 0
    worse: int = 0
    clean_words: int = 0
    clean_applied: int = 0

    def row(self, name: str) -> str:
        before = self.errors_before / max(self.words, 1)
        after = self.errors_after / max(self.words, 1)
        reduction = 1 - self.errors_after / self.errors_before if self.errors_before else 0.0
        per_k = 1000 * self.clean_applied / self.clean_words if self.clean_words else 0.0
        return (f"| {name} | {self.documents} | {before:.2%} | {after:.2%} | {reduction:+.1%} | "
                f"{self.worse} | {per_k:.2f} |")


def score_pairs(restorer: Restorer, pairs: list[tuple[Path, Path]], clean_is_gold: bool) -> Totals:
    totals = Totals()
    for garbled_path, gold_path in pairs:
        garbled = garbled_path.read_text(encoding="utf-8")
        gold = gold_path.read_text(encoding="utf-8")
        before, length = word_distance(garbled, gold)
        after, _ = word_distance(restorer.restore(garbled), gold)
        totals.documents += 1
        totals.words += length
        totals.errors_before += before
        totals.errors_after += after
        totals.worse += after > before
        if clean_is_gold:
            clean = SLOT.sub(lambda m: m[1].split("|")[0], gold)
            totals.clean_words += len(clean.split())
            totals.clean_applied += len(restorer.explain(clean).applied)
    return totals


def find_pairs(directory: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for garbled_suffix, gold_suffix in PAIR_SUFFIXES:
        for garbled in sorted(directory.glob(f"*{garbled_suffix}")):
            gold = garbled.with_name(garbled.name[: -len(garbled_suffix)] + gold_suffix)
            if gold.is_file():
                pairs.append((garbled, gold))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pairs", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    project_seeds = Path(__file__).resolve().parents[1] / "seeds"
    datasets = {"seed 000": [(project_seeds / "000.spun.txt", project_seeds / "000.gold.txt")],
                "seed 004": [(project_seeds / "004.spun.txt", project_seeds / "004.gold.txt")]}
    for name, folder in (("spun-dev/bbc", args.data / "spun-dev" / "bbc"),
                         ("ocr-dev/bln600", args.data / "ocr-dev" / "bln600"),
                         *((str(p), p) for p in args.pairs)):
        if folder.is_dir():
            datasets[name] = find_pairs(folder)
        else:
            print(f"quality: {folder} not found, {name} skipped", file=sys.stderr)
    restorer = Restorer()
    print("| dataset | docs | WER before | WER after | error reduction | docs worse "
          "| applied per 1k clean words |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, pairs in datasets.items():
        print(score_pairs(restorer, pairs, clean_is_gold=True).row(name), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
