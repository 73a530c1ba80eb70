"""Quality against gold: word error rate before and after restoring, per dataset.

Usage::

    python benchmarks/quality.py [--data ../shared/data] [--pairs DIR ...]

Datasets read from the data directory (each skipped, with a message, when absent):
``seeds`` (gold with ``{a|b}`` alternatives), ``spun-dev/bbc`` (``X.spun.txt``/``X.orig.txt``)
and ``ocr-dev/bln600`` (``X.ocr.txt``/``X.gold.txt``); ``--pairs`` adds any directory of
such pairs. Reports word and character error rates before and after (whitespace collapsed,
gold alternatives honoured for words), the per-document spread of the WER reduction,
documents made worse, applied corrections per 1,000 words on the clean side of each pair,
the WER reduction when the reported corrections at or above each of ``THRESHOLDS`` are
applied (how far a lower or higher ``--min-confidence`` goes), and a calibration table per
family: confidence bucket → share of corrections that are right.
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

from benchmarks.common import DEFAULT_DATA
from restore import Correction, Restorer, apply_corrections
from restore.model import DEFAULT_MIN_CONFIDENCE
from restore.text import TOKEN as RESTORE_TOKEN
from restore.text import tokens as restore_tokens

TOKEN = regex.compile(r"\w+(?:[’'.,\-]\w+)*|\S")
SLOT = regex.compile(r"\{([^{}]*)\}")
PAIR_SUFFIXES = ((".spun.txt", ".orig.txt"), (".ocr.txt", ".gold.txt"))


def tokens(text: str) -> list[str]:
    """Words (with inner apostrophes, hyphens, dots, commas) and single punctuation marks."""
    return TOKEN.findall(text)


#: En dashes as em dashes: which of the two a page's dash is, its transcriber chose (three
#: BLN600 transcriptions in four write em dashes), so a correction is not judged on it.
ONE_DASH = str.maketrans("–", "—")


def same_dashes(text: str) -> str:
    """``text`` with every en dash an em dash: what :class:`Judge` compares.

    >>> same_dashes("closed.–The court")
    'closed.—The court'
    """
    return text.translate(ONE_DASH)


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


def collapse(text: str) -> str:
    """``text`` with every run of whitespace as one space (how gold and output compare)."""
    return " ".join(text.split())


def plain_gold(gold: str) -> str:
    """The gold's first reading: each ``{a|b}`` slot as its first alternative."""
    return SLOT.sub(lambda m: m[1].split("|")[0], gold)


#: Confidence buckets of the calibration table (lower bounds).
BUCKETS = (0.3, 0.5, 0.8, 0.9, 0.95)
#: Thresholds of the table of what applying the reported corrections at or above each gives
#: (the default, ``restore.model.DEFAULT_MIN_CONFIDENCE``, among them).
THRESHOLDS = (0.5, 0.7, DEFAULT_MIN_CONFIDENCE, 0.9, 0.95)


@dataclass
class Totals:
    documents: int = 0
    words: int = 0
    errors_before: int = 0
    errors_after: int = 0
    chars: int = 0
    char_errors_before: int = 0
    char_errors_after: int = 0
    worse: int = 0
    clean_words: int = 0
    clean_applied: int = 0
    reductions: list[float] = field(default_factory=list)
    #: (family, bucket) -> [corrections, right]
    calibration: dict[tuple[str, float], list[int]] = field(default_factory=dict)
    #: threshold -> word errors left when the reported corrections at or above it are applied
    errors_at: dict[float, int] = field(default_factory=dict)

    def row(self, name: str) -> str:
        wer_before = self.errors_before / max(self.words, 1)
        wer_after = self.errors_after / max(self.words, 1)
        cer_before = self.char_errors_before / max(self.chars, 1)
        cer_after = self.char_errors_after / max(self.chars, 1)
        per_k = 1000 * self.clean_applied / self.clean_words if self.clean_words else 0.0
        spread = sorted(self.reductions)
        quartiles = (" / ".join(f"{spread[int(q * (len(spread) - 1))]:+.0%}"
                                for q in (0.1, 0.5, 0.9)) if spread else "–")
        return (f"| {name} | {self.documents} | {wer_before:.2%} → {wer_after:.2%} "
                f"({_reduction(self.errors_before, self.errors_after)}) | "
                f"{cer_before:.2%} → {cer_after:.2%} "
                f"({_reduction(self.char_errors_before, self.char_errors_after)}) | "
                f"{quartiles} | {self.worse} | {per_k:.2f} |")

    def threshold_row(self, name: str) -> str:
        return f"| {name} | " + " | ".join(
            _reduction(self.errors_before, self.errors_at.get(threshold, 0))
            for threshold in THRESHOLDS) + " |"

    def calibration_rows(self, name: str) -> list[str]:
        rows = []
        for (family, bucket), (seen, right) in sorted(self.calibration.items()):
            top = BUCKETS[BUCKETS.index(bucket) + 1] if bucket != BUCKETS[-1] else 1.0
            rows.append(f"| {name} | {family} | [{bucket:.2f}, {top:.2f}) | {seen} | "
                        f"{right / seen:.1%} |")
        return rows


def _reduction(before: int, after: int) -> str:
    return f"{1 - after / before:+.1%}" if before else "–"


def _bucket(confidence: float) -> float | None:
    below = [b for b in BUCKETS if b <= confidence]
    return below[-1] if below else None


def score_pairs(restorer: Restorer, pairs: list[tuple[Path, Path]], clean_is_gold: bool,
                calibrate: bool = True) -> Totals:
    """Error rates before and after restoring each garbled text, against its gold.

    With ``calibrate``, every correction proposed on the garbled text is also scored alone:
    it is right when applying just it brings the text closer to the gold's first reading.
    """
    totals = Totals()
    for garbled_path, gold_path in pairs:
        garbled = garbled_path.read_text(encoding="utf-8")
        gold = gold_path.read_text(encoding="utf-8")
        report = restorer.explain(garbled)
        before, length = word_distance(garbled, gold)
        after, _ = word_distance(report.text, gold)
        plain = collapse(plain_gold(gold))
        totals.documents += 1
        totals.words += length
        totals.errors_before += before
        totals.errors_after += after
        totals.chars += len(plain)
        totals.char_errors_before += Levenshtein.distance(collapse(garbled), plain)
        totals.char_errors_after += Levenshtein.distance(collapse(report.text), plain)
        totals.worse += after > before
        if before:
            totals.reductions.append(1 - after / before)
        for threshold in THRESHOLDS:
            chosen = [dataclasses.replace(c, applied=True) for c in report.corrections
                      if c.confidence >= threshold]
            totals.errors_at[threshold] = totals.errors_at.get(threshold, 0) + word_distance(
                apply_corrections(garbled, chosen), gold)[0]
        if calibrate:
            _calibrate(totals, garbled, plain, report.corrections)
        if clean_is_gold:
            clean = plain_gold(gold)
            totals.clean_words += len(clean.split())
            totals.clean_applied += len(restorer.explain(clean).applied)
    return totals


def _calibrate(totals: Totals, garbled: str, plain: str,
               corrections: tuple[Correction, ...]) -> None:
    judge = Judge(garbled, plain, spaces=True)
    for c in corrections:
        bucket = _bucket(c.confidence)
        verdict = judge(c)
        if bucket is None or verdict is None:
            continue
        tally = totals.calibration.setdefault((c.family, bucket), [0, 0])
        tally[0] += 1
        tally[1] += verdict


#: Most tokens in a row that the reference lacks between tokens it has, for them to be
#: strays the page did not print rather than a stretch the reference leaves out.
STRAY_TOKENS = 3


class Judge:
    """Whether a correction, applied alone, brings a garbled text closer to its reference
    (fewer edits of the tokens the families read, :data:`restore.text.TOKEN`: a compound's
    words count apart, so mending "aud" in "whisky-aud-watcr" counts); ``None`` when the
    reference does not cover the words it changes (an OCR page's lines that the
    transcription leaves out), so nothing can be said. A run of at most ``STRAY_TOKENS``
    tokens the reference lacks between tokens it has is covered: a stray mark or letter the
    engine read ("the t prisoner"), whose removal is judged. A dash is right whether the
    reference writes it em or en (:func:`same_dashes`). Those tokens do not see spaces: with
    ``spaces``, a correction that only moves spaces ("high- profile", "U. S.") is judged on
    the scorer's words (:func:`tokens`), which do, and where it leaves those as near
    ("Company . was": they split marks off), on the characters of the texts with whitespace
    collapsed, as the error rates read them; without, it is judged no nearer. (The scripts
    fitting the families' confidence judge without: their corrections that move spaces split
    or join words, and the OCR decision model fitted on the scorer's words came out half a
    point worse.)

    >>> from restore.model import Correction
    >>> judge = Judge("tbe cat sat. Junk lnie", "the cat sat.")
    >>> judge(Correction(0, 3, "tbe", "the", 1.0, "ocr.word", "")), judge(
    ...     Correction(18, 22, "lnie", "line", 1.0, "ocr.word", ""))
    (True, None)
    >>> Judge("the t cat sat.", "the cat sat.")(
    ...     Correction(4, 6, "t ", "", 1.0, "ocr.stray_punctuation", ""))
    True
    >>> Judge("a high- profile visit", "a high-profile visit", spaces=True)(
    ...     Correction(2, 15, "high- profile", "high-profile", 1.0, "spacing.hyphen", ""))
    True
    """

    def __init__(self, garbled: str, reference: str, *, spaces: bool = False) -> None:
        self.garbled = same_dashes(garbled)  # the same length: offsets hold
        self.spaces = spaces
        reference = same_dashes(reference)
        self.reference_text = reference
        self.reference = restore_tokens(reference)
        found = list(RESTORE_TOKEN.finditer(self.garbled))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        garbled_tokens = [m[0] for m in found]
        self.baseline = Levenshtein.distance(garbled_tokens, self.reference)
        self.covered = bytearray(len(found))
        opcodes = Levenshtein.opcodes(garbled_tokens, self.reference)
        for k, op in enumerate(opcodes):
            if op.tag in ("equal", "replace") or (
                    op.tag == "delete" and op.src_end - op.src_start <= STRAY_TOKENS
                    and 0 < k < len(opcodes) - 1):
                self.covered[op.src_start:op.src_end] = b"\x01" * (op.src_end - op.src_start)

    @functools.cached_property
    def scorer_words(self) -> tuple[list[str], int]:
        """The reference in the scorer's words, and their edits from the garbled text: read
        only for a correction that moves spaces."""
        words = tokens(self.reference_text)
        return words, Levenshtein.distance(tokens(self.garbled), words)

    @functools.cached_property
    def collapsed(self) -> tuple[str, int]:
        """The reference with whitespace collapsed, and its character edits from the garbled
        text so: read only for a correction that moves spaces and leaves the words as near."""
        reference = collapse(self.reference_text)
        return reference, Levenshtein.distance(collapse(self.garbled), reference)

    def __call__(self, correction: Correction) -> bool | None:
        first = bisect.bisect_right(self.ends, correction.start)
        last = bisect.bisect_left(self.starts, correction.end)
        if first < last and not any(self.covered[first:last]):
            return None
        alone = (self.garbled[:correction.start] + same_dashes(correction.replacement)
                 + self.garbled[correction.end:])
        if self.spaces and ("".join(correction.original.split())
                            == "".join(correction.replacement.split())):
            words, baseline = self.scorer_words
            nearer = Levenshtein.distance(tokens(alone), words)
            if nearer != baseline:
                return nearer < baseline
            reference, baseline = self.collapsed
            return Levenshtein.distance(collapse(alone), reference) < baseline
        return Levenshtein.distance(restore_tokens(alone), self.reference) < self.baseline


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
    parser.add_argument("--half", choices=["even", "odd"],
                        help="score only every other pair of each directory (sorted by name)")
    parser.add_argument("--only", action="append", default=[],
                        help="run only the datasets whose name contains this")
    parser.add_argument("--maps", choices=["shipped", "even-half", "none"], default="shipped",
                        help="spin phrase maps: the shipped ones, mined from the even half of "
                        "spun-dev/bbc only (score with --half odd), or none at all")
    args = parser.parse_args(argv)
    if args.maps == "shipped":
        return _run(args)
    from scripts import mine_spin_maps

    if args.maps == "even-half":
        with mine_spin_maps.half_mined(args.data / "spun-dev" / "bbc"):
            return _run(args)
    with mine_spin_maps.without_maps():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    project_seeds = Path(__file__).resolve().parents[1] / "seeds"
    datasets = {"seed 000": [(project_seeds / "000.spun.txt", project_seeds / "000.gold.txt")],
                "seed 004": [(project_seeds / "004.spun.txt", project_seeds / "004.gold.txt")]}
    for name, folder in (("spun-dev/bbc", args.data / "spun-dev" / "bbc"),
                         ("ocr-dev/bln600", args.data / "ocr-dev" / "bln600"),
                         *((str(p), p) for p in args.pairs)):
        if folder.is_dir():
            pairs = find_pairs(folder)
            datasets[name] = pairs[0 if args.half == "even" else 1::2] if args.half else pairs
        else:
            print(f"quality: {folder} not found, {name} skipped", file=sys.stderr)
    if args.only:
        datasets = {k: v for k, v in datasets.items() if any(o in k for o in args.only)}
    restorer = Restorer()
    print("| dataset | docs | WER before → after (reduction) | CER before → after (reduction) "
          "| per-doc WER reduction p10 / p50 / p90 | docs worse | applied per 1k clean words |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    calibration, sweep = [], []
    for name, pairs in datasets.items():
        totals = score_pairs(restorer, pairs, clean_is_gold=True)
        print(totals.row(name), flush=True)
        calibration += totals.calibration_rows(name)
        sweep.append(totals.threshold_row(name))
    print()
    print("WER reduction when the reported corrections at or above a confidence are applied "
          f"(what `explain` and a threshold give; the default is {DEFAULT_MIN_CONFIDENCE}):")
    print()
    print("| dataset | " + " | ".join(f"≥ {t}" for t in THRESHOLDS) + " |")
    print("|---|" + "---:|" * len(THRESHOLDS))
    print("\n".join(sweep))
    print()
    print("Calibration: a correction is right when applying it alone brings the garbled text "
          "closer to the gold; corrections of words the gold does not cover (OCR lines the "
          "transcription leaves out) are not counted.")
    print()
    print("| dataset | family | confidence | corrections | right |")
    print("|---|---|---|---:|---:|")
    print("\n".join(calibration))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
