"""Development pairs: a garbled text and its source, found by their file-name suffixes."""

from __future__ import annotations

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
