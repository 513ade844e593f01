"""Split text into sentences without breaking at abbreviations ("Gen. Milley", "U.S. officials")."""

from __future__ import annotations

import re

from narrator.speakable.tables import EN

ABBREVIATIONS = frozenset(
    [a[:-1].lower() for a in EN["abbreviations"] if re.fullmatch(r"[A-Za-z]+\.", a)]
    + list(EN["month_abbreviations"])
)
"""'etc', 'Inc', 'Nov': the tables' words written with a full stop (in any case), which
does not end a sentence."""
BEFORE_NUMBER = frozenset(a.rstrip(".").lower() for a in EN["before_number"])
"""'No', 'p', 'Vol': abbreviations only where a number follows ('the No. 42 express')."""
_TITLES = frozenset(EN["titles"])
"""'Gen', 'Cllr', 'Det': a title's full stop does not end a sentence, written as the table
has it or in capitals ('GEN.'); in small letters it may be a word ('a sec.', 'one rep.')."""
_AS_WRITTEN = frozenset(a.rstrip(".") for a in EN["before_number"])
"""The same, in the case the table gives: a lower-case 'art.' is the word art."""
_WORDS_TOO = frozenset({"no", "nos"})
"""Abbreviations that are also words: in lower case, one only after _NUMBER_BEFORE."""
_NUMBER_BEFORE = re.compile(r"(?:\b(?:the|a|an)|,)$", re.IGNORECASE)
_CANDIDATE = re.compile(r"[.!?…]+['\"”’)\]»]*\s+(?=[\"“‘'(\[«¿¡]?(\w))|[。！？؟۔।]+[」』”’）]*\s*")
"""A sentence's end: a stop before a space and a word that is not in lower case (a capital
in any script, a digit, a letter of a script without case: Arabic, Devanagari, Han), or a
full-width or other script's stop ('。', '؟', '।'), which needs no space after it."""


def split_sentences(text: str) -> list[str]:
    """Sentences in order; every character of `text` but the spaces between them kept."""
    out: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if match.group(1) is not None and match.group(1).islower():
            continue
        before = text[start : match.start()].rsplit(maxsplit=1)
        last = before[-1] if before else ""
        earlier = before[0] if len(before) == 2 else ""
        following = text[match.end() : match.end() + 1]
        if match.group(0).startswith(".") and _is_abbreviation(last, following, earlier):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_abbreviation(word: str, following: str, before: str = "") -> bool:
    """'Gen', 'Nov' and single letters as in 'U.S' or 'J' (an initial) do not end sentences,
    nor does 'No' before a digit (`following`: the next sentence's first character;
    `before`: the word before, for a lower-case 'no', which is mostly the word 'no')."""
    written = word.lstrip("\"“‘'([")
    word = written.lower()
    listed = written.rstrip(".") in _AS_WRITTEN or written[:1].isupper() and word in BEFORE_NUMBER
    if listed and following.isdigit():
        return not (word in _WORDS_TOO and written.islower() and not _NUMBER_BEFORE.search(before))
    title = written in _TITLES or written.isupper() and written.capitalize() in _TITLES
    return word in ABBREVIATIONS or title or bool(re.fullmatch(r"([a-z]\.)*[a-z]", word))
