"""French: numbers, dates, times, money, telephone numbers, percentages and units in French words
(num2words' 'fr'), so a French article is not read 'mardi five mai'. French writes
'3,5' for three and a half and '1 000' (a space, often a narrow one) for a thousand."""

from __future__ import annotations

import re
from datetime import datetime

from num2words import num2words

from narrator.speakable import numbers
from narrator.speakable.rules import DIGIT
from narrator.speakable.spans import SpanClass
from narrator.speakable.tables import load_table

FR = load_table("fr")
MONTHS: list[str] = FR["months"]
UNITS: dict[str, list[str]] = FR["units"]
CURRENCIES: dict[str, list[str]] = FR["currencies"]
SCALES: dict[str, str] = FR["scales"]
SYMBOLS: dict[str, str] = FR["symbols"]
PER: dict[str, str] = {**{u: said[0] for u, said in UNITS.items()}, **FR["per"]}
"""What a price is for after its slash, '€/mois' or '€/kg': a period, a head or a unit."""

_SPACE = "[  \u202f]"
_NUM = rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:\.\d{{3}})+(?!\d)(?:,\d+)?|\d+(?:,\d+)?"
_MONTH = "|".join(MONTHS)
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_PER = "|".join(re.escape(u) for u in sorted(PER, key=len, reverse=True))
_CUR = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_SCALE_WORDS = r"millions?|milliards?|mille"
_VOWELS = "aeiouyéèêàâîôû"


_CHIFFRES = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")


def digit_groups(text: str) -> str:
    """'1234567' -> 'un, deux trois quatre, cinq six sept' (see numbers.digit_groups)."""
    return numbers.digit_groups(text, _CHIFFRES)


def cardinal(n: int) -> str:
    return digit_groups(str(n)) if n >= 10**numbers.LONGEST else num2words(n, lang="fr")


def number(text: str) -> str:
    """'1 000' -> 'mille', '3,5' -> 'trois virgule cinq', '-2' -> 'moins deux'."""
    text = re.sub(_SPACE, "", text)
    sign = ""
    if text.startswith(("-", "−")):
        sign, text = "moins ", text[1:]
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text.split(",")[0]):
        text = text.replace(".", "")
    whole, _, fraction = text.partition(",")
    if len(whole) > numbers.LONGEST:  # past 4,300 digits int() refuses the string
        words = digit_groups(whole)
    else:
        words = cardinal(int(whole)) if whole else "zéro"
    if len(fraction) > numbers.LONGEST:
        words += " virgule " + digit_groups(fraction)
    elif fraction:
        lead = len(fraction) - len(fraction.lstrip("0"))
        words += " virgule " + " ".join(
            ["zéro"] * lead + ([cardinal(int(fraction))] if fraction.strip("0") else [])
        )
    return sign + words


def _day(n: int) -> str:
    return "premier" if n == 1 else cardinal(n)


def speak_date(when: datetime) -> str:
    return f"{_day(when.day)} {MONTHS[when.month - 1]} {cardinal(when.year)}"


def _date(m: re.Match[str]) -> str | None:
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    spoken = f"{_day(day)} {m.group('mon')}"
    return spoken + (f" {cardinal(int(m.group('year')))}" if m.group("year") else "")


def _numeric_date(m: re.Match[str]) -> str | None:
    day, month = int(m.group(1)), int(m.group(2))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{_day(day)} {MONTHS[month - 1]} {cardinal(int(m.group(3)))}"


def _time(m: re.Match[str]) -> str | None:
    h, mins = int(m.group("h")), int(m.group("m") or 0)
    if h > 24:
        return None
    spoken = f"{cardinal(h)} {'heure' if h == 1 else 'heures'}"
    return spoken + (f" {cardinal(mins)}" if mins else "")


def _of(words: str) -> str:
    """'de dollars', 'd'euros': French elides 'de' before a vowel."""
    return f"d'{words}" if words[:1] in _VOWELS else f"de {words}"


def _money(m: re.Match[str]) -> str:
    cur = m.group("cur") or m.group("cur2")
    per = f" par {PER[m.group('per')]}" if m.group("per") else ""
    return _amount(cur, m.group("amount") or m.group("amount2"), m.group("scale") or m.group("scale2")) + per


def _amount(cur: str, amount: str, scale: str | None) -> str:
    """'3,50 €' -> 'trois euros cinquante', '0,50 €' -> 'cinquante centimes', '3 M€' ->
    'trois millions d'euros'; a price to a fraction of a cent ('0,2516 €', as energy is
    priced) is a decimal number of euros: 'zéro virgule deux mille cinq cent seize euro'."""
    one, many, sub_one, sub_many = CURRENCIES[cur]
    if scale:
        scale = SCALES.get(scale, scale)
        if scale == "mille":
            return f"{number(amount)} mille {many}"
        return f"{number(amount)} {scale} {_of(many)}"
    whole_text, _, fraction = re.sub(_SPACE, "", amount).partition(",")
    whole = int(whole_text.replace(".", "") or 0)
    name = one if whole < 2 else many
    if len(fraction) > 2 and fraction[2:].strip("0"):
        return f"{number(amount)} {name}"
    cents = int((fraction + "00")[:2]) if fraction else 0
    if cents and not whole:
        return f"{cardinal(cents)} {sub_one if cents == 1 else sub_many}"
    if whole and whole % 10**6 == 0:  # 'un million', 'deux milliards': nouns, with 'de'
        return f"{cardinal(whole)} {_of(name)}"
    return f"{cardinal(whole)} {name}" + (f" {cardinal(cents)}" if cents else "")


_SEP = "[ \u00a0\u202f.-]"
PHONE = re.compile(rf"(?<![\w,.+-])0\d(?P<sep>{_SEP}?)\d\d(?:(?P=sep)\d\d){{3}}(?![\w-]|[.,]\d)")
"""A French number at home: ten digits from the trunk zero, in pairs apart by one kind of
separator or none ('01 23 45 67 89', '06.12.34.56.78')."""
INTERNATIONAL = re.compile(
    rf"(?<![\w+])\+(?P<cc>\d{{1,3}}){_SEP}?(?:\(0\)\s?)?(?P<rest>\d{{1,4}}(?:{_SEP}\d{{1,4}}){{1,5}})(?![\w-]|[.,]\d)"
)
"""'+33 1 23 45 67 89', '+33 (0)6 12 34 56 78', '+41 22 123 45 67': a leading plus, groups apart."""


def _phone_group(group: str) -> str:
    """A group as French speakers say it: a number, each leading zero said ('06': 'zéro
    six', '00': 'zéro zéro'); a group of four or more in pairs."""
    if len(group) > 3:
        return ", ".join(_phone_group(group[i : i + 2]) for i in range(0, len(group), 2))
    rest = group.lstrip("0")
    return " ".join(["zéro"] * (len(group) - len(rest)) + ([cardinal(int(rest))] if rest else []))


def _phone(m: re.Match[str]) -> str:
    """'01 23 45 67 89' -> 'zéro un, vingt-trois, quarante-cinq, soixante-sept,
    quatre-vingt-neuf': two by two, as the number is written and said."""
    run = re.sub(r"\D", "", m.group(0))
    return ", ".join(_phone_group(run[i : i + 2]) for i in range(0, 10, 2))


def _international(m: re.Match[str]) -> str | None:
    groups = re.findall(r"\d+", m.group("rest"))
    if not 8 <= len(m.group("cc")) + sum(map(len, groups)) <= 15:
        return None
    return "plus " + ", ".join(_phone_group(g) for g in [m.group("cc"), *groups])


def _quantity(m: re.Match[str]) -> str:
    amount = m.group("n")
    plural = abs(float(re.sub(_SPACE, "", amount).replace(".", "").replace(",", "."))) >= 2
    return f"{number(amount)} {UNITS[m.group('unit')][1 if plural else 0]}"


def _ordinal(m: re.Match[str]) -> str:
    n = int(m.group(1))
    if n == 1:
        return "première" if m.group(2).lower() in ("re", "ère") else "premier"
    return num2words(n, lang="fr", to="ordinal")


def _plain(m: re.Match[str]) -> str:
    return number(m.group(0))


def _symbol(m: re.Match[str]) -> str:
    return SYMBOLS[m.group(0)[0]]


_SYMBOL_CHARS = "".join(re.escape(s) for s in SYMBOLS if len(s) == 1)

CLASSES: tuple[SpanClass, ...] = (
    SpanClass("footnote", re.compile(r"\[\d{1,3}\]"), lambda m: ""),
    SpanClass("telephone", INTERNATIONAL, _international, "+", True),
    SpanClass("telephone", PHONE, _phone, DIGIT),
    SpanClass(
        "date",
        re.compile(
            rf"(?<![\w,.])(?P<day>\d{{1,2}})(?:er)?\s+(?P<mon>{_MONTH})(?:\s+(?P<year>\d{{4}}))?\b", re.I
        ),
        _date,
        DIGIT,
    ),
    SpanClass("date", re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])"), _numeric_date, DIGIT),
    SpanClass(
        "time",
        re.compile(r"(?<![\w,.])(?P<h>\d{1,2})\s?(?:h|:)\s?(?P<m>[0-5]\d)?(?![\w])"),
        _time,
        DIGIT,
    ),
    SpanClass(
        "money",
        re.compile(
            rf"(?<![\w,.])(?:(?P<amount>{_NUM})\s?(?P<scale>{_SCALE_WORDS}|Md|Mds|M|k)?\s?(?:d['’])?(?P<cur>{_CUR})"
            rf"|(?P<cur2>[$€£])\s?(?P<amount2>{_NUM})\s?(?P<scale2>{_SCALE_WORDS})?)"
            rf"(?:\s?/\s?(?P<per>{_PER})(?![\w°²]))?"
        ),
        _money,
        DIGIT,
    ),
    SpanClass(
        "measure",
        re.compile(rf"(?<![\w,.])(?P<n>-?(?:{_NUM}))\s?(?P<unit>{_UNIT})(?![\w°²])"),
        _quantity,
        DIGIT,
    ),
    SpanClass("ordinal", re.compile(r"(?<![\w,.])(\d+)(er|re|ère|e|ème|eme)\b"), _ordinal, DIGIT),
    SpanClass("cardinal", re.compile(rf"(?<![\w,.])-?(?:{_NUM})(?![\w])"), _plain, DIGIT),
    SpanClass("symbol", re.compile(f"[{_SYMBOL_CHARS}]"), _symbol),
)
