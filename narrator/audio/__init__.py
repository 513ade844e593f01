"""audio: loudness, MP3, tags, chapters and transcripts, all in the file's own time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from narrator.audio.decoded import true_peak_dbtp
from narrator.audio.encode import Mp3Options, encode_mp3
from narrator.audio.loudness import LoudnessOptions, analyse, normalise_gain, normalised_blocks
from narrator.audio.tags import EpisodeTags, audio_length_ms, write_tags
from narrator.audio.transcript import Cue, cues_for, to_chapters_json, to_srt, to_vtt
from narrator.document import Chapter, Rendition, Script

_ENCODE_TRIES = 2
"""Encodes at most. The encoder's overshoot (about 1 dB over the limiter's ceiling at
64 kbps) is known only after encoding: when the decoded MP3's true peak is still over
the limit, the file is encoded again that much quieter."""
_PEAK_MARGIN_DB = 0.2
"""The MP3's true peak is kept this far under the limit (meters differ a little)."""
SIDECARS = {"vtt": ".vtt", "srt": ".srt", "chapters": ".chapters.json"}
"""Files written beside each MP3, by kind: transcripts and JSON chapters."""


@dataclass(frozen=True)
class MasterOptions:
    mp3: Mp3Options = field(default_factory=Mp3Options)
    loudness: LoudnessOptions = field(default_factory=LoudnessOptions)


@dataclass(frozen=True)
class Mastered:
    """What the audio stage made of a rendition."""

    length_ms: int
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    gain_db: float
    """Gain applied before the limiter to reach the loudness target."""


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
    options: MasterOptions | None = None,
) -> Mastered:
    """Bring the rendition to the loudness target, encode and tag `dest`."""
    options = options or MasterOptions()
    rate = rendition.sample_rate
    analysis = analyse(rendition.pcm_path, rate)
    gain, curve = normalise_gain(analysis, options.loudness)
    limit = options.loudness.max_true_peak_dbtp - _PEAK_MARGIN_DB
    for _ in range(_ENCODE_TRIES):
        blocks = normalised_blocks(rendition.pcm_path, analysis, gain, curve)
        delay = encode_mp3(blocks, rate, dest, options.mp3)
        overshoot = true_peak_dbtp(dest, rate) - limit
        if overshoot <= 0:
            break
        gain -= overshoot + 0.1  # the overshoot scales with the signal: turn it all down
    length = audio_length_ms(dest)
    chapters = chapters_for(script, rendition, length, delay)
    cues = cues_for(rendition.timeline, delay * 1000 / rate)
    write_tags(dest, replace(tags, cues=cues), chapters)
    return Mastered(length_ms=length, chapters=chapters, cues=cues, gain_db=gain)


def sidecar_path(mp3: Path, kind: str) -> Path:
    return mp3.with_name(mp3.stem + SIDECARS[kind])


def sidecar_texts(mastered: Mastered, title: str) -> dict[str, str]:
    """The VTT, SRT and JSON chapters to write beside the MP3, by kind."""
    return {
        "vtt": to_vtt(mastered.cues),
        "srt": to_srt(mastered.cues),
        "chapters": to_chapters_json(mastered.chapters, title),
    }
