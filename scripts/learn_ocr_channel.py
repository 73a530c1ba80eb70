"""Learn an OCR engine's character confusions from pairs of machine OCR and human transcription.

Each ``X.ocr.txt`` is aligned with its ``X.gold.txt`` word by word
(:func:`restore.align.substitutions`); every differing run with as many words on each side
pairs its words one to one, and each pair that is close enough to be a misreading (not a
misalignment) is aligned character by character into confusions
(:func:`restore.ocr_channel.confusions`): a printed string of one or two characters read as
another ("m" → "rn", "h" → "li", "e" → "c", "s" → "f"). Every one- and two-character string
of the transcribed words is counted too, so the table gives
P(read as x | printed y) = confusions / occurrences.

Writes ``ocr-channel.tsv`` to ``--output`` (default ``dictionaries/``): source string, OCR
string, times confused, occurrences of the source string in the transcribed words.

Usage::

    python scripts/learn_ocr_channel.py [DIR ...] [--half even|odd] [-o dictionaries]

``DIR`` defaults to ``../shared/data/ocr-dev/bln600``; the shipped table is learned from the
``even`` half (every other pair, sorted by name), so the other half measures the OCR family
on pages it has never seen. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from restore.align import substitutions
from restore.fixes.ocr import WORD
from restore.ocr_channel import MAX_SEEN, MAX_SOURCE, confusions, substrings
from restore.resources import OCR_CHANNEL
from scripts import pairs

DEFAULT_PAIRS = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ocr-dev"
                 / "bln600")
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
#: A word pair further apart than this (normalized edit distance) is a misalignment.
MAX_DISTANCE = 0.5


def find_pairs(directories: list[Path], half: str | None) -> list[tuple[Path, Path]]:
    """The ``(X.ocr.txt, X.gold.txt)`` pairs in ``directories`` (one ``half`` if given)."""
    return pairs.find_pairs(directories, half, pairs.OCR)


def word_pairs(ocr: str, gold: str) -> list[tuple[str, str]]:
    """``(printed, read)`` word pairs where the OCR misread a word, one to one."""
    found = []
    for run in substitutions(ocr, gold):
        read, printed = WORD.findall(run.garbled), WORD.findall(run.source)
        if len(read) != len(printed):
            continue
        for source, seen in zip(printed, read, strict=True):
            if source != seen and Levenshtein.normalized_distance(source, seen) <= MAX_DISTANCE:
                found.append((source, seen))
    return found


def learn(pairs: list[tuple[Path, Path]]) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    """Confusion counts and source-string occurrences over ``pairs``."""
    confused: Counter[tuple[str, str]] = Counter()
    occurrences: Counter[str] = Counter()
    for ocr_path, gold_path in pairs:
        ocr = ocr_path.read_text(encoding="utf-8", errors="replace")
        gold = gold_path.read_text(encoding="utf-8", errors="replace")
        for word in WORD.findall(gold):
            occurrences.update(substrings(word))
        for source, seen in word_pairs(ocr, gold):
            confused.update((printed, reading) for printed, reading in confusions(source, seen)
                            if len(printed) <= MAX_SOURCE and len(reading) <= MAX_SEEN)
    return confused, occurrences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", nargs="*", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--half", choices=["even", "odd"])
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args(argv)
    directories = args.directories or [DEFAULT_PAIRS]
    pairs = find_pairs(directories, args.half)
    if not pairs:
        print(f"learn_ocr_channel: no X.ocr.txt/X.gold.txt pairs in "
              f"{', '.join(map(str, directories))}", file=sys.stderr)
        return 1
    confused, occurrences = learn(pairs)
    rows = sorted(
        (source, seen, n, occurrences[source])
        for (source, seen), n in confused.items()
        if n >= args.min_count and occurrences[source] > 0
    )
    source_name = (f"{len(pairs)} pairs in {', '.join(d.name for d in directories)}"
                   + (f" ({args.half} half)" if args.half else ""))
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / OCR_CHANNEL[0]).write_text("\n".join([
        f"# {OCR_CHANNEL[1]}\tv{OCR_CHANNEL[2]}",
        f"# source: {source_name}; built by scripts/learn_ocr_channel.py (see PROVENANCE.md)",
        f"# pruning: min_count={args.min_count} max_source={MAX_SOURCE} "
        f"max_distance={MAX_DISTANCE}",
        "source\tocr\tconfused\tsource_occurrences",
        *("\t".join(map(str, row)) for row in rows),
    ]) + "\n", encoding="utf-8")
    print(f"learn_ocr_channel: {len(rows)} confusions from {source_name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
