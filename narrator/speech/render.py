"""Render a Script with an engine: pauses between segments, PCM streamed to disk, and
the Timeline that every later timing (chapters, cues) is read from.

Each segment is joined in memory with pydub (its pauses and its sentences), then
appended to one raw PCM file, so memory holds one segment at a time, not the article.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from narrator.document import Rendition, Script, TimedSentence, Timeline
from narrator.errors import VoiceError
from narrator.speech.engine import Engine

with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # pydub warns that ffmpeg is absent; we never use it
    from pydub import AudioSegment

_SAMPLE_WIDTH = 2


def render(script: Script, engine: Engine, pcm_path: Path) -> Rendition:
    """Speak every segment of `script` into `pcm_path` (raw s16le mono)."""
    rate = engine.sample_rate
    sentences: list[TimedSentence] = []
    section_starts: dict[int, int] = {}
    samples = 0
    with pcm_path.open("wb") as out:
        for segment in script.segments:
            audio = AudioSegment.silent(duration=segment.pause_before_ms, frame_rate=rate)
            speech_start = samples + int(audio.frame_count())
            section_starts.setdefault(segment.section, 0 if segment.section == 0 else speech_start)
            spoken = _speak(engine, segment.engine_text, rate)
            for text, pcm in zip(segment.sentences, spoken, strict=True):
                start = samples + int(audio.frame_count())
                audio += pcm
                end = samples + int(audio.frame_count())
                sentences.append(
                    TimedSentence(text, segment.kind, segment.section, _ms(start, rate), _ms(end, rate))
                )
            audio += AudioSegment.silent(duration=segment.pause_after_ms, frame_rate=rate)
            out.write(audio.raw_data)
            samples += int(audio.frame_count())
    starts = tuple(section_starts.get(i, 0) for i in range(len(script.chapter_titles)))
    timeline = Timeline(
        sentences=tuple(sentences),
        section_starts_ms=tuple(_ms(s, rate) for s in starts),
        duration_ms=_ms(samples, rate),
    )
    return Rendition(pcm_path=pcm_path, sample_rate=rate, timeline=timeline)


def _speak(engine: Engine, sentences: tuple[str, ...], rate: int) -> list[AudioSegment]:
    """One AudioSegment per sentence, checking the engine spoke every one."""
    parts: list[bytearray] = [bytearray() for _ in sentences]
    for chunk in engine.synthesize(sentences):
        parts[chunk.sentence] += chunk.pcm
    for text, pcm in zip(sentences, parts, strict=True):
        if not pcm:
            raise VoiceError(f"The {engine.name} engine made no audio for: {text[:60]!r}.")
    return [
        AudioSegment(data=bytes(p), sample_width=_SAMPLE_WIDTH, frame_rate=rate, channels=1) for p in parts
    ]


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)
