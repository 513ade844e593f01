"""Reader for text copied from a web page (select all, copy).

A dump has no markup, so the article is found by line shape: the body is the densest
run of sentence-like lines; the title is the headline-like line above it that shares
its vocabulary; photo credits mark the captions beside them; copyright lines and
author bios mark the end. Nothing here knows any particular site.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from narrator.clean import patterns as p
from narrator.clean.dates import parse_dateline
from narrator.clean.structure import ArticleBuilder, parse_byline, parse_publisher
from narrator.document import Article
from narrator.errors import InputError

_HEAD_LOOKBACK = 40
"""How many lines above the body the title may stand (menus and widgets sit between)."""
_TITLE_OVERLAP = 0.25
"""Share of a headline's longer words found in the body; site names and menus share few."""


@dataclass(frozen=True)
class Line:
    text: str
    blank_before: bool
    blank_after: bool


def read(text: str, source: str, language: str = "en") -> Article:
    """Find the article in a page's text dump."""
    lines = _lines(text)
    credits = _credit_lines(lines)
    captions = _caption_lines(lines, credits)
    bios, bio_names = _bios(lines)
    body_start, body_end = _body_span(lines, credits, captions, bios)
    title_at = _title_index(lines, body_start, body_end, credits, captions)
    if title_at is None:
        raise InputError(f"No article headline was found in {source}.")
    if title_at == body_start:
        body_start = _next_paragraph(lines, body_start + 1, body_end, captions)
    builder = ArticleBuilder(title=lines[title_at].text, source=source, language=language)
    repeated = _repeated_short_lines(lines)

    for i in range(title_at + 1, body_end):
        line = lines[i].text
        if i in credits or line in repeated or line == builder.title:
            continue
        if _is_end(line, i, body_start):
            break
        if i in captions:
            builder.add_caption(line)
        elif p.is_dateline(line):
            builder.note_date(parse_dateline(line))
            if i < body_start and (posted_by := re.search(r"\bby\s+(.+)$", line, re.IGNORECASE)):
                builder.note_byline(parse_byline(posted_by.group(1)))
        elif (byline := p.BYLINE.match(line)) and i < body_start:
            builder.note_byline(parse_byline(byline.group("names")))
        elif p.is_noise(line):
            continue
        elif i >= body_start and _is_heading(lines, i, credits):
            builder.add_heading(line, level=2)
        elif p.is_sentence(line) or (i >= body_start and p.is_paragraph(line)):
            builder.add_paragraph(line)

    if not builder.byline:
        builder.note_byline(bio_names)
    builder.note_publisher(_publisher(lines, title_at))
    return builder.build()


def _lines(text: str) -> list[Line]:
    raw = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    out: list[Line] = []
    for i, line in enumerate(raw):
        if not line:
            continue
        out.append(
            Line(
                text=line,
                blank_before=i == 0 or not raw[i - 1],
                blank_after=i + 1 >= len(raw) or not raw[i + 1],
            )
        )
    return out


def _credit_lines(lines: list[Line]) -> set[int]:
    """Photo-credit lines: runs of short lines holding an agency, 'via' or a lone '/'.

    An all-caps name counts as a credit only inside such a run, where photographers'
    names stand (``BULENT KILIC`` / ``/`` / ``AFP via Getty Images``).
    """
    found: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (p.is_credit(lines[j].text) or p.is_upper_name(lines[j].text)):
            j += 1
        if j > i and any(p.is_credit(lines[k].text) for k in range(i, j)):
            found.update(range(i, j))
        i = max(j, i + 1)
    return found


def _caption_lines(lines: list[Line], credits: set[int]) -> set[int]:
    """Lines that caption a photo: the sentence just before a credit run, and after it
    when the page prints the same caption again."""
    found: set[int] = set()
    for i in sorted(credits):
        if i - 1 >= 0 and i - 1 not in credits and p.word_count(lines[i - 1].text) >= 5:
            found.add(i - 1)
            after = i + 1
            while after in credits:
                after += 1
            if after < len(lines) and p.similar(lines[i - 1].text, lines[after].text) >= 0.6:
                found.add(after)
    return found


def _bios(lines: list[Line]) -> tuple[set[int], tuple[str, ...]]:
    """Author bios: a name on its own line, then a line that starts with that name."""
    found: set[int] = set()
    names: list[str] = []
    for i in range(len(lines) - 1):
        name, nxt = lines[i].text, lines[i + 1].text
        if 2 <= p.word_count(name) <= 4 and _is_name(name) and nxt.startswith(name + " "):
            found.update((i, i + 1))
            names.append(name)
    return found, tuple(names)


def _is_name(text: str) -> bool:
    tokens = text.split()
    return all(t[:1].isupper() for t in tokens) and not p.TERMINAL.search(text)


def _body_span(lines: list[Line], credits: set[int], captions: set[int], bios: set[int]) -> tuple[int, int]:
    """The densest run of body text (maximum-sum subarray over per-line weights).

    Returns (first paragraph index, index after the last kept line).
    """
    weights = [_weight(line, i in credits or i in bios) for i, line in enumerate(lines)]
    best, best_span = 0.0, (0, 0)
    run, start = 0.0, 0
    for i, weight in enumerate(weights):
        if run <= 0:
            run, start = 0.0, i
        run += weight
        if run > best:
            best, best_span = run, (start, i + 1)
    if best <= 0:
        raise InputError("No article text was found: the page has no run of sentences.")
    start, end = best_span
    return _next_paragraph(lines, start, end, captions), end


def _next_paragraph(lines: list[Line], start: int, end: int, captions: set[int]) -> int:
    return next(
        (i for i in range(start, end) if p.is_paragraph(lines[i].text) and i not in captions),
        start,
    )


def _weight(line: Line, excluded: bool) -> float:
    if excluded or p.is_noise(line.text) or p.END_OF_ARTICLE.match(line.text):
        return -8.0
    n = p.word_count(line.text)
    if p.is_paragraph(line.text):
        return float(n)
    if p.is_sentence(line.text):
        return n / 2
    return -4.0


def _title_index(
    lines: list[Line], body_start: int, body_end: int, credits: set[int], captions: set[int]
) -> int | None:
    """The headline: the nearest headline-shaped line above the body that shares words
    with it (menus and widget labels share few). A long headline ending in '?' can look
    like the body's first line; it is taken first when what follows it is head matter
    (a caption, credit, date or byline), else last."""
    vocab = {w.lower() for line in lines[body_start:body_end] for w in p.words(line.text) if len(w) > 3}
    above = [i for i in range(body_start - 1, max(-1, body_start - _HEAD_LOOKBACK), -1)]
    nxt = body_start + 1
    heads_zone = nxt < len(lines) and (
        nxt in credits
        or nxt in captions
        or p.is_dateline(lines[nxt].text)
        or bool(p.BYLINE.match(lines[nxt].text))
    )
    order = [body_start, *above] if heads_zone else [*above, body_start]
    candidates = [i for i in order if i not in credits and _headline_shaped(lines[i].text)]
    for i in candidates:
        content = [w.lower() for w in p.words(lines[i].text) if len(w) > 3]
        overlap = sum(w in vocab for w in content) / max(1, len(content))
        if overlap >= _TITLE_OVERLAP and p.word_count(lines[i].text) >= 3:
            return i
    return next((i for i in candidates if p.word_count(lines[i].text) >= 3), None)


def _headline_shaped(text: str) -> bool:
    n = p.word_count(text)
    return (
        2 <= n <= 30
        and not p.is_noise(text)
        and not p.is_dateline(text)
        and not p.BYLINE.match(text)
        and not text.endswith((".", ",", ";", ":"))
    )


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


def _is_end(line: str, i: int, body_start: int) -> bool:
    """Copyright lines and comment/related-article headers end the article."""
    return i > body_start and bool(p.COPYRIGHT.search(line) or p.END_OF_ARTICLE.match(line))


def _repeated_short_lines(lines: list[Line]) -> set[str]:
    """Short lines printed several times (ad slots, share bars) are page furniture."""
    counts = Counter(line.text for line in lines if not p.is_paragraph(line.text))
    return {text for text, count in counts.items() if count >= 2 and p.word_count(text) <= 8}


def _publisher(lines: list[Line], title_at: int) -> str | None:
    """The copyright holder, preferring the article's own line after the title."""
    notices = [(i, line.text) for i, line in enumerate(lines) if p.COPYRIGHT.search(line.text)]
    notices.sort(key=lambda item: item[0] < title_at)
    for _, text in notices:
        name = parse_publisher(text)
        if name:
            return name
    return None
