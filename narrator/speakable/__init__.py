"""speakable: turn the cleaned Article into the Script an engine speaks."""

from __future__ import annotations

from dataclasses import dataclass, replace

from narrator.document import Article, Block, Script, Segment
from narrator.speakable.lexicon import Lexicon
from narrator.speakable.normalise import normalise, speak_date
from narrator.speakable.sentences import split_sentences

_ANNOUNCE = {"caption": "Photo caption: ", "quote": "Quote: ", "paragraph": ""}


@dataclass(frozen=True)
class Pauses:
    """Silences the renderer inserts, in milliseconds (from the voice profile)."""

    heading_before_ms: int = 1200
    heading_after_ms: int = 600
    paragraph_ms: int = 450
    title_ms: int = 900
    lead_in_ms: int = 250
    """Silence before the title; the MP3 encoder absorbs its own delay into it."""


@dataclass(frozen=True)
class ScriptOptions:
    pauses: Pauses = Pauses()
    lexicon: Lexicon = Lexicon()
    """Respellings applied after normalisation (names the engine says wrong)."""
    opening_chapter: str = "Introduction"
    """Chapter title of the untitled opening (title, byline, date and first paragraphs)."""


def to_script(article: Article, options: ScriptOptions | None = None) -> Script:
    """The title, byline and date, then each section: its heading and its blocks."""
    options = options or ScriptOptions()
    pauses = options.pauses
    segments: list[Segment] = [
        Segment(
            "title",
            0,
            _sentences(article.title),
            pause_before_ms=pauses.lead_in_ms,
            pause_after_ms=pauses.title_ms,
        )
    ]
    if article.byline:
        segments.append(Segment("byline", 0, (_by(article.byline),), pause_after_ms=pauses.paragraph_ms))
    if article.published:
        segments.append(
            Segment("date", 0, (speak_date(article.published) + ".",), pause_after_ms=pauses.title_ms)
        )
    chapters: list[str] = []
    for section in article.sections:
        index = len(chapters)
        if section.heading is None and not chapters:
            chapters.append(options.opening_chapter)
        else:
            chapters.append(section.heading or f"Part {index + 1}")
            if section.heading:
                segments.append(
                    Segment(
                        "heading",
                        index,
                        _sentences(section.heading),
                        pause_before_ms=pauses.heading_before_ms,
                        pause_after_ms=pauses.heading_after_ms,
                    )
                )
        segments.extend(_block(block, index, pauses) for block in section.blocks)
    if not chapters:
        chapters.append(options.opening_chapter)
    return Script(
        title=article.title,
        language=article.language,
        chapter_titles=tuple(chapters),
        segments=tuple(_respell(s, options.lexicon) for s in segments),
    )


def _respell(segment: Segment, lexicon: Lexicon) -> Segment:
    spoken = tuple(lexicon.apply(s) for s in segment.sentences)
    return replace(segment, spoken=spoken) if spoken != segment.sentences else segment


def _block(block: Block, section: int, pauses: Pauses) -> Segment:
    return Segment(
        block.kind,
        section,
        _sentences(_ANNOUNCE[block.kind] + block.text),
        pause_after_ms=pauses.paragraph_ms,
    )


def _sentences(text: str) -> tuple[str, ...]:
    return tuple(s for s in (normalise(x) for x in split_sentences(text)) if s)


def _by(names: tuple[str, ...]) -> str:
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"By {joined}."
