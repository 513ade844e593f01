"""Dates and decades: 'Nov. 3' -> 'November third', '2022-11-11' -> 'November eleventh twenty
twenty two', '25th july 2012' -> 'the twenty fifth of July twenty twelve', '1980s' ->
'nineteen eighties', 'the mid-70s' -> 'the mid-seventies'."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, decade, ordinal, year
from narrator.speakable.rules import needs
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import EN

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
_ABBREVIATIONS: dict[str, int] = EN["month_abbreviations"]
_FULL = "|".join(MONTHS)
_SHORT = "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)"
# A month as written: a full name in any case (but lower-case 'may' and 'march' only
# before a year or an ordinal: they are also verbs), or an abbreviation ('Nov.', 'SEPT.').


def _cased(words: list[str], suffix: str, skip: tuple[str, ...] = ()) -> str:
    """The words as written in capitals, capitalised or in lower case, each with `suffix`, as
    one flat alternation of literals: the regex engine then skips straight to a month's
    initial instead of trying every position (a case-insensitive group is several times
    slower)."""
    forms = {f for w in words for f in (w.upper(), w.capitalize(), w.lower())} - set(skip)
    return "|".join(f"{f}{suffix}" for f in sorted(forms, key=len, reverse=True))


_DAY_OR_YEAR_NEXT = rf"(?=[\s-]+\d{{1,2}}(?:{_ORD}\b|,?\s+\d{{4}}\b|\s*[,.;:!?]?\s*$))"
_WORD_END, _ABBREVIATED = r"\b", r"\b\.?"
_FULL_FORMS = _cased(MONTHS, _WORD_END, skip=("may", "march"))
_SHORT_FORMS = _cased(list(_ABBREVIATIONS), _ABBREVIATED)
MONTH = f"(?:{_FULL_FORMS}|{_SHORT_FORMS}|may{_DAY_OR_YEAR_NEXT}|march{_DAY_OR_YEAR_NEXT})"
"""Lower-case 'may' and 'march' are verbs too: a month only before an ordinal day, a day
and a year, or a day that ends the sentence ('on march 3.')."""
_ANY_MONTH = f"(?:{_cased(MONTHS, _WORD_END)}|{_SHORT_FORMS})"
_YEAR = r"(?:1\d{3}|20\d{2})"


_MON3 = _cased("jan feb mar apr may jun jul aug sep oct nov dec".split(), "")
MONTH_WORD = re.compile(rf"(?:{_MON3})[A-Za-z]*\.?[\s-]*\d|\d(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-)(?:{_MON3})")
"""Trigger of the month classes: a month's first three letters next to a digit."""
_MONTH_FIRST = re.compile(rf"(?:{_MON3})[A-Za-z]*\.?[\s-]*\d")
"""Where a month-first date can begin."""
DECADE = re.compile(r"0\s?['’]?s\b")


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


def _month_or_day_first(m: re.Match[str]) -> str | None:
    """'12/25/2019', '25/12/2019', '12-25-2019': month first where it can be, else day
    first. With hyphens only a four-digit year makes a date ('3-2-15' may be a score)."""
    first, second, year_text = (g for g in m.groups() if g is not None)
    return _numeric(int(first), int(second), year_text) or _numeric(int(second), int(first), year_text)


def _after_the(m: re.Match[str]) -> bool:
    return bool(re.search(r"\bthe\s*$", m.string[max(0, m.start() - 5) : m.start()], re.IGNORECASE))


_VERBS = ("may", "march")


def _plainly_a_date(m: re.Match[str]) -> bool:
    """Lower-case 'may' or 'march' after a number is a month only with an ordinal, 'of' or
    a year ('17 may 2010', '3rd of march'): 'of the ten, 3 may stay' and 'the 3-may plan'
    are no dates."""
    return bool(m.group("year") or re.search(rf"\d{_ORD}|\sof\s", m.group(0)))


def _day_month(m: re.Match[str]) -> str | None:
    """'25th july 2012' -> 'the twenty fifth of July twenty twelve'; '20-21 May' -> 'the
    twentieth to the twenty first of May' (a falling pair is no date)."""
    day = int(m.group("day"))
    if not 1 <= day <= 31 or (m.group("mon") in _VERBS and not _plainly_a_date(m)):
        return None
    the = "" if _after_the(m) else "the "
    days = ordinal(day)
    if m.group("day2"):
        second = int(m.group("day2"))
        if not day < second <= 31:
            return None
        days += f" to the {ordinal(second)}"
    spoken = f"{the}{days} of {month_name(m.group('mon'))}"
    return spoken + (f" {year(int(m.group('year')))}" if m.group("year") else "")


def _month_day(m: re.Match[str]) -> str | None:
    """'Nov. 3' -> 'November third'; 'March 3-5' -> 'March third to fifth' (two days of one
    month, the first before the second; a falling pair is a day and a number)."""
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    spoken = f"{month_name(m.group('mon'))} {ordinal(day)}"
    if m.group("day2"):
        second = int(m.group("day2"))
        spoken += f" to {ordinal(second)}" if day < second <= 31 else f"-{cardinal(second)}"
    return spoken + (f", {year(int(m.group('year')))}" if m.group("year") else "")


def _across_months(m: re.Match[str]) -> str | None:
    """'Nov 30 - Dec 2' -> 'November thirtieth to December second'; '30 Nov-2 Dec 2024' ->
    'the thirtieth of November to the second of December twenty twenty four': a span over a
    month's end, each end said as its kind of date is."""
    days = int(m.group("day") or m.group("d_day")), int(m.group("day2") or m.group("d_day2"))
    if not all(1 <= d <= 31 for d in days):
        return None
    if m.group("mon"):
        first, last = month_name(m.group("mon")), month_name(m.group("mon2"))
        spoken = f"{first} {ordinal(days[0])} to {last} {ordinal(days[1])}"
    else:
        the = "" if _after_the(m) else "the "
        spoken = (
            f"{the}{ordinal(days[0])} of {month_name(m.group('d_mon'))}"
            f" to the {ordinal(days[1])} of {month_name(m.group('d_mon2'))}"
        )
    return spoken + (f" {year(int(m.group('year')))}" if m.group("year") else "")


def _era(m: re.Match[str]) -> str:
    """'500 BC' -> 'five hundred B C', 'AD 1066' -> 'A D ten sixty six': a year, whatever
    its length, with its era spelled."""
    era = " ".join((m.group("era") or m.group("era2")).replace(".", ""))
    said = year(int(m.group("y") or m.group("y2")))
    return f"{era} {said}" if m.group("era2") else f"{said} {era}"


def _slashed(m: re.Match[str]) -> str | None:
    """'11/2019' -> 'November twenty nineteen'; '2020/21' -> 'twenty twenty to twenty one'
    (a season or a fiscal year: the second year the next one). Anything else is left to
    the fraction class."""
    if m.group("month"):
        return f"{MONTHS[int(m.group('month')) - 1]} {year(int(m.group('year')))}"
    first, second = m.group("first"), m.group("next")
    if int(second) != (int(first) + 1) % 10 ** len(second):
        return None
    said = year(int(first) + 1) if second == "00" else _short_year(second)
    return f"{year(int(first))} to {said}"


def _decade_range(m: re.Match[str]) -> str:
    first = decade(int(m.group(1)))
    if len(m.group(2)) == 4:
        return f"{first} to {decade(int(m.group(2)))}"
    second = decade(int(m.group(1)[:2] + m.group(2))).split(" ", 1)[-1]
    return f"{first} to {second}"


def _two_digit_decade(m: re.Match[str]) -> str:
    return decade(1900 + int(m.group(1)) * 10).split(" ", 1)[1]


CLASSES: list[SpanClass] = [
    SpanClass(
        "date",
        re.compile(
            r"(?<![\w.,])(?P<y>\d{1,4})\s?(?P<era>BCE|BC|CE|AD|B\.C\.(?:E\.)?|A\.D\.|C\.E\.)(?!\w)"
            r"|\b(?P<era2>AD|A\.D\.)\s?(?P<y2>\d{1,4})(?![\w,]|\.\d)"
        ),
        _era,
        needs(r"B\.?C|C\.?E|A\.?D"),
        digit=True,
    ),
    SpanClass(
        "date",
        re.compile(r"(?<![\w.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\w-]|\.\d)"),
        lambda m: _numeric(int(m.group(3)), int(m.group(4)), m.group(1)),
        needs(r"\d{4}[-/.]\d"),
        digit=True,
    ),
    SpanClass(
        "date",
        re.compile(
            r"(?<![\w./-])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/]|\.\d)"
            r"|(?<![\w./-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\w-]|\.\d)"
        ),
        _month_or_day_first,
        needs(r"\d/\d{1,2}/\d|\d-\d{1,2}-\d{4}"),
        digit=True,
    ),
    SpanClass(
        "date",
        re.compile(
            r"(?<![\w./-])(?:(?P<month>0[1-9]|1[0-2])/(?P<year>(?:19|20)\d\d)(?!\s+of\b)"
            r"|(?P<first>(?:1[89]|20)\d\d)/(?P<next>(?:1[89]|20)\d\d|\d\d))(?![\w/]|\.\d)"
        ),
        _slashed,
        needs(r"\d/\d"),
        digit=True,
    ),
    SpanClass(
        "date",
        re.compile(r"(?<![\w./-])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\w|\.\w)"),
        lambda m: (
            f"the {ordinal(int(m.group(1)))} of {MONTHS[int(m.group(2)) - 1]} {year(int(m.group(3)))}"
            if 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31
            else None
        ),
        needs(r"\d\.\d{1,2}\.\d{4}"),
        digit=True,
    ),
    SpanClass(
        "date",
        re.compile(
            rf"\b(?P<mon>{MONTH})\s*(?P<day>\d{{1,2}}){_ORD}?\s?[-–]\s?(?P<mon2>{_ANY_MONTH})\s*"
            rf"(?P<day2>\d{{1,2}}){_ORD}?\b(?![:.,]?\d)"
            rf"|(?<![\w.])(?P<d_day>\d{{1,2}}){_ORD}?\s+(?P<d_mon>{_ANY_MONTH})\s?[-–]\s?"
            rf"(?P<d_day2>\d{{1,2}}){_ORD}?\s+(?P<d_mon2>{_ANY_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR})\b(?![.,]\d))?"
        ),
        _across_months,
        needs(rf"\d{_ORD}?\s?[-–]\s?(?:{_MON3})|(?:{_MON3})[a-z]*\.?\s?[-–]\s?\d"),
        digit=True,
    ),
    SpanClass(
        "date",
        re.compile(
            rf"(?<![\w.])(?P<day>\d{{1,2}}){_ORD}?(?:\s?[-–]\s?(?P<day2>\d{{1,2}}){_ORD}?)?"
            rf"(?:(?:\s+of)?\s+|-)(?P<mon>{_ANY_MONTH})"
            rf"(?:(?:,?\s+|-)(?P<year>{_YEAR})\b(?![.,]\d))?"
        ),
        _day_month,
        MONTH_WORD,
        digit=True,
    ),
    SpanClass(
        "date",
        re.compile(
            rf"\b(?P<mon>{MONTH})[\s-]*(?P<day>\d{{1,2}}){_ORD}?(?:\s?[-–]\s?(?P<day2>\d{{1,2}}){_ORD}?)?"
            rf"\b(?![:.,]?\d)(?:,?\s+(?P<year>{_YEAR})\b(?![.,]\d))?"
        ),
        _month_day,
        MONTH_WORD,
        digit=True,
        starts=_MONTH_FIRST,
    ),
    SpanClass(
        "date",
        re.compile(rf"\b(?P<mon>{_ANY_MONTH}),?\s+(?P<year>{_YEAR})\b(?![.,]\d)"),
        lambda m: f"{month_name(m.group('mon'))} {year(int(m.group('year')))}",
        MONTH_WORD,
        digit=True,
        starts=_MONTH_FIRST,
    ),
    SpanClass(
        "date",
        re.compile(r"(?<![\w.])(\d{3}0)\s?['’]?s\s?[-–]\s?['’]?(\d0|\d{3}0)['’]?s\b"),
        _decade_range,
        DECADE,
        digit=True,
    ),
    SpanClass(
        "date", re.compile(r"(?<![\w.])(\d{3}0)\s?['’]?s\b"), lambda m: decade(int(m.group(1))), DECADE, True
    ),
    SpanClass("date", re.compile(r"(?<![\w.])['’]?([1-9])0['’]?s\b"), _two_digit_decade, DECADE, True),
    SpanClass(
        "date",
        re.compile(r"(?<![\w'’])['’](\d\d)(?![\w'’]|\.\d)"),
        lambda m: _short_year(m.group(1)),
        needs(r"['’]\d\d"),
        digit=True,
    ),
]
