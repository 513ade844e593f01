"""Telephone numbers and IP addresses, read digit by digit in their groups."""

from __future__ import annotations

import re

from narrator.speakable.numbers import digits
from narrator.speakable.rules import Rule

PHONE = re.compile(
    r"(?<![\w.])(?:(?P<plus>\+\s?)(?P<cc>\d{1,3})[\s.-]?|(?P<cc2>1)[.-])?"
    r"(?:\((?P<area>\d{3})\)[\s.-]?|(?P<area2>\d{3})[.-])(?P<a>\d{3})[.-](?P<b>\d{4})"
    r"(?:[.-](?P<ext>\d{1,5}))?(?![\w-]|\.\d)"
)
"""Groups joined by '-' or '.', or an area code in brackets; spaces alone are not enough
(a list of numbers is not a phone number)."""
IP = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]|\.\d)")


def _phone(m: re.Match[str]) -> str:
    groups = [m.group(g) for g in ("cc", "cc2", "area", "area2", "a", "b", "ext") if m.group(g)]
    spoken = ", ".join(digits(g) for g in groups)
    return ("plus " if m.group("plus") else "") + spoken


RULES: list[Rule] = [
    (IP, lambda m: " dot ".join(digits(part) for part in m.group(0).split("."))),
    (PHONE, _phone),
]
