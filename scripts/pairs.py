"""Development pairs: a garbled text and its source, found by their file-name suffixes; and
the tables built from them, read while a block runs."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

SPUN = (".spun.txt", ".orig.txt")
OCR = (".ocr.txt", ".gold.txt")


def find_pairs(directories: list[Path], half: str | None,
               suffixes: tuple[str, str]) -> list[tuple[Path, Path]]:
    """``(garbled, source)`` files in ``directories`` named ``X<garbled suffix>`` and
    ``X<source suffix>``, sorted by name; every other pair from the first (``half="even"``)
    or the second (``"odd"``) when ``half`` is given."""
    garbled_suffix, source_suffix = suffixes
    pairs = []
    for directory in directories:
        for garbled in sorted(directory.glob(f"*{garbled_suffix}")):
            source = garbled.with_name(garbled.name[: -len(garbled_suffix)] + source_suffix)
            if source.is_file():
                pairs.append((garbled, source))
    if half is not None:
        pairs = pairs[0 if half == "even" else 1::2]
    return pairs


@contextlib.contextmanager
def tables_in(directory: Path, loaders: Iterable[Callable[[], object]]) -> Iterator[None]:
    """Have this process read its tables from ``directory`` (the shipped ones where it has
    none) while the block runs; the cached ``loaders`` (functions under ``functools.cache`` in
    :mod:`restore.resources` or their users) forget what they read, before and after."""
    loaders = list(loaders)
    previous = os.environ.get("RESTORE_DICTIONARIES")
    os.environ["RESTORE_DICTIONARIES"] = str(directory)
    _forget(loaders)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["RESTORE_DICTIONARIES"]
        else:
            os.environ["RESTORE_DICTIONARIES"] = previous
        _forget(loaders)


def _forget(loaders: list[Callable[[], object]]) -> None:
    for loader in loaders:
        loader.cache_clear()  # type: ignore[attr-defined]
