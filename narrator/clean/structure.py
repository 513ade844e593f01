"""Assemble an Article from what a reader finds, whatever the input kind.

Readers report headings, paragraphs, captions and metadata in page order; the builder
keeps each caption once (the longer of two printings, where the first stood), drops
body lines that repeat a caption, and tidies bylines and publisher names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from narrator.clean import patterns as p
from narrator.clean.credits import caption_prose
from narrator.clean.dates import parse_dateline
from narrator.document import Article, Block, BlockKind, Section
from narrator.errors import InputError

_CAPTION_MATCH = 0.6
_PROSE_WORDS = 12
"""Words without a sentence's end that still count as prose (a paragraph cut short)."""
_ROLE = re.compile(
    r"\b(staff|reporter|reporters|correspondent|correspondents|editor|editors|writer|writers"
    r"|contributor|columnist|producer|host|news|desk|press|wire|agency|bureau"
    r"|updated|follow|author|authors|username|user|login|account|posted|published|comments?|share)\b",
    re.IGNORECASE,
)
_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "du",
    "la",
    "le",
    "del",
    "bin",
    "al",
    "ibn",
    "y",
    "dos",
}
"""Lower-case parts of people's names ('Piet de Wit', 'Ludwig van Beethoven')."""
_GENERIC = {"admin", "administrator", "staff", "editor", "editors", "team", "newsroom", "guest", "webmaster"}
_MONTH_ON = re.compile(
    r"\s(?:on\s)?(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:\s+\d|\s*$)",
    re.IGNORECASE,
)
"""Where a date glued to the names begins ('Carrie Arnold November 20, 2019')."""
_HANDLE = re.compile(r"@\w+")
"""A social-media handle glued to a name ('Alissa Wilkinson@alissamarie')."""
_AFTER_NAMES = re.compile(
    r"\s(?:updated|published|posted|follow|\d|[\w.+-]+@[\w-]+\.\w)|(?<=[a-z])\d", re.IGNORECASE
)
"""Where what follows the names begins: 'Alex Perry 1 day ago', '... Updated Jul 24',
'Ann Lee ann@example.org (555) 0100' (contact details), a date run onto the name by a
text dump ('Ann Lee4 Mar 2019')."""
_OUTLET_AFTER = re.compile(
    r"(?<=[a-z])(?<!\bde)(?<!\bla)(?<!\ble)(?<!\bvan)(?<!\bvon)(?<!\bdi)(?<!\bda)(?<!\bdel)"
    r"(?:(?:\s+(?![IVX]+\b)[A-Z][A-Z&.]+){2,}|\s+[B-DF-HJ-NP-TV-Z]{2,4})$"
)
"""An outlet after a mixed-case name: two or more words in capitals ('Ann Lee HARBOUR
NEWS') or one acronym without a vowel ('Ann Lee TVR'); a name in capitals ('ANN LEE'), with
a numeral ('Ann Lee III'), with its surname in capitals ('Anne Marie DUPONT') or after a
particle ('Marie-Claire de LA TOUR') keeps its words."""
_ATTRIBUTION = re.compile(r"(?s)(?:(?P<words>.*[.!?…”\"’'])\s*)?(?P<who>[—―–]\s*[^\s—―–.!?][^—―–]{0,100})")
"""A quotation ending in its attribution, '... take it back. — Mara Lind, harbour master'
(a dash after the quotation's last stop, then up to 100 characters without one), or a
quoted paragraph that is only one (Markdown's '> — Mara Lind')."""
_YEAR = re.compile(r"\b(19|20)\d{2}\b(\s*[-–]\s*(19|20)?\d{2,4})?")


@dataclass
class _OpenSection:
    heading: str | None
    level: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ArticleBuilder:
    """Collects an article in page order; `build()` freezes it."""

    title: str
    source: str
    language: str = "en"
    byline: tuple[str, ...] = ()
    published: datetime | None = None
    publisher: str | None = None
    _sections: list[_OpenSection] = field(default_factory=list)
    _captions: list[tuple[_OpenSection, int]] = field(default_factory=list)
    """Where each caption is (its section and index there): a paragraph is checked
    against the captions only, not against every block so far (quadratic on long pages)."""
    _has_paragraph: bool = False

    def add_heading(self, text: str, level: int = 2) -> None:
        self._sections.append(_OpenSection(heading=text, level=level))

    def last_level(self) -> int:
        """The level of the last heading so far (0 before any)."""
        return next((s.level for s in reversed(self._sections) if s.heading), 0)

    def drop_empty_heading(self) -> None:
        """Forget the last heading if nothing has been kept under it (it headed furniture)."""
        if self._sections and self._sections[-1].heading and not self._sections[-1].blocks:
            self._sections.pop()

    def has_paragraph(self) -> bool:
        """Whether any paragraph has been kept yet (what comes before it is head matter)."""
        return self._has_paragraph

    def add_paragraph(self, text: str, kind: BlockKind = "paragraph") -> None:
        if kind == "quote" and (credit := _ATTRIBUTION.fullmatch(text)):
            if credit.group("words"):  # who said it, after it: inside, it sounded quoted
                self.add_paragraph(credit.group("words"), kind="quote")
            self.add_paragraph(credit.group("who"))
            return
        if any(p.similar(text, s.blocks[k].text) >= _CAPTION_MATCH for s, k in self._captions):
            return
        self._has_paragraph = self._has_paragraph or kind == "paragraph"
        self._current().blocks.append(Block(kind=kind, text=text))

    def add_caption(self, text: str) -> None:
        """Keep each caption once: a second printing replaces the first if longer.
        Credits are cut off; a caption that is only a credit or a name is dropped."""
        prose = caption_prose(text)
        if prose is None:
            return
        text = prose
        for section, k in self._captions:
            if p.similar(text, section.blocks[k].text) >= _CAPTION_MATCH:
                if _length(text) > _length(section.blocks[k].text):
                    section.blocks[k] = Block(kind="caption", text=text)
                return
        current = self._current()
        current.blocks.append(Block(kind="caption", text=text))
        self._captions.append((current, len(current.blocks) - 1))

    def note_date(self, when: datetime | None) -> None:
        if self.published is None and when is not None:
            self.published = when

    def note_byline(self, names: tuple[str, ...]) -> None:
        if not self.byline and names:
            self.byline = names

    def note_publisher(self, name: str | None) -> None:
        if self.publisher is None and name:
            self.publisher = name

    def build(self) -> Article:
        sections = [s for s in self._sections if s.blocks]
        if not any(b.kind == "paragraph" and _is_prose(b.text) for s in sections for b in s.blocks):
            raise InputError(f"No article text was found in {self.source}.")
        top = min((s.level for s in sections if s.heading), default=2)
        return Article(
            title=self.title,
            byline=self.byline,
            published=self.published,
            publisher=self.publisher,
            language=self.language,
            source=self.source,
            sections=tuple(
                Section(heading=s.heading, level=s.level if s.heading else top, blocks=tuple(s.blocks))
                for s in sections
            ),
        )

    def _current(self) -> _OpenSection:
        if not self._sections:
            self._sections.append(_OpenSection(heading=None, level=2))
        return self._sections[-1]


def _is_prose(text: str) -> bool:
    """A sentence, or a run of words long enough to be one: menus and labels are neither."""
    return p.is_sentence(text) or p.word_count(text) >= _PROSE_WORDS


def _length(text: str) -> tuple[int, int]:
    """Spoken length first (words), characters to break ties."""
    return p.word_count(text), len(text)


BYLINE_CHARS = 400
"""Longest line read as a byline: five authors with roles fit; a paragraph does not."""


def parse_byline(names: str) -> tuple[str, ...]:
    """'By GREG MYRE and Tom Bowman, NPR' -> ('Greg Myre', 'Tom Bowman'): people's names
    only, two to four capitalised words each; a lone word ('Username', 'MA', 'admin') and
    labels ('Last Updated', 'Follow Author') are not a person. A line longer than any list
    of authors (BYLINE_CHARS) is prose, not a byline, and is not searched."""
    if len(names) > BYLINE_CHARS:
        return ()
    names = re.split(r"\s[|•·]\s|\s[-–—]\s", names)[0]
    if prefixed := p.BYLINE.match(names.strip()):
        names = prefixed.group("names")
    names = _MONTH_ON.split(names)[0]
    names = _HANDLE.sub("", _AFTER_NAMES.split(names)[0])
    out: list[str] = []
    for chunk in re.split(r",|;|\band\b|&|\bwith\b", names):
        chunk = chunk.strip(" .")
        if len(named := _OUTLET_AFTER.sub("", chunk).split()) >= 2:  # 'Jean DUPONT' keeps its surname
            chunk = " ".join(named)
        if not chunk or _ROLE.search(chunk) or p.CREDIT.search(chunk) or p.DATE.search(chunk):
            continue
        tokens = chunk.split()
        capitalised = [t for t in tokens if t.lower() not in _PARTICLES]
        if (
            2 <= len(tokens) <= 5
            and len(capitalised) >= 2
            and tokens[0][:1].isupper()
            and all(t[:1].isupper() for t in capitalised)
            and chunk.lower() not in _GENERIC
        ):
            name = chunk.title() if chunk.isupper() else chunk
            if name not in out:
                out.append(name)
    return tuple(out)


HEAD_LINE_WORDS = 12
"""Longest byline or date line over an article (an author's bio is longer)."""


_HEAD_LEFTOVER_WORDS = 2
"""Words a byline or date line may hold besides its names and date ('Monday', 'Updated')."""
_CONNECTORS = frozenset({"and", "on", "at", "by", "updated", "published", "posted", "am", "pm", "of", "the"})


def parse_head_line(text: str) -> tuple[tuple[str, ...], datetime | None] | None:
    """The names and the date in a byline or date line printed over the article ('By Sam
    Lee', '4 May 2025', 'By Sam Lee, 4 May 2025'); None for any other line, and for a
    sentence that merely holds a date or opens with 'By' ('The council voted on 4 May 2025
    to shut the library.', 'By Monday, Sam Lee had resigned.'): its names and date must be
    nearly all of it."""
    if p.word_count(text) > HEAD_LINE_WORDS:
        return None
    rest = text
    names: tuple[str, ...] = ()
    if byline := p.BYLINE.match(text):
        names = parse_byline(byline.group("names"))
        rest = byline.group("names")
        for name in names:
            rest = re.sub(re.escape(name), " ", rest, count=1, flags=re.IGNORECASE)
    dated = p.is_dateline(text)
    if dated and (match := p.DATE.search(rest)):
        rest = rest[: match.start()] + " " + rest[match.end() :]
    leftover = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in _CONNECTORS]
    if not (names or dated) or len(leftover) > _HEAD_LEFTOVER_WORDS:
        return None
    return names, parse_dateline(text) if dated else None


def parse_publisher(notice: str) -> str | None:
    """'Copyright 2022 NPR. To see more, visit ...' -> 'NPR'."""
    first = re.split(r"(?<=[^\s.]{2})\.\s", notice, maxsplit=1)[0]
    name = re.sub(r"all rights reserved\.?", "", first, flags=re.IGNORECASE)
    name = re.sub(r"^\s*(©|\(c\)|copyright)\s*", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^\s*(©|\(c\))\s*", "", name, flags=re.IGNORECASE)
    name = _YEAR.sub("", name)
    name = name.strip(" .,|:-–©")
    return name or None


_TITLE_WORDS = 10
"""Words of the first sentence that stand in for a missing headline."""


def first_words(text: str) -> str:
    """The first words of the first sentence: the title of last resort."""
    sentence = re.split(r"(?<=[.!?])\s", p.squash(text), maxsplit=1)[0]
    tokens = sentence.split()
    head = " ".join(tokens[:_TITLE_WORDS]).rstrip(".,;:")
    return head + ("…" if len(tokens) > _TITLE_WORDS else "")
