"""Measure the shares the OCR family reports for what it removes, joins or lowers at a share.

``restore.fixes.ocr.STRAY_PUNCTUATION`` (a mark the page did not print: "having -been",
"took them 'into custody"), ``READ_IN_CONTEXT`` (a mark or letter between words that the
context model reads otherwise: "went home with. my sister"), ``JOINED_SHARE`` (a broken word
joined as it stands), ``WRITTEN_WHOLE_SHARE`` (one joined as the page writes it elsewhere)
and ``CAPITAL_SHARE`` ("the man In the dock") report each proposal at a fixed share: how
often such a proposal, applied alone, brings a page closer to its transcription; the
shares of ``READ_AS_HYPHEN`` ("refused.-George") are the priors of a dash read as a hyphen,
decided in context; ``restore.fixes.spacing.WEAK_ON_OCR`` gives the spacing family's weak
fixes on an OCR page ("Company . was") a share each. This script
measures those shares on the tuning half of the pairs: it restores each page with these
proposals switched off, then judges each proposal they make on the result alone as the
benchmark's calibration does (:class:`benchmarks.quality.Judge`: right when it brings the
page closer to its transcription; not counted where the transcription leaves the words
out).

Usage::

    python scripts/measure_ocr_marks.py [DIR] [--half even]

``DIR`` defaults to ``../shared/data/ocr-dev/bln600``. Prints one line per kind: proposals
judged, those right and the share right, and those the transcription does not cover.
Deterministic.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from benchmarks.quality import Judge
from restore import Restorer, ocr_page
from restore.fixes import ocr, spacing
from restore.model import Correction
from restore.text import token_table, tokens
from scripts.learn_ocr_channel import DEFAULT_PAIRS
from scripts.pairs import OCR, find_pairs

#: The family's functions proposing what is measured here, by name.
MEASURED = ("_joined_as_they_stand", "_joined_as_written_elsewhere", "_capitals_in_context",
            "_dashes")


@contextlib.contextmanager
def switched_off() -> Iterator[None]:
    """The OCR family, and the spacing family on OCR pages, without the proposals measured
    here, while the block runs."""
    stray, in_context = ocr.STRAY_PUNCTUATION, ocr.READ_IN_CONTEXT
    spacing_shares = spacing.WEAK_ON_OCR
    functions = {name: getattr(ocr, name) for name in MEASURED}
    ocr.STRAY_PUNCTUATION = ocr.READ_IN_CONTEXT = ()
    spacing.WEAK_ON_OCR = {}
    for name in MEASURED:
        setattr(ocr, name, lambda *_: [])
    try:
        yield
    finally:
        ocr.STRAY_PUNCTUATION, ocr.READ_IN_CONTEXT = stray, in_context
        spacing.WEAK_ON_OCR = spacing_shares
        for name, function in functions.items():
            setattr(ocr, name, function)


def proposals(text: str) -> Iterator[tuple[str, int, int, str]]:
    """``(kind, start, end, replacement)`` of each proposal measured here on ``text``."""
    for kind, pattern, _ in ocr.STRAY_PUNCTUATION:
        for m in pattern.finditer(text):
            yield kind, m.start(), m.end(), ""
    spans = token_table(text)
    for kind, m, reading, _ in ocr.read_in_context(text, spans):
        yield f"{kind}, read as “{reading}”", m.start(), m.end(), reading
    for c in (*ocr._joined_as_they_stand(text, 1.0), *ocr._joined_as_written_elsewhere(text),
              *ocr._capitals_in_context(text, spans, 1.0)):
        yield c.note, c.start, c.end, c.replacement
    for kind, m, _ in ocr.read_as_hyphen(text):
        yield f"{kind}, read as a dash", m.start(), m.end(), ocr.DASH
    for c in spacing.weak_fixes(text, damaged=False):
        yield f"{c.rule}: {c.note}", c.start, c.end, c.replacement


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--half", choices=["even", "odd"], default="even")
    args = parser.parse_args(argv)
    pairs = find_pairs([args.directory], args.half, OCR)
    if not pairs:
        print(f"measure_ocr_marks: no pairs in {args.directory}", file=sys.stderr)
        return 1
    restorer = Restorer()
    counts: Counter[tuple[str, bool | None]] = Counter()
    for garbled_path, gold_path in pairs:
        garbled = garbled_path.read_text(encoding="utf-8", errors="replace")
        if ocr_page.ocr_probability(tokens(garbled)) < ocr_page.MIN_OCR_PROBABILITY:
            continue  # a page that does not read as OCR gets none of these
        with switched_off():
            restored = restorer.restore(garbled)
        judge = Judge(restored, gold_path.read_text(encoding="utf-8", errors="replace"),
                      spaces=True)
        for kind, start, end, replacement in proposals(restored):
            counts[kind, judge(Correction(start, end, restored[start:end], replacement, 1.0,
                                          "ocr.measured", ""))] += 1
    for kind in dict.fromkeys(kind for kind, _ in counts):
        right, judged = counts[kind, True], counts[kind, True] + counts[kind, False]
        print(f"{kind}: {right} of {judged} right, share {right / max(judged, 1):.3f}; "
              f"{counts[kind, None]} not covered by the transcription")
    return 0


if __name__ == "__main__":
    sys.exit(main())
