"""Where a page's text dump prints the article's byline, and the names on it.

The byline stands near the headline: a line saying 'By ...', or a line of names beside
what pages print with an author (a date, a reading time, a role, a handle). A lone name
elsewhere may be a menu entry or another story's author, so it needs that company.
"""

from __future__ import annotations

import re

from narrator.clean import patterns as p
from narrator.clean.dumplines import Line
from narrator.clean.structure import parse_byline

BYLINE_REACH = 4
"""Lines into the body where the byline may stand."""
_BYLINE_PAST = 12
"""Lines past a standfirst where the byline may stand, before the body's second paragraph
(the lead photo, its caption and credit come between)."""
_BYLINE_ABOVE = 12
"""Lines above the headline where the byline may stand (a page's header can put the
author, with a date or reading time, above a cover picture and the headline)."""
ROLE_LINE = re.compile(
    r"^[\w ]{0,30}\b(editor|writer|reporter|correspondent|contributor|columnist|staff)\b", re.I
)
"""A role under a name ('Games Editor', 'eHow Contributor')."""
POSTED_BY = re.compile(r"\bby\s+(.+)$", re.IGNORECASE)
_AGO = re.compile(
    r"\s*[•·|/,-]?\s*\b(\d+\s*(s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?)(\s+ago)?|yesterday|today)$",
    re.IGNORECASE,
)
"""How long ago a post was made, after its author's name ('Ann Lee • 8h', '... 1 day ago')."""
_HANDLE_TOKEN = re.compile(r"(?<!\S)@\w+")
_HANDLE_LINE = re.compile(r"^@\w+$")
NAME_AND = re.compile(r"\s*,\s*|\s+[-–—|•·/]\s+")
"""Where a name ends and what is said of its author begins ('Ann Lee, Staff Writer')."""
_NAME_JOINS = re.compile(r"\s*(?:,|&|\band\b)\s*")
"""What stands between names on a line of names: 'and', a comma, an ampersand."""
_CAPS_WORD = re.compile(r"[A-Z][A-Z&.]+")
"""A word of an outlet printed in capitals after the names ('... HARBOUR NEWS')."""


def byline_index(lines: list[Line], title_at: int, body_start: int) -> int | None:
    """The byline near the head of the article: from a few lines above the headline to
    a few lines into the body, or up to its second paragraph (after a standfirst and its
    photo). A line that says 'by' is taken before a lone name (a lone name may be a
    menu's 'Newer Article'); the nearest to the headline of each kind."""
    second = next(  # a standfirst and its photo may stand between the headline and the byline
        (
            i
            for i in range(body_start + 1, body_start + _BYLINE_PAST)
            if i < len(lines) and p.is_paragraph(lines[i].text)
        ),
        body_start,
    )
    window = range(max(0, title_at - _BYLINE_ABOVE), min(len(lines), max(body_start + BYLINE_REACH, second)))
    found = [i for i in window if byline_names(lines, i)]
    return min(found, key=lambda i: (not _says_by(lines[i].text), abs(i - title_at))) if found else None


def _says_by(text: str) -> bool:
    """'By Ann Lee', 'on March 10, 2015 by Ann Lee'."""
    text = text.lstrip("/|•·-–— ")
    return bool(p.BYLINE.match(text) or (p.is_dateline(text) and POSTED_BY.search(text)))


def byline_names(lines: list[Line], i: int) -> tuple[str, ...]:
    """The people a line names as the authors: 'By ...' (after any leading symbols), a
    date line ending 'by ...', a name with how long ago it was posted ('Ann Lee 1 day
    ago', 'Ann Lee @annlee / 2 days'), a name with a date or role after a comma or dash
    ('Ann Lee, Sports Writer', 'Ann Lee - Nov 19, 2019'), or a line that is only a
    name, just above a date, a reading time, a role or a handle."""
    text = lines[i].text.lstrip("/|•·-–— ")
    if byline := p.BYLINE.match(text):
        return parse_byline(byline.group("names"))
    if p.is_dateline(text) and (posted_by := POSTED_BY.search(text)):
        return parse_byline(posted_by.group(1))
    text = p.squash(_HANDLE_TOKEN.sub("", text))
    ago = _AGO.search(text)
    if ago:
        text = text[: ago.start()].rstrip(" •·|/-–—,")
    said = False  # the line itself says what follows the name: a date, a role, a reading time
    if len(parts := NAME_AND.split(text, maxsplit=1)) == 2 and _tells_of_author(parts[1]):
        text, said = parts[0], True
    names = parse_byline(text)
    if not names or ":" in text or not _only_names(text, names):
        return ()
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    if ago or said or _tells_of_author(nxt) or _HANDLE_LINE.match(nxt):
        return names
    return ()


def _only_names(text: str, names: tuple[str, ...]) -> bool:
    """The line is the names and nothing else, in their order ('Ann Lee and Bo Li'),
    maybe with an outlet in capitals after them."""
    named = " ".join(names).lower().split()
    words = _NAME_JOINS.sub(" ", text).split()
    rest = words[len(named) :]
    return [w.lower() for w in words[: len(named)]] == named and all(_CAPS_WORD.fullmatch(w) for w in rest)


def _tells_of_author(text: str) -> bool:
    """A date, a reading time or a role: what pages print beside an author's name."""
    return bool(p.is_dateline(text) or p.READ_TIME.match(text) or ROLE_LINE.match(text))
