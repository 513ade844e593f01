"""Abbreviations, initialisms, Roman numerals, symbols and house numbers."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, ordinal, year
from narrator.speakable.rules import Rule

TITLES = {
    "Gen": "General",
    "Lt. Gen": "Lieutenant General",
    "Maj. Gen": "Major General",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Dr": "Doctor",
    "Prof": "Professor",
    "Col": "Colonel",
    "Lt": "Lieutenant",
    "Maj": "Major",
    "Sgt": "Sergeant",
    "Capt": "Captain",
    "Cmdr": "Commander",
    "Adm": "Admiral",
    "Rev": "Reverend",
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Pres": "President",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
    "Amb": "Ambassador",
    "Mt": "Mount",
    "Ft": "Fort",
    "St": "Saint",
}
STREET = {
    "St": "Street",
    "Ave": "Avenue",
    "Rd": "Road",
    "Blvd": "Boulevard",
    "Ct": "Court",
    "Ln": "Lane",
    "Dr": "Drive",
    "Pl": "Place",
    "Hwy": "Highway",
    "Sq": "Square",
    "Pkwy": "Parkway",
}
ABBREVIATIONS = {
    "etc.": "et cetera",
    "e.g.": "for example",
    "i.e.": "that is",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "approximately",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "Inc.": "Incorporated",
    "Ltd.": "Limited",
    "Corp.": "Corporation",
    "Co.": "Company",
    "Dept.": "Department",
    "Univ.": "University",
    "No.": "number",
    "Nos.": "numbers",
}
ACRONYMS = {
    "NATO",
    "NASA",
    "UNESCO",
    "UNICEF",
    "OPEC",
    "FIFA",
    "UEFA",
    "NAFTA",
    "AIDS",
    "COVID",
    "OSHA",
    "FEMA",
    "ASEAN",
    "SWAT",
    "NORAD",
    "LASER",
    "RADAR",
    "SCUBA",
    "ISIS",
    "HAMAS",
    "OPEX",
    "CAPEX",
    "GIF",
    "JPEG",
    "NASDAQ",
    "SARS",
    "MERS",
    "DARPA",
    "INTERPOL",
    "EFTA",
    "CERN",
    "NEET",
    "PIN",
    "SIM",
    "ZIP",
}
"""Capitalised abbreviations said as words; every other one of two to five letters is spelled."""
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_REGNAL = r"II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI|XVII|XVIII|XIX|XX|XXI|XXII|XXIII"


def roman(text: str) -> int:
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _spell(m: re.Match[str]) -> str:
    word = m.group(0)
    if word in ACRONYMS:
        return word.capitalize()
    return " ".join(word)


def _dotted(m: re.Match[str]) -> str:
    letters = m.group(0).replace(".", "").replace(" ", "")
    return " ".join(letters.upper())


def _house_number(m: re.Match[str]) -> str:
    """'123 Laguna Ct' -> 'one twenty three Laguna Court'; '1428 Elm St.' -> 'fourteen twenty eight'."""
    n = m.group("n")
    if len(n) == 3:
        spoken = (
            f"{cardinal(int(n[0]))} {cardinal(int(n[1:])) if n[1] != '0' else 'oh ' + cardinal(int(n[2]))}"
        )
    elif len(n) == 4:
        spoken = year(int(n))
    else:
        spoken = cardinal(int(n))
    return f"{spoken} {m.group('street')} {STREET[m.group('kind')]}{m.group('end') or ''}"


_STREETS = "|".join(STREET)
EARLY_RULES: list[Rule] = [
    (re.compile(r"\[([^\]\n]{1,80})\]"), lambda m: m.group(1)),
    (
        re.compile(
            rf"\b(?P<n>\d{{2,4}})\s(?P<street>(?:[A-Z][a-z]+\s){{1,3}})(?P<kind>{_STREETS})\b(?P<end>\.)?"
        ),
        _house_number,
    ),
    (re.compile(r"\bNos?\.\s?(?=\d)"), lambda m: ABBREVIATIONS[m.group(0).strip()] + " "),
    (re.compile(r"#(?=\d)"), lambda m: "number "),
]
"""Rules that must see numbers before the number rules turn them into words."""
RULES: list[Rule] = [
    (re.compile(rf"(?<=[a-z] )(?P<kind>{_STREETS})\.?(?=\s*(?:,|\.|$))"), lambda m: STREET[m.group("kind")]),
    (re.compile(r"\b(Lt|Maj)\. Gen\.\s"), lambda m: TITLES[f"{m.group(1)}. Gen"] + " "),
    (re.compile(r"\b(?P<t>" + "|".join(TITLES) + r")\.\s(?=[A-Z])"), lambda m: TITLES[m.group("t")] + " "),
    (
        re.compile(r"(?<![\w.])(?:etc|e\.g|i\.e|vs|approx|Jr|Sr|Inc|Ltd|Corp|Co|Dept|Univ)\.(?!\w)|\bvs\b"),
        lambda m: ABBREVIATIONS.get(m.group(0), m.group(0)),
    ),
    (
        re.compile(
            rf"\b(World War|Super Bowl|Chapter|Part|Volume|Vol\.|Act|Phase|Title)\s+({_REGNAL}|I|V|X)\b"
        ),
        lambda m: f"{m.group(1)} {cardinal(roman(m.group(2))).title()}",
    ),
    (
        re.compile(rf"\b([A-Z][a-z]+)\s({_REGNAL}|V)\b(?!\.\w)"),
        lambda m: f"{m.group(1)} the {ordinal(roman(m.group(2))).title()}",
    ),
    (re.compile(r"\b(?:[A-Za-z]\.){2,}(?=\s|$|[,;:!?)\"”’])"), _dotted),
    (re.compile(r"\b([A-Z])\.\s(?=[A-Z][\w.])"), lambda m: m.group(1) + " "),
    (re.compile(r"\b[A-Z]{2,5}\b"), _spell),
    (re.compile(r"\s&\s"), lambda m: " and "),
    (re.compile(r"\s?@\s?"), lambda m: " at "),
    (re.compile(r"#(?=\w)|(?<=\w)#"), lambda m: " hash "),
    (re.compile(r"\s[—–]\s|—|\s-\s(?=\D)"), lambda m: ", "),
]
