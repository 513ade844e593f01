"""Fractions: '1/4' -> 'one quarter', '3/4' -> 'three quarters', '4 1/2' -> 'four and a half',
'2 142/1' -> 'two and one hundred forty two over one'."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, ordinal
from narrator.speakable.rules import Rule

MIXED = r"(?P<whole>\d+)\s(?P<num>\d+)/(?P<den>\d+)(?:st|nd|rd|th|ST|ND|RD|TH)?"
SIMPLE = r"(?<![\w/.])(?P<num>\d+)/(?P<den>\d+)(?:st|nd|rd|th|ST|ND|RD|TH)?(?![\w/]|\.\d)"


def _part(num: int, den: int, mixed: bool) -> str:
    if den == 2:
        return ("a half" if mixed else "one half") if num == 1 else f"{cardinal(num)} halves"
    if den == 4:
        return ("a quarter" if mixed else "one quarter") if num == 1 else f"{cardinal(num)} quarters"
    if 3 <= den <= 20 or den in (100, 1000):
        name = ordinal(den)
        return f"{cardinal(num)} {name}" if num == 1 else f"{cardinal(num)} {name}s"
    return f"{cardinal(num)} over {cardinal(den)}"


def speak_fraction(m: re.Match[str], mixed: bool = False) -> str:
    num, den = int(m.group("num")), int(m.group("den"))
    if mixed:
        return f"{cardinal(int(m.group('whole')))} and {_part(num, den, True)}"
    return _part(num, den, False)


RULES: list[Rule] = [
    (re.compile(r"\b24/7\b"), lambda m: "twenty four seven"),
    (re.compile(rf"(?<![\w.]){MIXED}(?![\w/])"), lambda m: speak_fraction(m, mixed=True)),
    (re.compile(SIMPLE), speak_fraction),
]
