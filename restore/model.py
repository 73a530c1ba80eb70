"""Immutable records: a proposed correction, the report of one run, and the configuration."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Correction:
    """One proposed change: replace ``text[start:end]`` (== ``original``) by ``replacement``.

    ``confidence`` is in [0, 1]; ``rule`` names the family and entry that produced it
    ("family.entry"); ``note`` says why. ``applied`` is False for a proposal that was
    reported but not sure enough to change the text.

    >>> Correction(0, 6, "do n't", "don't", 0.97, "spacing.contraction", "split contraction")
    Correction(start=0, end=6, original="do n't", replacement="don't", confidence=0.97, \
rule='spacing.contraction', note='split contraction', applied=True)
    >>> Correction(3, 1, "x", "y", 0.5, "a.b", "")
    Traceback (most recent call last):
    ...
    ValueError: Correction span must satisfy 0 <= start <= end, got start=3 end=1
    """

    start: int
    end: int
    original: str
    replacement: str
    confidence: float
    rule: str
    note: str
    applied: bool = True

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(
                f"Correction span must satisfy 0 <= start <= end, "
                f"got start={self.start} end={self.end}"
            )
        if len(self.original) != self.end - self.start:
            raise ValueError(
                f"Correction original {self.original!r} does not fit span "
                f"{self.start}:{self.end}"
            )
        if self.original == self.replacement:
            raise ValueError(f"Correction replaces {self.original!r} by itself")
        if not (math.isfinite(self.confidence) and 0.0 <= self.confidence <= 1.0):
            raise ValueError(f"Correction confidence must be in [0, 1], got {self.confidence}")
        if "." not in self.rule:
            raise ValueError(f"Correction rule must be 'family.entry', got {self.rule!r}")

    @property
    def family(self) -> str:
        """The family that proposed this correction (the part of ``rule`` before the dot)."""
        return self.rule.split(".", 1)[0]

    def moved(self, offset: int) -> Correction:
        """This correction on a text with ``offset`` more characters before it (a window's
        on the whole text, say; cheaper than ``dataclasses.replace`` on every correction).

        >>> Correction(0, 6, "do n't", "don't", 0.97, "spacing.contraction", "").moved(4).start
        4
        """
        return Correction(self.start + offset, self.end + offset, self.original,
                          self.replacement, self.confidence, self.rule, self.note, self.applied)

    def reported(self, why: str = "") -> Correction:
        """This correction reported, not applied, with ``why`` added to its note if given."""
        return Correction(self.start, self.end, self.original, self.replacement,
                          self.confidence, self.rule, f"{self.note}; {why}" if why else self.note,
                          applied=False)


@dataclass(frozen=True, slots=True)
class Report:
    """The result of :func:`restore.explain`: the restored text and every correction considered.

    ``corrections`` are sorted by ``start``, lie inside the input and never overlap; those
    with ``applied=False`` were below the confidence threshold and did not change ``text``.
    """

    text: str
    corrections: tuple[Correction, ...]

    @property
    def applied(self) -> tuple[Correction, ...]:
        """The corrections that changed the text."""
        return tuple(c for c in self.corrections if c.applied)

    @property
    def suggested(self) -> tuple[Correction, ...]:
        """The corrections reported but not applied (confidence below the threshold)."""
        return tuple(c for c in self.corrections if not c.applied)


DEFAULT_MIN_CONFIDENCE = 0.8
#: Characters a document read as one holds at most, by default: a few news articles (the
#: longest development article has 7.4 thousand). What the families weigh of a whole
#: document (a phrase's other occurrences, what the rest of an article says, how often a
#: page has a word) was learned on single articles and pages, and over a longer text it says
#: too much: 418 spun BBC articles read as one text had their spin corrections at 0.9 to
#: 0.95 right 81.6% of the time (93.7% article by article), in windows of this size 91.1%
#: (16 KiB: 92.5%, 64 KiB: 89.1%). A document's odds of being OCR output want more text, not
#: less: in 16 KiB windows, a Wikipedia article's last 6 thousand characters, on how Latin
#: "animaus" became French "animaux", read as OCR.
ARTICLE_WINDOW = 1 << 15


@dataclass(frozen=True, slots=True)
class Config:
    """How a :class:`restore.Restorer` runs.

    ``min_confidence``: corrections below it are reported, not applied (default 0.8).
    ``families``: the families to run, by name; ``None`` (the default) runs them all.
    ``window``: a longer text is restored as a sequence of documents of at most this many
    characters, cut at paragraph or line boundaries (:mod:`restore.windows`); by default
    a few articles (``ARTICLE_WINDOW``).

    >>> Config(min_confidence=0.9, families=frozenset({"spacing"})).min_confidence
    0.9
    """

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    families: frozenset[str] | None = field(default=None)
    window: int = ARTICLE_WINDOW

    def __post_init__(self) -> None:
        if not (math.isfinite(self.min_confidence) and 0.0 <= self.min_confidence <= 1.0):
            raise ValueError(f"min_confidence must be in [0, 1], got {self.min_confidence}")
        if isinstance(self.window, bool) or not isinstance(self.window, int) or self.window < 2:
            raise ValueError(f"window must be an int of at least 2 characters, got {self.window!r}")
        if self.families is not None:
            if isinstance(self.families, str):
                raise TypeError("families must be a collection of family names, not a str")
            object.__setattr__(self, "families", frozenset(self.families))
