"""The function-word spinner's swaps ("arsenic" for "as") read back in context."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from restore import apply_corrections, explain, resources, restore
from restore.fixes import function_words
from restore.model import DEFAULT_MIN_CONFIDENCE
from scripts import build_function_word_senses

SPUN = ("The council whitethorn beryllium ready to act arsenic soon arsenic possible, officials "
        "said successful London on Monday. Ministers met successful Brussels arsenic well, and "
        "talks whitethorn beryllium held again successful March.")
ORIGINAL = ("The council may be ready to act as soon as possible, officials said in London on "
            "Monday. Ministers met in Brussels as well, and talks may be held again in March.")


def test_swapped_words_are_read_back() -> None:
    assert restore(SPUN) == ORIGINAL


def test_each_correction_names_the_rule_and_its_evidence() -> None:
    corrections = [c for c in explain(SPUN).corrections if c.rule == function_words.RULE]
    assert {(c.original, c.replacement) for c in corrections} == {
        ("whitethorn", "may"), ("beryllium", "be"), ("arsenic", "as"), ("successful", "in")}
    assert all(c.confidence >= 0.8 and "nats" in c.note for c in corrections)


def test_case_of_the_swapped_word_is_kept() -> None:
    restored = restore(SPUN + " Successful the meantime, arsenic a result, talks went on.")
    assert restored.endswith(" In the meantime, as a result, talks went on.")


@pytest.mark.parametrize("text", [
    "Traces of arsenic were found in the well water, the inquiry said.",
    "The launch was successful, and the satellite reached orbit in March.",
    "Hawthorn, also called whitethorn, flowers in May along the hedgerows.",
    "Beryllium is a light metal used in aerospace alloys.",
    "The retired teacher said the connected devices were out of date.",
    "Its conductivity ranges from 10 to 104 siemens per centimeter, south of the border.",
])
def test_words_in_their_own_sense_stand(text: str) -> None:
    assert restore(text) == text


@pytest.mark.parametrize("text", ["zero " * 1000, "Ace Ventures. " * 300])
def test_a_word_repeated_is_no_spinner(text: str) -> None:
    assert restore(text) == text


def test_a_word_or_two_alone_is_no_spinner() -> None:
    # One reading the context prefers, in a document with no other swap: the share of
    # swapped words stays near the prior and the reading is not applied.
    text = "Officials met successful London, where the talks went on until late."
    assert restore(text) == text
    proposed = function_words.propose(text)
    assert all(c.confidence < 0.8 for c in proposed)


def test_one_strong_reading_needs_others_beside_it() -> None:
    strong = function_words.LM_WEIGHT * function_words.LM_CAP
    alone, _ = function_words._posteriors(np.array([strong, -2.0, -3.0, -1.0]),
                                          np.arange(4))
    among, _ = function_words._posteriors(np.array([strong] * 20 + [-2.0, -3.0, -1.0]),
                                          np.arange(23))
    assert alone[0] < DEFAULT_MIN_CONFIDENCE < 0.95 < among[0]
    # The same word twenty times is one choice of the spinner, no more than once.
    repeated, _ = function_words._posteriors(np.array([strong] * 20 + [-2.0, -3.0, -1.0]),
                                             np.array([0] * 20 + [1, 2, 3]))
    assert repeated[0] == pytest.approx(alone[0])


def test_no_lone_letter_but_a_and_i_is_read_back() -> None:
    # "s" and "u" are the tokenizer's pieces of "U.S.": "siemens" and "uranium" are no
    # spinner's words for them.
    replaced = {word for words in resources.function_word_senses().values() for word in words}
    assert {word for word in replaced if len(word) == 1} == {"a", "i"}


def test_table_lists_neighbours_of_every_sense() -> None:
    senses = resources.function_word_senses()
    assert senses["arsenic"] == ("as",) and senses["whitethorn"] == ("may",)
    assert "in" in senses["successful"]  # a satellite's head
    assert "many" in senses["galore"]  # a head's satellite
    assert "then" not in senses  # one common word is no spinner's word for another


def test_builder_reads_synsets_and_similar_ones(tmp_path: Path) -> None:
    wordnet = tmp_path / "wordnet"
    wordnet.mkdir()
    (wordnet / "data.noun").write_text(
        "  1 This line is the licence header.\n"
        "00000001 27 n 03 arsenic 0 As 0 atomic_number_33 0 000 | an element\n",
        encoding="latin-1")
    (wordnet / "data.adj").write_text(
        "00000002 00 a 01 successful 0 001 & 00000003 a 0000 | having succeeded\n"
        "00000003 00 s 01 in(p) 0 001 & 00000002 a 0000 | holding office\n", encoding="latin-1")
    (wordnet / "data.adv").write_text(
        "00000004 02 r 02 equally 0 as 0 000 | to the same degree\n", encoding="latin-1")
    (wordnet / "data.verb").write_text("", encoding="latin-1")
    out = tmp_path / "out"
    assert build_function_word_senses.main([str(wordnet), "-o", str(out)]) == 0
    rows = dict(line.split("\t") for line in
                (out / "function-word-senses.tsv").read_text().splitlines()
                if not line.startswith("#"))
    assert rows.pop("word") == "replaced"
    # The element's symbol, the adverb, and the satellite's head, but not "atomic number 33":
    # no single word.
    assert rows == {"arsenic": "as", "equally": "as", "successful": "in"}


def test_builder_says_when_wordnet_is_missing(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert build_function_word_senses.main([str(tmp_path), "-o", str(tmp_path)]) == 1
    assert "wordnet-base" in capsys.readouterr().err


def test_the_other_spinners_copy_is_left_to_the_spin_family() -> None:
    # Read alone, the second sentence's words are swaps; beside a text full of the other
    # spinner's words ("stated", "corporate", "additionally mentioned") they are its own.
    other = ("The corporate stated its income had been buoyed by gross sales abroad, in keeping "
             "with a report to the UN Safety Council. Nevertheless, the agency additionally "
             "mentioned that web prospects had been fewer. ")
    assert function_words.propose(SPUN)
    assert function_words.read(other + SPUN) == ([], 0.0)


#: Sentences with and without the spinner's swaps, to be strung together in any order.
SENTENCES = [
    "The council whitethorn beryllium ready to act arsenic soon arsenic possible. ",
    "The council may be ready to act as soon as possible. ",
    "Officials said successful London that talks went on.\n",
    "Officials said in London that talks went on.\r\n",
    "Ministers met successful Brussels arsenic well. ",
    "Traces of arsenic were found successful the well water. ",
    "Galore people came, and the launch was successful. ",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12).map("".join))
def test_swapped_text_restores_consistently(text: str) -> None:
    report = explain(text)
    previous_end = -1
    for c in report.corrections:
        assert text[c.start:c.end] == c.original and c.start >= previous_end
        previous_end = c.end
    assert apply_corrections(text, report.corrections) == report.text
    assert restore(report.text) == report.text
    assert report.text.count("\n") == text.count("\n") and report.text.count("\r") == text.count(
        "\r")
