"""Reader for text copied from a web page (select all, copy).

A dump has no markup, so the article is found by line shape: the body is the densest
run of sentence-like lines; the title is the headline-like line above it that shares
its vocabulary; photo credits mark the captions beside them; copyright lines and
author bios mark the end. Nothing here knows any particular site.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import datetime

from narrator.clean import patterns as p
from narrator.clean.bodyspan import BODY_LINE_WORDS, BULLET, body_span, next_paragraph
from narrator.clean.dates import parse_dateline
from narrator.clean.dumpbyline import BYLINE_REACH, NAME_AND, POSTED_BY, ROLE_LINE, byline_index, byline_names
from narrator.clean.dumplines import (
    Line,
    bios,
    caption_lines,
    caption_text,
    comment_thread_start,
    contents_lines,
    credit_lines,
    link_blocks,
    list_items,
    repeated_short_lines,
    slideshow_lines,
    split_lines,
)
from narrator.clean.language import detect_language
from narrator.clean.references import REFERENCE_HEADING, strip_marks
from narrator.clean.structure import ArticleBuilder, first_words, parse_byline, parse_publisher
from narrator.clean.tables import held_places, row_sentence
from narrator.document import Article

_HEAD_LOOKBACK = 40
"""How many lines above the body the title may stand (menus and widgets sit between)."""
_HEAD_WALK = 15
"""How far above the first long paragraph the body may begin (short lines, lists)."""
_TITLE_OVERLAP = 0.25
"""Share of a headline's longer words found in the body; site names and menus share few."""
_BULLET_MARK = re.compile(r"^[-+*•–]\s+(?=\w)")
_HEAD_PARAGRAPHS = 2
"""Paragraphs of the body a headline may stand after (a notice, a standfirst)."""
_FEW_WORDS = 3
"""A line with fewer content words than this shares at most their part of this many
('U.S. News' sharing 'news' is not a headline that shares all its words)."""
_LABEL_REPEATS = 3
"""A line the body prints this often is a label or a caption, not the headline."""
_HEAD_BONUS = 0.5
"""Weight of each sign of a headline beside its share of the body's words."""
_STANDFIRST_WORDS = 12
"""Fewest words of a standfirst (a headline's summary sentence) under a shorter headline."""
_HEADLINE_WORDS = 5
"""Fewest words of a headline over its standfirst; a kicker over a headline has fewer."""
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
"""A headline may end in an abbreviation ('... Underneath N.Y.C.'), not in a full stop."""
_NOT_A_HEADLINE = re.compile(
    r"(…|\.\.\.|\.[\"”’']|\b\d+ of \d+)$|^(photo(graph)?s?|images?|pictures?|video|credits?)\b\s*(:|\d)",
    re.IGNORECASE,
)
"""A teaser cut off with an ellipsis, a quoted sentence, a gallery counter, a caption's
label: none is the article's headline."""
_UPDATED = re.compile(r"^(last )?(updated|modified)\b", re.IGNORECASE)
"""A 'last updated' date: the article's date only when no publication date is printed."""
_HEADING_WORDS = 3
"""Fewest words of a repeated line still read as a section heading ('Share', 'Top' are labels)."""
_FILE_NAME = re.compile(r"\S\.(jpe?g|png|gif|webp|svg|pdf|html?|php)\b|https?://|www\.", re.IGNORECASE)
_GLUED = re.compile(r"[a-z]{4}[A-Z][a-z]{2}")
"""Two menu entries run together by the dump ('Skip to contentSkip to site index')."""


def read(text: str, source: str, language: str | None = None) -> Article:
    """Find the article in a page's text dump."""
    lines = split_lines(text)
    credits = credit_lines(lines)
    captions = caption_lines(lines, credits)
    bio_lines, bio_names = bios(lines)
    gallery = slideshow_lines(lines)
    contents = contents_lines(lines)
    links = link_blocks(lines)
    dropped = credits | bio_lines | links | gallery | contents
    furniture = credits | bio_lines | contents
    """Never a headline; a link list's lines may be (a menu runs into the headline)."""
    items = list_items(lines, 0, len(lines), dropped | captions)
    body_start, body_end, widget = body_span(lines, dropped, captions, gallery, links - furniture)
    dropped |= widget
    body_end = min(body_end, comment_thread_start(lines, body_start) or body_end)
    body_start = _after_head_matter(lines, body_start, dropped | captions, items)
    title_at, standfirst_at = _title_index(lines, body_start, body_end, furniture, captions)
    if title_at is None:  # never refuse prose: a heading-like line of the body, else its first words
        title = _fallback_title(lines, body_start, body_end, dropped)
        printed_title = None  # the stand-in is still read where it stands
        title_at = next(  # read from the nearest heading-like line above the body
            (
                i
                for i in range(body_start - 1, max(-1, body_start - _HEAD_LOOKBACK), -1)
                if i not in dropped and _headline_shaped(lines[i].text) and p.word_count(lines[i].text) >= 3
            ),
            body_start - 1,
        )
    else:
        title = printed_title = lines[title_at].text
    if title_at >= body_start:
        body_start = next_paragraph(lines, title_at + 1, body_end, captions)
    builder = ArticleBuilder(title=title, source=source)
    byline_at = byline_index(lines, title_at, body_start)
    if byline_at is not None:
        builder.note_byline(byline_names(lines, byline_at))
    repeated = repeated_short_lines(lines)
    head_end = _head_end(lines, body_start, body_end, captions)
    pending: list[str] = []
    updated: datetime | None = None
    language = language or detect_language(" ".join(line.text for line in lines[body_start:body_end]))

    for i in range(title_at + 1, body_end):
        line = _BULLET_MARK.sub("", lines[i].text)
        if pending and (i not in items or lines[i].blank_before or lines[i].cells):
            builder.add_paragraph(" ".join(pending))
            pending = []
        if i > body_start and _is_end(line):
            break
        if i == byline_at:  # 'Ann Lee - Nov 19, 2019', 'on March 2, 2024 by Ann Lee': its date
            parts = [line, *NAME_AND.split(line, maxsplit=1)[1:]]
            for part in (part for part in parts if p.is_dateline(part) and not _UPDATED.match(part)):
                builder.note_date(parse_dateline(part))
        if i in credits and i < body_start and p.is_dateline(line) and not _UPDATED.match(line):
            builder.note_date(parse_dateline(line))  # 'Wire Agency November 3, 2024': the story's stamp
        if i in dropped or line == printed_title or i == byline_at:
            continue
        if (
            line in repeated
            and not (i < head_end and p.is_dateline(line))
            and not _section_heading(lines, i, body_start, credits)
        ):
            continue  # a label; but a date the head prints twice, or a section's heading, is read
        if i in captions:
            builder.add_caption(caption_text(line))
        elif i == standfirst_at:
            builder.add_paragraph(_spoken(lines[i], line, language))
        elif p.is_dateline(line):
            if _UPDATED.match(line):
                updated = updated or parse_dateline(line)
            elif i < head_end or p.DATE_PREFIX.match(line):
                builder.note_date(parse_dateline(line))  # deeper in, a date is the story's own
            if i < body_start and (posted_by := POSTED_BY.search(line)):
                builder.note_byline(parse_byline(posted_by.group(1)))
        elif (byline := p.BYLINE.match(line)) and i < body_start:
            builder.note_byline(parse_byline(byline.group("names")))
        elif p.is_noise(line):
            continue
        elif i in items and i >= body_start and lines[i].cells:
            builder.add_paragraph(_spoken(lines[i], line, language))  # a table's row: a sentence of its own
        elif i in items and i >= body_start:
            pending.append(_spoken(lines[i], line, language))
        elif i >= body_start and (_is_heading(lines, i, credits) or _is_reference_heading(line)):
            builder.add_heading(line, level=2)
        elif p.is_sentence(line) or (i >= body_start and _is_body_line(line)):
            builder.add_paragraph(_spoken(lines[i], line, language) if lines[i].cells else line)
    if pending:
        builder.add_paragraph(" ".join(pending))
    for k in (byline_at + 1 if byline_at is not None else -1, title_at - 1):  # 'Ann Lee' over
        if 0 <= k < len(lines) and p.is_dateline(lines[k].text) and not _UPDATED.match(lines[k].text):
            builder.note_date(parse_dateline(lines[k].text))  # its date, or a date over the headline
    builder.note_date(updated)  # a 'last updated' date only when no publication date was printed

    if not builder.byline:
        builder.note_byline(bio_names)
    builder.note_publisher(_publisher(lines, title_at))
    builder.language = language
    return builder.build()


def _head_end(lines: list[Line], body_start: int, body_end: int, captions: set[int]) -> int:
    """Where the article's head matter (standfirst, lead photo, byline, date) has surely
    ended: at its third paragraph. A bare date after that is one the story mentions or a
    reference list's 'Retrieved 4 May 2011', not the publication date."""
    span = range(body_start, body_end)
    paragraphs = (i for i in span if p.is_paragraph(lines[i].text) and i not in captions)
    return next(itertools.islice(paragraphs, _HEAD_PARAGRAPHS, None), body_end)


def _title_index(
    lines: list[Line], body_start: int, body_end: int, dropped: set[int], captions: set[int]
) -> tuple[int | None, int | None]:
    """The headline: of the headline-shaped lines from a few dozen above the body to
    just inside it, the one that best shares the body's words (menus and widget labels
    share few), helped by what surrounds a headline on any page: a byline, date or
    reading time next to it, the same line printed twice (the page's title and its
    heading), nearness to the body, standing above the body rather than after its first
    paragraph. A long line right under another that may be the headline is its
    standfirst, which shares more of the body's words only because it has more of them
    and says them plainly. Returns the headline's index and that standfirst's (read as
    the article's first paragraph even without a full stop); None for either not there."""
    scores = _headline_scores(lines, body_start, body_end, dropped, captions)
    if not scores:
        return None, None
    best = max(scores, key=lambda i: (scores[i], -i))
    above = best - 1
    if above in scores and _standfirst(lines, above, best):
        return above, best
    return best, None


def _standfirst(lines: list[Line], headline: int, i: int) -> bool:
    """Line i reads as the standfirst under the headline: longer, of a sentence's length,
    under a line of a headline's length (a kicker of a few words over a long headline
    has the same shape) that names what it sums up. A standfirst retells its headline's
    story and so repeats a word of it; a section's label over a long headline ('Climate
    news from Europe') names a whole field and shares none of the story's words."""
    words, over = p.word_count(lines[i].text), p.word_count(lines[headline].text)
    if not (words >= _STANDFIRST_WORDS and over >= _HEADLINE_WORDS and words > over):
        return False
    return bool(set(p.content_words(lines[headline].text)) & set(p.content_words(lines[i].text)))


def _headline_scores(
    lines: list[Line], body_start: int, body_end: int, dropped: set[int], captions: set[int]
) -> dict[int, float]:
    """Each line that may be the headline, and how well it fits (above zero)."""
    vocab = Counter(w for line in lines[body_start:body_end] for w in p.content_words(line.text))
    printed = Counter(line.text.lower() for k, line in enumerate(lines) if k not in dropped)
    head = [
        line.text.lower() for line in lines[max(0, body_start - _HEAD_LOOKBACK) : body_start + _HEAD_WALK]
    ]
    scores: dict[int, float] = {}
    paragraphs = 0
    for i in range(max(0, body_start - _HEAD_LOOKBACK), min(body_end, body_start + _HEAD_WALK)):
        text = lines[i].text
        if i >= body_start and p.is_paragraph(text):
            paragraphs += 1
            if paragraphs > _HEAD_PARAGRAPHS:  # past the standfirst: headings here are sections'
                break
        if i in dropped or p.word_count(text) < 3 or not _headline_shaped(text):
            continue
        head_matter = _beside_head_matter(lines, i)
        if i in captions and not head_matter:  # a headline over a byline with an agency looks
            continue  # like a caption over its credit; a byline or date beside it tells them apart
        if ROLE_LINE.match(text) or parse_byline(text) == (text,) or _NOT_A_HEADLINE.search(text):
            continue
        content = p.content_words(text)
        if not content:
            continue
        if sum(lines[k].text == text for k in range(body_start, body_end)) >= _LABEL_REPEATS:
            continue  # printed again and again in the body: a label, a caption
        own = int(body_start <= i < body_end)  # its own words are not the body's evidence
        shared = sum(vocab[w] > own * content.count(w) for w in content) / max(len(content), _FEW_WORDS)
        if shared < _TITLE_OVERLAP and not (head_matter and 0 < body_start - i <= BYLINE_REACH):
            continue  # shares too little, and is not the line over the byline and date
        score = (
            shared
            + _HEAD_BONUS
            * (_printed_twice(text.lower(), printed, head) and not _in_menu_printed_twice(lines, i, printed))
            + _HEAD_BONUS * head_matter
            - _HEAD_BONUS * (i in captions)
            - _HEAD_BONUS * abs(i - body_start) / _HEAD_LOOKBACK
            - _HEAD_BONUS * (i > body_start)
        )
        if score > 0:
            scores[i] = score
    return scores


def _printed_twice(text: str, printed: Counter[str], head: list[str]) -> bool:
    """The page prints the line again, in any case, or at the end of a breadcrumb
    ('Home Recipes Plum Chutney' over 'PLUM CHUTNEY'): a headline and its title."""
    return printed[text] >= 2 or any(other.endswith(" " + text) for other in head)


def _in_menu_printed_twice(lines: list[Line], i: int, printed: Counter[str]) -> bool:
    """The lines on both sides of line i are printed again too: line i is an entry of a
    menu the page prints twice (in its header and its footer), not a headline printed
    as the page's title and again as its heading."""
    around = [lines[k].text.lower() for k in (i - 1, i + 1) if 0 <= k < len(lines)]
    return all(printed[text] >= 2 for text in around)


def _beside_head_matter(lines: list[Line], i: int) -> bool:
    """A byline, date or reading time within a few lines of line i."""
    for k in range(max(0, i - 2), min(len(lines), i + BYLINE_REACH + 1)):
        text = lines[k].text
        if k != i and (p.is_dateline(text) or p.BYLINE.match(text) or p.READ_TIME.match(text)):
            return True
    return False


def _fallback_title(lines: list[Line], start: int, end: int, dropped: set[int]) -> str:
    """A heading-like line where the body begins (the line right above its first
    paragraph, or one inside it before any prose), else the first words of its first line."""
    above = start - 1
    if above >= 0 and above not in dropped and _headline_shaped(lines[above].text):
        return lines[above].text
    for i in range(start, min(end, start + _HEAD_WALK)):
        if _headline_shaped(lines[i].text) and not p.is_sentence(lines[i].text):
            return lines[i].text
        if p.is_paragraph(lines[i].text):  # a heading-like line after prose is a section's
            break
    return first_words(lines[start].text)


def _headline_shaped(text: str) -> bool:
    n = p.word_count(text)
    return (
        2 <= n <= 30
        and not p.is_noise(text)
        and not p.is_dateline(text)
        and not p.BYLINE.match(text)
        and (not text.endswith((".", ",", ";", ":")) or bool(_ABBREVIATION_END.search(text)))
        and (text[0].isalnum() or text[0] in "'\"‘“¿¡")
        and not text.endswith(("→", "»", "›"))
        and not _FILE_NAME.search(text)
        and not _GLUED.search(text)
    )


def _spoken(line: Line, text: str, language: str) -> str:
    """A list item, a standfirst or a table's row as a sentence: a row's cells read in
    turn, an empty one heard in its place (a dump's table has no header to name them)."""
    if line.cells:
        return row_sentence(held_places(list(line.cells), language))
    return p.as_sentence(text)


def _is_heading(lines: list[Line], i: int, credits: set[int]) -> bool:
    """A short unpunctuated line standing alone, followed by body text."""
    line = lines[i]
    n = p.word_count(line.text)
    if not 1 <= n <= 15 or p.TERMINAL.search(line.text) or line.text.endswith(","):
        return False
    if not (line.text[0].isupper() or line.text[0].isdigit()):
        return False
    nxt = i + 1
    while nxt < len(lines) and nxt in credits:
        nxt += 1
    return nxt < len(lines) and p.is_sentence(lines[nxt].text) and p.word_count(lines[nxt].text) > n


def _section_heading(lines: list[Line], i: int, body_start: int, credits: set[int]) -> bool:
    """A heading of a few words inside the body, over its section's prose: read even when
    the page prints it twice (a summary list names the sections, or two sections share a
    name), unlike a short label repeated across the page."""
    return (
        i >= body_start and p.word_count(lines[i].text) >= _HEADING_WORDS and _is_heading(lines, i, credits)
    )


def _is_reference_heading(line: str) -> bool:
    """'References', 'External links[edit]': a section the cleaner may leave out, so it
    must start a section even when what follows is a list rather than prose."""
    return bool(REFERENCE_HEADING.match(strip_marks(line).strip(" :")))


def _is_body_line(line: str) -> bool:
    """Inside the body, any line of a few words that is not furniture is the article's:
    a lead-in ending in ':', a list item, a short line of code."""
    return p.word_count(line) >= BODY_LINE_WORDS


def _is_end(line: str) -> bool:
    """Copyright lines, comment sections and author boxes end the article."""
    return bool(p.COPYRIGHT.search(line) or p.ARTICLE_END.match(line))


def _after_head_matter(lines: list[Line], start: int, marked: set[int], items: set[int]) -> int:
    """Move the body's start up over short sentences and lists that follow the article's
    head matter (date, byline, 'Leave a comment', a captioned photo) directly, and over
    a list its author marked by hand ('+ Added ...', which menus never are) that opens
    the article, however long."""
    i = start - 1
    marked_items = True  # every line walked over so far is a hand-marked list item
    while i >= 0 and (i >= start - _HEAD_WALK or (marked_items and BULLET.match(lines[i].text))):
        text = lines[i].text
        if i in marked or p.is_dateline(text) or p.BYLINE.match(text) or p.ARTICLE_END.match(text):
            return i + 1
        if not (p.is_sentence(text) or i in items) or p.is_noise(text):
            return i + 1 if marked_items and i < start - 1 else start
        marked_items = marked_items and bool(BULLET.match(text))
        i -= 1
    return i + 1 if marked_items and i < start - 1 else start


def _publisher(lines: list[Line], title_at: int) -> str | None:
    """The copyright holder, preferring the article's own line after the title."""
    notices = [(i, line.text) for i, line in enumerate(lines) if p.COPYRIGHT.search(line.text)]
    notices.sort(key=lambda item: item[0] < title_at)
    for _, text in notices:
        name = parse_publisher(text)
        if name:
            return name
    return None
