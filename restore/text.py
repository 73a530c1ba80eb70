"""Small text helpers shared by the families: line spans and span-based corrections."""

from __future__ import annotations

from collections.abc import Iterator

from restore.model import Correction


def lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` (without its line break) and the offset where it starts.

    >>> list(lines_with_offsets("ab\\r\\ncd\\nef"))
    [(0, 'ab'), (4, 'cd'), (7, 'ef')]
    """
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        yield offset, body
        offset += len(line)


def replace_span(
    text: str, start: int, end: int, replacement: str, confidence: float, rule: str, note: str
) -> Correction:
    """A correction replacing ``text[start:end]`` by ``replacement``.

    >>> replace_span("do n't", 0, 6, "don't", 0.9, "spacing.contraction", "joined").original
    "do n't"
    """
    return Correction(start, end, text[start:end], replacement, confidence, rule, note)
