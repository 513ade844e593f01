"""What a listener never wants read: citation marks, and (unless asked) the reference
sections at the end of an article.

Applied to every reader's Article, so HTML, text dumps and Markdown agree.
"""

from __future__ import annotations

import re
from dataclasses import replace

from narrator.clean import patterns as p
from narrator.document import Article, Block, Section

REFERENCE_HEADING = re.compile(
    r"^(references?|notes|footnotes|citations|external links|see also|further reading|bibliography"
    r"|sources|works cited|notes and references|references and notes)$",
    re.IGNORECASE,
)
"""Headings of the sections that list sources rather than tell the story."""
_MARK = re.compile(
    r"\[\s*(?:\d{1,4}|[a-z]{1,2}|edit|update|citation needed|clarification needed|according to whom\?"
    r"|when\?|who\?|which\?|dubious(?: [–-] discuss)?|better source needed|verification needed"
    r"|(?:note|nb|n|lower-alpha|upper-alpha) ?\d{1,3}|[a-z]{1,3} \d{1,3})\s*\]",
    re.IGNORECASE,
)
"""Citation marks as pages print them: '[12]', '[a]', '[edit]', '[citation needed]', '[n 8]'."""
_SUPERSCRIPT = re.compile(r"(?<=[a-z][.,;:])\d{1,3}(?=\s+[A-Z])")
"""A footnote number a text dump ran onto the end of a sentence: 'exceptions.1 The'."""
_GLUED_EDIT = re.compile(r"(?<=[a-z)])edit$")
"""A heading's '[edit]' link run into it by a text dump that lost the brackets."""


def strip_marks(text: str) -> str:
    """Citation marks removed; a mark between two words leaves a space, so nothing is glued."""
    if not (_MARK.search(text) or _SUPERSCRIPT.search(text)):
        return p.squash(text)
    text = re.sub(rf"(?<=\w){_MARK.pattern}(?=\w)", " ", text, flags=re.IGNORECASE)
    text = _SUPERSCRIPT.sub("", _MARK.sub("", text))
    return p.squash(re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", text))


def tidy(article: Article, keep_references: bool = False) -> Article:
    """Marks stripped everywhere; reference sections (and their subsections) dropped
    unless `keep_references`. The article's text is never emptied by this."""
    glued = _edit_links_glued(article)
    headings = [_heading(s.heading, glued) for s in article.sections]
    tail = len(article.sections) if keep_references else _reference_tail(article, headings)
    sections: list[Section] = []
    for section, heading in zip(article.sections[:tail], headings[:tail], strict=True):
        blocks = tuple(Block(kind=b.kind, text=strip_marks(b.text)) for b in section.blocks)
        blocks = tuple(b for b in blocks if b.text)
        sections.append(Section(heading=heading, level=section.level, blocks=blocks))
    if not any(b.kind == "paragraph" for s in sections for b in s.blocks):
        return article  # nothing but references: read them rather than nothing
    return replace(article, title=strip_marks(article.title), sections=tuple(sections))


def _reference_tail(article: Article, headings: list[str | None]) -> int:
    """Where the trailing run of reference sections begins (len(sections) if none).

    Only a run at the end counts (reference sections and their subsections), and only
    while it holds fewer words than the rest: an author's 'Notes' before a story, or a
    last 'Sources' section that is itself the article, stay."""
    sections = article.sections
    tail = len(sections)
    for k in range(len(sections)):
        if not _is_reference(headings[k]):
            continue
        level = sections[k].level
        trailing = True
        for j in range(k + 1, len(sections)):
            if _is_reference(headings[j]):
                level = sections[j].level
            elif headings[j] is None or sections[j].level <= level:
                trailing = False
                break
        if trailing:
            tail = k
            break
    words = [sum(p.word_count(b.text) for b in s.blocks) for s in sections]
    return tail if sum(words[tail:]) < sum(words[:tail]) else len(sections)


def _is_reference(heading: str | None) -> bool:
    return bool(heading and REFERENCE_HEADING.match(heading.strip(" :")))


def _heading(heading: str | None, glued: bool) -> str | None:
    if heading is None:
        return None
    heading = strip_marks(heading)
    return _GLUED_EDIT.sub("", heading).strip() if glued else heading


def _edit_links_glued(article: Article) -> bool:
    """Most headings end in a glued 'edit': the page's edit links, not the words."""
    headings = [s.heading for s in article.sections if s.heading]
    return len(headings) >= 2 and sum(bool(_GLUED_EDIT.search(h)) for h in headings) > len(headings) / 2
