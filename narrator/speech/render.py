"""Render a Script: every sentence into the cache (in parallel where it pays), then the
sentences and pauses joined in order into one PCM file, with the Timeline that every
later timing (chapters, cues) is read from.

Memory holds one segment at a time, never the article: sentences are rendered to files
and the joined audio is appended to the PCM file segment by segment.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrator.document import Rendition, Script, TimedSentence, Timeline
from narrator.errors import VoiceError
from narrator.speech.cache import SentenceCache
from narrator.speech.engine import Engine
from narrator.speech.pool import EngineSpec, synthesize_into, synthesize_parallel

with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # pydub warns that ffmpeg is absent; we never use it
    from pydub import AudioSegment

_SAMPLE_WIDTH = 2
_AUDIBLE = 330
"""-40 dBFS: quieter samples at a sentence's edges are the engine's silence, not speech."""
_PARALLEL_FROM = 24
"""Fewer sentences than this to render are done in this process: starting workers costs more."""

Progress = Callable[[int, int], None]
"""Called with (sentences rendered so far, sentences to render)."""


@dataclass(frozen=True)
class RenderOptions:
    cache_dir: Path | None = None
    """Where rendered sentences are kept between runs; None renders afresh (no cache)."""
    workers: int = os.cpu_count() or 1
    """Processes rendering at once."""


@dataclass(frozen=True)
class RenderStats:
    sentences: int
    rendered: int
    """How many had to be synthesised (the rest came from the cache)."""


def render(
    script: Script,
    engine: Engine,
    spec: EngineSpec,
    pcm_path: Path,
    options: RenderOptions | None = None,
    progress: Progress | None = None,
) -> tuple[Rendition, RenderStats]:
    """Speak every segment of `script` into `pcm_path` (raw s16le mono)."""
    options = options or RenderOptions()
    with tempfile.TemporaryDirectory(prefix="narrator-sentences-") as scratch:
        cache = SentenceCache(options.cache_dir or Path(scratch))
        identity = voice_identity(engine, spec)
        keys = [[SentenceCache.key(identity, text) for text in s.engine_text] for s in script.segments]
        jobs = _missing(cache, script, keys)
        _synthesize(engine, spec, cache, jobs, options.workers, progress)
        rendition = _assemble(script, keys, cache, engine.sample_rate, pcm_path)
    return rendition, RenderStats(sentences=sum(len(k) for k in keys), rendered=len(jobs))


def voice_identity(engine: Engine, spec: EngineSpec) -> str:
    """Everything that changes how a sentence sounds, for the cache key."""
    o = spec.options
    return f"{engine.name}|{engine.version}|{o.voice}|{o.rate}|{o.pitch}|{engine.sample_rate}"


def _missing(cache: SentenceCache, script: Script, keys: list[list[str]]) -> list[tuple[str, str]]:
    jobs: dict[str, str] = {}
    for segment, segment_keys in zip(script.segments, keys, strict=True):
        for key, text in zip(segment_keys, segment.engine_text, strict=True):
            if key not in jobs and not cache.has(key):
                jobs[key] = text
    return list(jobs.items())


def _synthesize(
    engine: Engine,
    spec: EngineSpec,
    cache: SentenceCache,
    jobs: list[tuple[str, str]],
    workers: int,
    progress: Progress | None,
) -> None:
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, len(jobs))

    if workers > 1 and len(jobs) >= _PARALLEL_FROM:
        synthesize_parallel(spec, cache, jobs, workers, advance)
    else:
        for job in jobs:
            advance(synthesize_into(engine, cache, [job]))


def _assemble(
    script: Script, keys: list[list[str]], cache: SentenceCache, rate: int, pcm_path: Path
) -> Rendition:
    sentences: list[TimedSentence] = []
    section_starts: dict[int, int] = {}
    samples = 0
    with pcm_path.open("wb") as out:
        for segment, segment_keys in zip(script.segments, keys, strict=True):
            audio = AudioSegment.silent(duration=segment.pause_before_ms, frame_rate=rate)
            for text, key in zip(segment.sentences, segment_keys, strict=True):
                pcm = cache.read(key)
                if not pcm:
                    raise VoiceError(f"The speech engine made no audio for: {text[:60]!r}.")
                offset = samples + len(audio.raw_data) // 2
                first, last = audible_span(pcm)
                audio += AudioSegment(data=pcm, sample_width=_SAMPLE_WIDTH, frame_rate=rate, channels=1)
                start, end = _ms(offset + first, rate), _ms(offset + last, rate)
                sentences.append(TimedSentence(text, segment.kind, segment.section, start, end))
            audio += AudioSegment.silent(duration=segment.pause_after_ms, frame_rate=rate)
            out.write(audio.raw_data)
            samples += len(audio.raw_data) // 2
    for sentence in sentences:
        section_starts.setdefault(sentence.section, 0 if sentence.section == 0 else sentence.start_ms)
    timeline = Timeline(
        sentences=tuple(sentences),
        section_starts_ms=tuple(section_starts.get(i, 0) for i in range(len(script.chapter_titles))),
        duration_ms=_ms(samples, rate),
    )
    return Rendition(pcm_path=pcm_path, sample_rate=rate, timeline=timeline)


def audible_span(pcm: bytes, threshold: int = _AUDIBLE) -> tuple[int, int]:
    """First and one-past-last sample louder than `threshold`: where the sentence is heard,
    without the engine's own leading and trailing silence."""
    samples = np.frombuffer(pcm, dtype="<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    if not len(loud):
        return 0, len(samples)
    return int(loud[0]), int(loud[-1]) + 1


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)
