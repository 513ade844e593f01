"""audio: encode the rendition, place chapters in the file's own time, tag it."""

from __future__ import annotations

from pathlib import Path

from narrator.audio.encode import Mp3Options, codec_delay_ms, encode_mp3
from narrator.audio.tags import EpisodeTags, audio_length_ms, write_tags
from narrator.document import Chapter, Rendition, Script


def chapters_for(script: Script, rendition: Rendition, length_ms: int) -> tuple[Chapter, ...]:
    """Contiguous chapters from the Timeline's section starts, shifted by the codec delay;
    the first starts at 0 and the last ends at the end of the file."""
    delay = codec_delay_ms(rendition.sample_rate)
    starts = [0] + [round(s + delay) for s in rendition.timeline.section_starts_ms[1:]]
    ends = starts[1:] + [length_ms]
    return tuple(
        Chapter(title=title, start_ms=start, end_ms=end)
        for title, start, end in zip(script.chapter_titles, starts, ends)
    )


def master(
    script: Script, rendition: Rendition, tags: EpisodeTags, dest: Path,
    options: Mp3Options | None = None,
) -> tuple[int, tuple[Chapter, ...]]:
    """Encode and tag `dest`; return its length in ms and its chapters."""
    encode_mp3(rendition, dest, options)
    length = audio_length_ms(dest)
    chapters = chapters_for(script, rendition, length)
    write_tags(dest, tags, chapters)
    return length, chapters
