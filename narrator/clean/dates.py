"""Turn the date a page prints ("Updated November 11, 2022 at 8:18 AM ET") into a datetime."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

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


def parse_dateline(text: str) -> datetime | None:
    """The date (and time, and zone where named) in a date line, or None."""
    rest = DATE_PREFIX.sub("", text.strip())
    date = DATE.search(rest)
    if not date:
        return None
    after = rest[date.end() :]
    time = _TIME.search(after)
    candidate = date.group(0) + (" " + time.group(0) if time else "")
    candidate = re.sub(r"([ap])\.m\.?", r"\1m", candidate, flags=re.IGNORECASE)
    zone = _zone_of(candidate)
    if zone is not None:
        candidate = candidate[: candidate.rfind(" ")]
    try:
        parsed = dateparser.parse(candidate, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if zone is not None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


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
        try:
            return dateparser.isoparse(value.strip())
        except (ValueError, OverflowError):
            return None
