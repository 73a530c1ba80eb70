"""The benchmark's own scorer agrees with ../shared/tools/score.py on the seeds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.clean import held_out, row
from benchmarks.quality import THRESHOLDS, Judge, score_pairs, word_distance
from restore import Correction, Restorer, restore
from restore.model import DEFAULT_MIN_CONFIDENCE
from scripts.build_ngrams import HOLD_OUT
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


@pytest.mark.parametrize(("garbled", "reference", "original", "replacement", "right"), [
    ("tbe cat sat.", "the cat sat.", "tbe", "the", True),  # a word mended
    ("the cat sat.", "the cat sat.", "cat", "hat", False),  # a right word changed
    ("a high- profile visit", "a high-profile visit", "high- profile", "high-profile", True),
    ("the U. S. said", "the U.S. said", "U. S.", "U.S.", True),  # only spaces move
    ("we do n't go", "we don't go", "do n't", "don't", True),
    ("a high-profile visit", "a high-profile visit", "high-profile", "high- profile", False),
    ("the Company . was", "the Company. was", "Company .", "Company.", True),  # marks too
    ("he said , and", "he said , and", "said ,", "said,", False),
])
def test_the_calibration_judge_sees_corrections_that_only_move_spaces(
        garbled: str, reference: str, original: str, replacement: str, right: bool) -> None:
    start = garbled.index(original)
    correction = Correction(start, start + len(original), original, replacement, 1.0, "x.y", "")
    assert Judge(garbled, reference, spaces=True)(correction) is right


@pytest.mark.parametrize(("reference", "right"), [
    ("closed.—The court rose.", True),
    ("closed.–The court rose.", True),  # the transcriber's en dash: still the dash printed
    ("closed.-The court rose.", False),  # a hyphen on the page
])
def test_a_dash_is_judged_right_em_or_en(reference: str, right: bool) -> None:
    garbled = "closed.-The court rose."
    correction = Correction(7, 8, "-", "—", 1.0, "ocr.dash", "")
    assert Judge(garbled, reference)(correction) is right


@pytest.mark.parametrize(("garbled", "verdict"), [
    ("the t cat sat on the mat.", True),  # a stray letter the page did not print
    ("the t ~ cat sat on the mat.", True),
    ("the t a b c d cat sat on the mat.", None),  # a stretch the reference leaves out
    ("t the cat sat on the mat.", None),  # before everything the reference has
])
def test_a_few_tokens_the_reference_lacks_between_its_own_are_judged(
        garbled: str, verdict: bool | None) -> None:
    correction = Correction(4, 6, "t ", "", 1.0, "ocr.stray_punctuation", "") \
        if garbled.startswith("the") else Correction(0, 2, "t ", "", 1.0, "x.y", "")
    assert Judge(garbled, "the cat sat on the mat.")(correction) is verdict


def test_the_fitting_scripts_judge_on_the_families_tokens() -> None:
    correction = Correction(2, 15, "high- profile", "high-profile", 1.0, "spacing.hyphen", "")
    assert Judge("a high- profile visit", "a high-profile visit")(correction) is False


def test_the_threshold_sweep_at_the_default_is_what_restore_gives() -> None:
    pairs = [(PROJECT / "seeds" / f"{seed}.spun.txt", PROJECT / "seeds" / f"{seed}.gold.txt")
             for seed in ("000", "004")]
    totals = score_pairs(Restorer(), pairs, clean_is_gold=False, calibrate=False)
    assert set(totals.errors_at) == set(THRESHOLDS)
    assert totals.errors_at[DEFAULT_MIN_CONFIDENCE] == totals.errors_after
    assert totals.errors_at[max(THRESHOLDS)] > totals.errors_after  # fewer corrections applied


def test_the_clean_copy_benchmark_reads_only_held_back_documents(tmp_path: Path) -> None:
    documents = [f"Document {k} is about the {k}th council meeting.\n"
                 for k in range(3 * HOLD_OUT)]
    corpus = tmp_path / "news.txt"
    corpus.write_text("\n".join(documents), encoding="utf-8")
    held = list(held_out(corpus, words=100))
    assert held == [documents[HOLD_OUT - 1], documents[2 * HOLD_OUT - 1], documents[-1]]
    assert list(held_out(corpus, words=1)) == held[:1]  # whole documents, up to the budget
    damaged = "We do n't know .\n"
    assert row("news", [*held, damaged], Restorer()) == (
        "| news | 4 | 29 | 1 | 34.48 | spacing 1 | `do n't` → `don't` |")
    assert row("news", ["tbe court heard tlie case of tbe prisoner , and"], Restorer()).endswith(
        "| `tbe` → `the`, `tlie` → `the`, `tbe` → `the` |")  # the first few, in order
