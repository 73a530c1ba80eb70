"""The benchmark's own scorer agrees with ../shared/tools/score.py on the seeds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.quality import word_distance
from restore import restore
from tests.conftest import PROJECT, SHARED_DATA

SCORE = SHARED_DATA.parent / "tools" / "score.py"


@pytest.mark.parametrize("seed", ["000", "004"])
def test_scorer_matches_reference(seed: str, tmp_path: Path) -> None:
    if not SCORE.is_file():
        pytest.skip(f"reference scorer not found at {SCORE}")
    gold = PROJECT / "seeds" / f"{seed}.gold.txt"
    spun = (PROJECT / "seeds" / f"{seed}.spun.txt").read_text(encoding="utf-8")
    restored = tmp_path / "restored.txt"
    restored.write_text(restore(spun), encoding="utf-8")
    for system in (PROJECT / "seeds" / f"{seed}.spun.txt", restored):
        output = subprocess.run([sys.executable, str(SCORE), str(system), str(gold)],
                                capture_output=True, text=True, check=True).stdout
        edits, length = map(int, re.match(r"(\d+) edits over (\d+)", output).groups())  # type: ignore[union-attr]
        assert word_distance(system.read_text(encoding="utf-8"),
                             gold.read_text(encoding="utf-8")) == (edits, length)


def test_alternatives_are_honoured() -> None:
    assert word_distance("a b d", "a {b|c} d") == (0, 3)
    assert word_distance("a c d", "a {b|c} d") == (0, 3)
    assert word_distance("a d", "a {“|} d") == (0, 3)
    assert word_distance("a x d", "a {b c|e} d") == (1, 4)
