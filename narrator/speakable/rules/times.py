"""Times of day and durations: '8:18 AM ET' -> 'eight eighteen A M Eastern Time',
'14:00' -> 'two P M', '1:01:01' -> 'one hour one minute and one second', '2h 16m' ->
'two hours sixteen minutes', '16:9' -> 'sixteen to nine'."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from narrator.speakable.numbers import cardinal
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import EN

SPOKEN_ZONES: dict[str, str] = EN["zones"]
"""Zones said as words; every other zone abbreviation is spelled (E S T, G M T)."""
_ZONE = (
    r"(?:\s+(?P<zone>ET|CT|MT|PT|[ECMP][SD]T|GMT|UTC|BST|CES?T|EES?T|IST|JST|AES?T|AED?T|HKT|SGT"
    r"|(?i:est|edt|pst|pdt|gmt|utc))\b)?"
)
_AMPM = r"(?P<ampm>[AaPp])\.?\s?[Mm]\b\.?"
CLOCK = r"(?<![\w.:])(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s?" + _AMPM + _ZONE
"""A time with A M or P M: its minutes after a colon or, as British writing has them, a
full stop ('10.30 pm'); the A M or P M is what tells it from a decimal."""
TWENTY_FOUR = r"(?<![\w.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:]|\.\d)(?:\s?" + _AMPM + ")?" + _ZONE


CLOCKISH = re.compile(r"\d:\d|\d\s?[AaPp]\.?\s?[Mm]\b|\d\s?h\b|\dh\d")


def speak_time(hour: str, minute: str | None, ampm: str | None, zone: str | None, oclock: bool = True) -> str:
    """A clock time as said: 'ten thirty P M', 'nine o'clock', 'two P M' for 14:00; without
    `oclock`, a whole hour is its number alone (the first of 'one to two P M')."""
    h, mins = int(hour), int(minute or 0)
    if not oclock and ampm is None and h <= 12:
        ampm = ""  # neither 'o'clock' nor A M or P M
    if not ampm and h > 12:
        h, ampm = h - 12, "p"
    elif not ampm and h == 0:
        h, ampm = 12, "a"
    words = cardinal(h)
    if mins:
        words += " " + (("oh " + cardinal(mins)) if mins < 10 else cardinal(mins))
    elif ampm is None:
        words += " o'clock"
    if ampm:
        words += " " + ampm.upper() + " M"
    if zone:
        words += " " + SPOKEN_ZONES.get(zone, " ".join(zone.upper()))
    return words


def _clock(m: re.Match[str], prefix: str = "") -> str | None:
    g = m.groupdict()
    if g.get(prefix + "ampm") and int(g[prefix + "h"]) > 12:
        return None
    return speak_time(g[prefix + "h"], g[prefix + "m"], g.get(prefix + "ampm"), g[prefix + "zone"])


def _range(m: re.Match[str]) -> str | None:
    """'4:00 am - 8:12 pm'; where only the second has its A M or P M ('1:00 - 2:00 pm'),
    the first shares it and is said without 'o'clock'."""
    second = _clock(m, "b_")
    if m.group("b_ampm") and not m.groupdict().get("ampm") and not m.group("zone"):
        first = speak_time(m.group("h"), m.group("m"), None, None, oclock=False)
    else:
        first = _clock(m)
    return f"{first} to {second}" if first and second else None


HOURS_TO_CLOCK = (
    r"(?<![\w.:-])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?(?P<zone>)\s?[-–]\s?"
    + CLOCK.replace("?P<", "?P<b_").replace(r"(?<![\w.:])", "")
)
"""Two times that share the second's A M or P M: '2-4pm', '10.30-11.45 am'."""


_CALENDAR = "|".join([*calendar.day_abbr, *calendar.month_abbr[1:]])
_GOES_ON = re.compile(rf"\s+(?:(?:{_CALENDAR})[a-z]*\b|Eastern|Central|Mountain|Pacific|[A-Z]{{2,4}}\b)")
"""After 'p.m.', words that carry the sentence on ('at 3 p.m. Tuesday', 'p.m. Nov. 1',
'p.m. Eastern', 'p.m. EST')."""
_NEXT_SENTENCE = re.compile(r"\s+[\"“‘'(\[]?[A-Z]")


def _keeping_stop(speak: Callable[[re.Match[str]], str | None]) -> Callable[[re.Match[str]], str | None]:
    """The full stop of 'p.m.' also ends the sentence when nothing or a new sentence
    follows: it is said again after 'P M', or the speech engine would run the sentences
    together."""

    def spoken(m: re.Match[str]) -> str | None:
        words = speak(m)
        if words is None or not m.group(0).endswith("."):
            return words
        rest = m.string[m.end() :]
        ends = not rest.strip() or (_NEXT_SENTENCE.match(rest) and not _GOES_ON.match(rest))
        return words + "." if ends else words

    return spoken


def _plural(n: int, unit: str) -> str:
    return f"{cardinal(n)} {unit}{'' if n == 1 else 's'}"


def _duration(m: re.Match[str]) -> str:
    units = [(int(m.group(1)), "hour"), (int(m.group(2)), "minute"), (int(m.group(3)), "second")]
    parts = [_plural(n, unit) for n, unit in units if n]
    if not parts:
        return "zero seconds"
    return " and ".join([" ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


def _short_duration(m: re.Match[str]) -> str:
    """'2h 16m', '1h30', '5m 3s': each part with its unit."""
    names = {"h": "hour", "m": "minute", "min": "minute", "s": "second"}
    parts = re.findall(r"(\d+)\s?(h|min|m|s)?", m.group(0))
    spoken, last = [], "h"
    for number, unit in parts:
        unit = unit or {"h": "m", "m": "s"}.get(last, "s")
        spoken.append(_plural(int(number), names[unit]))
        last = unit
    return " ".join(spoken)


def _both(pattern: str) -> str:
    return pattern + r"\s?[-–—]\s?" + pattern.replace("?P<", "?P<b_").replace(r"(?<![\w.:])", "")


CLASSES: list[SpanClass] = [
    SpanClass(
        "time", re.compile(r"(?<![\w:.])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])"), _duration, CLOCKISH, True
    ),
    SpanClass(
        "time",
        re.compile(r"(?<![\w.])\d{1,2}\s?h(?:\s?\d{1,2}\s?(?:min|m)\b(?:\s?\d{1,2}\s?s\b)?|\d{2}\b)"),
        _short_duration,
        CLOCKISH,
        digit=True,
    ),
    SpanClass("time", re.compile(_both(CLOCK)), _keeping_stop(_range), CLOCKISH, True),
    SpanClass("time", re.compile(HOURS_TO_CLOCK), _keeping_stop(_range), CLOCKISH, True),
    SpanClass("time", re.compile(CLOCK), _keeping_stop(_clock), CLOCKISH, True),
    SpanClass("time", re.compile(_both(TWENTY_FOUR)), _range, CLOCKISH, True),
    SpanClass("time", re.compile(TWENTY_FOUR), _clock, CLOCKISH, True),
    SpanClass(
        "time",
        re.compile(r"(?<![\w.:])(\d{1,3}):(\d{1,3})(?![\d:]|\.\d)"),
        lambda m: f"{cardinal(int(m.group(1)))} to {cardinal(int(m.group(2)))}",
        CLOCKISH,
        digit=True,
    ),
]
