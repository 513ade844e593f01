"""Dates and decades: 'Nov. 3' -> 'November third', '2022-11-11' -> 'November eleventh twenty
twenty two', '25th july 2012' -> 'the twenty fifth of July twenty twelve', '1980s' ->
'nineteen eighties'."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, decade, ordinal, year
from narrator.speakable.rules import Rule

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_FULL = "|".join(MONTHS)
_SHORT = "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True))
# A month as written: a full name (capitalised, or any case before a year), or an
# abbreviation ('Nov.', 'SEPT.', 'Jan').
MONTH = rf"(?:(?:{_FULL})|(?i:{_SHORT})\b\.?|(?i:{_FULL})(?=[\s.,-]+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b))"
_LOWER_MONTH = rf"(?i:{_FULL}|{_SHORT}\.?)"


def month_name(text: str) -> str:
    key = text.rstrip(".").lower()
    if key in _ABBREVIATIONS:
        return MONTHS[_ABBREVIATIONS[key] - 1]
    return next(m for m in MONTHS if m.lower() == key)


def _short_year(text: str) -> str:
    """'98' -> 'ninety eight', '05' -> 'oh five', '2010' -> 'twenty ten'."""
    if len(text) == 4:
        return year(int(text))
    return ("oh " + cardinal(int(text))) if text.startswith("0") else cardinal(int(text))


def _numeric(month: int, day: int, year_text: str) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{MONTHS[month - 1]} {ordinal(day)} {_short_year(year_text)}"


def _iso(m: re.Match[str]) -> str:
    return _numeric(int(m.group(2)), int(m.group(3)), m.group(1)) or m.group(0)


def _us(m: re.Match[str]) -> str:
    return _numeric(int(m.group(1)), int(m.group(2)), m.group(3)) or m.group(0)


def _month_day(m: re.Match[str]) -> str:
    spoken = f"{month_name(m.group('mon'))} {ordinal(int(m.group('day')))}"
    return spoken + (f", {year(int(m.group('year')))}" if m.group("year") else "")


def _day_month(m: re.Match[str]) -> str:
    spoken = f"the {ordinal(int(m.group('day')))} of {month_name(m.group('mon'))}"
    return spoken + (f" {year(int(m.group('year')))}" if m.group("year") else "")


RULES: list[Rule] = [
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), _iso),
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), _iso),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b"), _us),
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_LOWER_MONTH})(?:,?\s+(?P<year>\d{{4}}))?\b"
        ),
        _day_month,
    ),
    (
        re.compile(
            rf"\b(?P<mon>{MONTH})[\s-]*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<year>\d{{4}})\b)?"
        ),
        _month_day,
    ),
    (
        re.compile(rf"\b(?P<mon>{_LOWER_MONTH})\s+(?P<year>\d{{4}})\b"),
        lambda m: f"{month_name(m.group('mon'))} {year(int(m.group('year')))}",
    ),
    (re.compile(r"\b(\d{3}0)\s?'?s\b"), lambda m: decade(int(m.group(1)))),
    (re.compile(r"(?<!\w)'(\d)0s\b"), lambda m: decade(1900 + int(m.group(1)) * 10).split(" ", 1)[1]),
]
