"""Long texts in windows: cuts at boundaries, streaming equal to whole-text restoring."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from restore import Config, Restorer
from restore.windows import window_end, windows
from tests.strategies import FRAGMENTS, any_text

texts = st.one_of(any_text, st.lists(st.sampled_from([*FRAGMENTS, "\n\n", "\r\n\r\n", "\r"]),
                                     max_size=60).map("".join))
sizes = st.integers(2, 80)


@given(texts, sizes)
def test_windows_cover_the_text_in_order_within_the_size(text: str, size: int) -> None:
    spans = list(windows(text, size))
    assert "".join(text[start:end] for start, end in spans) == text
    for start, end in spans:
        assert 0 < end - start <= size


@given(texts, sizes)
def test_a_cut_never_splits_a_crlf_and_prefers_a_line_end(text: str, size: int) -> None:
    for start, end in windows(text, size):
        if end < len(text):
            assert not (text[end - 1] == "\r" and text[end] == "\n") or end - start == 1
            if "\n" in text[start:end - 1]:
                assert text[end - 1] in "\n\r"


@given(texts, sizes, st.integers(0, 200))
def test_a_cut_depends_only_on_the_next_size_plus_one_characters(
        text: str, size: int, extra: int) -> None:
    for start, _ in windows(text, size):
        seen = text[start:start + size + 1]
        longer = seen + "x" * extra if len(text) - start > size else seen
        assert window_end(longer, 0, size) == window_end(text, start, size) - start


@settings(max_examples=60, deadline=None)
@given(texts, st.integers(8, 80), st.lists(st.integers(1, 30), min_size=1, max_size=10))
def test_streaming_in_any_chunks_equals_restoring_the_whole_text(
        text: str, size: int, cuts: list[int]) -> None:
    restorer = Restorer(Config(window=size))
    chunks, position, k = [], 0, 0
    while position < len(text):
        step = cuts[k % len(cuts)]
        chunks.append(text[position:position + step])
        position, k = position + step, k + 1
    assert "".join(restorer.restore_stream(chunks)) == restorer.restore(text)


@settings(max_examples=60, deadline=None)
@given(texts, st.integers(8, 80))
def test_windowed_report_replays_to_its_text(text: str, size: int) -> None:
    report = Restorer(Config(window=size)).explain(text)
    previous_end = -1
    for c in report.corrections:
        assert text[c.start:c.end] == c.original
        assert c.start > previous_end or (c.start == previous_end and c.start < c.end)
        previous_end = c.end
    from restore import apply_corrections

    assert apply_corrections(text, report.corrections) == report.text


def test_a_long_page_is_restored_window_by_window() -> None:
    paragraph = "We do n't know if the U. S. sent 11, 000 troops.\n\n"
    report = Restorer(Config(window=120)).explain(paragraph * 10)
    assert report.text == "We don't know if the U.S. sent 11,000 troops.\n\n" * 10
    assert len(report.applied) == 30
