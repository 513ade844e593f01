"""Number words with num2words, in the forms a newsreader says them.

num2words writes British "and"s and commas ("one thousand, two hundred and six"); these
helpers decide where an "and" belongs and drop the commas, which a speech engine would
read as pauses.
"""

from __future__ import annotations

import re

from num2words import num2words

_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PLURAL = {
    "six": "sixes",
    "ten": "tens",
    "twenty": "twenties",
    "thirty": "thirties",
    "forty": "forties",
    "fifty": "fifties",
    "sixty": "sixties",
    "seventy": "seventies",
    "eighty": "eighties",
    "ninety": "nineties",
    "hundred": "hundreds",
    "thousand": "thousands",
}


def _plain(words: str) -> str:
    """No 'and' and no commas (an engine pauses at a comma); 'twenty-three' keeps its hyphen."""
    words = words.replace(",", "")
    return re.sub(r"\s+", " ", re.sub(r"\band\b", " ", words)).strip()


LONGEST = 15
"""Digits past which nobody says a number as an amount (num2words stops at 10**36 anyway)."""


def cardinal(n: int, final_and: bool = False) -> str:
    """123 -> 'one hundred twenty three'; with final_and: 'one hundred and twenty three'."""
    if n < 0:
        return "minus " + cardinal(-n, final_and)
    if n >= 10**LONGEST:
        return digit_groups(str(n))
    if final_and and n > 100 and n % 100:
        return f"{_plain(num2words(n - n % 100))} and {_plain(num2words(n % 100))}"
    return _plain(num2words(n))


def ordinal(n: int) -> str:
    """121 -> 'one hundred twenty first'."""
    if n >= 10**LONGEST:
        return digit_groups(str(n))
    return _plain(num2words(n, to="ordinal"))


def year(n: int) -> str:
    """1998 -> 'nineteen ninety eight', 2006 -> 'two thousand six', 1506 -> 'fifteen oh six'."""
    if 2000 <= n <= 2009:
        return cardinal(n)
    return _plain(num2words(n, to="year"))


def in_pairs(text: str) -> str:
    """A three-digit number said as its first digit and the rest, as for a house number or
    a screen resolution: '123' -> 'one twenty three', '105' -> 'one oh five'."""
    if text[1:] == "00":
        return cardinal(int(text))  # '500 Main St': 'five hundred'
    rest = cardinal(int(text[1:])) if text[1] != "0" else "oh " + cardinal(int(text[2]))
    return f"{cardinal(int(text[0]))} {rest}"


def decade(n: int) -> str:
    """1980 -> 'nineteen eighties', 1910 -> 'nineteen tens'."""
    head, _, last = year(n).rpartition(" ")
    *stem, unit = last.split("-")
    plural = "-".join([*stem, _PLURAL.get(unit, unit + "s")])
    return f"{head} {plural}".strip()


def digits(text: str) -> str:
    """'0405' -> 'zero four zero five'."""
    return " ".join(_DIGITS[int(c)] for c in text if c.isdigit())


def digit_groups(text: str, words: tuple[str, ...] = _DIGITS) -> str:
    """A number too long to say as an amount, digit by digit in threes counted from the right,
    as it is written with thousands separators: '1234567' -> 'one, two three four, five six
    seven'. The commas are short pauses that let a listener keep count."""
    run = "".join(c for c in text if c.isdigit())
    head = len(run) % 3 or 3
    groups = [run[:head], *(run[i : i + 3] for i in range(head, len(run), 3))]
    return ", ".join(" ".join(words[int(c)] for c in g) for g in groups if g)


def ungrouped(text: str) -> str:
    """'1,500' / '20 000' -> '1500' / '20000': a number without its thousands separators."""
    return re.sub(r"[,\s]", "", text)


def number(text: str, final_and: bool = False) -> str:
    """A written number: '1,234' / '20 000' / '-0.1' / '2.050' / '.5' ('point five', as written),
    decimals read digit by digit."""
    text = ungrouped(text)
    sign = ""
    if text.startswith(("-", "−")):
        sign, text = "minus ", text[1:]
    whole, _, fraction = text.partition(".")
    if len(whole) > LONGEST:  # past 4,300 digits int() refuses the string
        words = digit_groups(whole)
    else:
        words = cardinal(int(whole), final_and) if whole else ""
    if fraction:
        words += " point " + digits(fraction)
    return sign + words.strip()
