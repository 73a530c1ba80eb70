"""The topic model and its builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from restore.fixes import spin
from restore.resources import TOPICS, read_table, topic_model
from restore.topic import TopicModel
from scripts import build_topics

BUSINESS = "The firm said its shares rose as profits beat what investors expected."
GOVERNMENT = ("Federal officials at the department said the administrator of the agency "
              "would answer to the homeland security committee.")
SPACE = "The agency said its rocket and satellite launch went well for the space programme."


def test_log_ratio_adds_the_listed_words_present() -> None:
    model = TopicModel([["firm", "-1.5", "shares:2.00 profits:1.25 rocket:-3.00"]])
    assert model.log_ratio("firm", {"shares", "profits"}) == 1.75
    assert model.log_ratio("firm", {"shares", "rocket"}) == -2.5
    assert model.log_ratio("firm", {"shares", "profits"}, ignored={"shares"}) == -0.25
    assert model.log_ratio("company", {"shares"}) == 0.0  # not in the table
    assert model.contrasts([(["firm"], ["company"], ()), ([], [], ())], {"profits"}) == [-0.25, 0.0]
    assert model.contrasts([(["company"], [], ())], {"profits"}) == [0.0]
    assert model.contrasts([([], ["firm"], {"shares"}), (["firm"], [], {"rocket"})],
                           {"shares", "profits"}) == [0.25, 1.75]  # ignored: absent
    assert model.contrasts([], {"profits"}) == []
    assert "firm" in model and "company" not in model


def test_builder_learns_which_words_go_together(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("".join(f"{BUSINESS} Day {n} of 7.\n\n{SPACE} Day {n}.\n\n"
                              for n in range(30)), encoding="utf-8")
    out = tmp_path / "topics.tsv"
    options = ["--min-df", "5", "--features", "4"]
    assert build_topics.main([str(corpus), "-o", str(out), *options]) == 0
    monkeypatch.setenv("RESTORE_DICTIONARIES", str(tmp_path))
    model = TopicModel(read_table(*TOPICS))  # read as the package reads the shipped table
    business = set(BUSINESS.lower().replace(".", "").split())
    space = set(SPACE.lower().replace(".", "").split())
    assert model.log_ratio("firm", business) > 0 > model.log_ratio("firm", space)
    assert model.log_ratio("agency", space) > 0 > model.log_ratio("agency", business)
    assert "day" in model and "7" not in model  # words only
    first = out.read_bytes()
    build_topics.main([str(corpus), "-o", str(out), *options])
    assert out.read_bytes() == first  # deterministic


def test_builder_says_when_the_corpus_is_missing(tmp_path: Path) -> None:
    assert build_topics.main([str(tmp_path / "absent.txt.xz")]) == 1


def test_shipped_model_reads_a_business_story() -> None:
    padding = {f"x{n}" for n in range(spin.TOPIC_MIN_TOKENS)}  # unknown to the model
    business = set(BUSINESS.lower().replace(".", "").split()) - {"firm"}
    government = set(GOVERNMENT.lower().replace(".", "").split())
    asked = [("firm", ("agency",)), ("firm", ("no-such-word",)), ("agency", ("firm",))]
    for_business = spin._topics(asked, business | padding)
    assert for_business[0] > 0 and for_business[1] == 0.0  # a word the model lacks says 0
    assert for_business[2] == -for_business[0]
    assert spin._topics(asked, government | padding)[0] < 0
    assert spin._topics(asked, business) == [0.0, 0.0, 0.0]  # too short to have a topic
    assert "firm" in topic_model()
