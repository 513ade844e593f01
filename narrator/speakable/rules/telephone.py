"""Telephone numbers and IP addresses, read digit by digit in their groups."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, digits
from narrator.speakable.rules import needs
from narrator.speakable.spans import SpanClass

PHONE = re.compile(
    r"(?<![\w.])(?:(?P<plus>\+\s?)(?P<cc>\d{1,3})[\s.-]?|(?P<cc2>1)[.-])?"
    r"(?:\((?P<area>\d{3})\)[\s.-]?|(?P<area2>\d{3})[.-])(?P<a>\d{3})[.-](?P<b>\d{4})"
    r"(?:[.-](?P<ext>\d{1,5}))?(?![\w-]|\.\d)"
)
"""Groups joined by '-' or '.', or an area code in brackets; spaces alone are not enough
(a list of numbers is not a phone number)."""
INTERNATIONAL = re.compile(r"(?<![\w+])\+(?P<cc>\d{1,3})(?P<rest>(?:[\s.-]\(?\d{1,8}\)?){2,5})(?![\w-]|\.\d)")
"""'+44 20 7946 0958', '+33 1 42 68 53 00', '+49 30 12345678', '+1 (800) 555 0199': a
leading plus, groups apart (one may be in brackets), fifteen digits at most."""
NATIONAL = re.compile(r"(?<![\w.(])(?:\(0\d{1,4}\)|0\d{2,4})(?:\s\d{3,6}){1,2}(?![\w-]|[.,]\d)")
"""'020 7946 0018', '(020) 7946 0018', '0800 123 456', '07700 900123': a first group
with the trunk zero, as Britain and much of the world write a number at home, and ten or
eleven digits in all (a count never starts with a zero)."""
IP = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::(?P<port>\d{1,5}))?(?!\w|\.\w)")
"""An IPv4 address, with its port where one follows ('10.0.0.1:8080')."""

_CUE = (
    r"call(?:s|ed|ing)?|phon(?:e|ed|ing)|telephon(?:e|ed|ing)|tel|ring|dial(?:s|l?ed|l?ing)?"
    r"|text(?:ed|ing)?|fax|mobile|helpline|hotline|freephone|contact(?:ed|ing)?"
)
CUED = re.compile(
    r"(?<![\w.,+-])(?P<plus>\+\s?)?"
    r"(?=\(|\d{1,6}(?:[ .-]|\s?\()\d)"
    r"(?P<number>(?:\(\d{1,5}\)\s?)?\d{1,6}(?:(?:[ .-]|\s?\(\d{1,4}\)\s?)\d{1,6}){0,5})(?![\w-]|[.,]\d)"
)
"""Digit groups apart by spaces, hyphens or dots (a bracketed area code or '(0)' among
them), read as a telephone number when a phone word comes before (_cued). Two groups at
least: a lone number after 'call' is the cardinal class's ('Call 911')."""
_CUED_BEFORE = re.compile(
    rf"\b(?:{_CUE})\b\.?:?(?P<words>(?:\s+[A-Za-z][A-Za-z'’&-]*){{0,4}}?)\s*:?\s*$", re.IGNORECASE
)
"""A phone word, then at most four words ('Call us on', 'ring the Samaritans on'), then
the number."""
_ON = re.compile(r"\b(?:on|number)$", re.IGNORECASE)
"""Right before the number, words that introduce it: 'Call us on 116 123', 'Tel: 116 123'
('at' and 'is' also come before counts: 'phone sales at 300 000 000')."""
_RIGHT_AFTER = re.compile(rf"\b(?:{_CUE})\b\.?:?\s*$", re.IGNORECASE)
_DATE_SHAPE = re.compile(r"\d{1,2}([./-])\d{1,2}\1(?:\d{2}|\d{4})|(?:1[89]|20)\d\d-(?:\d\d|\d{4})")


def _ip(m: re.Match[str]) -> str:
    """Each part digit by digit; the port as a number, as in an address on the web."""
    address = m.group(0).split(":")[0]
    spoken = " dot ".join(digits(p) for p in address.split("."))
    return spoken + (f" colon {cardinal(int(m.group('port')))}" if m.group("port") else "")


def _phone(m: re.Match[str]) -> str:
    groups = [m.group(g) for g in ("cc", "cc2", "area", "area2", "a", "b", "ext") if m.group(g)]
    spoken = ", ".join(digits(g) for g in groups)
    return ("plus " if m.group("plus") else "") + spoken


def _international(m: re.Match[str]) -> str | None:
    groups = [m.group("cc"), *re.findall(r"\d+", m.group("rest"))]
    if sum(map(len, groups)) > 15:
        return None
    return "plus " + ", ".join(digits(g) for g in groups if g)


LOCAL = re.compile(r"(?<![\w.,+-])(?P<a>[2-9]\d\d)-(?P<b>\d{4})(?![\w-]|[.,]\d)")
"""'555-0123': a local number of three digits and four, as North America writes it."""


def _local(m: re.Match[str]) -> str | None:
    """Digits in two groups; a rising pair whose second ends in a zero ('800-1000') is read
    as the numbers it more likely is."""
    a, b = m.group("a"), m.group("b")
    if int(b) > int(a) and b.endswith("0") and not b.startswith("0"):
        return None
    return f"{digits(a)}, {digits(b)}"


def _national(m: re.Match[str]) -> str | None:
    groups = re.findall(r"\d+", m.group(0))
    return ", ".join(digits(g) for g in groups) if 10 <= sum(map(len, groups)) <= 11 else None


def _cued(m: re.Match[str]) -> str | None:
    """'Call 555-0142', 'Call us on 020 7946 0958', 'Text 07700 900123': digit by digit,
    group by group. Declined where the groups read better as something else: a count
    ('phone makers shipped 300 000 000'), a date, a year range, a small range ('100-200')."""
    written = m.group("number")
    groups = re.findall(r"\d+", written)
    lead = bool(m.group("plus")) or written.startswith(("0", "("))
    count = sum(len(g) for g in groups)
    if count < 6 and not lead:
        return None
    before = m.string[max(0, m.start() - 60) : m.start()]
    tail = before.rstrip()
    introduced = tail.endswith(":") or bool(_ON.search(tail[-8:]))
    if not _CUED_BEFORE.search(before) or _DATE_SHAPE.fullmatch(written):
        return None
    seps = set(re.findall(r"\d([ .-])\d", written))
    anchored = introduced or bool(_RIGHT_AFTER.search(before))
    counted = seps == {" "} and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    if counted and not (anchored or lead):
        return None
    small_range = seps == {"-"} and len(groups) == 2 and all(len(g) <= 3 for g in groups)
    if small_range and not lead and int(groups[0]) < int(groups[1]):
        return None
    return ("plus " if m.group("plus") else "") + ", ".join(digits(g) for g in groups)


CLASSES: list[SpanClass] = [
    SpanClass(
        "telephone",
        IP,
        _ip,
        needs(r"\d\.\d+\.\d+\.\d"),
        True,
    ),
    SpanClass("telephone", PHONE, _phone, needs(r"\d\d[-.)]"), True),
    SpanClass("telephone", INTERNATIONAL, _international, "+", True),
    SpanClass("telephone", LOCAL, _local, needs(r"\d{3}-\d{4}"), True),
    SpanClass("telephone", NATIONAL, _national, needs(r"(?<![\w.])\(?0\d{1,4}\)?\s\d"), True),
    SpanClass("telephone", CUED, _cued, needs(r"\d[ .(-]\d"), True),
]
