"""Money: '$1.5bn' -> 'one point five billion dollars', '$20.50' -> 'twenty dollars fifty
cents', 'C$45 million' -> 'forty five million Canadian dollars', '₹500' -> 'five hundred
rupees', '$5-10 million' -> 'five to ten million dollars'. Currencies and scales are the
tables' [currencies] and [scales]."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, number, ungrouped
from narrator.speakable.rules import GROUPED, SCALE_WORDS, as_adjective, needs
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import EN

CURRENCIES: dict[str, list[str]] = EN["currencies"]
SCALES: dict[str, str] = EN["scales"]
PER: dict[str, str] = {
    **{u: names[0] for u, names in EN["units"].items() if re.fullmatch(r"[A-Za-z]{2,}[23]?", u)},
    **EN["per"],
}
"""What an amount is per ('$20/mo', '$2.50/gal', '$90/MWh'): the table's [per], then any
unit in the singular."""

_CUR = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_CODES = "|".join(c for c in CURRENCIES if c.isalpha())
_NUM = rf"(?:{GROUPED})(?:\.\d+)?|\d+,\d\d(?![\d,])|\d+(?:\.\d+)?|\.\d+"
"""An amount: '1,500', '20 000', '19.99', '.99', or with a decimal comma as much of Europe
writes cents ('€3,50': two digits after a comma cannot be a thousands group)."""
_SCALE = rf"(?:\s?(?P<scale>{SCALE_WORDS}|bn|BN|mn|mln|tn)\b|(?P<letter>[kKmMbBT])(?![\w]))"
_PER = "|".join(sorted(PER, key=len, reverse=True))
_BARE = rf"(?P<cur>{_CUR})\s?(?P<amount>{_NUM})(?:{_SCALE})?"
_PER_TAIL = rf"(?:\s?(?:/|per\s)(?P<per>{_PER})\b)?"
_SIGNED = rf"(?P<cur>{_CUR})\s?(?P<sign>[-−])?(?P<amount>{_NUM})(?:{_SCALE})?" + _PER_TAIL
MONEY = re.compile(rf"(?<![\w$£€¥₹₩]){_SIGNED}")
"""An amount with its sign, a minus before the number or not ('$-5')."""
NEGATIVE = re.compile(rf"(?<![\w$£€¥₹₩-])[-−](?={_CUR}){_SIGNED}")
"""A minus before the sign ('-$5'): apart from MONEY, whose search can then skip straight
to a currency sign."""
_SECOND = rf"(?:(?P<b_cur>{_CUR})\s?)?(?P<b_amount>{_NUM})(?:{_SCALE.replace('?P<', '?P<b_')})?"
MONEY_RANGE = re.compile(rf"(?<![\w$£€¥₹₩]){_BARE}\s?(?:[-–—]|\sto\s)\s?{_SECOND}")
CURRENCY = re.compile(
    "|".join(re.escape(c) for c in sorted({c if c.isalpha() else c[-1] for c in CURRENCIES}))
)
CODE_AFTER = re.compile(rf"(?<![\w.])(?P<amount>{_NUM})(?:{_SCALE})?\s(?P<cur>{_CODES})\b")
_SIGNS = "".join(sorted({c for c in CURRENCIES if len(c) == 1 and not c.isalpha()}))
SIGN_AFTER = re.compile(
    rf"(?<![\w.,$£€¥₹₩])(?P<amount>{_NUM})(?:{_SCALE})?\s?(?P<cur>[{re.escape(_SIGNS)}])(?![\w$£€¥₹₩]|\s?\d)"
)
"""The sign after the amount, as much of Europe writes it ('50 €', '3,50 €', '1€')."""
_DENOMINATION = re.compile(rf"\s+(?:{'|'.join(EN['denominations']['words'])})\b")


def _describes(m: re.Match[str]) -> bool:
    """'a $10 bill', 'a £2m grant', '£5 notes': the amount names the kind of thing after it
    and is said in the singular ('a ten-dollar bill'), as a unit is ('a five-kilometer run').
    Without 'a' only a denomination's noun does, and only after an amount with no scale: no
    note is worth '$300 million', which is a sum ('$300 million bills': the bills cost it)."""
    if as_adjective(m):
        return True
    scaled = m.groupdict().get("scale") or m.groupdict().get("letter")
    return not scaled and bool(_DENOMINATION.match(m.string, m.end()))


def _scale(m: re.Match[str], prefix: str = "") -> str | None:
    word = m.group(prefix + "scale") or m.group(prefix + "letter")
    return SCALES.get(word) or SCALES.get(word.lower()) if word else None


def _point(amount: str) -> str:
    """'3,50' -> '3.50': a decimal comma as a point; thousands commas are kept."""
    return amount.replace(",", ".") if re.fullmatch(r"\d+,\d\d", amount) else amount


def speak_money(cur: str, amount: str, scale: str | None, per: str | None, describes: bool = False) -> str:
    """The amount and its currency's name; when the amount `describes` a noun, the names in
    the singular and the cents without theirs ('a two dollar fifty coffee')."""
    one, many, sub_one, sub_many = CURRENCIES[cur]
    amount = _point(amount)
    tail = f" per {PER[per]}" if per else ""
    if describes:
        many, sub_many = one, sub_one
    if scale:
        return f"{number(amount)} {scale} {many}{tail}"
    whole_text, _, fraction = ungrouped(amount).partition(".")
    whole = int(whole_text or 0)
    if len(fraction) > 2 and fraction[2:].strip("0"):
        return f"{number(amount, final_and=True)} {many}{tail}"
    cents = int((fraction + "00")[:2]) if fraction else 0
    parts = []
    if whole or not cents:
        parts.append(f"{cardinal(whole, final_and=True)} {one if whole == 1 else many}")
    if cents:
        cents_name = "" if describes and whole else f" {sub_one if cents == 1 else sub_many}"
        parts.append(cardinal(cents) + cents_name)
    return " ".join(parts) + tail


def _money(m: re.Match[str]) -> str:
    minus = "minus " if m.group(0)[0] in "-−" or m.group("sign") else ""
    describes = not minus and _describes(m)
    return minus + speak_money(m.group("cur"), m.group("amount"), _scale(m), m.group("per"), describes)


def _range(m: re.Match[str]) -> str | None:
    """'$5-10 million', '$1m to $2m'; before a noun after 'a' ('a $5-10 fee') the names in
    the singular."""
    first_scale, second_scale = _scale(m), _scale(m, "b_")
    second_cur = m.group("b_cur") or m.group("cur")
    if second_cur != m.group("cur"):
        return None
    describes = _describes(m)
    if second_scale and not first_scale:
        many = CURRENCIES[m.group("cur")][0 if describes else 1]
        return f"{number(m.group('amount'))} to {number(m.group('b_amount'))} {second_scale} {many}"
    if not m.group("b_cur") and not second_scale:
        return _bare_range(m, describes)
    first = speak_money(m.group("cur"), m.group("amount"), first_scale, None, describes)
    return f"{first} to {speak_money(second_cur, m.group('b_amount'), second_scale, None, describes)}"


def _bare_range(m: re.Match[str], describes: bool) -> str | None:
    """'$10-20' -> 'ten to twenty dollars': the sign once, before a rising pair of whole
    amounts; any other pair ('$5-3', '$1.50-2') is left to be read number by number."""
    first, second = _point(m.group("amount")), _point(m.group("b_amount"))
    if "." in first + second:
        return None
    low, high = int(ungrouped(first)), int(ungrouped(second))
    if low >= high:
        return None
    return f"{cardinal(low)} to {speak_money(m.group('cur'), second, None, None, describes)}"


def _amount_after(m: re.Match[str]) -> str:
    """An amount with its currency after it ('3,50 €', '500 EUR')."""
    return speak_money(m.group("cur"), m.group("amount"), _scale(m), None, _describes(m))


def _pence(m: re.Match[str]) -> str:
    """'25p' -> 'twenty five pence', '1p' -> 'one penny': British coins and prices under a
    pound. Two digits at most: '720p' and '1080p' are screen heights."""
    amount = m.group("amount")
    _, _, one, many = CURRENCIES["£"]
    return f"{number(amount)} {one if amount == '1' else many}"


def _cents(m: re.Match[str]) -> str:
    """'50¢' -> 'fifty cents': the cent sign after the amount."""
    amount = m.group("amount")
    return f"{number(amount)} {'cent' if amount == '1' else 'cents'}"


CLASSES: list[SpanClass] = [
    SpanClass("money", MONEY_RANGE, _range, CURRENCY, True),
    SpanClass("money", MONEY, _money, CURRENCY, True),
    SpanClass("money", NEGATIVE, _money, needs(rf"[-−](?:{_CUR})"), True),
    SpanClass(
        "money",
        SIGN_AFTER,
        _amount_after,
        needs(rf"\d\s?[{re.escape(_SIGNS)}]"),
        digit=True,
    ),
    SpanClass(
        "money",
        CODE_AFTER,
        _amount_after,
        needs(rf"\b(?:{_CODES})\b"),
        digit=True,
    ),
    SpanClass("money", re.compile(r"(?<![\w.])(?P<amount>\d+(?:\.\d+)?)\s?¢"), _cents, "¢", True),
    SpanClass(
        "money",
        re.compile(r"(?<![\w.,£$€-])(?P<amount>\d{1,2}(?:\.\d)?)p(?![\w'’])"),
        _pence,
        needs(r"\dp\b"),
        digit=True,
    ),
]
