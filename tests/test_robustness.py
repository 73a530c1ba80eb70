"""Hostile input: no catastrophic backtracking, odd characters kept, kills leave whole files."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from restore import explain, restore

COMMAND = str(Path(sys.executable).with_name("restore"))
SIZE = 50_000
RANDOM = random.Random(0)
#: Runs of what the families' patterns look at, and near-misses of them, on one line.
ADVERSARIAL = {
    "punctuation": "".join(RANDOM.choice(",.;:!?") for _ in range(SIZE)),
    "quotes": "".join(RANDOM.choice("“”‘’\"' ") for _ in range(SIZE)),
    "spaces": " " * SIZE,
    "digits": "".join(RANDOM.choice("0123456789, .") for _ in range(SIZE)),
    "hyphens": "".join(RANDOM.choice("-– a") for _ in range(SIZE)),
    "contractions": "do n't " * (SIZE // 7),
    "initials": "U. S. " * (SIZE // 6),
    "spun phrases": "in keeping with the safety " * (SIZE // 27),
    "one long word": "a" * SIZE,
    "every plane": "".join(chr(RANDOM.randint(0x20, 0x2FFF)) for _ in range(SIZE)),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_lines_stay_linear(name: str) -> None:
    # Ordinary text runs at about 0.5 s per MB; a pattern that backtracks catastrophically
    # takes minutes on 50 kB. The bound is generous so that a loaded machine never trips it.
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    report = explain(text)
    assert time.perf_counter() - started < 20.0
    assert restore(report.text) == report.text


@pytest.mark.parametrize("text", [
    "zero\u200bwidth\u200c and \u200d joiners and a soft\u00adhyphen",
    "bidi \u202eoverride\u202c and \u2066isolates\u2069 stay",
    "mixed\r\nline\nendings\rand\u2028separators\u2029\x85too",
    "a tab\tand a vertical\x0btab and form\x0cfeed",
    "\ufeffa byte-order mark at the start",
])
def test_unusual_characters_are_kept(text: str) -> None:
    assert restore(text) == text


def test_killed_in_place_rewrite_leaves_old_or_new_file(tmp_path: Path) -> None:
    damaged = "We do n't know if the U. S. sent 11, 000 troops.\n" * 40_000
    restored = "We don't know if the U.S. sent 11,000 troops.\n" * 40_000
    target = tmp_path / "big.txt"
    delays = [0.05 * k for k in range(1, 9)] + [RANDOM.uniform(0.1, 2.0) for _ in range(4)]
    for delay in delays:
        target.write_text(damaged)
        process = subprocess.Popen([COMMAND, "--in-place", str(target)])
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert target.read_text() in (damaged, restored), delay
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.txt"]
    # a kill between creating and renaming the temporary file may leave it behind, never
    # in place of the target
    assert all(name.startswith(".restore-") for name in leftovers)
