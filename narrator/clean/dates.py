"""Turn the date a page prints ("Updated November 11, 2022 at 8:18 AM ET") into a datetime.

The date and time are read from what our own patterns matched (patterns.DATE and _TIME),
with the standard library: dateutil's parser, which read them before, took 7 ms of every
run to import. dateutil stays for the ISO timestamps fromisoformat cannot read (loaded
only then); tests check both readings agree on every date line the patterns match.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from narrator.clean.patterns import DATE, DATE_PREFIX

# Zone abbreviations as news pages print them; the named zones give the right offset
# for the date (EST or EDT), which a fixed offset would not.
_ZONES: dict[str, str] = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "GMT": "UTC",
    "UTC": "UTC",
    "Z": "UTC",
    "BST": "Europe/London",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "EET": "Europe/Kyiv",
    "EEST": "Europe/Kyiv",
    "IST": "Asia/Kolkata",
    "JST": "Asia/Tokyo",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
}
_TIME = re.compile(
    r"\b\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)(\s+[A-Z]{1,4}\b)?|\b\d{1,2}:\d{2}(\s+[A-Z]{1,4}\b)?",
    re.IGNORECASE,
)
_MONTHS = {
    m: n
    for n, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_CENTURY = 2000
"""Added to a two-digit year: pages that print '03/07/24' are this century's."""
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?", re.IGNORECASE)


def parse_dateline(text: str) -> datetime | None:
    """The date (and time, and zone where named) in a date line, or None."""
    rest = DATE_PREFIX.sub("", text.strip())
    date = DATE.search(rest)
    if not date:
        return None
    time = _TIME.search(rest[date.end() :])
    zone = _zone_of(time.group(0)) if time else None
    try:
        parsed = datetime(*_day(date.group(0)), *(_clock(time.group(0)) if time else (0, 0)))
    except ValueError:  # 30 February, 25:00
        return None
    return parsed.replace(tzinfo=zone) if zone is not None else parsed


def _day(text: str) -> tuple[int, int, int]:
    """(year, month, day) of a patterns.DATE match: '2022-11-11', '11/13/2022' or '11/13/22' (month first,
    unless that cannot be a month), 'Nov. 11th, 2022' or '11 November 2022'."""
    if iso := _ISO_DATE.fullmatch(text):
        return int(iso[1]), int(iso[2]), int(iso[3])
    if slashed := _SLASHED.fullmatch(text):
        first, second, year = int(slashed[1]), int(slashed[2]), int(slashed[3])
        year += _CENTURY if year < 100 else 0
        return (year, second, first) if first > 12 else (year, first, second)
    name = re.search(r"[a-z]{3,}", text, re.IGNORECASE)  # not the 'th' of '11th'
    assert name is not None  # DATE matched a month's name
    day, year = (int(n) for n in re.findall(r"\d+", text))
    return year, _MONTHS[name.group(0)[:3].lower()], day


def _clock(text: str) -> tuple[int, int]:
    """(hour, minute) of a _TIME match: '8:18 AM ET', '6:45 p.m.', '8 pm', '20:30'."""
    clock = _CLOCK.match(text)
    assert clock is not None  # _TIME matched a clock
    hour, minute = int(clock[1]), int(clock[2] or 0)
    if clock[3]:  # as dateutil reads it: '12 am' is midnight, '0 pm' noon, '13 pm' 13:00
        pm = clock[3].lower() == "p"
        hour = hour + 12 if pm and hour < 12 else 0 if not pm and hour == 12 else hour
    return hour, minute


def _zone_of(candidate: str) -> tzinfo | None:
    last = candidate.rsplit(" ", 1)[-1]
    name = _ZONES.get(last.upper()) if last.isupper() else None
    return ZoneInfo(name) if name else None


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp as pages write it in metadata ('2019-11-08T10:00:00-05:00')."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        from dateutil import parser as dateparser  # the rare timestamp fromisoformat cannot read

        try:
            return dateparser.isoparse(value.strip())
        except (ValueError, OverflowError):
            return None
