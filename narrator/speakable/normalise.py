"""Rewrite written forms as the words a newsreader says: numbers, dates, times, money,
measures, addresses, abbreviations, initialisms, symbols.

Rules run in a fixed order (see narrator.speakable.rules): the specific forms first, plain
numbers and abbreviations last. Every word of the input is kept or replaced by its spoken
form; nothing is dropped, and no input makes it raise.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from narrator.speakable.numbers import ordinal, year
from narrator.speakable.rules import (
    Rule,
    cardinals,
    dates,
    electronic,
    fractions,
    measures,
    money,
    telephone,
    times,
    words,
)

BEFORE_NUMBERS: tuple[Rule, ...] = (*words.EARLY_RULES, *electronic.RULES)
NUMBER_RULES: tuple[Rule, ...] = (
    *telephone.RULES,
    *money.RULES,
    *dates.RULES,
    *times.RULES,
    *measures.RULES,
    *fractions.RULES,
    *cardinals.RULES,
)
"""Each of these matches only text with a digit in it: a sentence without one (most have
none) skips them, which halves the time normalising takes. Then words.RULES."""
_DIGIT = re.compile(r"\d")
_SHOUTED_WORD = re.compile(r"\b[A-Z]{4,}\b")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Speakable words for `text` (a pure function, so a sentence that recurs, like a
    repeated pull quote or caption, is worked out once)."""
    if _is_shouted(text):
        text = _SHOUTED_WORD.sub(
            lambda m: m.group(0) if m.group(0) in words.ACRONYMS else m.group(0).capitalize(), text
        )
    for pattern, replace in BEFORE_NUMBERS:
        text = pattern.sub(replace, text)
    for pattern, replace in NUMBER_RULES if _DIGIT.search(text) else ():
        text = pattern.sub(replace, text)
    for pattern, replace in words.RULES:
        text = pattern.sub(replace, text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _is_shouted(text: str) -> bool:
    """A kicker or headline in capitals: its long words are read as words, not spelled."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= 2
        and len(letters) >= 8
        and sum(c.isupper() for c in letters) > 0.7 * len(letters)
    )


def speak_date(when: datetime) -> str:
    """'November eleventh, twenty twenty two'."""
    return f"{dates.MONTHS[when.month - 1]} {ordinal(when.day)}, {year(when.year)}"
