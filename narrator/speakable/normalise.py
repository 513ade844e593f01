"""Rewrite written forms as words a speech engine reads right.

Rules are (pattern, replacement) pairs applied in order; each handles one written form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from num2words import num2words

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
TITLES = {
    "Gen": "General",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Dr": "Doctor",
    "Prof": "Professor",
    "Col": "Colonel",
    "Lt": "Lieutenant",
    "Sgt": "Sergeant",
    "Capt": "Captain",
    "Adm": "Admiral",
    "Mt": "Mount",
    "Rev": "Reverend",
    "Mr": "Mister",
    "Mrs": "Missus",
}
ZONES = {
    "ET": "Eastern Time",
    "CT": "Central Time",
    "MT": "Mountain Time",
    "PT": "Pacific Time",
    "GMT": "G M T",
    "UTC": "U T C",
    "BST": "British Summer Time",
}
_MONTH_NAMES = "|".join(
    [
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
        *(m.capitalize() + r"\." for m in MONTHS),
    ]
)

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _month(word: str) -> str:
    word = word.rstrip(".")
    return MONTHS.get(word.lower(), word)


_ZONE = r"(\s+(?P<zone>" + "|".join(ZONES) + r")\b)?"


def _time(m: re.Match[str]) -> str:
    """'8:18 AM ET' -> 'eight eighteen A M Eastern Time'; '14:00' -> 'fourteen hundred'."""
    groups = m.groupdict()
    hour, minute = int(groups["h"]), int(groups["m"] or 0)
    words = num2words(hour)
    if minute:
        words += " " + ("oh " + num2words(minute) if minute < 10 else num2words(minute))
    if groups.get("ampm"):
        words += " " + " ".join(groups["ampm"].replace(".", "").upper())
    elif not minute:
        words += " hundred"
    zone = groups.get("zone")
    return words + (" " + ZONES[zone] if zone else "")


def _money(m: re.Match[str]) -> str:
    amount = m.group("amount").replace(",", "")
    scale = {"bn": " billion", "m": " million", "k": " thousand"}.get(
        (m.group("scale") or "").lower(), " " + m.group("scale") if m.group("scale") else ""
    )
    unit = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}[m.group("cur")]
    return _number(amount) + scale + " " + unit


def _number(text: str) -> str:
    text = text.replace(",", "")
    if "." in text:
        return num2words(float(text))
    return num2words(int(text))


def _year_or_number(m: re.Match[str]) -> str:
    value = m.group(0)
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", value):
        return num2words(int(value), to="year")
    return _number(value)


RULES: tuple[Rule, ...] = (
    (re.compile(r"\[([^\]]+)\]"), lambda m: m.group(1)),
    (
        re.compile(rf"\b(?P<mon>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(st|nd|rd|th)?\b(?!:)"),
        lambda m: f"{_month(m.group('mon'))} {num2words(int(m.group('day')), to='ordinal')}",
    ),
    (
        re.compile(r"\b(?P<h>\d{1,2})(:(?P<m>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?=\W|$)" + _ZONE),
        _time,
    ),
    (re.compile(r"\b(?P<h>\d{1,2}):(?P<m>\d{2})\b" + _ZONE), _time),
    (
        re.compile(
            r"(?P<cur>[$£€¥])(?P<amount>\d[\d,]*(\.\d+)?)\s*(?P<scale>bn|billion|million|m|k|trillion)?\b"
        ),
        _money,
    ),
    (re.compile(r"\b(?P<t>" + "|".join(TITLES) + r")\.\s"), lambda m: TITLES[m.group("t")] + " "),
    (re.compile(r"(\d+(\.\d+)?)\s*%"), lambda m: _number(m.group(1)) + " percent"),
    (re.compile(r"\b\d{1,3}(,\d{3})+(\.\d+)?\b|\b\d+(\.\d+)?\b"), _year_or_number),
    (re.compile(r"\s&\s"), lambda m: " and "),
)


def normalise(text: str) -> str:
    """Speakable words for `text`; never raises, never drops words."""
    for pattern, replace in RULES:
        text = pattern.sub(replace, text)
    return re.sub(r"\s+", " ", text).strip()


def speak_date(when: datetime) -> str:
    """'November eleventh, twenty twenty-two'."""
    return f"{when:%B} {num2words(when.day, to='ordinal')}, {num2words(when.year, to='year')}"
