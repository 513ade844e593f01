"""What each line of a page's text dump is: credit, caption, bio, link list, list item.

A browser's text dump keeps one trace of the layout: paragraphs are separated by blank
lines, while list items, menus and link lists follow each other with none between.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from narrator.clean import patterns as p
from narrator.clean.dumpcells import row_cells
from narrator.clean.references import strip_marks

_LINK_BLOCK_MAX = 30
"""Lines a link list may run to under its header."""
_SPACED = 0.5
"""Share of a dump's paragraphs after a blank line for it to count as spaced."""
_HEAD_LINES = 3
"""Lines from an article's headline to its byline or date (a standfirst between)."""
_TEASER_WORDS = 40
"""Words of a teaser: a headline and a summary sentence or two."""
_TEASER_LINES = 4
"""Lines of a teaser under a link-list header: headline, summary, date."""
_LABEL_WORDS = 4
"""Longest label after a teaser's date ('In "Local"')."""
_CONTENTS_WORDS = 12
"""Longest entry of a table of contents."""


@dataclass(frozen=True)
class Line:
    text: str
    blank_before: bool
    cells: tuple[str, ...] = ()
    """The cells of a table row, which a browser copies separated by tabs ('' for an empty
    one); () for a line that is not one."""


def split_lines(text: str) -> list[Line]:
    """Non-blank lines, whitespace collapsed and citation marks removed (a sentence that
    ends in '[12]' must still look like one), each knowing whether a blank line is
    before it and, for a table's row, its cells."""
    raw = text.splitlines()
    texts = [strip_marks(line) for line in raw]
    cells = row_cells(raw)
    return [
        Line(text=line, blank_before=i == 0 or not texts[i - 1], cells=cells[i])
        for i, line in enumerate(texts)
        if line
    ]


def credit_lines(lines: list[Line]) -> set[int]:
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


def caption_lines(lines: list[Line], credits: set[int]) -> set[int]:
    """Lines that caption a photo: the sentence just before a credit run (and after it,
    when the page prints the same caption again), or just after it when the run is set
    apart from the line above by a blank line and joined to the line below (a credit
    printed over its caption); and lines with a credit glued on."""
    found = {
        i for i, line in enumerate(lines) if p.word_count(line.text) >= 5 and p.GLUED_CREDIT.search(line.text)
    }
    for i in sorted(credits):
        if i - 1 in credits:  # not the first line of its run
            continue
        after = i + 1
        while after in credits:
            after += 1
        if _credit_over_caption(lines, i, after):
            found.add(after)
        elif i - 1 >= 0 and p.word_count(lines[i - 1].text) >= 5:
            found.add(i - 1)
            if after < len(lines) and p.similar(lines[i - 1].text, lines[after].text) >= 0.6:
                found.add(after)
    return found


def _credit_over_caption(lines: list[Line], start: int, after: int) -> bool:
    """The credit run from `start` to `after` begins a block (a blank line above it) and the
    caption under it goes on in the same block (no blank line between): the photo's
    credit and caption stand together, apart from the paragraph above."""
    return (
        lines[start].blank_before
        and after < len(lines)
        and not lines[after].blank_before
        and p.word_count(lines[after].text) >= 5
        and _caption_sized(lines, start, after)
    )


_CAPTION_WORDS = 35
"""Most words of a caption under its credit; a paragraph of the story runs longer."""
_SENTENCE_BREAK = re.compile(r"[.!?…。！？]['\"”’)\]]*\s+\S")


def _caption_sized(lines: list[Line], start: int, after: int) -> bool:
    """Line `after` is short enough to be a caption; and, when no paragraph stands above
    the credit (the line would open the story: a hero photo's credit over the lede), a
    single sentence, as a caption is and a lede of two sentences is not."""
    text = lines[after].text
    if p.word_count(text) > _CAPTION_WORDS:
        return False
    opens_story = not any(p.is_paragraph(lines[k].text) for k in range(start))
    return not (opens_story and _SENTENCE_BREAK.search(text))


def caption_text(line: str) -> str:
    """The caption without a credit glued to its end."""
    return p.GLUED_CREDIT.sub("", line).strip()


def bios(lines: list[Line]) -> tuple[set[int], tuple[str, ...]]:
    """Author bios: a name on its own line, then a sentence that starts with that name
    (a list's 'North Island' over 'North Island Ferries' is not a bio)."""
    found: set[int] = set()
    names: list[str] = []
    for i in range(len(lines) - 1):
        name, nxt = lines[i].text, lines[i + 1].text
        if (
            2 <= p.word_count(name) <= 4
            and _is_name(name)
            and nxt.startswith(name + " ")
            and p.is_sentence(nxt)
        ):
            found.update((i, i + 1))
            names.append(name)
    return found, tuple(names)


def _is_name(text: str) -> bool:
    tokens = text.split()
    return all(t[:1].isupper() for t in tokens) and not p.TERMINAL.search(text)


def contents_lines(lines: list[Line]) -> set[int]:
    """A table of contents: two or more short lines in a row, each printed again further
    down, in the same order, with prose between the copies (the headings of their
    sections). The headings are read where they stand; the list of them is not, nor is
    any of it the headline. (A share bar or a title printed twice has no prose between
    its copies.)"""
    found: set[int] = set()
    run: list[int] = []
    copies = _Copies(lines)
    for i in range(len(lines) + 1):
        if (
            i < len(lines)
            and p.word_count(lines[i].text) <= _CONTENTS_WORDS
            and not (run and lines[i].blank_before)
        ):
            run.append(i)
            continue
        found.update(_contents_run(lines, run, copies))
        run = [i] if i < len(lines) and p.word_count(lines[i].text) <= _CONTENTS_WORDS else []
    return found


class _Copies:
    """Where each line's text is printed, and how many paragraphs stand before each line:
    looked up, so a dump of many thousand short lines is read in linear time."""

    def __init__(self, lines: list[Line]) -> None:
        self.where: dict[str, list[int]] = {}
        self.paragraphs = [0]
        for k, line in enumerate(lines):
            self.where.setdefault(line.text, []).append(k)
            self.paragraphs.append(self.paragraphs[-1] + p.is_paragraph(line.text))

    def next(self, text: str, start: int) -> int | None:
        """The first line at or after `start` that prints `text`."""
        where = self.where.get(text, [])
        at = bisect.bisect_left(where, start)
        return where[at] if at < len(where) else None

    def prose_between(self, start: int, end: int) -> bool:
        return self.paragraphs[end] > self.paragraphs[start]


def _contents_run(lines: list[Line], run: list[int], copies: _Copies) -> list[int]:
    """The longest stretch of `run` whose lines are printed again after it, in order,
    each copy separated from the next by a paragraph."""
    best: list[int] = []
    start = 0
    while start < len(run):
        stretch, after = [], run[-1] + 1
        for i in run[start:]:
            copy = copies.next(lines[i].text, after)
            if copy is None or (stretch and not copies.prose_between(after, copy)):
                break
            stretch.append(i)
            after = copy + 1
        if len(stretch) > len(best):
            best = stretch
        start += max(len(stretch), 1)
    return best if len(best) >= 2 else []


def link_blocks(lines: list[Line]) -> set[int]:
    """A link-list header ('More from UK', 'Most read') and the headlines under it, up to
    the next line that reads as body text, then any teasers that follow (a headline and
    a summary, each ending in its date); and teasers cut off with an ellipsis, when
    another stands within two lines."""
    teasers = [
        i for i, line in enumerate(lines) if p.TEASER.search(line.text) and p.word_count(line.text) <= 40
    ]
    found: set[int] = set()
    spaced = _paragraphs_spaced(lines)
    for i, j in zip(teasers, teasers[1:], strict=False):
        if j - i <= 2:
            found.update((i, j))
    for i, line in enumerate(lines):
        if not p.LINK_BLOCK.match(line.text.strip(" :›»")):
            continue
        found.add(i)
        j = i + 1
        while (
            j < min(len(lines), i + _LINK_BLOCK_MAX)
            and not lines[j].blank_before
            and (not p.is_paragraph(lines[j].text) or (spaced and _teaser_shaped(lines, j)))
            and not _over_head_matter(lines, j)
        ):
            found.add(j)
            j += 1
        if j - 1 > i + 1 and _heading_over_prose(lines, i + 1, j - 1):
            found.discard(j - 1)
        found.update(range(i + 1, _dated_teasers(lines, i + 1)))
    return found


_HEADING_WORDS = 10
"""Longest section heading that may close a list of links."""
_HEADING_SHARE = 1 / 3
"""Share of a heading's content words (counted as three at least) that its section's
first paragraph uses: a heading names what it is about; a headline of another story on
the same subject shares a word or so."""


def _heading_over_prose(lines: list[Line], first: int, k: int) -> bool:
    """Line k, the last of a list of links that begins at line `first`, is the heading of
    the section that follows: heading-shaped, shorter than every headline above it in the
    list (a section's heading names a topic in a few words; another story's headline is a
    whole clause, and one on the same subject may share most of the next paragraph's
    words), right over the prose where the article resumes, and naming what that prose
    is about."""
    text, after = lines[k].text, k + 1
    if not (
        1 <= p.word_count(text) <= _HEADING_WORDS
        and (text[0].isupper() or text[0].isdigit())
        and not p.TERMINAL.search(text)
        and not p.TEASER.search(text)
        and after < len(lines)
        and p.is_paragraph(lines[after].text)
        and all(p.word_count(text) < p.word_count(lines[m].text) for m in range(first, k))
    ):
        return False
    content, prose = p.content_words(text), set(p.content_words(lines[after].text))
    return bool(content) and sum(w in prose for w in content) >= _HEADING_SHARE * max(len(content), 3)


def _teaser_shaped(lines: list[Line], j: int) -> bool:
    """A paragraph-like line of a teaser's length (a headline and a summary)."""
    return p.is_paragraph(lines[j].text) and p.word_count(lines[j].text) <= _TEASER_WORDS


def _over_head_matter(lines: list[Line], j: int) -> bool:
    """A byline or date stands within a few lines below line j: the article's head
    (headline, standfirst, byline) after a menu, where a link list has ended."""
    for k in range(j, min(len(lines), j + _HEAD_LINES + 1)):
        if k > j and lines[k].blank_before:  # the head stands in one block, no blank line in it
            return False
        if p.is_dateline(lines[k].text) or p.BYLINE.match(lines[k].text):
            return True
    return False


def _paragraphs_spaced(lines: list[Line]) -> bool:
    """Most paragraphs of the dump stand after a blank line: then a run of
    paragraph-like lines with no blank line between them is a list (of teasers, under a
    'Most read' header), not the article going on."""
    paragraphs = [line for line in lines if p.is_paragraph(line.text)]
    return bool(paragraphs) and sum(line.blank_before for line in paragraphs) >= _SPACED * len(paragraphs)


def _dated_teasers(lines: list[Line], j: int) -> int:
    """The index after a run of teasers starting at line j: each a headline and maybe
    a summary, ending in a date line within a few lines, maybe then a short label ('In
    "News"'). An article's paragraphs are not dated every few lines."""
    while j < len(lines):
        date = next(
            (k for k in range(j, min(len(lines), j + _TEASER_LINES)) if p.is_dateline(lines[k].text)), None
        )
        if date is None:
            return j
        j = date + 1
        if (
            j < len(lines)
            and p.word_count(lines[j].text) <= _LABEL_WORDS
            and not p.is_sentence(lines[j].text)
        ):
            j += 1
    return j


def list_items(lines: list[Line], start: int, end: int, skip: set[int]) -> set[int]:
    """Lines of runs of two or more short lines with no blank line between them: the
    items of a bulleted list, read as sentences."""
    found: set[int] = set()
    i = start
    while i < end:
        j = i
        while j < end and j not in skip and _item_shaped(lines[j]) and (j == i or not lines[j].blank_before):
            j += 1
        if j - i >= 2:
            found.update(range(i, j))
        i = max(j, i + 1)
    return found


def _item_shaped(line: Line) -> bool:
    return 2 <= p.word_count(line.text) <= 30 and not p.is_noise(line.text) and not p.is_paragraph(line.text)


def repeated_short_lines(lines: list[Line]) -> set[str]:
    """Short lines printed several times (ad slots, share bars) are page furniture."""
    counts = Counter(line.text for line in lines if not p.is_paragraph(line.text))
    return {text for text, count in counts.items() if count >= 2 and p.word_count(text) <= 8}


_STAMPS = 3
"""Name-and-time stamps that make a thread of comments (an article prints its own once)."""
_STAMP_GAP = 20
"""Lines between one comment's stamp and the next: a comment is a few paragraphs."""
_STAMP = re.compile(r"\b\d{1,2}:\d{2}\s*([ap]\.?m\.?)?", re.IGNORECASE)


def comment_thread_start(lines: list[Line], start: int) -> int | None:
    """Where a comment thread begins after `start`: the first of three or more short
    lines that carry a date and a time of day ('Ann Lee · March 10, 2017 at 2:56 AM'),
    each within a few lines of the last, from the body's first paragraph on (the
    article's own stamp stands alone)."""
    first = next((i for i in range(start, len(lines)) if p.is_paragraph(lines[i].text)), len(lines))
    stamps = [
        i
        for i in range(first + 1, len(lines))
        if p.word_count(lines[i].text) <= 14
        and p.DATE.search(lines[i].text)
        and _STAMP.search(lines[i].text)
        and not p.SENTENCE_END.search(lines[i].text.rstrip("."))
    ]
    for k in range(len(stamps) - _STAMPS + 1):
        if all(stamps[j + 1] - stamps[j] <= _STAMP_GAP for j in range(k, k + _STAMPS - 1)):
            return stamps[k]
    return None


_SLIDE = re.compile(r"^(\d+)\s*/\s*(\d+)\b")
_SLIDES = 3
"""Slides a gallery has at least."""


def slideshow_lines(lines: list[Line]) -> set[int]:
    """A photo gallery set into the page: lines opening with a slide counter counting up
    ('1/50', '2/50', ...; not '1/2 cup', '1/2 tsp') of one total, the lines between
    them, after the last as many lines as a slide takes, and the unpunctuated line
    before the first (the gallery's title)."""
    found: set[int] = set()
    by_total: dict[str, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        if m := _SLIDE.match(line.text):
            by_total.setdefault(m.group(2), []).append((i, int(m.group(1))))
    for counters in by_total.values():
        at = [i for i, _ in counters]
        counting = all(b == a + 1 for (_, a), (_, b) in zip(counters, counters[1:], strict=False))
        if len(at) >= _SLIDES and counting:
            step = round((at[-1] - at[0]) / (len(at) - 1))
            first = at[0] - 1 if at[0] and not p.TERMINAL.search(lines[at[0] - 1].text) else at[0]
            found.update(range(first, min(len(lines), at[-1] + step)))
    return found
