"""The episode: mastered parts end to end after our ID3 tag, with chapters and cues in the
file's own time, and the transcripts to write beside it."""

from __future__ import annotations

import bisect
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.audio.parts import MasteredPart, Mastering, MasterOptions
from narrator.audio.tags import EpisodeTags, id3_tag
from narrator.audio.transcript import Cue, cues_for, to_chapters_json, to_srt, to_vtt
from narrator.document import Chapter, Rendition, Script

__all__ = [
    "EpisodeTags",
    "MasterOptions",
    "Mastered",
    "Mastering",
    "master",
    "sidecar_path",
    "sidecar_texts",
]

SIDECARS = {"vtt": ".vtt", "srt": ".srt", "chapters": ".chapters.json"}
"""Files written beside each MP3, by kind: transcripts and JSON chapters."""


@dataclass(frozen=True)
class Mastered:
    """What the audio stage made of a rendition."""

    length_ms: int
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    gain_db: float
    """Gain applied before the limiter to reach the loudness target (parts' mean, by length)."""
    encoded: int
    """Parts that had to be encoded (the rest came from the cache)."""
    parts: int


class FileClock:
    """Where a time in the rendition is heard in the file.

    Parts are laid end to end as whole MP3 frames. A part the renderer made (a whole number
    of frames long, opening with enough silence to absorb the codec delay) is heard exactly
    at its place, and this is the identity; where one is not (a part that opens with sound,
    or a frame length the renderer did not plan for), the difference is carried from that
    part on. Within a part, sounds keep their spacing."""

    def __init__(self, rendition: Rendition, parts: Sequence[MasteredPart]) -> None:
        self.rate = rendition.sample_rate
        self._starts = [p.start for p in rendition.parts]
        self._file_starts: list[int] = []
        position = 0
        for part in parts:
            self._file_starts.append(position + part.delay)
            position += part.frames * part.samples_per_frame

    def __call__(self, ms: float) -> int:
        sample = ms * self.rate / 1000
        k = max(0, bisect.bisect_right(self._starts, sample) - 1)
        return round((self._file_starts[k] + sample - self._starts[k]) * 1000 / self.rate)


def chapters_for(
    script: Script, rendition: Rendition, length_ms: int, place: Callable[[float], int]
) -> tuple[Chapter, ...]:
    """Contiguous chapters at the Timeline's section starts, in the file's time; the first
    starts at 0, the last ends with the file."""
    starts = [0] + [place(s) for s in rendition.timeline.section_starts_ms[1:]]
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
    cache_dir: Path,
    options: MasterOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
    mastering: Mastering | None = None,
) -> Mastered:
    """Bring each part of the rendition to the loudness target, encode it (or find it in
    the part cache under `cache_dir`), and write `dest`: our ID3 tag, then the parts'
    frames end to end. `mastering` is one already under way (parts handed to it while the
    renderer was still speaking), else one is started here."""
    options = options or MasterOptions()
    if mastering is None:
        with Mastering(cache_dir, rendition.sample_rate, options, workers, progress) as own:
            return master(script, rendition, tags, dest, cache_dir, options, mastering=own)
    parts, encoded = mastering.results(rendition.parts)
    clock = FileClock(rendition, parts)
    # What players show: the length of a CBR file without a Xing header is read from its
    # size (within a millisecond of the frames' own length).
    frames_size = sum(p.size for p in parts)
    length_ms = round(frames_size * 8 / options.mp3.bitrate_kbps)
    chapters = chapters_for(script, rendition, length_ms, clock)
    cues = cues_for(rendition.timeline, clock)
    tag = id3_tag(replace(tags, cues=cues), chapters)
    with dest.open("wb") as out:  # not append mode, which would write after the reserved bytes
        out.write(tag)
        for part in parts:
            with part.path.open("rb") as source:
                shutil.copyfileobj(source, out)
    lengths = [p.frames * p.samples_per_frame for p in parts]
    gain = sum(p.gain_db * n for p, n in zip(parts, lengths, strict=True)) / max(1, sum(lengths))
    return Mastered(
        length_ms=length_ms, chapters=chapters, cues=cues, gain_db=gain, encoded=encoded, parts=len(parts)
    )


def sidecar_path(mp3: Path, kind: str) -> Path:
    return mp3.with_name(mp3.stem + SIDECARS[kind])


def sidecar_texts(mastered: Mastered, title: str) -> dict[str, str]:
    """The VTT, SRT and JSON chapters to write beside the MP3, by kind."""
    return {
        "vtt": to_vtt(mastered.cues),
        "srt": to_srt(mastered.cues),
        "chapters": to_chapters_json(mastered.chapters, title),
    }
