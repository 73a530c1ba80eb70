"""The nearest dictionary words: a scan and the SymSpell index must agree, and a process
that looks up few words must not pay to build the index."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from restore import resources
from restore.spelling import Spelling

PROJECT = Path(__file__).resolve().parent.parent
#: Letters a misread word is made of: the common ones, a digit and a long-s reading.
LETTERS = "etaoinshrdlucmfwypvbgk1fé"


@functools.cache
def _scanning() -> Spelling:
    return Spelling(resources.spelling().counts, scans_before_index=sys.maxsize)


@functools.cache
def _indexed() -> Spelling:
    return Spelling(resources.spelling().counts, scans_before_index=0)


@st.composite
def misread_words(draw: st.DrawFn) -> str:
    """A dictionary word with up to three letters replaced, dropped or added."""
    word = list(draw(st.sampled_from(sorted(_scanning().counts))))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(word)))
        letter = draw(st.sampled_from(LETTERS))
        edit = draw(st.sampled_from(["replace", "drop", "add"]))
        if edit == "add" or at == len(word):
            word.insert(at, letter)
        elif edit == "replace":
            word[at] = letter
        else:
            del word[at]
    return "".join(word)


@given(st.one_of(misread_words(), st.text(alphabet=LETTERS, max_size=12)))
def test_a_scan_finds_what_the_index_finds(word: str) -> None:
    assert _scanning().nearest(word) == _indexed().nearest(word)


def test_the_index_is_built_after_the_scans_it_would_cost() -> None:
    spelling = Spelling({"court": 90, "count": 50, "the": 900}, scans_before_index=2)
    assert [spelling.nearest(word) for word in ("tbe", "couwt")] == [("the",), ("count", "court")]
    assert not spelling.indexed
    assert spelling.nearest("tlie") == ("the",)
    assert spelling.indexed
    assert spelling.build_index() is spelling.build_index()  # built once


def test_a_page_of_ocr_builds_no_index() -> None:
    """Building the index takes about a second: a page restored in a fresh process scans."""
    script = ("import sys; from restore import resources, restore; restore(sys.argv[1]); "
              "print(resources.spelling.cache_info().currsize, resources.spelling().indexed)")
    page = ("The prisoner was charged witb stealing a watcb from tbe house of Mr. Smitb, and "
            "tlie jury heard that the pro- perty was found in a pawnsbop in Cburch-street.")
    output = subprocess.run([sys.executable, "-c", script, page], capture_output=True,
                            text=True, check=True, cwd=PROJECT).stdout
    assert output.split() == ["1", "False"]  # the dictionary read, its index not built
