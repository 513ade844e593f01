"""Numbers left after dates, times, money and measures: ordinals, ranges, serial codes,
years and plain cardinals."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, digits, number, ordinal, year
from narrator.speakable.rules import Rule

_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _ordinal(m: re.Match[str]) -> str:
    n, suffix = int(m.group(1)), m.group(2).lower()
    right = "th" if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, "th")
    return ordinal(n) if suffix == right else f"{cardinal(n)} {suffix}"


def _year_range(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    if len(second) == 2:
        if int(second) <= int(first[2:]):
            return m.group(0)
        return f"{year(int(first))} to {cardinal(int(second))}"
    if int(second) <= int(first):
        return m.group(0)
    return f"{year(int(first))} to {year(int(second))}"


def _small_range(m: re.Match[str]) -> str:
    """'pages 3–5', '2-5' -> 'three to five'; '978-0' is left for the serial rule."""
    first, second = int(m.group(1)), int(m.group(2))
    if first < second and ("–" in m.group(0) or second <= 100):
        return f"{cardinal(first)} to {cardinal(second)}"
    return m.group(0)


def _serial_hyphens(m: re.Match[str]) -> str:
    """'978-0', '1-8090': each number read, the dash kept."""
    return " - ".join(_whole(part, final_and=True) for part in m.group(0).split("-"))


def _whole(text: str, final_and: bool = False) -> str:
    return digits(text) if len(text) > 1 and text.startswith("0") else cardinal(int(text), final_and)


def _mixed_code(m: re.Match[str]) -> str:
    """'25d08A' -> 'twenty five d zero eight A', 't2000' -> 't two thousand'."""
    parts = re.findall(r"\d+|[A-Za-z]+", m.group(0))
    return " ".join(_whole(p) if p.isdigit() else p for p in parts)


def _plain(m: re.Match[str]) -> str:
    text = m.group(0)
    bare = text.lstrip("-−")
    if re.fullmatch(r"1[1-9]\d\d|20\d\d", bare) and bare == text:
        return year(int(bare))
    if re.fullmatch(r"0\d+", bare):
        return digits(bare)
    return number(text)


RULES: list[Rule] = [
    (re.compile(r"\b(\d+)(st|nd|rd|th|ST|ND|RD|TH)\b"), _ordinal),
    (re.compile(r"\b(1[1-9]\d\d|20\d\d)\s?[-–]\s?(\d{4}|\d{2})\b(?!-)"), _year_range),
    (re.compile(r"(?<![\w.-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w.-])"), _small_range),
    (re.compile(r"(?<![\w.-])\d+(?:-\d+)+(?![\w.-])"), _serial_hyphens),
    (re.compile(r"(?<=\d)\s?\+\s?(?=\d)"), lambda m: " plus "),
    (re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+\b"), _mixed_code),
    (re.compile(r"(?<![\w.])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])|(?<![\w.])\.\d+\b"), _plain),
]
