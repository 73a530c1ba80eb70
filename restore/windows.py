"""Long texts as a sequence of windows cut at paragraph or line boundaries.

A family reads a whole document (its odds of being spun or OCR output, the other
occurrences of a phrase), which its models learned on single articles, and memory would
grow with the input. A text longer than ``WINDOW`` characters (a few articles:
:data:`restore.model.ARTICLE_WINDOW`) is therefore restored window by window, each window a
document of its own: it ends at the last paragraph break (a blank line) before ``WINDOW``
characters, or else the last line break, or else the last space, or else at ``WINDOW``.
Where a cut
falls depends only on the ``WINDOW + 1`` characters after the window's start, so a stream
read in chunks of any size is cut exactly where the whole text is
(:meth:`restore.Restorer.restore_stream`), and restores to the same bytes.

>>> [(start, end) for start, end in windows("one\\n\\ntwo\\n\\nthree", size=9)]
[(0, 5), (5, 10), (10, 15)]
"""

from __future__ import annotations

from collections.abc import Iterator

from restore.model import Config

#: Characters in a window at most (32 KiB of ASCII text): :class:`restore.Config`'s default.
WINDOW = Config().window


def window_end(text: str, start: int, size: int = WINDOW) -> int:
    """Where the window starting at ``start`` ends; reads at most ``text[start:start+size+1]``.

    A text that ends within ``size`` characters ends the window. A cut never splits
    ``\\r\\n``: the window keeps the whole line break.
    """
    if len(text) - start <= size:
        return len(text)
    limit = start + size
    paragraph = max(text.rfind("\n\n", start, limit), text.rfind("\n\r\n", start, limit))
    if paragraph >= start:
        return paragraph + (3 if text.startswith("\n\r\n", paragraph) else 2)
    line = text.rfind("\n", start, limit)
    carriage = text.rfind("\r", start, limit)  # a lone \r, or the \r of a \r\n
    if carriage > line and text[carriage + 1] != "\n":
        line = carriage
    if line >= start:
        return line + 1
    space = text.rfind(" ", start, limit)
    if space >= start:
        return space + 1
    end = limit
    if end - 1 > start and ((text[end - 1] == "\r" and text[end] == "\n")
                            or _splits_pair(text, end)):
        end -= 1
    return end


def _splits_pair(text: str, end: int) -> bool:
    """Whether ``end`` falls between the halves of a surrogate pair (lone surrogates kept)."""
    return "\ud800" <= text[end - 1] <= "\udbff" and "\udc00" <= text[end] <= "\udfff"


def windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each window of ``text``, in order, covering it exactly."""
    start = 0
    while start < len(text):
        end = window_end(text, start, size)
        yield start, end
        start = end
