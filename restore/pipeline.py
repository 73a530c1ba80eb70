"""Run the families, resolve overlapping proposals, apply the confidence threshold."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from restore.fixes import FAMILIES
from restore.model import Config, Correction, Report


def check_families(names: Iterable[str]) -> frozenset[str]:
    """The given family names, or a ``ValueError`` naming the unknown ones."""
    chosen = frozenset(names)
    unknown = sorted(chosen - FAMILIES.keys())
    if unknown:
        raise ValueError(
            f"unknown famil{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}; "
            f"known: {', '.join(FAMILIES)}"
        )
    return chosen


def run(text: str, config: Config) -> Report:
    """Propose with every selected family, keep the best non-overlapping proposals, apply."""
    selected = FAMILIES.keys() if config.families is None else config.families
    proposals = [
        correction
        for name, (family, _) in FAMILIES.items()
        if name in selected
        for correction in family(text)
    ]
    kept = resolve(proposals)
    marked = tuple(
        c if c.confidence >= config.min_confidence else dataclasses.replace(c, applied=False)
        for c in kept
    )
    return Report(apply_corrections(text, marked), marked)


def resolve(proposals: Iterable[Correction]) -> list[Correction]:
    """The most confident proposals that do not overlap, sorted by position.

    Ties in confidence go to the longer span, then to the earlier one, so the result does not
    depend on the order families ran in.
    """
    ranked = sorted(proposals, key=lambda c: (-c.confidence, -(c.end - c.start), c.start, c.rule))
    kept: list[Correction] = []
    for candidate in ranked:
        if not any(_overlaps(candidate, other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _overlaps(a: Correction, b: Correction) -> bool:
    if a.start == b.start:
        return True  # two edits at one point (insertions included) cannot both be applied
    return a.start < b.end and b.start < a.end


def apply_corrections(text: str, corrections: Iterable[Correction]) -> str:
    """Rebuild ``text`` with the applied ``corrections``; every other byte is kept as it was.

    Corrections flagged ``applied=False`` are skipped. Raises ``ValueError`` if a correction
    does not match ``text`` or two of them overlap.

    >>> from restore.model import Correction
    >>> apply_corrections("we do n't", [Correction(3, 9, "do n't", "don't", 1.0, "x.y", "")])
    "we don't"
    """
    if not isinstance(text, str):
        raise TypeError(f"apply_corrections() expects str text, got {type(text).__name__}")
    pieces: list[str] = []
    position = 0
    previous: Correction | None = None
    for correction in sorted((c for c in corrections if c.applied), key=lambda c: c.start):
        if previous is not None and _overlaps(previous, correction):
            raise ValueError(f"corrections overlap: {previous} and {correction}")
        if text[correction.start:correction.end] != correction.original:
            raise ValueError(
                f"correction does not match the text at {correction.start}:{correction.end}: "
                f"expected {correction.original!r}, found "
                f"{text[correction.start:correction.end]!r}"
            )
        pieces.append(text[position:correction.start])
        pieces.append(correction.replacement)
        position = correction.end
        previous = correction
    pieces.append(text[position:])
    return "".join(pieces)
