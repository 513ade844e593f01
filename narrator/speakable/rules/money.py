"""Money: '$1.5bn' -> 'one point five billion dollars', '$20.50' -> 'twenty dollars fifty cents'."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, number
from narrator.speakable.rules import Rule

_CURRENCY = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "sen", "sen"),
}
_SCALE = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "million": "million",
    "bn": "billion",
    "b": "billion",
    "billion": "billion",
    "tn": "trillion",
    "trillion": "trillion",
}
_PER = {
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "hr": "hour",
    "hour": "hour",
    "day": "day",
    "wk": "week",
    "week": "week",
    "h": "hour",
    "min": "minute",
}

AMOUNT = (
    r"(?P<cur>[$£€¥])\s?(?P<amount>\d[\d,]*(?:\.\d+)?|\.\d+)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    r"(?:/(?P<per>mo|month|yr|year|hr|hour|day|wk|week|h|min)\b)?"
)
MONEY = re.compile(AMOUNT)
MONEY_RANGE = re.compile(AMOUNT + r"\s?[-–—]\s?" + AMOUNT.replace("?P<", "?P<b_"))


def speak_money(cur: str, amount: str, scale: str | None, per: str | None) -> str:
    one, many, sub_one, sub_many = _CURRENCY[cur]
    tail = f" per {_PER[per]}" if per else ""
    if scale:
        return f"{number(amount)} {_SCALE[scale.lower()]} {many}{tail}"
    whole_text, _, fraction = amount.replace(",", "").partition(".")
    whole = int(whole_text or 0)
    if len(fraction) > 2 and fraction[2:].strip("0"):
        return f"{number(amount, final_and=True)} {many}{tail}"
    cents = int((fraction + "00")[:2]) if fraction else 0
    parts = []
    if whole or not cents:
        parts.append(f"{cardinal(whole, final_and=True)} {one if whole == 1 else many}")
    if cents:
        parts.append(f"{cardinal(cents)} {sub_one if cents == 1 else sub_many}")
    return " ".join(parts) + tail


def _money(m: re.Match[str], prefix: str = "") -> str:
    g = lambda name: m.group(prefix + name)  # noqa: E731
    return speak_money(g("cur"), g("amount"), g("scale"), g("per"))


RULES: list[Rule] = [
    (MONEY_RANGE, lambda m: f"{_money(m)} to {_money(m, 'b_')}"),
    (MONEY, _money),
]
