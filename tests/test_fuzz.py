"""The fuzzing harness runs, and reports what breaks a promise."""

from __future__ import annotations

import pytest

from benchmarks import fuzz

TEXTS = ["The prisoner was charged witb stealing tbe watch. He do n't know.", "Safety Council"]


def test_a_short_fuzz_run_finds_nothing() -> None:
    seen, failures, _ = fuzz.run(TEXTS, seconds=1.0)
    assert sum(seen.values()) > 0
    assert failures == []


def test_a_broken_promise_is_reported_with_its_example(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> None:
        assert "witb" not in text, "found witb"

    monkeypatch.setattr(fuzz, "check", broken)
    _, failures, _ = fuzz.run(TEXTS, seconds=0.5)
    assert failures and failures[0].startswith("AssertionError: found witb")
    assert "witb" in failures[0].split("(", 1)[1]
