"""Run every benchmark and write ``benchmarks/RESULTS.md`` (and the throughput chart).

Usage::

    python -m benchmarks.report [--data ../shared/data]   # or: make benchmark

The report names the machine, the date, the Python and package versions and the command of
each section, so that every number in it can be traced to one run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import os
import platform
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from benchmarks import (
    clean,
    detect,
    function_words,
    fuzz,
    layout,
    lm,
    parallel,
    quality,
    speed,
    tokenized,
)
from benchmarks.common import DEFAULT_DATA, PROJECT

PACKAGES = ("restore", "symspellpy", "rapidfuzz", "regex", "wordfreq", "ftfy", "pyspellchecker",
            "autocorrect", "nltk", "sacremoses", "numpy")
SECTIONS: tuple[tuple[str, str, Callable[[list[str]], int]], ...] = (
    ("Quality against gold", "python -m benchmarks.quality", quality.main),
    ("Spin generalization: maps mined from the even half of the BBC pairs, scored on the odd",
     "python -m benchmarks.quality --maps even-half --half odd --only bbc --only seed",
     lambda argv: quality.main([*argv, "--maps", "even-half", "--half", "odd", "--only", "bbc",
                                "--only", "seed"])),
    ("OCR on pages it was not tuned on: the odd half of BLN600 (channel and calibration "
     "come from the even half)",
     "python -m benchmarks.quality --half odd --only bln600",
     lambda argv: quality.main([*argv, "--half", "odd", "--only", "bln600"])),
    ("Spin generalization: no mined maps",
     "python -m benchmarks.quality --maps none --only bbc --only seed",
     lambda argv: quality.main([*argv, "--maps", "none", "--only", "bbc", "--only", "seed"])),
    ("Function-word spinner, emulated on the BBC originals",
     "python -m benchmarks.function_words", function_words.main),
    ("Tokenizer damage, emulated on the BBC originals",
     "python -m benchmarks.tokenized", tokenized.main),
    ("Clean copy of other genres: documents the context model was not built from",
     "python -m benchmarks.clean", clean.main),
    ("Layout: the same texts hard-wrapped, soft-hyphenated, with Windows line ends",
     "python -m benchmarks.layout", layout.main),
    ("Context model", "python -m benchmarks.lm", lm.main),
    ("Detection", "python -m benchmarks.detect", detect.main),
    ("Speed and memory", "python -m benchmarks.speed", speed.main),
    ("Parallel command", "python -m benchmarks.parallel", parallel.main),
    ("Fuzzing the API for a minute", "python -m benchmarks.fuzz --seconds 60",
     lambda argv: fuzz.main([*argv, "--seconds", "60"])),
)


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("-o", "--output", type=Path,
                        default=PROJECT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args(argv)
    lines = [
        "# Benchmark results",
        "",
        f"Generated {datetime.date.today().isoformat()} by `make benchmark` "
        "(`python -m benchmarks.report`); do not edit by hand.",
        "",
        f"- Machine: {platform.system()} {platform.machine()}, {_cpu()}, "
        f"{os.cpu_count()} cores (every tool timed runs on one)",
        f"- Python {platform.python_version()}; "
        + ", ".join(f"{p} {_version(p)}" for p in PACKAGES),
        f"- Data: `{args.data}`",
        "",
    ]
    for title, command, run in SECTIONS:
        captured = io.StringIO()
        started = time.monotonic()
        with contextlib.redirect_stdout(captured):
            run(["--data", str(args.data)])
        lines += [f"## {title}", "", f"`{command}` ({time.monotonic() - started:.0f} s)", "",
                  captured.getvalue().rstrip(), ""]
        print(f"report: {title} done", flush=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"report: wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
