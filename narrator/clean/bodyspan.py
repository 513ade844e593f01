"""Where the article is in a page's text dump: the densest run of body text.

Each line weighs what it says: a paragraph its words, a sentence half of them, a menu
entry or a button a small penalty, furniture a larger one. The body is the run with
the greatest sum. A widget set into the article (a video player's menus, a share bar)
can outweigh the paragraphs before it; those are joined back when they share the
body's vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter

from narrator.clean import patterns as p
from narrator.clean.dumplines import Line
from narrator.errors import InputError

BULLET = re.compile(r"^[-+*•–]\s+\w")
"""A list item its author marked by hand ('+ Added rabbits'): menus carry no such marks."""
BODY_LINE_WORDS = 3
"""Fewer words than this inside the body are a label or a button, not the article's."""
_EARLIER_WORDS = 60
"""Words of prose an earlier part must have to be joined to the body."""
_EARLIER_SHARED = 0.5
"""Share of an earlier part's content words the body must also use for the two to be
one article (an unrelated story above the article shares far fewer)."""


LINK_LINE_WEIGHT = -4.0
"""A line of a list of links set into the article ('Read more' and two headlines): a
short break the article runs on past, not furniture that ends it. Weighed as furniture,
three such lines outweighed the section after them, and it was lost."""


def body_span(
    lines: list[Line],
    dropped: set[int],
    captions: set[int],
    skipped: set[int] = frozenset(),
    links: set[int] = frozenset(),
) -> tuple[int, int, set[int]]:
    """The densest run of body text (maximum-sum subarray over per-line weights), with
    an earlier part of the same article joined across a widget that split it.

    Lines in `skipped` (a gallery set into the article) weigh nothing: the article runs
    on past them; lines of a list of links (`links`) weigh LINK_LINE_WEIGHT. Returns the
    first paragraph's index, the index after the last kept line, and the widget's lines
    that are not sentences (not to be read).
    """
    weights = [
        0.0 if i in skipped else LINK_LINE_WEIGHT if i in links else _weight(line, i in dropped)
        for i, line in enumerate(lines)
    ]
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
    later = next_paragraph(lines, start, end, captions)
    first, gap = _earlier_part(lines, weights, later, end)
    widget = {i for i in gap if not p.is_sentence(lines[i].text)}
    return next_paragraph(lines, first, end, captions), end, widget


def _earlier_part(lines: list[Line], weights: list[float], start: int, end: int) -> tuple[int, range]:
    """The start of a run of paragraphs above `start` that only short lines (no
    paragraph, no end of an article, no list of links) separate from it and whose words
    the body shares, and the lines between the two; `start` and no lines when there is
    no such run."""
    none = (start, range(0))
    i = start - 1
    while i >= 0 and not p.is_paragraph(lines[i].text):
        text = lines[i].text
        if p.ARTICLE_END.match(text) or p.COPYRIGHT.search(text) or p.LINK_BLOCK.match(text.strip(" :›»")):
            return none
        i -= 1
    run, best, first = 0.0, 0.0, None
    for k in range(i, -1, -1):
        run += weights[k]
        if run <= 0:
            break
        if run > best and p.is_paragraph(lines[k].text):
            best, first = run, k
    if first is None or best < _EARLIER_WORDS:
        return none
    body = Counter(w for line in lines[start:end] for w in p.content_words(line.text))
    earlier = [w for line in lines[first : i + 1] for w in p.content_words(line.text)]
    shared = sum(w in body for w in earlier) / max(len(earlier), 1)
    return (first, range(i + 1, start)) if shared >= _EARLIER_SHARED else none


def next_paragraph(lines: list[Line], start: int, end: int, captions: set[int]) -> int:
    return next(
        (i for i in range(start, end) if p.is_paragraph(lines[i].text) and i not in captions),
        start,
    )


def _weight(line: Line, excluded: bool) -> float:
    if excluded or p.is_noise(line.text) or p.ARTICLE_END.match(line.text):
        return -8.0
    n = p.word_count(line.text)
    if p.is_paragraph(line.text):
        return float(n)
    if p.is_sentence(line.text) or (BULLET.match(line.text) and n >= BODY_LINE_WORDS):
        return n / 2
    return -4.0
