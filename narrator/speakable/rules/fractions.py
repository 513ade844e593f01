"""Fractions: '1/4' -> 'one quarter', '3/4' -> 'three quarters', '4 1/2' -> 'four and a half',
'4½' -> 'four and a half', '2 142/1' -> 'two and one hundred forty two over one'."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, ordinal
from narrator.speakable.rules import needs
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import EN

VULGAR: dict[str, list[int]] = EN["vulgar"]
_VULGAR = "".join(VULGAR)
MIXED = r"(?P<whole>\d+)\s(?P<num>\d+)/(?P<den>\d+)(?:st|nd|rd|th|ST|ND|RD|TH)?"
SIMPLE = r"(?<![\w/.])(?P<num>\d+)\s?/\s?(?P<den>\d+)(?:st|nd|rd|th|ST|ND|RD|TH)?(?![\w/]|\.\d|,\d)"


SLASH = re.compile(r"\d\s?/\s?\d")


def _plural(word: str) -> str:
    return word[:-1] + "ves" if word.endswith("f") else word + "s"


def fraction_words(num: int, den: int, mixed: bool) -> str:
    """'one quarter', 'three fifths', 'a half' (after a whole number), 'seven over one'."""
    if den == 1 or den == 0:
        return f"{cardinal(num)} over {cardinal(den)}"
    if den == 2:
        return ("a half" if mixed else "one half") if num == 1 else f"{cardinal(num)} halves"
    if den == 4:
        return ("a quarter" if mixed else "one quarter") if num == 1 else f"{cardinal(num)} quarters"
    name = ordinal(den)
    return f"{cardinal(num)} {name}" if num == 1 else f"{cardinal(num)} {_plural(name)}"


def speak_fraction(m: re.Match[str], mixed: bool = False) -> str:
    num, den = int(m.group("num")), int(m.group("den"))
    if mixed:
        return f"{cardinal(int(m.group('whole')))} and {fraction_words(num, den, True)}"
    return fraction_words(num, den, False)


def _vulgar(m: re.Match[str]) -> str:
    num, den = VULGAR[m.group("frac")]
    if m.group("whole"):
        return f"{cardinal(int(m.group('whole')))} and {fraction_words(num, den, True)}"
    return fraction_words(num, den, False)


CLASSES: list[SpanClass] = [
    SpanClass(
        "fraction",
        re.compile(rf"(?<![\w.])(?P<whole>\d+)?\s?(?P<frac>[{_VULGAR}])"),
        _vulgar,
        needs(f"[{_VULGAR}]"),
    ),
    SpanClass(
        "fraction", re.compile(rf"(?<![\w.]){MIXED}(?![\w/])"), lambda m: speak_fraction(m, True), SLASH, True
    ),
    SpanClass("fraction", re.compile(SIMPLE), speak_fraction, SLASH, True),
]
