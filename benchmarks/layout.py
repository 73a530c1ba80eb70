"""The same texts laid out as a corpus pipeline meets them: what layout costs ``restore``.

Usage::

    python -m benchmarks.layout [--data ../shared/data] [--every 3]

Every ``--every``-th pair of the spun BBC articles and of the BLN600 pages, and the BBC
originals, each as given and laid out anew: hard-wrapped at 45 columns (a newspaper column,
as OCR keeps its lines), the same with words broken by a hyphen at line ends (as print sets
a column), with a soft hyphen between the syllables of each long word (a web page's
``&shy;``), and with Windows line ends. Prints a Markdown table: the WER reduction on the
spun articles and on the pages, from the text as given to the same laid out and restored
(whitespace collapsed, soft hyphens read as nothing), and on the originals so laid out and
restored, the documents whose words differ from the original's and the word errors per
1,000 words. A layout that costs nothing leaves its row as the one of the text as given.
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


def broken_at_line_ends(text: str) -> str:
    """``text`` hard-wrapped at ``COLUMNS``, a word that does not fit broken with a hyphen
    between two syllables where its first piece fits (as print sets a column).

    >>> print(broken_at_line_ends("The committee said the minister had considered it."))
    The committee said the minister had conside-
    red it.
    """
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if not line or len(line) + 1 + len(word) <= COLUMNS:
                line = f"{line} {word}" if line else word
                continue
            room = COLUMNS - len(line) - 2  # a space before the piece, a hyphen after
            cuts = [m.start() for m in SYLLABLE_BREAK.finditer(word)
                    if 2 <= m.start() <= room and len(word) - m.start() >= 2
                    and word[:m.start()].isalpha()]
            if cuts:
                lines.append(f"{line} {word[:cuts[-1]]}-")
                line = word[cuts[-1]:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return "\n".join(lines)


LAYOUTS: dict[str, Callable[[str], str]] = {
    "as given": lambda text: text,
    f"hard-wrapped at {COLUMNS} columns": wrapped,
    f"hard-wrapped at {COLUMNS} columns, words broken at line ends": broken_at_line_ends,
    "soft hyphens between syllables": hyphenated,
    "Windows line ends": lambda text: text.replace("\n", "\r\n"),
}


def word_errors(restorer: Restorer, text: str, reference: str,
                layout: Callable[[str], str]) -> int:
    """Word errors of ``text`` laid out and restored against ``reference``."""
    return word_distance(restorer.restore(layout(text)).replace(SOFT_HYPHEN, ""), reference)[0]


def reduction(restorer: Restorer, pairs: list[tuple[str, str]],
              layout: Callable[[str], str]) -> str:
    """The WER reduction over ``pairs`` (garbled, gold): the garbled text as given against
    the same laid out and restored."""
    before = sum(word_distance(garbled, gold)[0] for garbled, gold in pairs)
    after = sum(word_errors(restorer, garbled, gold, layout) for garbled, gold in pairs)
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
          f"reduction | BBC originals ({len(spun)}): changed | word errors per 1k words |")
    print("|---|---:|---:|---:|---:|")
    words = sum(len(original.split()) for _, original in spun)
    for name, layout in LAYOUTS.items():
        errors = [word_errors(restorer, original, original, layout) for _, original in spun]
        print(f"| {name} | {reduction(restorer, spun, layout)} | "
              f"{reduction(restorer, pages, layout)} | {sum(map(bool, errors))} | "
              f"{1000 * sum(errors) / max(words, 1):.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
