"""Rewrite written forms as the words a newsreader says: numbers, dates, times, money,
measures, addresses, abbreviations, initialisms, symbols.

One pass: every span class searches the original sentence (narrator.speakable.spans), the
most specific class wins where two start at the same place, each span is said once by its
own class, and the rest of the sentence is left as written. Nothing is dropped but
footnote marks, and no input makes it raise.

The language picks the classes: English has all of them; a language with number words of
ours (LANGUAGES) has its own; any other language is left to the speech engine, which reads
digits in its own language better than we would in English.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from narrator.speakable.numbers import digit_groups, ordinal, year
from narrator.speakable.rules import (
    cardinals,
    dates,
    electronic,
    fractions,
    french,
    measures,
    money,
    telephone,
    times,
    words,
)
from narrator.speakable.spans import SpanClass, find_spans, rewrite

ENGLISH: tuple[SpanClass, ...] = (
    *words.FOOTNOTES,
    *cardinals.JOINED,
    *electronic.CLASSES,
    *cardinals.IDENTIFIERS,
    *words.WRITTEN,
    *telephone.CLASSES,
    *dates.CLASSES,
    *times.CLASSES,
    *money.CLASSES,
    *words.ADDRESSES,
    *cardinals.ORDINALS,
    *cardinals.SCALED,
    *measures.CLASSES,
    *fractions.CLASSES,
    *cardinals.CODES,
    *cardinals.CLASSES,
    *words.CLASSES,
    *cardinals.LEFTOVER,
)
"""Most specific first: where two classes match at the same place, the earlier wins."""

LANGUAGES: dict[str, tuple[SpanClass, ...]] = {"en": ENGLISH, "fr": french.CLASSES}
"""Languages whose numbers we say; others are left to the engine."""


_SPACE_BEFORE_STOP = re.compile(r"\s+([,.;:!?])")
_STOPS_IN_A_ROW = re.compile(r"([,;:])(?:\s*[,;:])+")
_SPACES = re.compile(r"\s+")
_LONG_DIGITS = re.compile(r"(?<![\d.,])\d{200,}")
"""A number this long is read in groups of three before anything else, as one run (cut into
pieces below, its last piece would be said as an amount)."""
_MINUS = re.compile(r"(?<![\w.,])\u2212(?=\.?\d)")
"""The minus sign (U+2212) before a number, as typeset science and weather text write it:
read as the hyphen-minus, so every class that takes a negative number takes it too."""
_LONG_RUN = re.compile(r"\S{200,}")
"""Text with no space for this long is no prose (a data blob, minified code); it is cut into
pieces so that no pattern has to run along all of it from each place it could start."""


def _break_up(m: re.Match[str]) -> str:
    run = m.group(0)
    return " ".join(run[i : i + 100] for i in range(0, len(run), 100))


def normalise(text: str, language: str = "en") -> str:
    """Speakable words for `text` in `language` (ISO 639-1)."""
    return _normalise(text, language.split("-")[0].lower() if language else "en")


@lru_cache(maxsize=4096)
def _normalise(text: str, language: str) -> str:
    """A pure function, so a sentence that recurs (a repeated pull quote or caption) is
    worked out once."""
    classes = LANGUAGES.get(language)
    if classes is None:
        return _SPACES.sub(" ", text).strip()
    groups = french.digit_groups if language == "fr" else digit_groups
    text = _MINUS.sub("-", text)
    text = _LONG_DIGITS.sub(lambda m: f" {groups(m.group(0))} ", text)
    text = _LONG_RUN.sub(_break_up, text)
    text = rewrite(text, find_spans(text, classes))
    text = _SPACE_BEFORE_STOP.sub(r"\1", text)
    text = _STOPS_IN_A_ROW.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip(" ,")


def speak_date(when: datetime, language: str = "en") -> str:
    """'November eleventh, twenty twenty two' (in French: 'onze novembre deux mille vingt-deux')."""
    if language.startswith("fr"):
        return french.speak_date(when)
    return f"{dates.MONTHS[when.month - 1]} {ordinal(when.day)}, {year(when.year)}"
