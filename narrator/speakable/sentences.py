"""Split text into sentences without breaking at abbreviations ("Gen. Milley", "U.S. officials")."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st mt ft jr sr inc ltd co corp"
    " vs etc jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig vol".split()
)
_CANDIDATE = re.compile(r"[.!?…]+['\"”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences in order; every character of `text` but the spaces between them kept."""
    out: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        before = text[start : match.start()].rsplit(maxsplit=1)
        last = before[-1] if before else ""
        if match.group(0).startswith(".") and _is_abbreviation(last):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_abbreviation(word: str) -> bool:
    """'Gen', 'Nov' and single letters as in 'U.S' or 'J' (an initial) do not end sentences."""
    word = word.lstrip("\"“‘'([")
    return word.lower() in ABBREVIATIONS or bool(re.fullmatch(r"([A-Za-z]\.)*[A-Za-z]", word))
