"""Telephone numbers and IP addresses, read digit by digit in their groups."""

from __future__ import annotations

import re

from narrator.speakable.numbers import digits
from narrator.speakable.rules import needs
from narrator.speakable.spans import SpanClass

PHONE = re.compile(
    r"(?<![\w.])(?:(?P<plus>\+\s?)(?P<cc>\d{1,3})[\s.-]?|(?P<cc2>1)[.-])?"
    r"(?:\((?P<area>\d{3})\)[\s.-]?|(?P<area2>\d{3})[.-])(?P<a>\d{3})[.-](?P<b>\d{4})"
    r"(?:[.-](?P<ext>\d{1,5}))?(?![\w-]|\.\d)"
)
"""Groups joined by '-' or '.', or an area code in brackets; spaces alone are not enough
(a list of numbers is not a phone number)."""
INTERNATIONAL = re.compile(r"(?<![\w+])\+(?P<cc>\d{1,3})(?P<rest>(?:[\s.-]\d{1,4}){2,5})(?![\w-]|\.\d)")
"""'+44 20 7946 0958', '+33 1 42 68 53 00': a leading plus, groups apart."""
IP = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\w)")


def _phone(m: re.Match[str]) -> str:
    groups = [m.group(g) for g in ("cc", "cc2", "area", "area2", "a", "b", "ext") if m.group(g)]
    spoken = ", ".join(digits(g) for g in groups)
    return ("plus " if m.group("plus") else "") + spoken


def _international(m: re.Match[str]) -> str:
    groups = [m.group("cc"), *re.split(r"[\s.-]", m.group("rest").strip(" .-"))]
    return "plus " + ", ".join(digits(g) for g in groups if g)


CLASSES: list[SpanClass] = [
    SpanClass(
        "telephone",
        IP,
        lambda m: " dot ".join(digits(p) for p in m.group(0).split(".")),
        needs(r"\d\.\d+\.\d+\.\d"),
        True,
    ),
    SpanClass("telephone", PHONE, _phone, needs(r"\d\d[-.)]"), True),
    SpanClass("telephone", INTERNATIONAL, _international, "+", True),
]
