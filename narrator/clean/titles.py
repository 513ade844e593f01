"""The article's title from what a page says about itself, without the site's name.

Sites append their name (and sometimes a section or the author) to a page's <title>
after a separator: "Headline | Site", "Headline - Section - Site", "Headline — Blog —
Medium", "Headline [Site]". The headline the page marks for machines (JSON-LD, then
OpenGraph) usually lacks that suffix, so it comes first, with only parts naming the
site trimmed (its own last words can be a subtitle), when it agrees with the <title>.
Then the <title>, trimmed; the extractor's guess (which can be a section label) last.
"""

from __future__ import annotations

import re

from narrator.clean import patterns as p

_SEPARATOR = re.compile(r"\s+(?:[|·•»✩~/]|::|[-–—]{1,2})\s+")
"""Separators between a headline and the site's name: always with spaces around, so a
hyphenated word or a time range is not split."""
_BRACKETED = re.compile(r"\s*[\[(]([^\[\]()]+)[\])]\s*$")
"""A last part in brackets: 'Headline [Site]', 'Headline (Site)'."""
_AGREEMENT = 0.5
"""Share of a marked headline's words the <title> must have for the two to agree."""
_CUT_LENGTH = 100
"""Headline fields are cut at about 110 characters (the limit search engines set): one of
100 or more may be a cut one."""
_MIN_WORDS = 3
"""A trimmed title shorter than this is a label ('Home', 'Blog'); keep the whole one."""


def trim_title(title: str, sites: tuple[str, ...] = (), site_only: bool = False) -> str:
    """'Headline | Site' -> 'Headline'; 'A - A - Site' -> 'A'; site and author suffixes go.

    Trailing parts that name the site (or, unless `site_only`, are no longer than a few
    words, once the rest is a headline) are dropped; a part repeated is kept once.
    """
    title = p.squash(title)
    site_words = {w.lower() for site in sites for w in p.words(site)}
    bracketed = _BRACKETED.search(title)
    if bracketed and bracketed.start() and _names_site(bracketed.group(1), site_words, sites):
        title = title[: bracketed.start()]
    parts = [part for part in _SEPARATOR.split(title) if part.strip()]
    seps = _SEPARATOR.findall(title)
    if len(parts) < 2:
        return title
    # A part that repeats an earlier one (and what follows it) is an echo.
    for i in range(1, len(parts)):
        if _key(parts[i]) == _key(parts[0]):
            parts, seps = parts[:i], seps[: i - 1]
            break
    while len(parts) > 1 and _names_site(parts[-1], site_words, sites):
        parts, seps = parts[:-1], seps[:-1]
    if not site_only and len(parts) == len(_SEPARATOR.split(title)) and len(parts) > 1:
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
    page_title: str | None, marked: tuple[str | None, ...], extracted: str | None, sites: tuple[str, ...]
) -> str:
    """The first marked headline (JSON-LD headline or name, OpenGraph title) that agrees
    with the page's <title>, trimmed of the site's name; else the trimmed <title>; else
    the extractor's guess; '' when the page has none.

    A marked headline sharing too few words with the <title> is something else: a
    description put in `headline`, a front page's share title on an article's page. But
    a marked headline, or the extractor's (the page's <h1>), that holds the whole trimmed
    <title> and goes on is the full headline the <title> was cut from."""
    short = trim_title(page_title, sites) if page_title else ""
    for candidate in marked:
        if candidate and (_agrees(candidate, page_title, sites) or _extends(candidate, short)):
            trimmed = trim_title(candidate, sites, site_only=True)
            if p.word_count(trimmed) >= 2 and not _cut_short(trimmed, page_title):
                return trimmed
    if extracted and _extends(trim_title(extracted, sites, site_only=True), short):
        return trim_title(extracted, sites, site_only=True)
    for candidate in (page_title, extracted):
        if candidate and p.word_count(candidate) >= 1:
            trimmed = trim_title(candidate, sites)
            if p.word_count(trimmed) >= 2 or candidate is extracted:
                return trimmed
    return ""


def _extends(candidate: str, short: str) -> bool:
    """The candidate's words hold all of `short`'s (two or more) in a row, and more."""
    words, part = [w.lower() for w in p.words(candidate)], [w.lower() for w in p.words(short)]
    n = len(part)
    return 2 <= n < len(words) and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _cut_short(candidate: str, page_title: str | None) -> bool:
    """The candidate is as long as headline fields are cut to and the <title> goes on
    where it stops: a headline truncated to fit (JSON-LD headlines often are)."""
    if not page_title or len(candidate) < _CUT_LENGTH:
        return False
    words, full = [w.lower() for w in p.words(candidate)], [w.lower() for w in p.words(page_title)]
    return len(full) > len(words) and full[: len(words)] == words


def _agrees(candidate: str, page_title: str | None, sites: tuple[str, ...]) -> bool:
    """At least half of the candidate's words are in the <title> (or there is none, or
    it only names the site)."""
    site_words = {w.lower() for site in sites for w in p.words(site)}
    if not page_title or _names_site(page_title, site_words, sites):
        return True
    words = [w.lower() for w in p.words(candidate)]
    have = {w.lower() for w in p.words(page_title)}
    return bool(words) and sum(w in have for w in words) >= _AGREEMENT * len(words)
