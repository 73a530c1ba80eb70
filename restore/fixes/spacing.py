"""Tokenizer damage: spaces a tokenizer put inside words, numbers and initialisms.

Strong patterns never occur in edited prose ("do n't", "11, 000", "U. S.", the Penn
Treebank's "-LRB- a -RRB-" and "`` a ''") and are applied on sight. Weak patterns ("high-
profile", "the market , following", "( word )", "5 %", "$ 3 billion", "voters ' trust",
"AT & T", "can not") also occur as slips, or as written, in clean copy, so they are applied
only in a document that shows tokenizer damage, or on an OCR page where the engine's spaces
beside marks make them as sure ("Company . was"); elsewhere they are reported below the
default threshold.

>>> [c.replacement for c in propose("We do n't know if 11, 000 U. S. troops went.")]
["don't", '11,000', 'U.S.']
"""

from __future__ import annotations

import regex

from restore import resources
from restore.line_ends import make_a_word
from restore.model import Correction
from restore.ocr_page import MIN_OCR_PROBABILITY, page_ocr_probability
from restore.text import lines_with_offsets, replace_span

NEGATING_AUXILIARIES = (
    "do|does|did|is|are|was|were|has|have|had|ca|wo|could|would|should|must|need|might|ai|sha|dare"
)
# "do n't" (the Penn Treebank's split) or "don 't" (Moses's).
SPLIT_NEGATION = regex.compile(rf"\b(?i:{NEGATING_AUXILIARIES})(?: n[’']t|n [’']t)\b")
# The word before the clitic is read in a look-behind, so the search starts at the rare
# space and apostrophe rather than at every word.
SPLIT_CLITIC = regex.compile(r"(?<=(?<![\w’'])(\w+)) [’'](?:s|m|re|ve|ll|d)(?![\w’'‘-])")
SPLIT_DIGIT_GROUPS = regex.compile(
    r"(?<![\d.,])(?<!\d, )\b\d{1,3}(?:, \d{3})+\b(?!,? ?\d)(?![.,]\d)"
)
# "U. S." or "L. P" at a line end; not "M&S. A sudden" (a sentence break before the article "A").
SPACED_INITIALISM = regex.compile(
    r"(?<=^|[\s(“\"‘'])(?:\p{Lu}\. ){1,3}\p{Lu}(?:\.|(?! \p{L}))(?!\w)", regex.MULTILINE
)
SPACED_HYPHEN = regex.compile(r"(?<=\b(\p{L}+))- (\p{L}+)\b")  # search from the hyphen
#: What a mark may follow, and a tokenizer may have spaced it from: a word, a number, a
#: closing quote or bracket, a per cent sign.
MARKED = r"[\p{L}\d”’)\]%\"]"
SPACE_BEFORE_PUNCTUATION = regex.compile(
    rf"(?<={MARKED}|\p{{L}}'|-R[RSC]B-|'')( +)(?:[,;!?]|:(?!\d)|\.(?![.\w])|\.\.\.)(?=\s|$)"
    r"(?<!\d +\.(?= +\d))"  # not a decimal point spaced on both sides: "2 . 5" is no "2. 5"
)
#: The Penn Treebank's bracket tokens, with the spaces a tokenizer set inside the brackets.
TREEBANK_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{",
                     "-RCB-": "}"}
TREEBANK_BRACKET = regex.compile(r"-L[RSC]B-(?: +(?=\S))?|(?<=\S) +-R[RSC]B-|-R[RSC]B-")
#: The Penn Treebank's quote tokens, spaced off the words they quote ("`` We are ready .
#: ''"; a quotation may run on into the next paragraph). A closing one is read only in a
#: text with an opening one: "``" and "''" unspaced are wire copy's own quotes, "author of ''
#: Save Yourself" an opening quote mistyped, and "typing `` (two back-ticks)" names the
#: mark, all left as written.
TREEBANK_OPENING = regex.compile(r"(?<!\S)``( +)(?=[^\s(])")
TREEBANK_CLOSING = regex.compile(r"(?<=\S)( +)''(?=\s|$|[,.;:!?)])")
SPACE_INSIDE_BRACKETS = regex.compile(r"(?<=[(\[]) +(?=\S)|(?<=[^\s(\[]) +(?=[)\]])")
# "5 %", "$ 3.2 billion": a tokenizer's split of an amount from its sign.
SPACE_IN_AMOUNT = regex.compile(
    r"(?<=\d) +(?=%)|(?<=\p{Sc}) +(?=\d)|(?<=\b\p{Lu}{2}) +(?=\$\d)"  # "US $5" (not "A $2bn")
)
# A straight double quote, or the entity a tokenizer escaped it to (Moses's "&quot;").
STRAIGHT_QUOTE = regex.compile(r'"|&quot;')
# "can not be": the Treebank splits "cannot" (but "can not only" is two words).
SPLIT_CANNOT = regex.compile(r"(?<=\b[Cc]an) (?=not\b(?! only))")
# "voters ' trust", "'law '": a plural's apostrophe or a closing single quote split off.
SPACE_BEFORE_APOSTROPHE = regex.compile(r"(?<=[\p{L}\d.,!?]) +(?='(?:\s|$|[,.;:!?)]))")
# "AT & T", "S & P": an ampersand inside an initialism split off its letters.
SPACED_AMPERSAND = regex.compile(r"(?<=\b\p{Lu}{1,2}) & (?=\p{Lu}{1,2}\b)")

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Words after which a capitalized word names an institution ("the U. S. Congress"), where a
#: preposition may still precede a person ("as U. S. Grant").
DETERMINERS = frozenset("the a an this that these those its their his her our your".split())
SUSPENDED_HYPHEN_NEXT = frozenset("and or to nor but than versus vs".split())

STRONG = 0.9
#: Strong signals a document needs before weak patterns in it are applied.
DAMAGE_EVIDENCE = 2
#: Or the tokenizer's habit: at least this many commas and full stops spaced off their words,
#: and at least half of those the text has (a writer's slip spaces one of many; French
#: typography spaces "!?;:", not these).
SPACED_MARKS_HABIT = 3
SPACED_MARK = regex.compile(rf"(?<={MARKED}) +[,.](?=\s|$)")
MARK = regex.compile(r"(?<=\S)[,.](?=\s|$)")
WEAK_WITH_EVIDENCE = 0.85
#: Confidence of a weak pattern's fix in news copy that shows no tokenizer damage, where
#: such spacing is mostly as written: of the 30 in the spun BBC articles none brought one
#: nearer its original, which spaced them alike (counted as 1 of 32).
WEAK_ALONE = 0.03
#: But "can not" is a spinner's: 39 of the 41 in the spun BBC articles were "cannot" in
#: the original, and the 2 in the originals were the writer's. The spin family, which reads
#: the document's odds of being spun, applies it; here it is reported, below the default
#: threshold.
CANNOT_ALONE = 0.45
#: On an OCR page (:func:`restore.ocr_page.page_ocr_probability`) a space beside a mark is
#: the engine's: by rule, the share of the fixes that brought a page nearer its transcription
#: on the even half of BLN600 (``scripts/measure_ocr_marks.py``; by the scorer's words, or
#: where those stay as near, by characters).
WEAK_ON_OCR = {
    "spacing.punctuation": 0.848,  # "Company . was": 140 of 165
    "spacing.hyphen": 0.788,  # "Belgrave- terrace": 201 of 255
    "spacing.bracket": 0.641,  # "( 1872 )": 41 of 64
    "spacing.apostrophe": 0.627,  # "a good husband. ' The": 37 of 59
}


def propose(text: str) -> list[Correction]:
    """Corrections for tokenizer spacing damage in ``text``."""
    strong = [
        *_split_negations(text),
        *_split_clitics(text),
        *_split_digit_groups(text),
        *_spaced_initialisms(text),
        *_treebank_tokens(text),
    ]
    evidence = sum(1 for c in strong if c.confidence >= STRONG)
    damaged = evidence >= DAMAGE_EVIDENCE or _spaces_marks_as_a_habit(text)
    weak = weak_fixes(text, damaged)
    if damaged:  # in clean copy the pairs are unknown (a quotation runs on from a paragraph)
        weak += _spaced_straight_quotations(text, WEAK_WITH_EVIDENCE)
    return strong + weak


def weak_fixes(text: str, damaged: bool) -> list[Correction]:
    """The weak patterns' fixes in ``text``, which shows tokenizer damage or not, each at
    the confidence of its rule there (:func:`weak_confidences`, asked only when there is
    one: it reads the context model)."""
    found = [*_spaced_hyphens(text), *_weak_patterns(text)]
    if not found:
        return []
    confidences = weak_confidences(text, damaged)
    return [replace_span(text, start, end, replacement, confidences[rule], rule, note)
            for start, end, replacement, rule, note in found]


def weak_confidences(text: str, damaged: bool) -> dict[str, float]:
    """The confidence of each weak pattern's fixes in ``text`` (by rule), which shows
    tokenizer damage or not.

    >>> confidences = weak_confidences("the market , following", False)
    >>> confidences["spacing.punctuation"] == WEAK_ALONE, confidences[CANNOT_RULE] == CANNOT_ALONE
    (True, True)
    """
    if damaged:
        return dict.fromkeys(WEAK_RULES, WEAK_WITH_EVIDENCE)
    alone = {rule: CANNOT_ALONE if rule == CANNOT_RULE else WEAK_ALONE for rule in WEAK_RULES}
    if page_ocr_probability(text) >= MIN_OCR_PROBABILITY:
        return {rule: WEAK_ON_OCR.get(rule, alone[rule]) for rule in WEAK_RULES}
    return alone


def _split_negations(text: str) -> list[Correction]:
    if not any(split in text for split in (" n't", " n’t", "n 't", "n ’t")):
        return []
    return [
        replace_span(text, m.start(), m.end(), m[0].replace(" ", ""), 0.97,
                     "spacing.negation", "contraction split by a tokenizer")
        for m in SPLIT_NEGATION.finditer(text)
    ]


def _spaced_straight_quotations(text: str, confidence: float) -> list[Correction]:
    """The spaces a tokenizer left inside straight quotation marks ('said: " We are ready . "'),
    the marks of each line paired left to right; none on a line with an odd number of them,
    where a quotation runs on from an earlier paragraph and the pairs are unknown.

    >>> [(c.start, c.end) for c in _spaced_straight_quotations('He said " We went . "', 0.9)]
    [(9, 10), (19, 20)]
    """
    corrections = []
    for offset, line in lines_with_offsets(text):
        marks = list(STRAIGHT_QUOTE.finditer(line))
        if len(marks) % 2:
            continue
        for opening, closing in zip(marks[0::2], marks[1::2], strict=True):
            content = len(line) - len(line[opening.end():].lstrip(" "))
            content_end = len(line[:closing.start()].rstrip(" "))
            if content >= content_end:
                continue  # nothing but spaces inside
            for start, end in ((opening.end(), content), (content_end, closing.start())):
                if start < end:
                    corrections.append(replace_span(text, offset + start, offset + end, "",
                                                    confidence, "spacing.quote",
                                                    "space inside quotation marks"))
    return corrections


def _spaces_marks_as_a_habit(text: str) -> bool:
    """Whether ``text`` spaces its commas and full stops off the words before them as a
    tokenizer does.

    >>> _spaces_marks_as_a_habit("He left , she said . They met , and talked .")
    True
    >>> _spaces_marks_as_a_habit("He left, she said. They met , and talked. It rained.")
    False
    """
    if " ," not in text and " ." not in text:
        return False
    spaced = len(SPACED_MARK.findall(text))
    return spaced >= SPACED_MARKS_HABIT and spaced >= len(MARK.findall(text))


def _treebank_tokens(text: str) -> list[Correction]:
    """The Penn Treebank's bracket and quote tokens as the marks they stand for: curly
    quotes in a text that writes curly marks elsewhere, straight ones otherwise.

    >>> [c.replacement for c in _treebank_tokens("`` It -LRB- the deal -RRB- is off . ''")]
    ['(', ')', '"', '"']
    """
    if "B-" not in text and "``" not in text:
        return []
    corrections = [
        replace_span(text, m.start(), m.end(), TREEBANK_BRACKETS[m[0].strip()], 0.95,
                     "spacing.treebank", "Penn Treebank bracket token")
        for m in TREEBANK_BRACKET.finditer(text)
    ]
    opening, closing = ("“", "”") if any(mark in text for mark in "“”’") else ('"', '"')
    opened = [replace_span(text, m.start(), m.end(), opening, 0.95, "spacing.treebank",
                           "Penn Treebank opening quote") for m in TREEBANK_OPENING.finditer(text)]
    if opened:
        corrections += opened + [
            replace_span(text, m.start(), m.end(), closing, 0.95, "spacing.treebank",
                         "Penn Treebank closing quote") for m in TREEBANK_CLOSING.finditer(text)]
    return corrections


def _split_clitics(text: str) -> list[Correction]:
    """Clitics split from their word ("it 's", "I 'm"): "'s" after any word, the others only
    after a word that edited text writes them on (``_attached_in_corpus``): in "got 'm" and
    "dogs 've" a dialect's "'em" and "have" stand apart, as written."""
    return [
        replace_span(text, m.start(1), m.end(), m[1] + m[0].lstrip(), 0.92,
                     "spacing.clitic", "clitic ('s, 'm, 're, 've, 'll, 'd) split by a tokenizer")
        for m in SPLIT_CLITIC.finditer(text)
        if m[0][2:].lower() == "s" or _attached_in_corpus(m[1], m[0][2:])
    ]


def _attached_in_corpus(word: str, clitic: str) -> bool:
    """Whether the context model's corpus writes ``clitic`` (without its apostrophe) on
    ``word`` (in any case): "I'm", "could've", "they'd" are there, "got'm" and "dogs've" are
    not.

    >>> _attached_in_corpus("THEY", "re"), _attached_in_corpus("got", "m")
    (True, False)
    """
    model = resources.ngram_model()
    return any(model.count(model.ids([host, "'" + suffix])) > 0
               for host, suffix in ((word, clitic), (word.lower(), clitic.lower())))


def _split_digit_groups(text: str) -> list[Correction]:
    corrections = []
    for m in SPLIT_DIGIT_GROUPS.finditer(text):
        groups = m[0].split(", ")[1:]
        previous_word = text[max(0, m.start() - 12):m.start()].split()[-1:]
        if previous_word and previous_word[0].lower().strip(".,") in MONTHS:
            confidence, note = 0.3, "looks like a date, not a split thousands separator"
        elif any(group.startswith("0") for group in groups):
            confidence, note = 0.95, "thousands separator followed by a space"
        else:
            confidence, note = 0.6, "may be a list of numbers rather than one number"
        corrections.append(replace_span(text, m.start(), m.end(), m[0].replace(" ", ""),
                                        confidence, "spacing.digit_groups", note))
    return corrections


def _spaced_initialisms(text: str) -> list[Correction]:
    known = resources.abbreviations()
    corrections = []
    for m in SPACED_INITIALISM.finditer(text):
        letters = m[0].replace(".", "").replace(" ", "")
        canonical = known.get(letters)
        if canonical is None or canonical == m[0]:
            continue
        before = text[max(0, m.start() - 20):m.start()].split()
        after = text[m.end():m.end() + 2]
        previous_word = before[-1].lower() if before else ""
        names_follow = after[:1] == " " and after[1:2].isupper()
        if names_follow and previous_word not in DETERMINERS:
            confidence, note = 0.5, "could be a person's initials (as in U. S. Grant)"
        else:
            confidence, note = 0.95, f"initialism {canonical} split by a tokenizer"
        corrections.append(replace_span(text, m.start(), m.end(), canonical, confidence,
                                        "spacing.initialism", note))
    return corrections


#: A weak pattern's match: start, end, replacement, rule and note.
Found = tuple[int, int, str, str, str]


def _spaced_hyphens(text: str) -> list[Found]:
    found = []
    taken = 0  # "well- to- do": the word after one hyphen does not start another compound
    for m in SPACED_HYPHEN.finditer(text):
        if m.start(1) < taken:
            continue
        taken = m.end()
        left, right = m[1], m[2]
        if right.lower() in SUSPENDED_HYPHEN_NEXT:
            continue  # "pre- and post-war": a suspended hyphen, correct as written
        if left[:1].islower() and right[:1].isupper():
            continue  # "airlines- US Airways": a dash, not a compound
        if make_a_word(left, right):
            continue  # "pro- perty": a word broken at a line end, not a compound
        found.append((m.start(1), m.end(), f"{left}-{right}", HYPHEN_RULE,
                      "space after the hyphen of a compound"))
    return found


CANNOT_RULE = "spacing.cannot"
#: The weak patterns: strings one of which each match holds (looked for first: a pattern
#: that opens with a look-behind is tried at every position of a text), what each match's
#: group is replaced by, the rule, the note.
WEAK_PATTERNS = (
    (SPACE_BEFORE_PUNCTUATION, (" ,", " .", " ;", " :", " !", " ?"), 1, "",
     "spacing.punctuation", "space before punctuation"),
    (SPACE_INSIDE_BRACKETS, ("( ", "[ ", " )", " ]"), 0, "", "spacing.bracket",
     "space inside brackets"),
    (SPACE_IN_AMOUNT, (" %", "$ ", "£ ", "€ ", "¥ ", " $"), 0, "", "spacing.amount",
     "space between an amount and its sign"),
    (SPACE_BEFORE_APOSTROPHE, (" '",), 0, "", "spacing.apostrophe",
     "space before a plural's apostrophe or a closing single quote"),
    (SPACED_AMPERSAND, (" & ",), 0, "&", "spacing.ampersand",
     "ampersand of an initialism spaced off its letters"),
    (SPLIT_CANNOT, ("an not",), 0, "", CANNOT_RULE, "'cannot' split in two by a tokenizer"),
)


#: The rule of a compound's spaced hyphen, and the rules of every weak pattern.
HYPHEN_RULE = "spacing.hyphen"
WEAK_RULES = (HYPHEN_RULE, *(rule for *_, rule, _ in WEAK_PATTERNS))


def _weak_patterns(text: str) -> list[Found]:
    return [(m.start(group), m.end(group), replacement, rule, note)
            for pattern, held, group, replacement, rule, note in WEAK_PATTERNS
            if any(literal in text for literal in held)
            for m in pattern.finditer(text)]
