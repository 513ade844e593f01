"""Captions without their credits: a listener wants what the photo shows, not who took it.

A caption that is only a credit ('Photo: Name/Agency', 'Source: Supplied', 'Getty
Images') or only a name (a credit link's text) is dropped; one with prose keeps the
prose. Works on the caption's own shape, for every reader.
"""

from __future__ import annotations

import re

from narrator.clean import patterns as p
from narrator.clean.references import strip_marks

_LABEL = re.compile(
    r"^(photo(graph)?s?|images?|pictures?|pics?|credits?|sources?|illustrations?|video|footage|courtesy"
    r"|photo(graph)? (by|credit|courtesy)|image (by|credit|courtesy)|picture (by|credit)|illustration by)"
    r"\b\s*[:/-]?",
    re.IGNORECASE,
)
"""A part that opens with a credit label is the credit."""
_NAME_SLASH_AGENCY = re.compile(r"^[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}\s*/\s*[A-Z][\w .&'’-]*$")
"""'Jane Doe/AFP', 'John Smith / Reuters'."""
_PARTS = re.compile(
    r"(?<=[.!?])\s+|\s+[|•]\s+|\s*[(\[]([^()\[\]]*)[)\]]\s*$"
    r"|\s+(?=(?:Photo(?:graph)?|Image|Picture|Credit|Source)s?\s*:\s*\S)"
)
"""Where a caption's parts meet: sentence ends, bars, a closing bracket, and a credit
label inside it ('... on Thursday Credit: Name/Agency')."""
_BRACKETED_NAME = re.compile(r"\s*[(\[]\s*[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}\s*[)\]]\s*$")
"""A name in brackets at the end ('(Jane Doe)'): who took the photo."""
_MIN_WORDS = 3
"""A caption left with fewer words than this is a name or a label, not a description
(unless its shape says otherwise)."""


def caption_prose(text: str) -> str | None:
    """The caption's description without credits; None when nothing of it is prose.
    Citation marks go first: a closing '[12]' is not a bracketed credit to split off."""
    parts = [
        part for part in _PARTS.split(_BRACKETED_NAME.sub("", strip_marks(text))) if part and part.strip()
    ]
    kept = [part.strip() for part in parts if not _is_credit(part.strip())]
    prose = p.squash(" ".join(kept)).rstrip(" ,;:-–—|/")
    return prose if p.word_count(prose) >= _MIN_WORDS or _short_description(prose) else None


_CREDIT_WORDS = re.compile(
    r"\b(photo(graph)?s?|images?|pictures?|pics?|credits?|courtesy|file|handout|supplied|staff"
    r"|stock|archive|provided)\b",
    re.IGNORECASE,
)
"""Words of a credit's own vocabulary ('File photo', 'Supplied image', 'Handout picture')."""


def _short_description(text: str) -> bool:
    """Two words with a lower-case one after the first ('Tie knot.', 'Dried
    leaves'): a description; two capitalised words are a name or an agency, and two words
    of a credit's vocabulary ('Staff photo') are a credit."""
    words = p.words(text)
    return len(words) == 2 and words[1][:1].islower() and not _CREDIT_WORDS.search(text)


def _is_credit(part: str) -> bool:
    return bool(
        _LABEL.match(part)
        or _NAME_SLASH_AGENCY.match(part)
        or (p.word_count(part) <= 8 and p.CREDIT.search(part) and not p.SENTENCE_END.search(part))
    )
