"""Speed and memory of ``restore`` beside the tools a user would otherwise reach for.

Usage::

    python -m benchmarks.speed [--data ../shared/data] [--chart benchmarks/throughput.png]

On the same inputs, in one run, on one core (every tool here is single-threaded):

- ``restore`` on clean news (BBC originals), spun news (their spun copies) and OCR text
  (BLN600), 1 MiB of each, each run in a fresh process that loads every table
  (``resources.warm_up``) and restores another file of the same set (not in the 1 MiB), so
  that the tables are loaded (for OCR, the spelling index built) but the per-word caches have
  not seen the input: the first pass is what a user restoring new text gets, the second
  (the same text again, same process) what the caches are worth; medians of three processes;
- ``restore`` on the same articles one by one (as ``restore *.txt`` or a corpus pipeline
  calls it: each article a document of its own, so a short article's fixed costs count and
  a long text's own statistics do not), the files in order up to 1 MiB, likewise in fresh
  processes;
- the floor: one pass of the package's tokenizer regex over the same text;
- the peers, run offline with their shipped dictionaries: symspellpy ``lookup_compound``
  (line by line), pyspellchecker (``correction`` of each word it does not know) and
  autocorrect (``Speller``), on a 16 KiB slice of each input (they are slow; rates are
  comparable all the same);
- cold start (import plus a first call) in a fresh process, on a sentence of news and on an
  OCR page (which alone reads the spelling dictionary), and the peak RSS of the processes above;
- scaling: each input at 64 KiB, 256 KiB and 1 MiB (first pass, fresh process), whose cost
  per MB must stay flat.

Prints Markdown tables (throughput in MB/s and words/s, and each tool as a ratio to
``restore``'s first pass) and draws throughput against input size to ``--chart``. When the
development data is absent, the seed articles, repeated, stand in for every input, and it
says so.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from benchmarks.common import DEFAULT_DATA, PEAK_RSS_HELPER, PROJECT, fresh_process
from restore.text import TOKEN

MiB = 1 << 20
PEER_SIZE = 16 << 10
SCALES = (64 << 10, 256 << 10, 1 << 20)
PROCESSES = 3
#: The sentence of news the cold start restores (not ASCII: ftfy loads).
NEWS_SENTENCE = "The U. S. said the UN Safety Council met on “Tuesday”."
#: Prints the seconds of importing ``restore`` and restoring the file given, in a fresh
#: process: the cold start of a kind of text, with the tables only it needs (an OCR page
#: needs the spelling dictionary, which no news text reads).
COLD_START = """
import sys
import time
started = time.perf_counter()
from restore import restore
restore(open(sys.argv[1], encoding="utf-8").read())
print(time.perf_counter() - started)
"""
#: The start of a timing run in a fresh process given the input file and the warm-up file:
#: every table loaded, another text of the same kind restored and, if that read the
#: spelling dictionary (OCR), its index built, which a long run builds once.
WARMED_UP = """
import sys
import time
from restore import resources, restore
resources.warm_up()
restore(open(sys.argv[2], encoding="utf-8").read())
if resources.spelling.cache_info().currsize:
    resources.spelling().build_index()
"""
#: Prints the seconds of a first and a second pass over the input, and the process's peak
#: RSS in KiB.
TIMED_PASSES = PEAK_RSS_HELPER + WARMED_UP + """
text = open(sys.argv[1], encoding="utf-8").read()
took = []
for _ in range(2):
    started = time.perf_counter()
    restore(text)
    took.append(time.perf_counter() - started)
print(*took, peak_rss_kib())
"""


#: Given a JSON list of articles as the input file, prints the seconds of restoring them
#: one by one.
TIMED_ARTICLES = WARMED_UP + """
import json
articles = json.load(open(sys.argv[1], encoding="utf-8"))
started = time.perf_counter()
for article in articles:
    restore(article)
print(time.perf_counter() - started)
"""


class Input(NamedTuple):
    """A text to time, another of the same kind to load the tables with first, and the
    articles the text is made of, up to its size, to time one by one."""

    text: str
    warm_up: str
    articles: list[str]


class Passes(NamedTuple):
    """Seconds of a first and a second pass over one text, and the peak RSS in MB."""

    first: float
    second: float
    peak_mb: float


def sample(paths: list[Path], size: int) -> str:
    """The files' texts joined by blank lines, repeated as needed, cut to ``size`` bytes at a
    line end."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    joined = "\n\n".join(texts)
    text = joined
    while len(text.encode()) < size:
        text += "\n\n" + joined
    cut = text.encode()[:size].decode("utf-8", errors="ignore")
    return cut[:cut.rfind("\n") + 1] or cut


def articles(paths: list[Path], size: int) -> list[str]:
    """The files' texts in order, repeated as needed, until they hold ``size`` bytes."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    found: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            if total >= size:
                break
            found.append(text)
            total += len(text.encode())
    return found


def inputs(data: Path) -> dict[str, Input]:
    """1 MiB of each kind of text, and a file of the same set outside it to warm up on."""
    bbc, bln = data / "spun-dev" / "bbc", data / "ocr-dev" / "bln600"
    if bbc.is_dir() and bln.is_dir():
        sets = {name: (paths[:-1], paths[-1]) for name, paths in (
            ("clean news", sorted(bbc.glob("*.orig.txt"))),
            ("spun news", sorted(bbc.glob("*.spun.txt"))),
            ("OCR text", sorted(bln.glob("*.ocr.txt"))))}
    else:
        print(f"speed: development data not found under {data}; the seed articles stand in "
              "for every input", file=sys.stderr)
        seeds = PROJECT / "seeds"
        spun, ocr = seeds / "004.spun.txt", seeds / "000.spun.txt"
        sets = {"clean news": (sorted(seeds.glob("*.gold.txt")), spun),
                "spun news": ([spun], ocr), "OCR text": ([ocr], spun)}
    return {name: Input(sample(paths, MiB), warm_up.read_text(encoding="utf-8"),
                        articles(paths, MiB))
            for name, (paths, warm_up) in sets.items()}


def timed_passes(text: str, warm_up: str) -> Passes:
    """:data:`TIMED_PASSES` over ``text`` in a fresh process."""
    first, second, peak = _warmed_up_run(TIMED_PASSES, text, warm_up).split()
    return Passes(float(first), float(second), int(peak) / 1024)


def timed_articles(articles: list[str], warm_up: str) -> float:
    """Seconds of :data:`TIMED_ARTICLES` over ``articles`` in a fresh process."""
    return float(_warmed_up_run(TIMED_ARTICLES, json.dumps(articles), warm_up))


def _warmed_up_run(script: str, given: str, warm_up: str) -> str:
    """What ``script`` (starting with :data:`WARMED_UP`) prints in a fresh process, given
    the input ``given`` and the ``warm_up`` text as files."""
    with tempfile.TemporaryDirectory() as scratch:
        given_file, warm_file = Path(scratch, "input"), Path(scratch, "warm-up.txt")
        given_file.write_text(given, encoding="utf-8")
        warm_file.write_text(warm_up, encoding="utf-8")
        return fresh_process(script, str(given_file), str(warm_file))


def cold_start_on(text: str) -> float:
    """Seconds of :data:`COLD_START` on ``text`` in a fresh process."""
    with tempfile.TemporaryDirectory() as scratch:
        given = Path(scratch, "input")
        given.write_text(text, encoding="utf-8")
        return float(fresh_process(COLD_START, str(given)))


def seconds(run: Callable[[str], object], text: str, repeats: int = 3) -> float:
    """Median wall time of ``run(text)``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peers() -> dict[str, Callable[[str], object]]:
    """The peers, loaded with their shipped English dictionaries."""
    from autocorrect import Speller
    from spellchecker import SpellChecker
    from symspellpy import SymSpell

    symspell = SymSpell(max_dictionary_edit_distance=2)
    dictionaries = files("symspellpy")
    symspell.load_dictionary(str(dictionaries / "frequency_dictionary_en_82_765.txt"), 0, 1)
    symspell.load_bigram_dictionary(
        str(dictionaries / "frequency_bigramdictionary_en_243_342.txt"), 0, 2)
    checker = SpellChecker()
    speller = Speller(lang="en")

    def symspell_compound(text: str) -> list[str]:
        return [symspell.lookup_compound(line, max_edit_distance=2)[0].term
                for line in text.splitlines() if line.strip()]

    def pyspellchecker(text: str) -> list[str | None]:
        words = [w for w in TOKEN.findall(text) if w.isalpha()]
        return [checker.correction(w) for w in checker.unknown(words)]

    return {"symspellpy lookup_compound": symspell_compound,
            "pyspellchecker": pyspellchecker, "autocorrect": speller}


def rate(texts: list[str], took: float) -> tuple[float, float]:
    """MB/s and words/s of restoring ``texts`` in ``took`` seconds."""
    return (sum(len(text.encode()) for text in texts) / 1e6 / took,
            sum(len(text.split()) for text in texts) / took)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--chart", type=Path, default=PROJECT / "benchmarks" / "throughput.png")
    args = parser.parse_args(argv)
    texts = inputs(args.data)
    others = peers()

    print("| input | tool | bytes | MB/s | words/s | ratio to restore (first pass) |")
    print("|---|---|---:|---:|---:|---:|")
    measured: dict[str, list[Passes]] = {}
    for name, (text, warm_up, pieces) in texts.items():
        runs = measured[name] = [timed_passes(text, warm_up)
                                 for _ in range(PROCESSES)]
        mb, words = rate([text], statistics.median(run.first for run in runs))
        print(f"| {name} | **restore**, first pass | {len(text.encode()):,} | {mb:.2f} | "
              f"{words:,.0f} | 1 |")
        again_mb, again_words = rate([text], statistics.median(run.second for run in runs))
        print(f"| {name} | restore, same text again | {len(text.encode()):,} | {again_mb:.2f} | "
              f"{again_words:,.0f} | {_ratio(again_mb, mb)} |")
        one_by_one_mb, one_by_one_words = rate(pieces, statistics.median(
            timed_articles(pieces, warm_up) for _ in range(PROCESSES)))
        print(f"| {name} | restore, {len(pieces)} articles one by one | "
              f"{sum(len(piece.encode()) for piece in pieces):,} | {one_by_one_mb:.2f} | "
              f"{one_by_one_words:,.0f} | {_ratio(one_by_one_mb, mb)} |", flush=True)
        floor_mb, floor_words = rate([text], seconds(TOKEN.findall, text))
        print(f"| {name} | tokenizer regex (floor) | {len(text.encode()):,} | {floor_mb:.1f} | "
              f"{floor_words:,.0f} | {_ratio(floor_mb, mb)} |")
        piece = text[:PEER_SIZE]
        for peer, run in others.items():
            peer_mb, peer_words = rate([piece], seconds(run, piece, repeats=1))
            print(f"| {name} | {peer} | {len(piece.encode()):,} | {peer_mb:.3f} | "
                  f"{peer_words:,.0f} | {_ratio(peer_mb, mb)} |", flush=True)

    cold = statistics.median(cold_start_on(NEWS_SENTENCE) for _ in range(5))
    page = texts["OCR text"].articles[0]
    cold_ocr = statistics.median(cold_start_on(page) for _ in range(5))
    print()
    print("| measure | value | target |")
    print("|---|---:|---:|")
    print(f"| cold start (import + first call, fresh process, median of 5) | {cold:.2f} s "
          "| ≤ 1 s |")
    print(f"| cold start on an OCR page (import + restoring one page of "
          f"{len(page.encode()):,} bytes, fresh process, median of 5) | {cold_ocr:.2f} s | ≤ 1 s |")
    for name, runs in measured.items():
        peak = max(run.peak_mb for run in runs)
        print(f"| peak RSS restoring 1 MiB of {name} twice (fresh process, most of "
              f"{PROCESSES}) | {peak:.0f} MB | ≤ 400 MB |")

    print()
    print("| input | size | seconds (first pass) | seconds per MB |")
    print("|---|---:|---:|---:|")
    curves: dict[str, list[tuple[float, float]]] = {}
    for name, (text, warm_up, _) in texts.items():
        for size in SCALES:
            piece = text.encode()[:size].decode("utf-8", errors="ignore")
            took = (statistics.median(run.first for run in measured[name]) if size == MiB
                    else timed_passes(piece, warm_up).first)
            megabytes = len(piece.encode()) / 1e6
            curves.setdefault(name, []).append((megabytes, megabytes / took))
            print(f"| {name} | {size >> 10} KiB | {took:.2f} | {took / megabytes:.2f} |",
                  flush=True)
    _chart(args.chart, curves)
    print(f"\nChart: {args.chart.name} (throughput against input size, first pass).")
    return 0


def _ratio(peer: float, ours: float) -> str:
    return f"{ours / peer:.1f}× slower" if peer < ours else f"{peer / ours:.1f}× faster"


def _chart(path: Path, curves: dict[str, list[tuple[float, float]]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 4), dpi=100)
    for name, points in curves.items():
        axes.plot([x for x, _ in points], [y for _, y in points], marker="o", label=name)
    axes.set_xscale("log")
    axes.set_xlabel("input size (MB)")
    axes.set_ylabel("throughput (MB/s)")
    axes.set_ylim(bottom=0)
    axes.set_title("restore throughput against input size (one core)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)


if __name__ == "__main__":
    raise SystemExit(main())
