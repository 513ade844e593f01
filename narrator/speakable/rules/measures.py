"""Quantities with units: '12kg/kg' -> 'twelve kilograms per kilogram', '1°C' -> 'one degree
Celsius', '40%' -> 'forty percent', '3 km²' -> 'three square kilometers', '12KG' ->
'twelve kilograms'. Units are the tables' [units]; a unit written in another case is
found when only one unit lowers to it.

Context: 'm' straight after a number and before a plural noun ('3.5m people') is a
million, not metres."""

from __future__ import annotations

import re

from narrator.speakable.numbers import number
from narrator.speakable.rules import COMMAS, DIGIT, SCALE_WORDS, SPACED, SPACES, as_adjective, needs
from narrator.speakable.rules.fractions import MIXED, speak_fraction
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import EN

UNITS: dict[str, list[str]] = EN["units"]
_FOLDED: dict[str, str] = {}
for _unit in UNITS:
    if len(_unit) >= 2 and _unit.isascii() and not _unit[1:].isdigit():  # 'M2' is a road, not 'm2'
        _FOLDED[_unit.lower()] = _unit if _unit.lower() not in _FOLDED else ""
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_PER = "|".join(re.escape(w) for w in sorted({*EN["per"], "s"}, key=len, reverse=True))
_OTHER_CASES = {f for u in _FOLDED for f in (u, u.upper(), u.capitalize())} - set(UNITS)
_ANY_CASE = "|".join(re.escape(u) for u in sorted(set(UNITS) | _OTHER_CASES, key=len, reverse=True))
"""Units as written and in the other cases ('KG', 'Kg'), as plain literals: a
case-insensitive group of them is several times slower to try at every number."""
_NUMBER = rf"-?(?:{COMMAS})(?:\.\d+)?|-?\d+(?:\.\d+)?|\.\d+"
QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<n>{_NUMBER})(?:\s(?P<scale>{SCALE_WORDS}))?(?P<space>\s?)(?P<unit>{_ANY_CASE})"
    rf"(?:/(?P<per>{_UNIT}|{_PER}))?(?![\w°²³])"
)
MIXED_QUANTITY = re.compile(rf"(?<![\w.]){MIXED}\s?(?P<unit>{_UNIT})(?![\w°])")
PART_QUANTITY = re.compile(rf"(?<![\w./])(?P<num>\d+)/(?P<den>\d+)\s?(?P<unit>{_UNIT})(?![\w°/])")
"""A fraction of one unit: '3/4 lb' -> 'three quarters of a pound'."""
_LENGTH_CONTEXT = re.compile(
    r"\s*(?:tall|long|high|wide|deep|away|above|below|under|over|from|of|in|into|to|long|race|run|sprint"
    r"|dash|hurdles|freestyle|relay|backstroke|breaststroke|butterfly|medley|final|event|title|record"
    r"|swim|mark|drop|fall|jump|radius|range|depth|height|length|stretch|section|square|cubic)\b"
)


_PER_WORDS: dict[str, str] = {**EN["per"], "s": "second"}
"""After a slash, besides units: 'day', 'mo', a lone 's' or 'h' ('30 cm/s', '5 kWh/day');
after a number a lone 's' is no unit ('4s')."""
_UNCOUNTED_PLURALS = {"people", "children", "men", "women", "staff", "personnel", "sheep", "cattle", "fish"}


def unit_name(written: str, plural: bool) -> str | None:
    key = written if written in UNITS else _FOLDED.get(written.lower())
    return UNITS[key][1 if plural else 0] if key else None


def _is_million(m: re.Match[str]) -> bool:
    """'3.5m people', '$300m deal' are millions: an attached 'm' before a plural noun."""
    if m.group("unit") not in ("m", "M") or m.group("space") or m.group("per"):
        return False
    after = m.string[m.end() :]
    if _LENGTH_CONTEXT.match(after):
        return False
    following = re.match(r"\s+([a-z]+)", after)
    if not following:
        return False
    noun = following.group(1)
    return noun in _UNCOUNTED_PLURALS or (noun.endswith("s") and not noun.endswith("ss"))


def _quantity(m: re.Match[str]) -> str | None:
    amount = m.group("n")
    if _is_million(m):
        return f"{number(amount)} million"
    unit = m.group("unit")
    if unit not in UNITS and (len(unit) < 2 or not unit_name(unit, False)):
        return None
    plural = bool(m.group("scale")) or amount.replace(",", "") not in ("1", "-1")
    plural = plural and not as_adjective(m)
    words = number(amount) + (f" {m.group('scale')}" if m.group("scale") else "")
    words += " " + str(unit_name(unit, plural))
    if m.group("per"):
        words += " per " + str(unit_name(m.group("per"), False) or _PER_WORDS[m.group("per")])
    return words


SPACED_QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<n>-?(?:{SPACES})(?:\.\d+)?)(?:\s?(?P<unit>{_UNIT})(?![\w°²³/]))?"
)
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b|&)\s*\d{3}(?![\d\s]\d|[.,]\d)")
"""Three-digit numbers apart by a space and then 'and' and one more ('rooms 101 102 and
103') are a list, not one number grouped in thousands; a '000' group still makes one."""


def _spaced(m: re.Match[str]) -> str | None:
    """'20 000' -> 'twenty thousand', '3 500 m' -> 'three thousand five hundred meters'."""
    groups = m.group("n").lstrip("-−").split(".")[0].split()
    if len(groups[0]) == 3 and "000" not in groups and _LIST_GOES_ON.match(m.string, m.end("n")):
        return None
    words = number(m.group("n"))
    return words + f" {unit_name(m.group('unit'), True)}" if m.group("unit") else words


def _range(m: re.Match[str]) -> str | None:
    """'3-4 kg' -> 'three to four kilograms'."""
    name = unit_name(m.group("unit"), not as_adjective(m))
    if not name or (m.group("unit") not in UNITS and len(m.group("unit")) < 2):
        return None
    return f"{number(m.group('a'))} to {number(m.group('b'))} {name}"


def _dimensions(m: re.Match[str]) -> str | None:
    """'4 x 4' -> 'four by four', '10 x 20 cm' -> 'ten by twenty centimeters'."""
    unit = unit_name(m.group("unit"), True) if m.group("unit") else None
    if m.group("unit") and not unit:
        return None
    return f"{number(m.group('a'))} by {number(m.group('b'))}" + (f" {unit}" if unit else "")


def _part(m: re.Match[str]) -> str | None:
    unit = unit_name(m.group("unit"), False)
    if not unit or not unit[0].isalpha() or m.group("unit") in ("%", "x"):
        return None
    article = "an" if unit[0] in "aeiou" or unit.startswith("hour") else "a"
    return f"{speak_fraction(m)} of {article} {unit}"


def _mixed(m: re.Match[str]) -> str:
    return speak_fraction(m, mixed=True) + " " + str(unit_name(m.group("unit"), True))


_TEMPERATURE_WORDS = re.compile(r"\b(?:" + "|".join(EN["temperature"]["words"]) + r")\b", re.IGNORECASE)
BARE_UNIT = re.compile(
    r"(?<![\w.,-])(?P<a>-?\d+(?:\.\d+)?)(?:\s?[-–]\s?(?P<b>-?\d+(?:\.\d+)?))?(?P<unit>[CFs])(?![\w'’-])"
)
"""A letter straight after a number that is a unit only in context: '30C', '30-35C', '-5C'
(a temperature without its degree sign, as the British press writes it), '9.58s'."""


def _bare_unit(m: re.Match[str]) -> str | None:
    """Degrees where the sentence speaks of weather or heat, or the form can be nothing else
    (a range or a minus), else a letter ('the 5C bus'); seconds after a decimal only (a
    whole number with an 's' is a decade or a plural: '1990s', 'his 30s')."""
    a, b, unit = m.group("a"), m.group("b"), m.group("unit")
    if unit == "s":
        return f"{number(a)} seconds" if "." in a and not b and a[0] != "-" else None
    if not (b or a.startswith("-") or _TEMPERATURE_WORDS.search(m.string)):
        return None
    name = unit_name("°" + unit, (b or a).lstrip("-") != "1")
    return f"{number(a)} to {number(b)} {name}" if b else f"{number(a)} {name}"


def _feet_inches(m: re.Match[str]) -> str:
    feet, inches = int(m.group(1)), m.group(2)
    spoken = f"{number(m.group(1))} {'foot' if feet == 1 else 'feet'}"
    if inches:
        spoken += f" {number(inches)}"
    return spoken


CLASSES: list[SpanClass] = [
    SpanClass("measure", SPACED_QUANTITY, _spaced, SPACED, True),
    SpanClass(
        "measure",
        re.compile(
            r"(?<![\w.])(?P<a>\d+(?:\.\d+)?)\s?(?:[x×]|(?<=\s)X(?=\s))\s?(?P<b>\d+(?:\.\d+)?)"
            rf"(?:\s?(?P<unit>{_ANY_CASE})(?![\w°²³]))?(?![\w]|\.\d)"
        ),
        _dimensions,
        needs(r"\d\s?[x×]\s?\d|\d X \d"),
        digit=True,
    ),
    SpanClass(
        "measure",
        re.compile(r"(?<![\w.])(\d{1,2})\s?ft\.?\s?(\d{1,2})\s?in\b\.?"),
        lambda m: (
            f"{number(m.group(1))} {'foot' if m.group(1) == '1' else 'feet'} {number(m.group(2))} "
            + ("inch" if m.group(2) == "1" else "inches")
        ),
        needs(r"\d\s?ft"),
        digit=True,
    ),
    SpanClass("measure", MIXED_QUANTITY, _mixed, needs(r"\d/\d"), True),
    SpanClass("measure", PART_QUANTITY, _part, needs(r"\d/\d"), True),
    SpanClass(
        "measure",
        re.compile(
            rf"(?<![\w.,])(?P<a>{_NUMBER})\s?[-–]\s?(?P<b>{_NUMBER})\s?(?P<unit>{_ANY_CASE})(?![\w°²³/])"
        ),
        _range,
        needs(r"\d\s?[-–]\s?\d"),
        digit=True,
    ),
    SpanClass("measure", BARE_UNIT, _bare_unit, needs(r"\d[CFs](?![\w'’-])"), True),
    SpanClass("measure", QUANTITY, _quantity, DIGIT, True),
    SpanClass(
        "measure",
        re.compile(r"(?<![\w.])(\d{1,2})['′’]\s?(\d{1,2})(?:[\"″”]|'')(?!\w)|(?<![\w.])(\d{1,2})′(?!\w)()"),
        lambda m: _feet_inches(m) if m.group(1) else f"{number(m.group(3))} feet",
        needs(r"\d['′’]"),
        digit=True,
    ),
    SpanClass(
        "measure",
        re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:″|\"(?=\s+(?:tall|long|wide|high|screen|display|deep)))"),
        lambda m: f"{number(m.group(1))} {'inch' if m.group(1) == '1' else 'inches'}",
        needs(r"\d[″\"]"),
        digit=True,
    ),
]
