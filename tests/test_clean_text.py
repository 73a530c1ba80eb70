"""Clean professional text comes out unchanged: the BBC originals and the seed golds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from restore import Restorer
from tests.conftest import PROJECT

SLOT = re.compile(r"\{([^{}|]*)(?:\|[^{}]*)?\}")


def test_seed_gold_texts_are_unchanged() -> None:
    restorer = Restorer()
    for gold in sorted((PROJECT / "seeds").glob("*.gold.txt")):
        text = SLOT.sub(lambda m: m.group(1), gold.read_text(encoding="utf-8"))
        report = restorer.explain(text)
        assert not report.applied, (gold.name, report.applied)


def test_bbc_originals_are_unchanged(shared_data: Path) -> None:
    originals = sorted((shared_data / "spun-dev" / "bbc").glob("*.orig.txt"))
    if not originals:
        pytest.skip("no BBC originals under spun-dev/bbc")
    restorer = Restorer()
    changed = {}
    for path in originals:
        report = restorer.explain(path.read_text(encoding="utf-8"))
        if report.applied:
            changed[path.name] = [(c.original, c.replacement, c.rule) for c in report.applied]
    assert not changed, changed
