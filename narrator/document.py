"""The contracts between stages: the only types that two stages share.

clean -> Article, speakable -> Script, speech -> Rendition (sentences on disk, in
order), audio -> Episode (and the Timeline it laid out). All are frozen so that no
stage can change what another made.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

BlockKind = Literal["paragraph", "caption", "quote"]
SegmentKind = Literal["title", "byline", "date", "heading", "paragraph", "caption", "quote"]


@dataclass(frozen=True)
class Block:
    """One unit of body text, kept in reading order."""

    kind: BlockKind
    """paragraph, caption (a photo caption, spoken once and announced) or quote."""
    text: str
    """The text as the page had it, whitespace collapsed."""


@dataclass(frozen=True)
class Section:
    """A heading and the blocks under it; the opening section has no heading."""

    heading: str | None
    """The heading text, or None for the text before the first heading."""
    level: int
    """Outline level: 2 for an h2-like heading; the opening section shares the top level."""
    blocks: tuple[Block, ...]
    """Body blocks in reading order."""


@dataclass(frozen=True)
class Article:
    """What the cleaner found: the article and its metadata, nothing else of the page."""

    title: str
    """The headline."""
    byline: tuple[str, ...]
    """Author names only, in page order."""
    published: datetime | None
    """Publication (or last update) time; timezone-aware when the page names a zone."""
    publisher: str | None
    """Who published it (from a copyright line or the site name)."""
    language: str
    """ISO 639-1 code."""
    source: str
    """Where the text came from: a path or URL."""
    sections: tuple[Section, ...]
    """Sections in reading order; the first may be untitled."""

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of `narrator clean --format json`; fields are never renamed."""
        return {
            "title": self.title,
            "byline": list(self.byline),
            "published": self.published.isoformat() if self.published else None,
            "publisher": self.publisher,
            "language": self.language,
            "sections": [
                {
                    "heading": s.heading,
                    "level": s.level,
                    "blocks": [{"kind": b.kind, "text": b.text} for b in s.blocks],
                }
                for s in self.sections
            ],
        }


@dataclass(frozen=True)
class Segment:
    """One thing to speak: a title, heading or block, sentence by sentence as written and
    as the engine is to say it."""

    kind: SegmentKind
    section: int
    """Index of the Article section (chapter) this segment belongs to."""
    sentences: tuple[str, ...]
    """The sentences as the article wrote them ('U.S.', '941 comments'): transcripts and
    the timeline show these; engines render each one's spoken form."""
    pause_before_ms: int = 0
    """Silence the renderer inserts before the segment."""
    pause_after_ms: int = 0
    """Silence the renderer inserts after the segment."""
    spoken: tuple[str, ...] = ()
    """What the engine is given, sentence by sentence: numbers, dates and symbols in words,
    names respelled by the lexicon. Empty means the same as `sentences`."""

    @property
    def engine_text(self) -> tuple[str, ...]:
        return self.spoken or self.sentences


@dataclass(frozen=True)
class Script:
    """Everything the engine will say, in order, grouped into chapters."""

    title: str
    language: str
    chapter_titles: tuple[str, ...]
    """One title per section: "Introduction" for the opening, else the heading."""
    segments: tuple[Segment, ...]

    def text(self) -> str:
        """The whole spoken text, one segment a paragraph (for USLT and search)."""
        return "\n\n".join(" ".join(s.sentences) for s in self.segments)


@dataclass(frozen=True)
class TimedSentence:
    """Where one spoken sentence lies in the rendered audio."""

    text: str
    kind: SegmentKind
    section: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Timeline:
    """The renderer's account of the audio: the one source of every timing."""

    sentences: tuple[TimedSentence, ...]
    section_starts_ms: tuple[int, ...]
    """Where each section (chapter) starts: the first sound of its first segment."""
    duration_ms: int


@dataclass(frozen=True)
class SpokenSentence:
    """One rendered sentence, as the speech stage hands it on: where its samples are and
    where in them it is heard. The speech stage yields these in script order."""

    text: str
    """The sentence as written (what transcripts show)."""
    segment: int
    """Index of its Segment in the Rendition's `segments`."""
    path: Path
    """The file holding its samples (s16le mono)."""
    offset: int
    """Byte where the samples start in `path`."""
    samples: int
    first_audible: int
    """First sample louder than the engine's own silence."""
    end_audible: int
    """One past the last audible sample."""
    silent_tail: int
    """Samples of digital silence (exact zeros) it ends with."""


@dataclass(frozen=True)
class Rendition:
    """Rendered speech: the segments it speaks (with their pauses) and a stream of their
    sentences in order, each already on disk. The stream can be read once; it renders
    what it yields as it is read, so the next stage works while later ones are spoken."""

    sample_rate: int
    language: str
    chapter_titles: tuple[str, ...]
    """One title per section (chapter)."""
    segments: tuple[Segment, ...]
    """What is spoken, with the pauses before and after each segment."""
    sentences: Iterator[SpokenSentence]
    """Every sentence of `segments`, in order."""


@dataclass(frozen=True)
class Chapter:
    """A navigable chapter in the final file, in the file's own time."""

    title: str
    start_ms: int
    end_ms: int


def timecode(ms: int, separator: str = ".") -> str:
    """`ms` as HH:MM:SS.mmm, the form WebVTT and Podlove chapters write times in (SubRip
    puts a comma before the milliseconds)."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


@dataclass(frozen=True)
class TranscriptBlock:
    """How many of the transcript's cues make one block of the article, so a listening page
    can set the cues as the article was written: headings as headings, paragraphs as paragraphs."""

    kind: SegmentKind
    level: int
    """Outline level for a heading (2 for an h2-like one); 0 for other kinds."""
    cues: int
    """How many consecutive cues (sentences) the block holds."""


@dataclass(frozen=True)
class Episode:
    """A finished audio file and what a feed needs to know about it."""

    slug: str
    guid: str
    title: str
    authors: tuple[str, ...]
    published: datetime | None
    description: str
    path: Path
    size: int
    """Exact byte count of the MP3."""
    duration_ms: int
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    sidecars: tuple[tuple[str, Path], ...] = field(default_factory=tuple)
    """Files beside the MP3 by kind: ("vtt", path), ("srt", path), ("chapters", path)."""
    blocks: tuple[TranscriptBlock, ...] = field(default_factory=tuple)
    """The transcript's cues grouped into the article's blocks, in order; empty if unknown."""
    source_url: str | None = None
    """The original article's web address, when it was narrated from one."""
    language: str = ""
    """The article's language (ISO 639-1), which its transcripts and page are in; empty
    when unknown (an older index): the feed's language stands in."""
    source: str = ""
    """Where it was narrated from (a file's full path, a URL): what makes narrating it again
    replace this episode. Empty when the user named the episode (`--slug`) or unknown (an
    older index): then its slug does."""
