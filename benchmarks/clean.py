"""Clean copy left alone: what ``restore`` changes in edited text of other genres.

Usage::

    python -m benchmarks.clean [--data ../shared/data] [--words 200000]

Restores the documents of each corpus file under ``corpus/`` (contemporary news, White House
releases, Wikipedia, 19th-century books) that the context model was not built from (every
100th: ``scripts/build_ngrams.py --hold-out``), in file order until ``--words`` words, and
prints a Markdown table: documents, words, documents changed, corrections applied per 1,000
words, by family, and the first few. The text is edited copy, so every applied correction is
a false alarm. A last row reads the news documents again, each with a paragraph of news in
German, French, Spanish or Dutch after it (in turn, from ``tests/cases/other-languages.json``):
an English article quoting another language.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import DEFAULT_DATA, PROJECT
from restore import Restorer
from scripts.build_ngrams import HOLD_OUT, read_documents


def held_out(path: Path, words: int) -> Iterator[str]:
    """The held-back documents of the corpus file ``path``, until ``words`` words."""
    seen = 0
    for lines in read_documents(path, HOLD_OUT, held=True):
        if seen >= words:
            return
        document = "".join(lines)
        seen += len(document.split())
        yield document


#: News paragraphs in other languages (the test suite's).
OTHER_LANGUAGES = PROJECT / "tests" / "cases" / "other-languages.json"
#: Applied corrections shown per corpus, the first met.
EXAMPLES = 3


def row(name: str, documents: list[str], restorer: Restorer) -> str:
    """The table row of the corpus ``name``, whose held-back ``documents`` are restored."""
    words = changed = 0
    families: Counter[str] = Counter()
    examples: list[str] = []
    for document in documents:
        words += len(document.split())
        applied = restorer.explain(document).applied
        changed += bool(applied)
        families.update(c.family for c in applied)
        examples += [f"{_shown(c.original)} → {_shown(c.replacement)}" for c in applied]
    by_family = ", ".join(f"{family} {n}" for family, n in sorted(families.items())) or "none"
    per_thousand = 1000 * sum(families.values()) / max(words, 1)
    return (f"| {name} | {len(documents)} | {words:,} | {changed} | {per_thousand:.2f} | "
            f"{by_family} | {', '.join(examples[:EXAMPLES]) or '–'} |")


def _shown(text: str) -> str:
    """``text`` as Markdown table cell code, or "nothing" when it is empty."""
    text = text.replace("\n", "⏎").replace("|", "\\|").replace("`", "'")
    return f"`{text}`" if text else "nothing"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--words", type=int, default=200_000,
                        help="words read from each corpus file (whole documents)")
    args = parser.parse_args(argv)
    paths = sorted((args.data / "corpus").glob("*.txt.xz"))
    if not paths:
        print(f"clean: no corpus in {args.data / 'corpus'}, skipped", file=sys.stderr)
        return 0
    restorer = Restorer()
    print("| corpus (held-back documents) | docs | words | docs changed | applied per 1k words "
          "| applied by family | first applied |")
    print("|---|---:|---:|---:|---:|---|---|")
    for path in paths:
        print(row(path.name.split(".")[0], list(held_out(path, args.words)), restorer),
              flush=True)
    news = [path for path in paths if path.name.startswith("news.")]
    if news:
        paragraphs = list(json.loads(OTHER_LANGUAGES.read_text(encoding="utf-8")).values())
        documents = [f"{document.rstrip()}\n\n{paragraph}\n" for document, paragraph in zip(
            held_out(news[0], args.words), itertools.cycle(paragraphs))]
        print(row("news, a paragraph in another language after each", documents, restorer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
