"""The context model: the builder's tables, their loader, and the shipped model's choices."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from restore import lm, resources
from restore.lm import NgramModel
from scripts import build_ngrams

CORPUS = """The UN Security Council met on Monday.
The Security Council said it would meet again.

Members of the Security Council voted.
The council met in New York on Monday.
"""


def build(tmp_path: Path, corpus: str, name: str = "ngrams.bin", *extra: str) -> Path:
    source = tmp_path / "corpus.txt"
    source.write_text(corpus, encoding="utf-8")
    output = tmp_path / name
    assert build_ngrams.main([str(source), "-o", str(output), "--workers", "1",
                              "--hold-out", "0", "--min-unigram", "1", "--min-bigram", "1",
                              "--min-trigram", "1", *extra]) == 0
    return output


def test_builder_counts_what_the_corpus_holds(tmp_path: Path) -> None:
    model = NgramModel(build(tmp_path, CORPUS))
    assert model.count(model.ids(["Security"])) == 3
    assert model.count(model.ids(["Monday"])) == 2
    # n-gram counts are quantized to within 5%
    assert model.count(model.ids(["Security", "Council"])) == pytest.approx(3, rel=0.05)
    assert model.count(model.ids(["the", "Security", "Council"])) == pytest.approx(1, rel=0.05)
    assert model.count(model.ids(["Council", "voted"])) == pytest.approx(1, rel=0.05)
    assert model.count(model.ids(["Security", "Monday"])) == 0
    assert model.count(model.ids(["Safety", "Council"])) == 0
    # no trigram spans two lines
    assert model.count(model.ids([".", "The", "Security"])) == 0


def test_builder_is_deterministic(tmp_path: Path) -> None:
    first = build(tmp_path, CORPUS, "a.bin").read_bytes()
    assert build(tmp_path, CORPUS, "b.bin").read_bytes() == first


def test_builder_prunes_and_holds_out(tmp_path: Path) -> None:
    pruned = NgramModel(build(tmp_path, CORPUS, "p.bin", "--min-unigram", "2"))
    assert pruned.word_id("voted") == lm.UNKNOWN
    assert pruned.word_id("Security") != lm.UNKNOWN
    held = NgramModel(build(tmp_path, CORPUS, "h.bin", "--hold-out", "2"))
    assert held.word_id("voted") == lm.UNKNOWN  # the second document was held back
    assert any("hold_out=2" in line for line in held.header)


def test_case_is_kept_with_a_lowercase_fallback(tmp_path: Path) -> None:
    model = NgramModel(build(tmp_path, CORPUS))
    assert model.word_id("council") != model.word_id("Council")
    assert model.word_id("COUNCIL") == model.word_id("council")
    assert model.word_id("Zanzibar") == lm.UNKNOWN


def test_scores_prefer_seen_sequences(tmp_path: Path) -> None:
    model = NgramModel(build(tmp_path, CORPUS))
    seen = model.score_in_context(["The", "UN"], ["Security"], ["Council", "met"])
    unseen = model.score_in_context(["The", "UN"], ["Safety"], ["Council", "met"])
    assert seen > unseen
    for word in ("Security", "Council", "Zanzibar"):
        score = model.log_score(model.word_id(word), lm.BOUNDARY, lm.BOUNDARY)
        assert math.isfinite(score) and score <= 0
    # an unknown word scores below every known one
    rarest = min(model.log_score(i, lm.BOUNDARY, lm.BOUNDARY)
                 for i in range(2, model.vocabulary_size))
    assert model.log_score(lm.UNKNOWN, lm.BOUNDARY, lm.BOUNDARY) < rarest


def test_wrong_format_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"# something-else\tv1\n\n".ljust(lm.HEADER_SIZE, b"\0"))
    with pytest.raises(lm.ModelFormatError, match="expected header"):
        NgramModel(bad)
    missing = tmp_path / "missing.bin"
    missing.write_bytes(f"# {lm.FORMAT}\tv{lm.VERSION}\n\n".encode().ljust(lm.HEADER_SIZE, b"\0"))
    with pytest.raises(lm.ModelFormatError, match="section 'vocabulary' is missing"):
        NgramModel(missing)


def test_shipped_model_is_loaded_once() -> None:
    assert resources.ngram_model() is resources.ngram_model()


@pytest.mark.parametrize(("left", "right_choice", "wrong_choice", "right"), [
    (["the", "UN"], ["Security"], ["Safety"], ["Council", "resolution"]),
    (["North", "Korean"], ["Foreign"], ["Overseas"], ["Minister", "Choe"]),
    (["during", "the"], ["Cold", "War"], ["Chilly", "Struggle"], [".", "The"]),
    (["brought", "into"], ["the"], ["tbe"], ["court", "by"]),
    (["a", "new"], ["satellite"], ["satellite", "tv", "for", "pc"], ["launch", "."]),
])
def test_shipped_model_prefers_the_original(
    left: list[str], right_choice: list[str], wrong_choice: list[str], right: list[str]
) -> None:
    model = resources.ngram_model()
    assert (model.score_in_context(left, right_choice, right)
            > model.score_in_context(left, wrong_choice, right))
    assert model.count(model.ids(["Security", "Council"])) > model.count(
        model.ids(["security", "council"]))


ID_LISTS = st.lists(st.integers(0, 40) | st.integers(0, 150_000), max_size=3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ID_LISTS, ID_LISTS, ID_LISTS), max_size=30))
def test_scoring_many_at_once_equals_scoring_each(
        queries: list[tuple[list[int], list[int], list[int]]]) -> None:
    """The vectorized path gives the scalar scores, for unknown, boundary and out-of-trie ids
    alike, on the shipped model (to the last bits: numpy's vectorized ``log`` may round the
    last place differently from ``math.log``)."""
    model = resources.ngram_model()
    assert model.score_many_in_context(queries) == pytest.approx(
        [model.score_ids_in_context(*query) for query in queries], rel=1e-12, abs=1e-12)


def test_scoring_many_at_once_on_a_small_trie(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Scores in numpy equal the scalar ones, whether the trie is searched one look-up at a
    time (a few) or in numpy (many)."""
    model = NgramModel(build(tmp_path, CORPUS))
    sentences = [line.split() for line in CORPUS.splitlines() if line]
    queries = [(model.ids(words[:i]), model.ids(words[i:i + n]), model.ids(words[i + n:]))
               for words in sentences for i in range(len(words)) for n in (1, 2)]
    queries.append((model.ids(["Security"]), model.ids(["Gotham"]), model.ids(["met"])))
    scalar = [model.score_ids_in_context(*query) for query in queries]
    assert model.score_many_in_context(queries) == scalar
    monkeypatch.setattr(lm, "FEW_LOOK_UPS", 0)
    assert model.score_many_in_context(queries) == scalar


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 20), unique=True, max_size=9), min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(-1, 5), st.integers(0, 21)), min_size=1, max_size=40))
def test_finding_an_id_in_its_trie_row(trie_rows: list[list[int]],
                                       queries: list[tuple[int, int]]) -> None:
    """The vectorized row search, and the one-at-a-time search used for a few look-ups, find
    exactly what a search of the row's list finds, for empty rows (the last included),
    missing rows (-1) and ids absent from their row."""
    import numpy as np

    rows = [sorted(ids) for ids in trie_rows]
    offsets = np.cumsum([0, *map(len, rows)]).astype(np.uint32)
    following = np.array([i for ids in rows for i in ids] or [0], dtype=np.uint32)
    queries = [(row if row < len(rows) else -1, wanted) for row, wanted in queries]
    expected = [int(offsets[row]) + rows[row].index(wanted)
                if row >= 0 and wanted in rows[row] else -1 for row, wanted in queries]
    found = NgramModel._find(offsets, following, np.array([r for r, _ in queries]),
                             np.array([w for _, w in queries]))
    assert found.tolist() == expected
    assert [lm._in_row(offsets, following, row, wanted) for row, wanted in queries] == expected
