"""The context model's budgets and quality: size, cold load, look-ups, memory, discrimination.

Usage::

    python -m benchmarks.lm [--data ../shared/data] [--held-out-lines 20000]

Prints a Markdown table:

- size of ``dictionaries/ngrams.bin`` on disk and deflated as in the wheel;
- cold load (import plus first load, in a fresh process) and that process's peak RSS;
- n-gram look-ups per second (``log_score`` on trigrams of real text, from Python);
- discrimination: over every substitution found by aligning each ``spun-dev/bbc`` spun
  article with its original, the share where the original phrase scores above the spun
  one, in the spun text's context (what the tool sees) and in the original's;
- perplexity of the stupid-backoff scores on documents held back from the build (every
  100th document of each corpus file; the scores are not normalized, so this is a
  relative figure, comparable only between builds of this model).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

from benchmarks.common import DEFAULT_DATA, PEAK_RSS_HELPER, fresh_process
from restore import lm, resources
from restore.align import substitutions
from restore.text import tokens
from scripts.build_ngrams import HOLD_OUT, read_batches

COLD_LOAD = PEAK_RSS_HELPER + """
import time
started = time.perf_counter()
from restore.resources import ngram_model
model = ngram_model()
model.count(model.ids(["Security", "Council"]))
elapsed = time.perf_counter() - started
print(elapsed, peak_rss_kib())
"""


def cold_load() -> tuple[float, float]:
    """Median seconds of import plus load in a fresh process, and its peak RSS in MB."""
    runs = []
    for _ in range(5):
        output = fresh_process(COLD_LOAD).split()
        runs.append((float(output[0]), int(output[1]) / 1024))
    runs.sort()
    return runs[len(runs) // 2]


def lookups_per_second(model: lm.NgramModel, text: str) -> tuple[float, float]:
    """Trigram look-ups per second from Python: uncached trie look-ups (``count``), and
    ``log_score`` over the same trigrams, whose cache then holds them."""
    ids = model.ids(tokens(text))
    triples = list(zip(ids, ids[1:], ids[2:], strict=False))
    uncached = scored = 0.0
    for _ in range(5):
        started = time.perf_counter()
        for triple in triples:
            model.count(triple)
        uncached = max(uncached, len(triples) / (time.perf_counter() - started))
        started = time.perf_counter()
        for first, second, word in triples:
            model.log_score(word, first, second)
        scored = max(scored, len(triples) / (time.perf_counter() - started))
    return uncached, scored


def discrimination(model: lm.NgramModel, folder: Path) -> tuple[int, float, float, Counter[str]]:
    """Substitutions seen, share won in the spun and in the original context, and by shape."""
    total = won_spun = won_original = 0
    shapes: Counter[str] = Counter()
    for spun_path in sorted(folder.glob("*.spun.txt")):
        spun = spun_path.read_text(encoding="utf-8")
        original = spun_path.with_name(spun_path.name.replace(".spun", ".orig")).read_text(
            encoding="utf-8")
        spun_tokens, original_tokens = tokens(spun), tokens(original)
        for s in substitutions(spun, original):
            (g0, g1), (o0, o1) = s.garbled_tokens, s.source_tokens
            was, is_ = original_tokens[o0:o1], spun_tokens[g0:g1]
            left, right = spun_tokens[max(0, g0 - 2):g0], spun_tokens[g1:g1 + 2]
            win = model.score_in_context(left, was, right) > model.score_in_context(
                left, is_, right)
            left, right = original_tokens[max(0, o0 - 2):o0], original_tokens[o1:o1 + 2]
            won_original += model.score_in_context(left, was, right) > model.score_in_context(
                left, is_, right)
            total += 1
            won_spun += win
            shape = f"{min(len(is_), 3)}→{min(len(was), 3)}"
            shapes[shape + " total"] += 1
            shapes[shape + " won"] += win
    return total, won_spun / max(total, 1), won_original / max(total, 1), shapes


def perplexity(model: lm.NgramModel, corpus: list[Path], lines: int) -> tuple[float, int]:
    """Perplexity of the scores over the first ``lines`` held-out lines of each file."""
    total, count = 0.0, 0
    for path in corpus:
        taken = 0
        for batch in read_batches([path], HOLD_OUT, held=True):
            for line in batch[: lines - taken]:
                ids = [*model.ids(tokens(line)), lm.BOUNDARY]
                total += model.sequence_log_score(ids)
                count += len(ids)
            taken += min(len(batch), lines - taken)
            if taken >= lines:
                break
    return math.exp(-total / max(count, 1)), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--held-out-lines", type=int, default=20_000,
                        help="held-out lines read from each corpus file")
    args = parser.parse_args(argv)
    path = Path(str(resources.dictionary_root() / lm.FILE_NAME))
    raw = path.read_bytes()
    print("| measure | value | budget |")
    print("|---|---:|---:|")
    print(f"| ngrams.bin on disk | {len(raw) / 1e6:.1f} MB | |")
    print(f"| ngrams.bin deflated (wheel) | {len(zlib.compress(raw, 6)) / 1e6:.1f} MB | ≤ 60 MB |")
    seconds, rss = cold_load()
    print(f"| cold load (import + load, fresh process) | {seconds:.3f} s | ≤ 0.5 s |")
    print(f"| peak RSS of that process | {rss:.0f} MB | ≤ 300 MB |")
    model = resources.ngram_model()
    sample = (Path(__file__).resolve().parents[1] / "seeds" / "004.gold.txt").read_text(
        encoding="utf-8")
    uncached, scored = lookups_per_second(model, sample)
    print(f"| trigram look-ups per second, uncached (count) | {uncached:,.0f} | ≥ 300,000 |")
    print(f"| trigram scores per second, cached (log_score) | {scored:,.0f} | |", flush=True)
    folder = args.data / "spun-dev" / "bbc"
    if folder.is_dir():
        total, spun_context, original_context, shapes = discrimination(model, folder)
        print(f"| discrimination, spun context ({total:,} substitutions) | {spun_context:.1%} "
              "| ≥ 95% |")
        print(f"| discrimination, original context | {original_context:.1%} | |")
        for shape in sorted({key.split()[0] for key in shapes}):
            won, seen = shapes[f"{shape} won"], shapes[f"{shape} total"]
            print(f"| … spun→original tokens {shape} ({seen:,}) | {won / seen:.1%} | |")
    else:
        print(f"lm: {folder} not found, discrimination skipped", file=sys.stderr)
    corpus = sorted((args.data / "corpus").glob("*.txt.xz"))
    if corpus:
        value, count = perplexity(model, corpus, args.held_out_lines)
        print(f"| held-out perplexity (stupid backoff, {count:,} tokens) | {value:.0f} | |")
    else:
        print(f"lm: no corpus under {args.data / 'corpus'}, perplexity skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
