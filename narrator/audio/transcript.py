"""Transcripts and chapters beside the MP3: WebVTT, SubRip and Podcasting 2.0 JSON chapters.

All are written from the renderer's Timeline, in the file's own time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from narrator.document import Chapter, Timeline, timecode


@dataclass(frozen=True)
class Cue:
    """One sentence on screen from start to end (ms in the MP3)."""

    text: str
    start_ms: int
    end_ms: int


def cues_for(timeline: Timeline, place: Callable[[float], int] = round) -> tuple[Cue, ...]:
    """A cue per spoken sentence, in order and never overlapping; `place` turns a time in
    the rendition into one in the file."""
    cues: list[Cue] = []
    for sentence in timeline.sentences:
        start = max(place(sentence.start_ms), cues[-1].end_ms if cues else 0)
        cues.append(Cue(sentence.text, start, max(start + 1, place(sentence.end_ms))))
    return tuple(cues)


_VTT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
"""WebVTT cue text is markup: '<' opens a tag and '&' a character reference, so an
article's "x < 5" or "Clinic & co" must be written as references to be read as written."""


def to_vtt(cues: tuple[Cue, ...]) -> str:
    blocks = ["WEBVTT", ""]
    for i, cue in enumerate(cues, 1):
        text = " ".join(cue.text.translate(_VTT_ESCAPES).split())  # a blank line would end the cue
        blocks += [str(i), f"{timecode(cue.start_ms)} --> {timecode(cue.end_ms)}", text, ""]
    return "\n".join(blocks)


def to_srt(cues: tuple[Cue, ...]) -> str:
    blocks = []
    for i, cue in enumerate(cues, 1):
        blocks += [str(i), f"{timecode(cue.start_ms, ',')} --> {timecode(cue.end_ms, ',')}", cue.text, ""]
    return "\n".join(blocks)


def to_chapters_json(chapters: tuple[Chapter, ...], title: str) -> str:
    """Podcasting 2.0 JSON chapters (application/json+chapters), version 1.2.0."""
    return json.dumps(
        {
            "version": "1.2.0",
            "title": title,
            "chapters": [
                {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
                for c in chapters
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
