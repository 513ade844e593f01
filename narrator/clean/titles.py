"""The article's title from what a page says about itself, without the site's name.

A page's <title> is the most dependable statement of what the page is, but sites
append their name (and sometimes a section or the author) after a separator:
"Headline | Site", "Headline - Section - Site", "Headline — Blog — Medium". The
headline a page marks as such (JSON-LD, OpenGraph) is often a shorter or older
wording, and an extractor's guess can be a section label. So the <title>, trimmed,
comes first; the marked headline when there is no usable <title>.
"""

from __future__ import annotations

import re

from narrator.clean import patterns as p

_SEPARATOR = re.compile(r"\s+(?:[|·•»✩~/]|::|[-–—]{1,2})\s+")
"""Separators between a headline and the site's name: always with spaces around, so a
hyphenated word or a time range is not split."""
_MIN_WORDS = 3
"""A trimmed title shorter than this is a label ('Home', 'Blog'); keep the whole one."""


def trim_title(title: str, sites: tuple[str, ...] = ()) -> str:
    """'Headline | Site' -> 'Headline'; 'A - A - Site' -> 'A'; site and author suffixes go.

    Trailing parts that name the site (or are no longer than a few words, once the
    rest is a headline) are dropped; a part repeated is kept once.
    """
    title = p.squash(title)
    parts = [part for part in _SEPARATOR.split(title) if part.strip()]
    seps = _SEPARATOR.findall(title)
    if len(parts) < 2:
        return title
    site_words = {w.lower() for site in sites for w in p.words(site)}
    # A part that repeats an earlier one (and what follows it) is an echo.
    for i in range(1, len(parts)):
        if _key(parts[i]) == _key(parts[0]):
            parts, seps = parts[:i], seps[: i - 1]
            break
    while len(parts) > 1 and _names_site(parts[-1], site_words, sites):
        parts, seps = parts[:-1], seps[:-1]
    if len(parts) == len(_SEPARATOR.split(title)) and len(parts) > 1:
        # No part names the site: drop one short last part (a section, an author, an
        # unnamed site), as long as a headline is left.
        if p.word_count(parts[-1]) <= 4 and p.word_count(" ".join(parts[:-1])) >= _MIN_WORDS:
            parts, seps = parts[:-1], seps[:-1]
    return parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=False))


def _names_site(part: str, site_words: set[str], sites: tuple[str, ...]) -> bool:
    """Every word of `part` is in the site's name, or the part run together is in it
    ('Free Encyclopedia' in 'en.freeencyclopedia.org')."""
    if not sites:
        return False
    key = _key(part)
    return all(w.lower() in site_words for w in p.words(part)) or (
        len(key) >= 4 and any(key in _key(site) for site in sites)
    )


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def choose_title(
    page_title: str | None, marked: str | None, extracted: str | None, sites: tuple[str, ...]
) -> str:
    """The trimmed <title> when it reads as a headline, else the marked headline
    (JSON-LD / OpenGraph), else the extractor's guess; '' when the page has none."""
    for candidate in (page_title, marked, extracted):
        if candidate and p.word_count(candidate) >= 1:
            trimmed = trim_title(candidate, sites)
            if p.word_count(trimmed) >= 2 or candidate is extracted:
                return trimmed
    return ""
