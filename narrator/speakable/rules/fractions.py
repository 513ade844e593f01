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
MIXED = r"(?P<whole>\d+)\s(?P<num>\d+)[/⁄](?P<den>\d+)(?:(?:st|nd|rd|th)s?|ST|ND|RD|TH)?"
SIMPLE = (
    r"(?<![\w/.])(?P<sign>-(?=\d+[/⁄]))?(?P<num>\d+)\s?[/⁄]\s?(?P<den>\d+)"
    r"(?:(?:st|nd|rd|th)s?|ST|ND|RD|TH)?(?![\w/]|\.\d|,\d)"
)


SLASH = re.compile(r"\d\s?[/⁄]\s?\d")
"""Trigger: a slash, or the fraction slash (U+2044) that typesetting puts in '1⁄2'."""


def _plural(word: str) -> str:
    return word[:-1] + "ves" if word.endswith("f") else word + "s"


def fraction_words(num: int, den: int, mixed: bool) -> str:
    """'one quarter', 'three fifths', 'seven over one'; after a whole number a single part
    is 'a' part, as it is said ('four and a half', 'three and a third')."""
    if den == 1 or den == 0:
        return f"{cardinal(num)} over {cardinal(den)}"
    name = {2: "half", 4: "quarter"}.get(den) or ordinal(den)
    if num == 1 and mixed:
        name = name.removeprefix("one ")  # 'and a hundredth'
        return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
    if num == 1:
        return f"one {name}"
    return f"{cardinal(num)} {'halves' if den == 2 else _plural(name)}"


def speak_fraction(m: re.Match[str], mixed: bool = False) -> str:
    num, den = int(m.group("num")), int(m.group("den"))
    sign = "minus " if m.groupdict().get("sign") else ""
    if mixed:
        return f"{sign}{cardinal(int(m.group('whole')))} and {fraction_words(num, den, True)}"
    return sign + fraction_words(num, den, False)


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
        "fraction",
        re.compile(rf"(?<![\w.])(?P<sign>-(?=\d+\s\d))?{MIXED}(?![\w/])"),
        lambda m: speak_fraction(m, True),
        SLASH,
        True,
    ),
    SpanClass("fraction", re.compile(SIMPLE), speak_fraction, SLASH, True),
]
