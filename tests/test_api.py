"""The public API: records validate themselves, types are checked, Restorer is shareable."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import restore as restore_module
from restore import Config, Correction, Restorer, apply_corrections, explain, families, restore
from restore.resources import DictionaryError, read_table

DAMAGED = "We do n't know if the U. S. sent 11, 000 troops; growth was 2.four%."


def test_correction_is_frozen_and_validates() -> None:
    c = Correction(0, 2, "ab", "c", 0.5, "spacing.x", "note")
    with pytest.raises(AttributeError):
        c.start = 1  # type: ignore[misc]
    assert c.family == "spacing"
    for bad in [
        dict(start=-1, end=2, original="ab"),
        dict(start=0, end=3, original="ab"),
        dict(start=0, end=2, original="ab", replacement="ab"),
        dict(start=0, end=2, original="ab", confidence=1.5),
        dict(start=0, end=2, original="ab", confidence=float("nan")),
        dict(start=0, end=2, original="ab", rule="norule"),
    ]:
        fields = {"replacement": "c", "confidence": 0.5, "rule": "a.b", "note": "", **bad}
        with pytest.raises(ValueError):
            Correction(**fields)  # type: ignore[arg-type]


def test_config_validates() -> None:
    with pytest.raises(ValueError):
        Config(min_confidence=1.2)
    with pytest.raises(TypeError):
        Config(families="spacing")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown family nope"):
        Restorer(Config(families=frozenset({"nope"})))
    with pytest.raises(ValueError, match="unknown family"):
        restore("x", families=["nope"])


@pytest.mark.parametrize("bad", [b"bytes", bytearray(b"x"), 42, None])
def test_non_string_input_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="expects str"):
        restore(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects str"):
        explain(bad)  # type: ignore[arg-type]


def test_bytes_error_says_to_decode() -> None:
    with pytest.raises(TypeError, match=r"decode it first"):
        restore(b"do n't")  # type: ignore[arg-type]


def test_suggestions_are_reported_but_not_applied() -> None:
    report = explain(DAMAGED, min_confidence=0.96)
    assert [c.original for c in report.applied] == ["do n't"]
    assert {c.original for c in report.suggested} >= {"U. S.", "11, 000", "four"}
    assert report.text == "We don't know if the U. S. sent 11, 000 troops; growth was 2.four%."
    assert apply_corrections(DAMAGED, report.corrections) == report.text


def test_families_can_be_chosen() -> None:
    assert set(families()) == {"encoding", "spacing", "quotes", "numerals", "ocr", "spin",
                               "function-words"}
    only_numerals = explain(DAMAGED, families=["numerals"])
    assert [c.rule for c in only_numerals.corrections] == ["numerals.decimal"]
    assert restore(DAMAGED, families="numerals").endswith("2.4%.")


def test_apply_corrections_rejects_mismatch_and_overlap() -> None:
    c1 = Correction(0, 2, "ab", "x", 1.0, "a.b", "")
    c2 = Correction(1, 3, "bc", "y", 1.0, "a.b", "")
    with pytest.raises(ValueError, match="overlap"):
        apply_corrections("abc", [c1, c2])
    with pytest.raises(ValueError, match="does not match"):
        apply_corrections("zzz", [c1])
    assert apply_corrections("abc", [c1]) == "xc"


def test_restorer_pickles_and_is_thread_safe() -> None:
    restorer = Restorer(Config(min_confidence=0.7))
    clone = pickle.loads(pickle.dumps(restorer))
    assert clone.config == restorer.config
    expected = restorer.restore(DAMAGED)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(clone.restore, [DAMAGED] * 32))
    assert results == [expected] * 32


def test_dictionary_header_is_checked(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(DictionaryError, match="expected header"):
        read_table("abbreviations.tsv", "something-else", 1)
    with pytest.raises(DictionaryError, match="missing"):
        read_table("no-such-table.tsv", "x", 1)


def test_version_has_one_source() -> None:
    from importlib.metadata import version

    assert version("restore") == restore_module.__version__
