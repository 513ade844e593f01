"""Times of day and durations: '8:18 AM ET' -> 'eight eighteen A M Eastern Time',
'14:00' -> 'fourteen hundred', '1:01:01' -> 'one hour one minute and one second'."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal
from narrator.speakable.rules import Rule

SPOKEN_ZONES = {"ET": "Eastern Time", "CT": "Central Time", "MT": "Mountain Time", "PT": "Pacific Time"}
"""Zones said as words; every other zone abbreviation is spelled (E S T, G M T)."""
_ZONE = (
    r"(?:\s+(?P<zone>ET|CT|MT|PT|[ECMP][SD]T|GMT|UTC|BST|CES?T|EES?T|IST|JST|AES?T|AED?T"
    r"|(?i:est|edt|pst|pdt|gmt|utc))\b)?"
)
CLOCK = r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s?(?P<ampm>[AaPp])\.?\s?[Mm]\b\.?" + _ZONE
TWENTY_FOUR = r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!:\d)" + _ZONE


def speak_time(hour: str, minute: str | None, ampm: str | None, zone: str | None) -> str:
    h, mins = int(hour), int(minute or 0)
    words = cardinal(h)
    if mins:
        words += " " + (("oh " + cardinal(mins)) if mins < 10 else cardinal(mins))
    elif not ampm:
        words += " hundred" if h >= 10 or hour.startswith("0") else " o'clock"
    if ampm:
        words += " " + ampm.upper() + " M"
    if zone:
        words += " " + SPOKEN_ZONES.get(zone, " ".join(zone.upper()))
    return words


def _clock(m: re.Match[str], prefix: str = "") -> str:
    g = m.groupdict()
    return speak_time(g[prefix + "h"], g[prefix + "m"], g.get(prefix + "ampm"), g[prefix + "zone"])


def _duration(m: re.Match[str]) -> str:
    units = [(int(m.group(1)), "hour"), (int(m.group(2)), "minute"), (int(m.group(3)), "second")]
    parts = [f"{cardinal(n)} {unit}{'' if n == 1 else 's'}" for n, unit in units if n]
    return (
        " and ".join([" ".join(parts[:-1]), parts[-1]])
        if len(parts) > 1
        else (parts[0] if parts else "zero seconds")
    )


def _both(pattern: str) -> str:
    return pattern + r"\s?[-–—]\s?" + pattern.replace("?P<", "?P<b_")


RULES: list[Rule] = [
    (re.compile(r"\b(\d{1,2}):([0-5]\d):([0-5]\d)\b"), _duration),
    (re.compile(_both(CLOCK)), lambda m: f"{_clock(m)} to {_clock(m, 'b_')}"),
    (re.compile(CLOCK), _clock),
    (re.compile(_both(TWENTY_FOUR)), lambda m: f"{_clock(m)} to {_clock(m, 'b_')}"),
    (re.compile(TWENTY_FOUR), _clock),
]
