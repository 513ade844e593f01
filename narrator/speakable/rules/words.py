"""Abbreviations, initialisms, Roman numerals, house numbers, footnotes and symbols.

Context decides: 'Dr.' and 'St.' before a name are Doctor and Saint, after a street name
Drive and Street; a capital word of two to five letters is spelled ('F B I') unless it is
an acronym said as a word or part of a line in capitals ('A HIGH-POWERED team')."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, in_pairs, ordinal, year
from narrator.speakable.rules import needs
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import EN

TITLES: dict[str, str] = EN["titles"]
STREET: dict[str, str] = EN["streets"]
ABBREVIATIONS: dict[str, str] = EN["abbreviations"]
BEFORE_NUMBER: dict[str, str] = EN["before_number"]
ACRONYMS: frozenset[str] = frozenset(EN["acronyms"]["words"])
SPELLED: frozenset[str] = frozenset(EN["spelled"]["words"])
SYMBOLS: dict[str, str] = EN["symbols"]
_COUNTED = "|".join(re.escape(w) for w in EN["roman_counted"]["words"])
_COUNTED_BEFORE = re.compile(rf"\b(?:{_COUNTED})\s+$", re.IGNORECASE)
_COUNTED_LAST = frozenset(w.split()[-1].lower() for w in EN["roman_counted"]["words"])
"""A counting word right before a numeral, in any case ('Chapter', 'chapter', 'World War')."""
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_REGNAL = r"II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI|XVII|XVIII|XIX|XX|XXI|XXII|XXIII"
_STREETS = "|".join(STREET)
_TITLES = "|".join(sorted(TITLES, key=len, reverse=True))
_UNDOTTED = "|".join(sorted(EN["undotted_titles"]["words"], key=len, reverse=True))


_NOT_CLITIC = r"(?![.'’](?![sS]\b)\w)"
"""After a numeral: no '.x' or contraction ('I'm'), but a possessive ('Louis XIV's')."""


def roman(text: str) -> int:
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _is_roman(text: str) -> bool:
    return bool(re.fullmatch(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", text)) and text != ""


def _at_end(m: re.Match[str]) -> bool:
    return not m.string[m.end() :].strip(" \"'”’)")


def _counted(m: re.Match[str]) -> str | None:
    """The numeral of 'Chapter IV', 'chapter IV' -> 'Four'. Found from the numeral, a rare
    capital, and checked back for the word: a case-blind search for the words themselves
    would try every word of every sentence. After a word in small letters a lone 'I' is
    the pronoun ('the part I liked') unless a stop or 'and' follows."""
    numeral = m.group("r")
    before = m.string[max(0, m.start() - 16) : m.start()]
    last = before.split()[-1:]
    if not last or last[0].lower() not in _COUNTED_LAST:  # most capitals I, V, C: the pronoun
        return None
    cue = _COUNTED_BEFORE.search(before)
    if not cue or not _is_roman(numeral):
        return None
    after = m.string[m.end() :]
    if numeral == "I" and cue.group(0).islower() and not re.match(r"\s*(?:[,.;:!?)]|$|and\b|or\b)", after):
        return None
    return cardinal(roman(numeral)).title()


_FIRST_AFTER = re.compile(r"\s*$|[.;:!?)]|['’]s\b|\s+of\s+(?:the\s+)?[A-Z]")
"""After a name and 'I', what makes 'I' a first monarch ('Elizabeth I.', 'James I of
England', 'Elizabeth I's reign'), not the pronoun ('Then Sam I saw'). A comma or 'and'
after it followed the pronoun as often ('Like Sarah I, too, ...')."""
_FIRST_AFTER_OPENING = re.compile(r"\s*$|['’]s\b|\s+of\s+(?:the\s+)?[A-Z]")
"""The same after a sentence's first word, which may be no name ('Yes I.', '"Can I?"'):
no stop, unless the text ends there (a caption or a list item: 'Elizabeth I')."""
_OPENING = re.compile(r"(?:^|[.!?]\s+)[\"“‘'(\[]*$")
"""What comes before a sentence's first word: nothing, or the end of the last, and any
opening quotation marks or brackets."""
_AUXILIARIES = frozenset(
    "Am Are Is Was Were Do Does Did Can Could Shall Should Will Would May Might Must Have Has Had".split()
)
"""Verbs that go before the pronoun in questions and inversions ('Who Am I?', 'So Did I.'),
never a monarch's name."""


def _regnal(m: re.Match[str]) -> str | None:
    """'Charles III' -> 'Charles the Third'; not after a counting word ('World War II')."""
    if _COUNTED_BEFORE.search(m.string[max(0, m.start("r") - 16) : m.start("r")]):
        return None
    if m.group("r") == "I":
        opening = _OPENING.search(m.string, 0, m.start())
        if m.group("w") in _AUXILIARIES or not (_FIRST_AFTER_OPENING if opening else _FIRST_AFTER).match(
            m.string, m.end()
        ):
            return None
    return f"{m.group('w')} the {ordinal(roman(m.group('r'))).title()}"


def _title_or_street(m: re.Match[str]) -> str:
    """'Dr. Ana Lopez' -> Doctor; 'Mulholland Dr. in' -> Drive; the full stop is kept only
    where it ends the sentence."""
    word = m.group("t")
    after = m.string[m.end() :]
    before = m.string[: m.start()].rstrip()
    name_follows = bool(re.match(r"\s*[A-Z]", after))
    street_before = bool(re.search(r"\b[A-Z][a-z]+$|\d(?:st|nd|rd|th)$", before))
    if word in STREET and (street_before and not name_follows or word not in TITLES):
        spoken = STREET[word]
    else:
        spoken = TITLES[word]
    return spoken + ("." if m.group("dot") and _at_end(m) else "")


def _undotted_title(m: re.Match[str]) -> str | None:
    """'Mr Smith' -> 'Mister Smith'; 'Harley Dr Clinic' (after a name, not at the start of
    the sentence) is the street."""
    word = m.group("t")
    before = m.string[: m.start()].rstrip()
    if word in STREET and re.search(r"\S\s+[A-Z][a-z]+$", before):
        return STREET[word]
    return TITLES[word]


def _house_number(m: re.Match[str]) -> str:
    """'123 Laguna Ct' -> 'one twenty three Laguna Court'; '1428 Elm St.' -> 'fourteen twenty eight'."""
    n = m.group("n")
    if len(n) == 3:
        spoken = in_pairs(n)
    elif len(n) == 4:
        spoken = year(int(n))
    else:
        spoken = cardinal(int(n))
    end = "." if m.group("end") and _at_end(m) else ""
    street = re.sub(r"(\d+)(?:st|nd|rd|th)", lambda o: ordinal(int(o.group(1))), m.group("street"))
    if m.group("dir"):
        street = f"{_COMPASS[m.group('dir')]} {street}"
    return f"{spoken} {street} {STREET[m.group('kind')]}{end}"


_COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West"}
_COMPASS.update({a + b: _COMPASS[a] + _COMPASS[b].lower() for a in "NS" for b in "EW"})
"""A direction before the street's name ('1060 W Addison St', '200 NE Main St')."""


def _abbreviation(m: re.Match[str]) -> str:
    written = m.group(0)
    spoken = ABBREVIATIONS[written]
    return spoken + ("." if written.endswith(".") and _at_end(m) else "")


def _before_number(m: re.Match[str]) -> str:
    return BEFORE_NUMBER[m.group(0)]


def _dotted(m: re.Match[str]) -> str:
    letters = m.group(0).replace(".", "").replace(" ", "")
    end = "." if _at_end(m) else ""
    return " ".join(letters.upper()) + end


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= 2
        and len(letters) >= 8
        and sum(c.isupper() for c in letters) > 0.7 * len(letters)
    )


def _capitals(m: re.Match[str]) -> str:
    """'FBI' -> 'F B I', 'NATO' -> 'Nato'; in a headline in capitals or a capital run
    ('HIGH-POWERED', 'BREAKING NEWS'), words are said as words."""
    word = m.group(0)
    if word in ACRONYMS:
        return word.capitalize()
    text, start, end = m.string, m.start(), m.end()
    joined = (
        text[end : end + 1] == "-"
        and text[end + 1 : end + 2].isupper()
        or (start > 0 and text[start - 1] == "-" and text[start - 2 : start - 1].isupper())
    )
    neighbours = re.findall(r"\b[A-Z]{2,}\b", text[max(0, start - 30) : end + 30])
    run = sum(len(w) >= 4 for w in neighbours) >= 2 and len(neighbours) >= 3
    said_as_word = joined or run or len(word) > 5 or _shouted(text[max(0, start - 120) : end + 120])
    if said_as_word and not (word in SPELLED and _in_prose(m)):
        return word.capitalize() if len(word) > 3 or word not in ("A", "I") else word
    return " ".join(word)


def _in_prose(m: re.Match[str]) -> bool:
    """The word before has small letters ('the WHO, UNICEF and ...', 'the UN-WHO report'), or
    the sentence opens with the word and the next has them ('WHO said'): the capitals are an
    initialism in prose, not a line in capitals ('TELL US NOW'). A capital word right after,
    with only a space between, makes a line in capitals even after small letters ('Update:
    IT IS SAFE', 'signs reading WHO CARES'); after a comma it is a list ('the WHO, OPEC')."""
    if re.match(r"\s+[A-Z]{2,}\b", m.string[m.end() :]):
        return False
    before = m.string[: m.start()].split()
    if before and not m.string[m.start() - 1].isspace():
        before = before[:-1]  # 'UN-' of 'UN-WHO': the token's own start
    if before:
        return any(c.islower() for c in before[-1])
    after = re.match(r"[\w'’]*\W+([A-Za-z]+)", m.string[m.start() :])
    return bool(after) and any(c.islower() for c in after.group(1))


def _ampersand(m: re.Match[str]) -> str:
    """'AT&T' -> 'A T and T', 'S&P' -> 'S and P'."""
    return " and ".join(" ".join(part) for part in m.group(0).split("&"))


def _symbol(m: re.Match[str]) -> str:
    """A symbol left after every other class, by its name; a symbol repeated ('##', '//')
    is said once."""
    sym = m.group(0)
    text, start, end = m.string, m.start(), m.end()
    if start and text[start - 1] == sym:
        return ""
    if sym == "#":
        return "number" if text[end : end + 1].isdigit() else "hash"
    if sym == "~":
        return "about" if re.match(r"\s?\d", text[end:]) else "tilde"
    if sym == "^":
        return ""
    if sym == "×" and re.match(r"\s?\d", text[end:]):
        return "by"
    if sym == "/":
        spaced = text[start - 1 : start] == " " and text[end : end + 1] == " "
        return "," if spaced else "slash"
    if sym in "–—":
        return "," if text[start - 1 : start] == " " or sym == "—" else "to"
    return SYMBOLS[sym]


_SYMBOL_CHARS = "".join(re.escape(s) for s in SYMBOLS if len(s) == 1)
_ABBREVIATION = "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
_PLAIN_ABBREVIATIONS = sorted(a for a in ABBREVIATIONS if not re.search(r"[./+#;]", a))
_ABBREVIATION_CUE = "|".join([r"[./+#;]", *(re.escape(a) for a in _PLAIN_ABBREVIATIONS)])
"""Trigger of the table's abbreviations: a mark most of them have, or one of the few
written with letters alone ('vs', 'WWII')."""
_BEFORE_NUMBER = "|".join(re.escape(a) for a in sorted(BEFORE_NUMBER, key=len, reverse=True))
ANY_SYMBOL = re.compile(f"[{_SYMBOL_CHARS}]")

FOOTNOTES: list[SpanClass] = [
    SpanClass(
        "footnote", re.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed|edit)\]"), lambda m: "", "["
    ),
    SpanClass(
        "footnote",
        re.compile(r"(?<=[a-z]{2}[.,;:])\d{1,3}(?:,\d{1,3})*(?=\s+[A-Z\"“]|\s*$)"),
        lambda m: "",
        needs(r"[a-z][.,;:]\d"),
        digit=True,
    ),
]
ADDRESSES: list[SpanClass] = [
    SpanClass(
        "address",
        re.compile(
            rf"\b(?P<n>\d{{2,5}})\s(?:(?P<dir>[NSEW]|NE|NW|SE|SW)\.?\s)?"
            rf"(?P<street>(?:(?:[A-Z][a-z]+|\d{{1,3}}(?:st|nd|rd|th))\s){{1,3}})(?P<kind>{_STREETS})\b(?P<end>\.)?"
        ),
        _house_number,
        needs(r"\d\s(?:[A-Z]|\d{1,3}(?:st|nd|rd|th)\s[A-Z])"),
        digit=True,
    ),
]
WRITTEN: list[SpanClass] = [
    SpanClass(
        "abbreviation",
        re.compile(rf"(?<![\w.&])(?:{_ABBREVIATION})(?![\w&]|(?<=\.)\w)"),
        _abbreviation,
        needs(_ABBREVIATION_CUE),
    ),
    SpanClass(
        "abbreviation",
        re.compile(rf"(?<![\w.&])(?:{_BEFORE_NUMBER})(?=\s?\d)"),
        _before_number,
        needs(r"\.\s?\d"),
        digit=True,
    ),
]
"""Abbreviations written exactly so ('e.g.', '9/11', 'C++'): before any number class."""
CLASSES: list[SpanClass] = [
    SpanClass(
        "abbreviation",
        re.compile(r"\b(?P<t>Lt|Maj)\. Gen\.\s"),
        lambda m: f"{TITLES[m.group('t')]} General ",
        "Gen.",
    ),
    SpanClass(
        "abbreviation",
        re.compile(rf"(?<![\w.])(?P<t>{_TITLES})(?P<dot>\.)(?=\s|$|[,;:)\"”’])"),
        _title_or_street,
        needs(r"[A-Z][a-z]{0,3}\."),
    ),
    SpanClass(
        "abbreviation",
        re.compile(rf"(?<![\w.&'’-])(?P<t>{_UNDOTTED})(?= [A-Z][a-z])"),
        _undotted_title,
        needs(rf"(?:{_UNDOTTED}) [A-Z]"),
    ),
    SpanClass(
        "abbreviation",
        re.compile(rf"(?<=[a-z] )(?P<t>{_STREETS})(?P<dot>)(?=\s*(?:,|\.|;|$))"),
        lambda m: STREET[m.group("t")],
        needs(rf" (?:{_STREETS})\b"),
    ),
    SpanClass(
        "roman",
        re.compile(rf"(?<![\w.&-])(?P<r>[IVXLC]+)\b{_NOT_CLITIC}"),
        _counted,
        needs(r" [IVXL]"),
    ),
    SpanClass(
        "roman",
        re.compile(r"\b(?P<r>[IVXL]{1,6})(?P<w>\s+(?:century|centuries|millennium))\b"),
        lambda m: f"{ordinal(roman(m.group('r')))}{m.group('w')}" if _is_roman(m.group("r")) else None,
        "century",
    ),
    SpanClass(
        "roman",
        re.compile(rf"\b(?P<w>[A-Z][a-z]+)\s(?P<r>{_REGNAL}|V|I)\b(?!-\w){_NOT_CLITIC}"),
        _regnal,
        needs(r" [IVX]"),
    ),
    SpanClass("initialism", re.compile(r"\b[A-Z]{1,3}&[A-Z]{1,3}\b"), _ampersand, "&"),
    SpanClass(
        "initialism",
        re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(?=\s|$|[,;:!?)\"”’-])"),
        _dotted,
        needs(r"[A-Za-z]\.[A-Za-z]\."),
    ),
    SpanClass(
        "initialism",
        # not after another lone capital: the stop of a spelled 'P M.' ends a sentence
        re.compile(r"\b(?<![A-Z] )([A-Z])\.\s(?=[A-Z][\w.])"),
        lambda m: m.group(1) + " ",
        needs(r"[A-Z]\. [A-Z]"),
    ),
    SpanClass("initialism", re.compile(r"\b[A-Z]{2,}(?=s?\b)"), _capitals, needs("[A-Z]{2}")),
    SpanClass("symbol", re.compile(r"\[|\]"), lambda m: "", "["),
    SpanClass("symbol", re.compile(r"(?<=\w)\+\+(?!\w)"), lambda m: "plus plus", "++"),
    SpanClass("symbol", ANY_SYMBOL, _symbol, ANY_SYMBOL),
]
