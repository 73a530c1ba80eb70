"""Document-level detection: labels on real specimens, well-formed evidence, any input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from restore import Detection, detect
from tests.conftest import PROJECT
from tests.strategies import any_text


def check(text: str, detection: Detection) -> None:
    assert set(detection.scores) == {"spun", "artifacts", "ocr"}
    assert all(0.0 <= score <= 1.0 for score in detection.scores.values())
    assert detection.overall == max(detection.scores.values())
    assert detection.label in {"clean", *detection.scores}
    for signal in detection.evidence:
        assert 0 <= signal.start < signal.end <= len(text)
        assert text[signal.start:signal.end] == signal.text


@pytest.mark.parametrize(("name", "label"), [
    ("000.spun.txt", "artifacts"), ("000.gold.txt", "clean"),
    ("004.spun.txt", "spun"), ("004.gold.txt", "clean"),
])
def test_seed_articles_get_their_label(name: str, label: str) -> None:
    text = (PROJECT / "seeds" / name).read_text(encoding="utf-8")
    detection = detect(text)
    check(text, detection)
    assert detection.label == label


def test_ocr_text_is_recognized() -> None:
    text = ("Tbe meeting of tbe directors was beld on Tuesday, wben tbe cbairman " * 3
            + "aud tlie secretary reacl tbe report of tbe committee.")
    detection = detect(text)
    assert detection.label == "ocr"
    assert {s.text for s in detection.evidence if s.family == "ocr"} >= {"tbe", "beld"}


def test_clean_sentence_and_empty_text_are_clean() -> None:
    assert detect("The company said profits rose 5% in the third quarter.").label == "clean"
    assert detect("").label == "clean"


def test_bytes_are_refused() -> None:
    with pytest.raises(TypeError, match="expects str"):
        detect(b"text")  # type: ignore[arg-type]


@given(any_text)
def test_detect_never_raises_and_is_well_formed(text: str) -> None:
    check(text, detect(text))


def test_bbc_pairs_are_told_apart(shared_data: Path) -> None:
    pairs = sorted((shared_data / "spun-dev" / "bbc").glob("*.spun.txt"))[:40]
    if not pairs:
        pytest.skip("no BBC pairs under spun-dev/bbc")
    for spun in pairs:
        original = spun.with_name(spun.name.replace(".spun", ".orig"))
        assert detect(spun.read_text(encoding="utf-8")).label == "spun", spun.name
        assert detect(original.read_text(encoding="utf-8")).label == "clean", original.name


def test_function_word_spinner_is_recognized_with_its_words_as_evidence() -> None:
    text = ("The council whitethorn beryllium ready to act arsenic soon arsenic possible, "
            "officials said successful London on Monday. Ministers met successful Brussels "
            "arsenic well, and talks whitethorn beryllium held again successful March.")
    detection = detect(text)
    check(text, detection)
    assert detection.label == "spun"
    assert {s.text for s in detection.evidence if s.family == "spun"} <= {
        "whitethorn", "beryllium", "arsenic", "successful"}


def test_a_word_of_another_sense_alone_is_no_spinner() -> None:
    assert detect("Traces of arsenic were found in the well water, the inquiry said.").label == (
        "clean")
