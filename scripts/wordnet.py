"""WordNet 3.0's database files read for the table builders (``build_thesaurus.py``,
``build_function_word_senses.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

#: Where Debian's ``wordnet-base`` puts the database files (``data.noun`` …).
DEFAULT_WORDNET = Path("/usr/share/wordnet")


class Synset(NamedTuple):
    """A WordNet synset: its lemmas as printed (``As``, ``economic_system``, ``in(p)`` with
    the adjective position marker dropped), and the offsets of the synsets similar to it (an
    adjective satellite's head, a head's satellites)."""

    lemmas: list[str]
    similar: list[str]


def read_synsets(directory: Path, pos: str) -> dict[str, Synset]:
    """The synsets of ``data.<pos>`` in ``directory`` by offset, in file order."""
    found = {}
    with open(directory / f"data.{pos}", encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split()
            count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * k].split("(")[0] for k in range(count)]
            at = 4 + 2 * count
            pointers = int(fields[at])
            similar = [fields[at + 2 + 4 * j] for j in range(pointers)
                       if fields[at + 1 + 4 * j] == "&"]
            found[fields[0]] = Synset(lemmas, similar)
    return found
