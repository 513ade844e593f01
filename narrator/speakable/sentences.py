"""Split text into sentences without breaking at abbreviations ("Gen. Milley", "U.S. officials")."""

from __future__ import annotations

import re

from narrator.speakable.tables import EN

ABBREVIATIONS = frozenset([*EN["unending"]["words"], *EN["month_abbreviations"]])
"""'vs', 'ca', 'Nov': words written with a full stop (in any case) that do not end a
sentence. The splitter reads the normaliser's tables but not its [abbreviations], which
only say how words sound: the [unending] table alone lists the abbreviations it keeps
whole, so an entry added for speech cannot change where sentences end."""
_BEFORE_DIGIT = frozenset(EN["unending"]["before_number"])
"""'al', 'etc', 'Inc': a full stop that ends a sentence before a capital, not before a
number ('et al. (2019)')."""
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
        following = text[match.end() : match.end() + 2]
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
    nor does 'No' before a digit, nor 'Fig' before a digit or a lone capital ('Fig. A,')
    (`following`: the next sentence's first two characters; `before`: the word before, for
    a lower-case 'no', which is mostly the word 'no')."""
    written = word.lstrip("\"“‘'([")
    word = written.lower()
    numbered = re.match(r"[(\[]?\d", following)
    listed = written.rstrip(".") in _AS_WRITTEN or written[:1].isupper() and word in BEFORE_NUMBER
    if listed and numbered:
        return not (word in _WORDS_TOO and written.islower() and not _NUMBER_BEFORE.search(before))
    if listed and word not in _WORDS_TOO and re.match(r"[A-Z](?!\w)", following):
        return True  # 'Fig. A', 'Apt. B': a label; 'said No. I left' is two sentences
    title = written in _TITLES or written.isupper() and written.capitalize() in _TITLES
    return (
        word in ABBREVIATIONS
        or bool(numbered)
        and word in _BEFORE_DIGIT
        or title
        or bool(re.fullmatch(r"([a-z]\.)*[a-z]", word))
    )
