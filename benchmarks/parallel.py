"""Speed-up of ``restore --jobs N`` over many files, and that the output does not change.

Usage::

    python -m benchmarks.parallel [--data ../shared/data] [--files 400]

Runs the installed command on the spun BBC articles (the seed articles, repeated, when the
data is absent) with one job and with one per core, twice each, and reports the best wall
times, the speed-up and whether the outputs are byte-for-byte equal.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import DEFAULT_DATA, PROJECT

COMMAND = str(Path(sys.executable).with_name("restore"))


def inputs(data: Path, count: int, scratch: Path) -> list[str]:
    found = sorted((data / "spun-dev" / "bbc").glob("*.spun.txt"))[:count]
    if found:
        return [str(p) for p in found]
    print(f"parallel: no spun articles under {data}; the seed articles stand in",
          file=sys.stderr)
    seeds = [PROJECT / "seeds" / "004.spun.txt", PROJECT / "seeds" / "000.spun.txt"]
    paths = []
    for i in range(count):
        path = scratch / f"{i:04}.txt"
        path.write_bytes(seeds[i % 2].read_bytes())
        paths.append(str(path))
    return paths


def best_run(jobs: int, files: list[str]) -> tuple[float, bytes]:
    best, output = float("inf"), b""
    for _ in range(2):
        started = time.perf_counter()
        output = subprocess.run([COMMAND, "--jobs", str(jobs), *files], capture_output=True,
                                check=True).stdout
        best = min(best, time.perf_counter() - started)
    return best, output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--files", type=int, default=400)
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        files = inputs(args.data, args.files, Path(scratch))
        size = sum(os.path.getsize(f) for f in files) / 1e6
        one, serial = best_run(1, files)
        many, parallel = best_run(cores, files)
    print("| jobs | files | MB | seconds (best of 2, whole command) | MB/s |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| 1 | {len(files)} | {size:.1f} | {one:.1f} | {size / one:.2f} |")
    print(f"| {cores} | {len(files)} | {size:.1f} | {many:.1f} | {size / many:.2f} |")
    print(f"\nSpeed-up with {cores} jobs on {cores} cores: {one / many:.2f}×; output identical: "
          f"{'yes' if serial == parallel else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
