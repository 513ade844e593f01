"""The audio stage's entry: a Rendition in, the Episode out.

Sentences are laid out in parts as they arrive (audio/layout.py), each part mastered in
a pool of threads or found in the part cache (audio/parts.py), then the parts' frames
are written end to end after our ID3 tag, with chapters and cues in the file's own
time, and the transcripts beside it. Every file is written under a temporary name
beside its final one (`Recording.staged`): publishing renames them into place.
"""

from __future__ import annotations

import bisect
import hashlib
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from narrator import atomic, cachedir
from narrator.audio.layout import Layout, Part
from narrator.audio.options import AudioOptions, MasterOptions
from narrator.audio.parts import MasteredPart, Mastering
from narrator.audio.tags import EpisodeTags, id3_tag
from narrator.audio.transcript import Cue, cues_for, to_chapters_json, to_srt, to_vtt
from narrator.document import Chapter, Episode, Rendition, Timeline

__all__ = ["AudioOptions", "EpisodeTags", "MasterOptions", "Recording", "sidecar_path", "write_episode"]

SIDECARS = {"vtt": ".vtt", "srt": ".srt", "chapters": ".chapters.json"}
"""Files written beside each MP3, by kind: transcripts and JSON chapters."""


@dataclass(frozen=True)
class Recording:
    """What the audio stage made of a rendition."""

    episode: Episode
    """The episode, its files staged (not yet in place) under the paths it names."""
    staged: dict[Path, Path] = field(hash=False)
    """Final path -> the temporary file beside it holding its bytes."""
    timeline: Timeline
    """Where every sentence and section lies in the audio as laid out (before encoding)."""
    cues: tuple[Cue, ...]
    parts: tuple[Part, ...]
    gain_db: float
    """Gain applied before the limiter to reach the loudness target (parts' mean, by length)."""
    encoded: int
    """Parts that had to be encoded (the rest came from the cache)."""


class FileClock:
    """Where a time in the laid-out audio is heard in the file.

    Parts are laid end to end as whole MP3 frames. A part a whole number of frames long,
    opening with enough silence to absorb the codec delay, is heard exactly at its place;
    where one is not (a part that opens with sound), the difference is carried from that
    part on. Within a part, sounds keep their spacing."""

    def __init__(self, rate: int, laid: Sequence[Part], parts: Sequence[MasteredPart]) -> None:
        self.rate = rate
        self._starts = [p.start for p in laid]
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
    titles: tuple[str, ...], timeline: Timeline, duration_ms: int, place: Callable[[float], int]
) -> tuple[Chapter, ...]:
    """Contiguous chapters at the Timeline's section starts, in the file's time; the first
    starts at 0, the last ends with the file."""
    starts = [0] + [place(s) for s in timeline.section_starts_ms[1:]]
    ends = starts[1:] + [duration_ms]
    return tuple(
        Chapter(title=title, start_ms=start, end_ms=end)
        for title, start, end in zip(titles, starts, ends, strict=True)
    )


def write_episode(
    rendition: Rendition,
    episode: Episode,
    tags: EpisodeTags,
    cache_dir: Path,
    options: AudioOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    versioned: bool = False,
) -> Recording:
    """Lay out, master (or find in the part cache under `cache_dir`) and write the episode
    to `episode.path` and its sidecars, all staged: the Recording's `episode` has its
    size, duration, chapters and sidecars filled in.

    `versioned` names the files `<stem>-<10 hex digits of what they hold>.mp3` (and so
    on): a new version of an episode never overwrites the files a published feed
    describes, while the same episode made again keeps its names."""
    options = options or AudioOptions()
    rate = rendition.sample_rate
    layout = Layout(rendition.segments, rate)
    with Mastering(cache_dir, rate, options.master, options.workers, progress) as mastering:
        # Each part is mastered as soon as its sentences exist, while later ones are spoken.
        laid = tuple(mastering.start(part) for part in layout.parts(rendition.sentences))
        parts, encoded = mastering.results(laid)
    cachedir.count(cache_dir, "parts", hits=len(parts) - encoded, misses=encoded)
    timeline = layout.timeline(len(rendition.chapter_titles))
    clock = FileClock(rate, laid, parts)
    # What players show: the length of a CBR file without a Xing header is read from its
    # size (within a millisecond of the frames' own length).
    frames_size = sum(p.size for p in parts)
    duration_ms = round(frames_size * 8 / options.master.mp3.bitrate_kbps)
    chapters = chapters_for(rendition.chapter_titles, timeline, duration_ms, clock)
    cues = cues_for(timeline, clock)
    tag = id3_tag(replace(tags, cues=cues), chapters)
    if versioned:
        version = hashlib.sha256(tag + "|".join(f"{p.path.name}:{p.size}" for p in parts).encode())
        stem = f"{episode.path.stem}-{version.hexdigest()[:10]}"
        episode = replace(episode, path=episode.path.with_stem(stem))
    staged: dict[Path, Path] = {}
    try:
        staged[episode.path] = atomic.stage(episode.path)
        with staged[episode.path].open("wb") as out:
            out.write(tag)
            for part in parts:
                with part.path.open("rb") as source:
                    shutil.copyfileobj(source, out)
        sidecars = []
        texts = {"vtt": to_vtt(cues), "srt": to_srt(cues), "chapters": to_chapters_json(chapters, tags.title)}
        for kind, text in texts.items():
            path = sidecar_path(episode.path, kind)
            staged[path] = atomic.stage(path)
            staged[path].write_text(text, encoding="utf-8")
            sidecars.append((kind, path))
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    lengths = [p.frames * p.samples_per_frame for p in parts]
    gain = sum(p.gain_db * n for p, n in zip(parts, lengths, strict=True)) / max(1, sum(lengths))
    written = replace(
        episode,
        size=len(tag) + frames_size,
        duration_ms=duration_ms,
        chapters=chapters,
        sidecars=tuple(sidecars),
    )
    return Recording(written, staged, timeline, cues, laid, gain, encoded)


def sidecar_path(mp3: Path, kind: str) -> Path:
    return mp3.with_name(mp3.stem + SIDECARS[kind])
