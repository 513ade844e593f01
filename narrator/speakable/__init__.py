"""speakable: turn the cleaned Article into the Script an engine speaks."""

from __future__ import annotations

from dataclasses import dataclass

from narrator.document import Article, Block, Script, Segment, SegmentKind
from narrator.speakable.announce import announcements, byline, say_date
from narrator.speakable.lexicon import Lexicon
from narrator.speakable.normalise import normalise
from narrator.speakable.sentences import split_sentences


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
    """Pronunciations applied after normalisation (names the engine says wrong)."""
    phonemes: str = ""
    """The engine's phoneme input (lexicon.ESPEAK, lexicon.IPA, or '' for respellings)."""
    opening_chapter: str = "Introduction"
    """Chapter title of the untitled opening (title, byline, date and first paragraphs)."""


def _opens_the_body(article: Article) -> bool:
    """Whether the title is only the opening words of the first paragraph (a text with no
    headline is titled so, 'The ferry returned to the harbour on...'): said, the listener
    heard the first sentence twice."""
    opening = article.title.rstrip(".…").strip()
    first = next((b.text for s in article.sections for b in s.blocks), "")
    return bool(opening) and opening != first.strip() and first.startswith(opening)


def to_script(article: Article, options: ScriptOptions | None = None) -> Script:
    """The title, byline and date, then each section: its heading and its blocks.

    Each segment keeps its sentences as written (transcripts show them) and, in `spoken`,
    what the engine says: numbers, dates and symbols in words of the article's language,
    names respelled by the lexicon."""
    options = options or ScriptOptions()
    pauses = options.pauses
    language = article.language or "en"
    words = announcements(language)
    said = _Sayer(language, options.lexicon, options.phonemes)
    segments: list[Segment] = []
    if not _opens_the_body(article):
        segments.append(
            said.segment(
                "title", 0, article.title, pause_before_ms=pauses.lead_in_ms, pause_after_ms=pauses.title_ms
            )
        )
    if article.byline:
        segments.append(
            said.segment("byline", 0, byline(article.byline, words), pause_after_ms=pauses.paragraph_ms)
        )
    if article.published:
        date = say_date(article.published, language) + "."
        segments.append(Segment("date", 0, (date,), pause_after_ms=pauses.title_ms))
    chapters: list[str] = []
    for section in article.sections:
        index = len(chapters)
        if section.heading is None and not chapters:
            chapters.append(options.opening_chapter)
        else:
            chapters.append(section.heading or f"Part {index + 1}")
            if section.heading:
                segments.append(
                    said.segment(
                        "heading",
                        index,
                        section.heading,
                        pause_before_ms=pauses.heading_before_ms,
                        pause_after_ms=pauses.heading_after_ms,
                    )
                )
        segments.extend(_block(block, index, pauses, said, words) for block in section.blocks)
    if not chapters:
        chapters.append(options.opening_chapter)
    return Script(
        title=article.title,
        language=article.language,
        chapter_titles=tuple(chapters),
        segments=tuple(segments),
    )


@dataclass(frozen=True)
class _Sayer:
    """Splits text into sentences and pairs each written sentence with its spoken form."""

    language: str
    lexicon: Lexicon
    phonemes: str = ""

    def segment(self, kind: SegmentKind, section: int, text: str, **pauses: int) -> Segment:
        written, spoken = [], []
        for sentence in split_sentences(text):
            words = normalise(sentence, self.language)
            if words:
                written.append(sentence)
                spoken.append(self.lexicon.apply(words, self.phonemes, self.language))
        return Segment(kind, section, tuple(written), spoken=tuple(spoken), **pauses)  # type: ignore[arg-type]


def _block(block: Block, section: int, pauses: Pauses, said: _Sayer, words: dict[str, str]) -> Segment:
    return said.segment(
        block.kind, section, words.get(block.kind, "") + block.text, pause_after_ms=pauses.paragraph_ms
    )
