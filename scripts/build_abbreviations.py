"""Mine dotted initialisms ("U.S.", "L.P.", "U.N.") from a plain-text corpus.

Writes ``dictionaries/abbreviations.tsv``: the initialisms a tokenizer may split into
"U. S.", each with its corpus count and the share of its uses followed by a capitalized
word. Personal initials ("J.K. Rowling") are almost always followed by a surname, so entries
above ``--max-capital-share`` are left out: joining "J. K." would change clean text.

Usage::

    python scripts/build_abbreviations.py [CORPUS.txt[.xz] ...] [-o dictionaries/abbreviations.tsv]

Defaults to the corpora under ``../shared/data/corpus``. Deterministic: the same corpus
gives identical bytes.
"""

from __future__ import annotations

import argparse
import lzma
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

FORMAT = "restore-abbreviations"
VERSION = 1
DEFAULT_CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus"
INITIALISM = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,4})(?=(\s+\S)|[^\w.]|$)")


def read_lines(path: Path) -> Iterator[str]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from handle


def count(paths: list[Path]) -> tuple[Counter[str], Counter[str]]:
    totals: Counter[str] = Counter()
    before_capital: Counter[str] = Counter()
    for path in paths:
        for line in read_lines(path):
            for match in INITIALISM.finditer(line):
                form = match.group(1)
                totals[form] += 1
                following = match.group(2)
                if following and following.strip()[:1].isupper():
                    before_capital[form] += 1
    return totals, before_capital


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("-o", "--output", type=Path,
                        default=Path(__file__).resolve().parents[1] / "dictionaries"
                        / "abbreviations.tsv")
    parser.add_argument("--min-count", type=int, default=50)
    parser.add_argument("--max-capital-share", type=float, default=0.6)
    args = parser.parse_args(argv)
    paths = args.corpus or sorted(DEFAULT_CORPUS_DIR.glob("*.txt.xz"))
    if not paths:
        print(f"build_abbreviations: no corpus given and none in {DEFAULT_CORPUS_DIR}",
              file=sys.stderr)
        return 1
    totals, before_capital = count(paths)
    rows = []
    for form, n in sorted(totals.items(), key=lambda item: (-item[1], item[0])):
        share = before_capital[form] / n
        if n >= args.min_count and share <= args.max_capital_share:
            rows.append(f"{form}\t{n}\t{share:.3f}")
    header = [
        f"# {FORMAT}\tv{VERSION}",
        f"# source: {', '.join(p.name for p in paths)}; min_count={args.min_count}; "
        f"max_capital_share={args.max_capital_share}",
        "# built by scripts/build_abbreviations.py; counts mined from the corpus "
        "(see PROVENANCE.md)",
        "form\tcount\tcapital_share",
    ]
    args.output.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} initialisms to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
