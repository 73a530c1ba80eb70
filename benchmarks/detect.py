"""How well ``detect`` tells garbled from clean text, and how fast.

Usage::

    python -m benchmarks.detect [--data ../shared/data]

Prints a Markdown table: ROC AUC of the family's score, garbled against clean, and
precision and recall of the label at the default threshold, for

- spun-dev/bbc spun vs original, whole articles and their first 100 words: once with the
  shipped word evidence (mined from all 837 pairs, so in-sample) and once with evidence
  mined from the even half only, measured on the odd half (unseen articles);
- the BBC originals with a fifth and half of their words with an entry swapped for a
  WordNet neighbour (``benchmarks/function_words.py`` emulates that spinner) against the
  originals;
- ocr-dev/bln600 OCR vs human transcription (the OCR signal is mined from no pair);

and the throughput of ``detect`` alone on the concatenated BBC spun articles.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks import function_words
from benchmarks.common import DEFAULT_DATA
from restore.detect import detect
from scripts import mine_spin_maps


def roc_auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ranked):  # average ranks over ties
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average = (i + j + 1) / 2
        rank_sum += average * sum(label for _, label in ranked[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def first_words(text: str, count: int) -> str:
    return " ".join(text.split()[:count])


def row(name: str, family: str, garbled: list[str], clean: list[str]) -> str:
    garbled_results = [detect(t) for t in garbled]
    clean_results = [detect(t) for t in clean]
    auc = roc_auc([d.scores[family] for d in garbled_results],
                  [d.scores[family] for d in clean_results])
    found = sum(d.label == family for d in garbled_results)
    false = sum(d.label == family for d in clean_results)
    precision = found / max(found + false, 1)
    return (f"| {name} | {len(garbled)} / {len(clean)} | {auc:.4f} | {precision:.1%} | "
            f"{found / len(garbled):.1%} |")


def spun_rows(pairs: list[tuple[Path, Path]], label: str) -> list[str]:
    spun = [s.read_text(encoding="utf-8") for s, _ in pairs]
    original = [o.read_text(encoding="utf-8") for _, o in pairs]
    return [
        row(f"bbc spun vs original, whole ({label})", "spun", spun, original),
        row(f"bbc spun vs original, first 100 words ({label})", "spun",
            [first_words(t, 100) for t in spun], [first_words(t, 100) for t in original]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    print("| set | garbled / clean docs | ROC AUC | precision | recall |")
    print("|---|---:|---:|---:|---:|")
    bbc = args.data / "spun-dev" / "bbc"
    if bbc.is_dir():
        for line in spun_rows(mine_spin_maps.find_pairs([bbc], None), "shipped evidence"):
            print(line, flush=True)
        with mine_spin_maps.half_mined(bbc):
            for line in spun_rows(mine_spin_maps.find_pairs([bbc], "odd"),
                                  "evidence from the other half"):
                print(line, flush=True)
        originals = [p.read_text(encoding="utf-8") for p in sorted(bbc.glob("*.orig.txt"))]
        for rate in (0.2, 0.5):
            emulated = [spun for spun, _ in function_words.emulated(originals, rate)]
            print(row(f"bbc originals, {rate:.0%} of function words swapped (emulated), vs "
                      "original, whole", "spun", emulated, originals), flush=True)
    else:
        print(f"detect: {bbc} not found, spun rows skipped", file=sys.stderr)
    bln = args.data / "ocr-dev" / "bln600"
    if bln.is_dir():
        ocr = [p.read_text(encoding="utf-8") for p in sorted(bln.glob("*.ocr.txt"))]
        gold = [p.read_text(encoding="utf-8") for p in sorted(bln.glob("*.gold.txt"))]
        print(row("bln600 OCR vs human transcription", "ocr", ocr, gold))
    else:
        print(f"detect: {bln} not found, OCR row skipped", file=sys.stderr)
    if bbc.is_dir():
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(bbc.glob("*.spun.txt")))
        detect(text[:1000])
        best = min(_timed(text) for _ in range(3))
        print(f"\ndetect alone: {len(text.encode()) / 1e6 / best:.1f} MB/s on "
              f"{len(text.encode()) / 1e6:.1f} MB of spun news (best of 3)")
    return 0


def _timed(text: str) -> float:
    started = time.perf_counter()
    detect(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
