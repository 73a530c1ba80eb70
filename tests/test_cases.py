"""Data-driven cases in the style of ftfy's: positive cases, known failures, a negative set,
and news in other languages, which is no English damaged and must come out as it went in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from restore import explain, restore

CASES = Path(__file__).parent / "cases"


def _load(name: str) -> Any:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def _case_params() -> list[Any]:
    params = []
    for case in _load("cases.json"):
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if (
            case["expect"] == "fail") else []
        params.append(pytest.param(case["original"], case["fixed"], id=case["label"], marks=marks))
    return params


@pytest.mark.parametrize(("original", "fixed"), _case_params())
def test_case(original: str, fixed: str) -> None:
    assert restore(original) == fixed


@pytest.mark.parametrize("text", _load("negative.json"))
def test_negative_text_is_unchanged(text: str) -> None:
    report = explain(text)
    assert report.text == text, report.applied
    assert not report.applied


@pytest.mark.parametrize("text", [pytest.param(text, id=language) for language, text
                                  in _load("other-languages.json").items()])
def test_news_in_another_language_is_unchanged(text: str) -> None:
    report = explain(text)
    assert report.text == text, report.applied
