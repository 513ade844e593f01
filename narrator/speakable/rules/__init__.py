"""Span classes of the English normaliser, one module per kind of written form.

Each module exports lists of SpanClass (CLASSES, and where a module's classes rank apart,
named lists such as ORDINALS or FOOTNOTES); narrator.speakable.normalise orders them from
the most specific to the least. Every class searches the original sentence; french.py
holds the French classes.
"""

from __future__ import annotations

import re

from narrator.speakable.tables import EN

DIGIT = re.compile(r"\d")
"""Trigger of the number classes: a sentence without a digit skips them."""


COMMAS = r"\d{1,3}(?:,\d{3})+"
"""A whole number with thousands commas ('20,000')."""
_SEP = "[ \u00a0\u202f\u2009]"
SPACES = (
    rf"(?<![/:.,\d])(?<!\d-)(?<!\d{_SEP})"
    rf"(?:[1-9]\d?(?:{_SEP}\d{{3}})+|[1-9]\d\d(?=(?:{_SEP}\d{{3}})*?{_SEP}\d00(?!\d))(?:{_SEP}\d{{3}})+)"
    rf"(?![\d/⁄:]|{_SEP}\d)"
)
"""A whole number grouped in thousands with spaces, as SI and several Englishes write it
('20 000', '3 500 000', a no-break or thin space alike). Taken only whole (more digits
after its last group make a list or a telephone number, a slash a mixed fraction), only
from the start of a token ('1/2 100' is a fraction and a number, not '2 100') and never
from inside a run of groups (which would try every group: quadratic on a long run). A
first group of three digits makes a number only with a round group after it ('150 000',
'250 500'): 'rooms 101 102 103' and '123 456 789' are lists; a leading zero ('004 500')
is a code."""
GROUPED = f"{COMMAS}|{SPACES}"
SPACED = re.compile(rf"\d{_SEP}\d{{3}}(?!\d)")
"""Trigger of the space-grouped numbers: most sentences have none, so the classes that try
every number do not look for them."""


SCALE_WORDS = "|".join(sorted((w for w, said in EN["scales"].items() if w == said), key=len, reverse=True))
"""Scales written as words: 'million', and in India 'lakh' and 'crore'."""


def needs(pattern: str) -> re.Pattern[str]:
    """A class's trigger (see SpanClass.trigger)."""
    return re.compile(pattern)


_ARTICLE_BEFORE = re.compile(r"\b(?:an?|An?)\s+$")
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|to|of|in|on|at|for|from|with|per|each|apiece|than|by|off|is|was|the|an?)\b)[A-Za-z]"
)
"""After the quantity, a word that may be the noun it describes: not a preposition, a
conjunction or a verb that makes the quantity the noun itself ('a 10 km in the rain')."""


def as_adjective(m: re.Match[str]) -> bool:
    """'a 5 km run', 'an 8 GB card', 'a $10 bill': after 'a' or 'an' and before a noun the
    quantity describes the noun, and its unit is said in the singular, as when hyphenated
    ('a five-kilometer run', 'a ten-dollar bill')."""
    before = m.string[max(0, m.start() - 4) : m.start()]
    return bool(_ARTICLE_BEFORE.search(before) and _NOUN_AFTER.match(m.string, m.end()))
