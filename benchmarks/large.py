"""Restore one very large file with the command, and report its time and peak memory.

Usage::

    python -m benchmarks.large [--data ../shared/data] [--megabytes 1024] [--kind clean]

Builds a file of ``--megabytes`` MB from the development articles (``clean``: BBC
originals; ``spun``: their spun copies; ``ocr``: BLN600 OCR pages), repeated, in a temporary
directory, runs ``restore FILE > /dev/null`` in a fresh process and prints its wall time
and peak resident memory (the kernel's ``ru_maxrss`` for the finished child). Not part of
``make benchmark``: a gigabyte takes minutes.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import DEFAULT_DATA
from benchmarks.speed import sample

GLOBS = {"clean": ("spun-dev/bbc", "*.orig.txt"), "spun": ("spun-dev/bbc", "*.spun.txt"),
         "ocr": ("ocr-dev/bln600", "*.ocr.txt")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--kind", choices=sorted(GLOBS), default="clean")
    args = parser.parse_args(argv)
    folder, pattern = GLOBS[args.kind]
    paths = sorted((args.data / folder).glob(pattern))
    if not paths:
        print(f"large: no {pattern} under {args.data / folder}", file=sys.stderr)
        return 1
    block = sample(paths, 8 << 20).encode("utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "large.txt"
        with open(target, "wb") as handle:
            written = 0
            while written < args.megabytes * 1_000_000:
                handle.write(block)
                written += len(block)
        started = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            subprocess.run([sys.executable, "-m", "restore.cli", str(target)], stdout=sink,
                           check=True)
        took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("| input | size | seconds | MB/s | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    print(f"| {args.kind} news, one file | {written / 1e6:,.0f} MB | {took:.0f} | "
          f"{written / 1e6 / took:.2f} | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
