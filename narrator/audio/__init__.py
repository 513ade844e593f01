"""audio: encode the rendition, place chapters in the file's own time, tag it."""

from __future__ import annotations

from pathlib import Path

from narrator.audio.encode import Mp3Options, encode_mp3
from narrator.audio.tags import EpisodeTags, audio_length_ms, write_tags
from narrator.document import Chapter, Rendition, Script


def chapters_for(
    script: Script, rendition: Rendition, length_ms: int, delay_samples: int = 0
) -> tuple[Chapter, ...]:
    """Contiguous chapters at the Timeline's section starts (shifted by any codec delay
    the encoder could not absorb); the first starts at 0, the last ends with the file."""
    delay = delay_samples * 1000 / rendition.sample_rate
    starts = [0] + [round(s + delay) for s in rendition.timeline.section_starts_ms[1:]]
    ends = starts[1:] + [length_ms]
    return tuple(
        Chapter(title=title, start_ms=start, end_ms=end)
        for title, start, end in zip(script.chapter_titles, starts, ends, strict=True)
    )


def master(
    script: Script,
    rendition: Rendition,
    tags: EpisodeTags,
    dest: Path,
    options: Mp3Options | None = None,
) -> tuple[int, tuple[Chapter, ...]]:
    """Encode and tag `dest`; return its length in ms and its chapters."""
    delay = encode_mp3(rendition, dest, options)
    length = audio_length_ms(dest)
    chapters = chapters_for(script, rendition, length, delay)
    write_tags(dest, tags, chapters)
    return length, chapters
