"""Numbers no more specific class took: ordinals, ranges, versions, serial and code-like
tokens, and plain numbers, with the context that decides how a number is read:
'Call 911' and 'ending in 4417' are digits, a year is a year, 'UA857' is a code."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, digits, in_pairs, number, ordinal, year
from narrator.speakable.rules import COMMAS, needs
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import EN

_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_DIGITS_BEFORE = re.compile(
    r"(?:\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|text(?:ed)?|ending(?:\s+in|\s+with)?|ends?\s+(?:in|with)"
    r"|PIN|code|zip|ZIP|postcode|account|card|extension|ext\.?|ISBN(?:-1[03])?:?|flight|room|suite|gate"
    r"|badge|serial|model|no\.?|number|#|PMID|PMC|OCLC|ISSN|doi:?|arXiv:?)\s*)$",
    re.IGNORECASE,
)
"""Words after which a number is said digit by digit ('Call 911', 'ending in 4417')."""
_DIGITS_AFTER = re.compile(r"^\s+(?:area\s+code|calls?\b|emergency|hotline|number\b)", re.IGNORECASE)
_YEAR = re.compile(r"1[1-9]\d\d|20\d\d")


HYPHENATED = re.compile(r"\d\s?[-–]\s?\d")


def _ordinal(m: re.Match[str]) -> str:
    n, suffix = int(m.group(1).replace(",", "")), m.group(2).lower()
    right = "th" if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, "th")
    return ordinal(n) if suffix == right else f"{cardinal(n)} {suffix}"


def _year_range(m: re.Match[str]) -> str | None:
    first, second = m.group(1), m.group(2)
    if len(second) == 2:
        if int(second) <= int(first[2:]):
            return None
        said = cardinal(int(second)) if second[0] != "0" else "oh " + cardinal(int(second))
        return f"{year(int(first))} to {said}"
    if int(second) <= int(first):
        return None
    return f"{year(int(first))} to {year(int(second))}"


_RANGE_BEFORE = re.compile(
    r"\b(?:between|from|pages?|pp\.?|ages?|aged|chapters?|verses?|rooms?|grades?|years?|levels?)\s*$", re.I
)


_SCORE_BEFORE = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)|w[io]n|wins|winning|los(?:e|es|t|ing)|beat(?:s|en|ing)?|defeat(?:s|ed|ing)?"
    r"|dr[ae]w|draws|drawn|tied?|led|leads?|leading|trail(?:s|ed|ing)?|ruled?|passed|approved|rejected"
    r"|upheld|overturned|scor(?:e|es|ed|ing)|scoreline|result|ended|finished|edged|thrashed|routed)"
    r"(?:\s+[A-Za-z][A-Za-z'’.-]*){0,3}\s+$",
    re.IGNORECASE,
)
"""A vote or a match before the pair ('voted 7-2', 'beat Chelsea 3-1', 'the score was 2-1')."""
_SCORE_AFTER = re.compile(
    r"\s(?:win|victory|defeat|loss|vote|votes|decision|ruling|majority|verdict|draw|lead|margin"
    r"|scoreline|result|home|away)\b",
    re.IGNORECASE,
)
"""A score's noun after the pair ('a 5-4 decision', 'a 3-1 win')."""
_NOT_A_COUNT = re.compile(
    r"(?:\s(?:to|against|at|in|on|over|with|after|before|and|but|for|as|from|that|when|thanks|despite)\b|[^\w\s]|\s*$)"
)
"""After a score: a preposition, a stop or nothing ('won 3-1 at home'); a noun after would
make a range ('won 2-3 games')."""


def _score(m: re.Match[str]) -> str | None:
    """'voted 7-2' -> 'seven to two'; a run of set scores ('6-4, 7-6') stays 'six-four'."""
    text, start, end = m.string, m.start(), m.end()
    if re.match(r"(?:\s?\(\d+\))?,\s?\d{1,2}-\d", text[end:]) or re.search(
        r"\d-\d{1,2}(?:\s?\(\d+\))?,\s?$", text[:start]
    ):
        return None
    after = text[end : end + 12]
    if _SCORE_AFTER.match(after) or (
        _SCORE_BEFORE.search(text[max(0, start - 60) : start]) and _NOT_A_COUNT.match(after)
    ):
        return f"{cardinal(int(m.group(1)))} to {cardinal(int(m.group(2)))}"
    return None


def _small_range(m: re.Match[str]) -> str | None:
    """Context decides between a range and two numbers joined: an en dash, a word after
    ('2-5 days', '30-60 per cent') or a range word before ('pages 2-5') make a range, 'two
    to five'; a vote or a match score ('voted 7-2', 'a 3-1 win') is 'seven to two'; a pair
    on its own or a falling one is a score or a code, 'six-four'."""
    first, second = int(m.group(1)), int(m.group(2))
    if "-" in m.group(0) and (score := _score(m)):
        return score
    before = m.string[max(0, m.start() - 12) : m.start()]
    after = m.string[m.end() : m.end() + 2]
    ranged = "–" in m.group(0) or re.match(r"\s?[A-Za-z]", after) or _RANGE_BEFORE.search(before)
    if first < second and ranged and ("–" in m.group(0) or second <= 100):
        return f"{cardinal(first)} to {cardinal(second)}"
    if first < 200 and second < 200:
        return f"{cardinal(first)}-{cardinal(second)}"
    return None


def _whole(text: str, final_and: bool = False) -> str:
    return digits(text) if len(text) > 1 and text.startswith("0") else cardinal(int(text), final_and)


def _serial_hyphens(m: re.Match[str]) -> str:
    """'978-0', '1-8090': each number read; an ISBN-like run of ten digits or more digit by digit."""
    parts = m.group(0).split("-")
    if sum(len(p) for p in parts) >= 10 or len(parts) > 3:
        return ", ".join(digits(p) for p in parts)
    return ", ".join(_whole(part, final_and=True) for part in parts)


def _code_digits(run: str) -> str:
    """Digits inside a code: a round or short number is a number ('t2000', 'es3'), a longer
    one is digits ('ab9453')."""
    if len(run) > 1 and run.startswith("0"):
        return digits(run)
    if len(run) >= 4 and not run.endswith("00"):
        return digits(run)
    return cardinal(int(run))


def _mixed_code(m: re.Match[str]) -> str | None:
    """'25d08A' -> 'twenty five d zero eight A', 't2000' -> 't two thousand', 'UA857' ->
    'U A eight five seven' (capitals then digits: a flight or model code)."""
    token = m.group(0)
    parts = re.findall(r"\d+|[A-Za-z]+", token)
    if re.fullmatch(r"[A-Z]{2,}\d{3,}", token):
        return " ".join(token[: len(parts[0])]) + " " + digits(parts[1])
    out = []
    for part in parts:
        if part.isdigit():
            out.append(_code_digits(part))
        elif part.isupper() and len(part) > 1:
            out.append(" ".join(part))
        elif part.islower() and len(part) == 1:
            out.append(part.upper())
        else:
            out.append(part)
    return " ".join(out)


_CODE_SEPARATORS = {".": "dot", "_": "underscore", ":": "colon", "/": "slash", "-": "dash", "(": "", ")": ""}


def speak_code(text: str) -> str:
    """An identifier read part by part ('doi:10.1073/pnas.95', 'synth_greenpak4', 'PM2.5'):
    letter runs as words (spelled when they have no vowel or are capitals), short digit runs
    as numbers, long ones digit by digit, '.' between digits as 'point'."""
    out: list[str] = []
    parts = re.findall(r"[A-Za-z]+|\d+|[^\w\s]|_", text)
    for i, part in enumerate(parts):
        if part.isdigit():
            out.append(
                digits(part)
                if len(part) > 2 or part.startswith("0") and len(part) > 1
                else cardinal(int(part))
            )
        elif part.isalpha():
            spell = part.isupper() and len(part) <= 5 or not re.search("[aeiouyAEIOUY]", part)
            out.append(" ".join(part.upper()) if spell else part)
        elif part == "." and 0 < i < len(parts) - 1 and parts[i - 1].isdigit() and parts[i + 1].isdigit():
            out.append("point")
        else:
            out.append(_CODE_SEPARATORS.get(part, ""))
    return " ".join(w for w in out if w)


_IDENTIFIER_NAMES = frozenset(EN["identifiers"]["words"])
_NAME_BEFORE = re.compile(r"(?<![\w.&'’-])(?P<names>(?:[A-Z]{2,6}-)*[A-Z]{2,6})(?P<sep>[ \u00a0-])$")
"""An all-capital name right before the number ('ISO 8601', 'CVE-2021', 'MIL-STD-810'),
from the start of a token."""


def _identifier_words(run: str) -> str:
    """An identifier's number as it is said: three digits as one and a pair ('754': seven
    fifty four), four in two pairs ('8601': eighty six oh one), five as a pair and three
    ('14001': fourteen oh oh one), 'oh' for a zero inside each; a year as a year, a round
    number as a number ('9000', '12800'), anything longer digit by digit."""
    if len(run) > 1 and run.startswith("0"):
        return digits(run)
    if _YEAR.fullmatch(run):
        return year(int(run))
    if len(run) <= 2 or run.endswith("000") or len(run) == 5 and run.endswith("00"):
        return cardinal(int(run))
    if len(run) == 3:
        return in_pairs(run)
    if len(run) in (4, 5):
        head, tail = cardinal(int(run[:2])), run[2:]
        return f"{head} {_tail_words(tail)}"
    return digits(run)


def _tail_words(tail: str) -> str:
    """The digits after an identifier's leading pair: '00' is 'hundred', a zero before
    the rest is 'oh' ('01': oh one, '001': oh oh one), the rest a number ('43', '754')."""
    if tail == "00":
        return "hundred"
    if tail[0] == "0":
        rest = tail[1:]
        return "oh " + (digits(rest) if len(rest) == 1 else _tail_words(rest))
    return cardinal(int(tail)) if len(tail) == 2 else in_pairs(tail)


def _identifier(m: re.Match[str]) -> str | None:
    """'ISO 8601' -> 'eighty six oh one', 'RFC 791' -> 'seven ninety one', 'EN 1090-1' ->
    'ten ninety, one': a number after a name of standards (the [identifiers] table); after
    any other all-capital name only where the form is a code's, joined to the name or with
    parts ('ABC-4471', 'XYZ 2231-7'), four digits or more and no year ('In the US 3427
    people' is a count). After a name read digit by digit ('ISSN'), every part is. The
    name itself is the initialism class's."""
    window = m.string[max(0, m.start("num") - 30) : m.start("num")]
    before = _NAME_BEFORE.search(window)
    if not before:
        return None
    run, rest = m.group("num"), m.group("rest")
    parts = [run, *re.findall(r"\d+", rest)]
    if _DIGITS_BEFORE.search(window):  # 'ISSN 2049-3630', 'PIN 4471'
        return ", ".join(digits(p) for p in parts)
    if _IDENTIFIER_NAMES.isdisjoint(before.group("names").split("-")):
        coded = before.group("sep") == "-" or rest
        if not coded or len(run) < 4 or _YEAR.fullmatch(run):
            return None
    return ", ".join(_identifier_words(p) for p in parts)


def _plain(m: re.Match[str]) -> str:
    text = m.group(0)
    bare = text.lstrip("-−")
    before = m.string[max(0, m.start() - 24) : m.start()]
    after = m.string[m.end() : m.end() + 16]
    if (
        bare == text
        and re.fullmatch(r"\d{3,}", bare)
        and (_DIGITS_BEFORE.search(before) or _DIGITS_AFTER.match(after))
    ):
        return digits(bare)
    if _YEAR.fullmatch(bare) and bare == text:
        return year(int(bare))
    if re.fullmatch(r"0\d+", bare):
        return digits(bare)
    if re.fullmatch(r"\d{5}(?:-\d{4})?", bare) and re.search(r"\b[A-Z]{2},?\s$", before):
        return digits(bare)  # a ZIP code after a state ('CA 94043')
    if re.fullmatch(r"\d{5,}", bare) and _DIGITS_BEFORE.search(before):
        return digits(bare)
    return number(text)


def _version(m: re.Match[str]) -> str:
    """'2.10.1' -> 'two point ten point one' (a version, not a decimal)."""
    return " point ".join(_whole(p) if len(p) < 4 else digits(p) for p in m.group(0).split("."))


def _power(m: re.Match[str]) -> str:
    return f"{number(m.group(1))} to the power of {number(m.group(2))}"


_JOINERS = {**{s: EN["symbols"][s] for s in "@&+="}, "*": "times", "%": "percent"}
"""What a symbol between two numbers is called ('*' there is a multiplication)."""
_LEADING_SIGNS = {**{s: EN["currencies"][s][0] for s in "$€£¥"}, "#": "number"}
"""A sign before the first number: a currency's singular name, or 'number'."""


def _joined_code(m: re.Match[str]) -> str:
    """'$12@12%' -> 'dollar twelve at twelve percent', '2+2=4': numbers joined by symbols
    with no space are a code, read in written order (not an amount with a price after it)."""
    words = [_LEADING_SIGNS[m.group(1)]] if m.group(1) else []
    for part in re.findall(r"\d+|[@&+=*%]", m.group(2)):
        words.append(number(part) if part[0].isdigit() else _JOINERS[part])
    return " ".join(words)


JOINED: list[SpanClass] = [
    SpanClass(
        "serial",
        re.compile(r"(?<!\S)([$€£¥#])?(\d+(?:[@&+=*]\d+)+%?)(?=[\s.,;:!?)]|$)"),
        _joined_code,
        needs(r"\d[@&+=*]\d"),
        digit=True,
    ),
]
"""Numbers joined by symbols in one token: before money, e-mail and the symbols class."""
IDENTIFIERS: list[SpanClass] = [
    SpanClass(
        "serial",
        re.compile(
            r"(?:(?<=[A-Z])-|(?<![\w.,-]))(?P<num>\d{3,5})(?P<rest>(?:[-:]\d{1,5})*)(?!\w|-(?![A-Za-z])|[.,:]\d)"
        ),
        _identifier,
        needs(r"[A-Z][ \u00a0-]\d{3}"),
        digit=True,
    ),
]
"""Numbers that are identifiers by the name before them ('ISO 8601', and 'CVE-2019' with its
hyphen, said as a space): before every other number class."""
CODES: list[SpanClass] = [
    SpanClass(
        "serial",
        re.compile(
            r"(?<![\w.])(?=[\w.:/()-]*\d)(?=[\w.:/()-]*[A-Za-z])[A-Za-z0-9]+"
            r"(?=[\w.:/()-]*[._:/])(?:[._:/()-]+[A-Za-z0-9]+)+\)?"
        ),
        lambda m: speak_code(m.group(0)),
        needs(r"\w[._:/]\w"),
        digit=True,
    ),
]
"""Identifiers joined by dots, colons, slashes or underscores, with a digit and a letter."""
LEFTOVER: list[SpanClass] = [
    SpanClass(
        "cardinal",
        re.compile(r"\d+"),
        lambda m: _code_digits(m.group(0)) if len(m.group(0)) < 5 else digits(m.group(0)),
        digit=True,
    ),
]
"""Digits inside a token no class could read ('abc_12'): said, never left to the engine."""
ORDINALS: list[SpanClass] = [
    SpanClass(
        "ordinal",
        re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b"),
        _ordinal,
        needs(r"\d(?:st|nd|rd|th|ST|ND|RD|TH)\b"),
        digit=True,
    ),
]
_SHORT_SCALES = {
    w: said
    for w, said in EN["scales"].items()
    if len(w) > 1 and w.islower() and not w.startswith(said) and w not in ("tn", "lakhs")
}
"""Scale words cut short after a bare number ('4.2bn', '30 mn'). Not a lone letter ('K',
'M': kept as written), nor upper case ('1 BN': a battalion), nor 'tn' (tonnes: '10 tn of
coal'); after a currency the money classes read all of them."""


SCALED: list[SpanClass] = [
    SpanClass(
        "decimal",
        re.compile(
            rf"(?<![\w.])(-?(?:{COMMAS}|\d+)(?:\.\d+)?)\s?"
            rf"({'|'.join(sorted(_SHORT_SCALES, key=len, reverse=True))})\b"
        ),
        lambda m: f"{number(m.group(1))} {_SHORT_SCALES[m.group(2)]}",
        needs(rf"\d\s?(?:{'|'.join(_SHORT_SCALES)})\b"),
        digit=True,
    ),
]
"""A number with a scale cut short ('$' aside: money has its own): before the code classes,
which would read '1.5bn' as an identifier."""


CLASSES: list[SpanClass] = [
    # years first: '1939–1945' with an en dash is two years, not two amounts
    SpanClass(
        "range",
        re.compile(r"(?<![\w.-])(1[1-9]\d\d|20\d\d)\s?[-–]\s?(\d{4}|\d{2})(?![\w-]|\.\d)"),
        _year_range,
        HYPHENATED,
        digit=True,
    ),
    SpanClass(
        "range",
        re.compile(
            r"(?<![\w.-])(?:(\d{1,3}(?:,\d{3})+|\d+)\s?–\s?(\d{1,3}(?:,\d{3})+|\d+)"
            r"|(\d{1,3}(?:,\d{3})+)\s?-\s?(\d{1,3}(?:,\d{3})+))(?![\w-]|\.\w)"
        ),
        lambda m: f"{number(m.group(1) or m.group(3))} to {number(m.group(2) or m.group(4))}",
        needs(r"–|\d,\d{3}\s?-"),
        digit=True,
    ),
    SpanClass(
        "range",
        re.compile(r"(?<![\w.-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w-]|\.\w)"),
        _small_range,
        HYPHENATED,
        digit=True,
    ),
    SpanClass(
        "serial", re.compile(r"(?<![\w.-])\d+(?:-\d+)+(?![\w-]|\.\w)"), _serial_hyphens, HYPHENATED, True
    ),
    SpanClass(
        "serial",
        re.compile(r"(?<![\w.])(\d{3,4})([pi])\b"),
        lambda m: f"{year(int(m.group(1))) if len(m.group(1)) == 4 else in_pairs(m.group(1))} {m.group(2)}",
        needs(r"\d[pi]\b"),
        digit=True,
    ),
    SpanClass(
        "decimal",
        re.compile(r"(?<![\w.])\d+\.\d+(?:\.\d+)+(?!\w|\.\w)"),
        _version,
        needs(r"\d\.\d+\.\d"),
        True,
    ),
    SpanClass("cardinal", re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?\^\s?(-?\d+)"), _power, "^", True),
    SpanClass(
        "serial",
        re.compile(r"(?<![\w.])(\d{3})\(([a-z])\)"),
        lambda m: (
            f"{digits(m.group(1)[0])} oh {digits(m.group(1)[2])} {m.group(2).upper()}"
            if m.group(1)[1] == "0"
            else f"{cardinal(int(m.group(1)))} {m.group(2).upper()}"
        ),
        "(",
        digit=True,
    ),
    SpanClass(
        "serial",
        re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+(?:\.\d+(?!\w|\.\w))?\b"),
        _mixed_code,
        needs(r"[A-Za-z]\d|\d[A-Za-z]"),
        digit=True,
    ),
    SpanClass(
        "cardinal",
        re.compile(rf"(?<![\w.])(?:[-−]?(?:{COMMAS}|\d+)(?:\.\d+)?(?![\w])|\.\d+\b)"),
        _plain,
        digit=True,
    ),
]
