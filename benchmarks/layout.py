"""The same texts laid out as a corpus pipeline meets them: what layout costs ``restore``.

Usage::

    python -m benchmarks.layout [--data ../shared/data] [--every 3]

Every ``--every``-th pair of the spun BBC articles and of the BLN600 pages, and the BBC
originals, each as given and laid out anew: hard-wrapped at 45 columns (a newspaper column,
as OCR keeps its lines), with a soft hyphen between the syllables of each long word (a web
page's ``&shy;``), and with Windows line ends. Prints a Markdown table: the WER reduction
on the spun articles and on the pages (whitespace collapsed, soft hyphens read as nothing),
and on the originals the documents changed and the corrections applied per 1,000 words.
A layout that costs nothing leaves every row as the one of the text as given.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import regex

from benchmarks.common import DEFAULT_DATA
from benchmarks.quality import word_distance
from restore import Restorer

SOFT_HYPHEN = "\u00ad"
#: Where a hyphenation hint goes in a word of six letters or more: between syllables (a
#: vowel, then a consonant and a vowel; or a vowel and a consonant, then a consonant and a
#: vowel), as a web page's ``&shy;`` or a typesetter's hyphenation puts it.
SYLLABLE_BREAK = regex.compile(
    r"(?<=[aeiouy])(?=[b-df-hj-np-tv-z][aeiouy])"
    r"|(?<=[aeiouy][b-df-hj-np-tv-z])(?=[b-df-hj-np-tv-z][aeiouy])")
#: Columns of the hard-wrapped layout: a newspaper column.
COLUMNS = 45


def hyphenated(text: str) -> str:
    """``text`` with a soft hyphen between the syllables of its long lower-case words.

    >>> hyphenated("The minister announced a referendum.").replace(SOFT_HYPHEN, "-")
    'The mi-nis-ter an-noun-ced a re-fe-ren-dum.'
    """
    def hyphenate(word: str) -> str:
        broken = SYLLABLE_BREAK.sub(SOFT_HYPHEN, word)
        return word if min(map(len, broken.split(SOFT_HYPHEN))) < 2 else broken
    return regex.sub(r"\b[a-z]{6,}\b", lambda m: hyphenate(m[0]), text)


def wrapped(text: str) -> str:
    """``text`` with each line broken at spaces into lines of at most ``COLUMNS``."""
    return "\n".join(textwrap.fill(line, COLUMNS, break_long_words=False,
                                   break_on_hyphens=False) if line.strip() else line
                     for line in text.split("\n"))


LAYOUTS: dict[str, Callable[[str], str]] = {
    "as given": lambda text: text,
    f"hard-wrapped at {COLUMNS} columns": wrapped,
    "soft hyphens between syllables": hyphenated,
    "Windows line ends": lambda text: text.replace("\n", "\r\n"),
}


def reduction(restorer: Restorer, pairs: list[tuple[str, str]],
              layout: Callable[[str], str]) -> str:
    """The WER reduction over ``pairs`` (garbled, gold) with the garbled text laid out."""
    before = after = 0
    for garbled, gold in pairs:
        laid_out = layout(garbled)
        before += word_distance(laid_out.replace(SOFT_HYPHEN, ""), gold)[0]
        after += word_distance(restorer.restore(laid_out).replace(SOFT_HYPHEN, ""), gold)[0]
    return f"{100 * (before - after) / max(before, 1):+.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--every", type=int, default=3, help="read every n-th pair")
    args = parser.parse_args(argv)
    bbc, bln = args.data / "spun-dev" / "bbc", args.data / "ocr-dev" / "bln600"
    if not (bbc.is_dir() and bln.is_dir()):
        print(f"layout: development pairs not found under {args.data}, skipped",
              file=sys.stderr)
        return 0
    spun = [(path.read_text(encoding="utf-8"),
             path.with_name(path.name.replace(".spun.", ".orig.")).read_text(encoding="utf-8"))
            for path in sorted(bbc.glob("*.spun.txt"))[::args.every]]
    pages = [(path.read_text(encoding="utf-8"),
              path.with_name(path.name.replace(".ocr.", ".gold.")).read_text(encoding="utf-8"))
             for path in sorted(bln.glob("*.ocr.txt"))[::args.every]]
    restorer = Restorer()
    print(f"| layout | spun BBC ({len(spun)}): WER reduction | BLN600 ({len(pages)}): WER "
          f"reduction | BBC originals ({len(spun)}): changed | applied per 1k words |")
    print("|---|---:|---:|---:|---:|")
    for name, layout in LAYOUTS.items():
        changed = applied = words = 0
        for _, original in spun:
            laid_out = layout(original)
            found = restorer.explain(laid_out).applied
            changed += bool(found)
            applied += len(found)
            words += len(original.split())
        print(f"| {name} | {reduction(restorer, spun, layout)} | "
              f"{reduction(restorer, pages, layout)} | {changed} | "
              f"{1000 * applied / max(words, 1):.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
