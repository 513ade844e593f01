"""Render a Script: every sentence into the cache (in parallel where it pays), handed on
in script order as soon as it and every sentence before it exist.

Nothing here holds audio or knows of MP3: sentences are rendered to files by the engine,
and what is handed on is where each file is and where in it the sentence is heard (read
from the file's header). How sentences and pauses become parts is the audio stage's.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from narrator import cachedir
from narrator.document import Rendition, Script, SpokenSentence
from narrator.errors import VoiceError
from narrator.speech.cache import HEADER_BYTES, CachedSentence, SentenceCache
from narrator.speech.engine import Engine
from narrator.speech.pause import SENTENCE_END_MS
from narrator.speech.pool import EngineSpec, synthesize_into, synthesize_parallel

Progress = Callable[[int, int], None]
"""Called with (sentences rendered so far, sentences to render)."""


@dataclass(frozen=True)
class RenderOptions:
    """The speech stage's options."""

    cache_dir: Path | None = None
    """Where rendered sentences are kept between runs; None renders afresh (no cache)."""
    workers: int = os.cpu_count() or 1
    """Speech processes at once."""
    parallel_from: int = 100
    """Fewer sentences than this to render are done in this process: starting a worker
    process costs about as much as eSpeak NG rendering a few dozen sentences, so a short
    article is quicker without workers."""


@dataclass(frozen=True)
class RenderStats:
    sentences: int
    rendered: int
    """How many had to be synthesised (the rest came from the cache)."""


def render(
    script: Script,
    engine: Engine,
    spec: EngineSpec,
    cache_dir: Path,
    options: RenderOptions | None = None,
    progress: Progress | None = None,
) -> tuple[Rendition, RenderStats]:
    """The Rendition of `script`: its sentences are spoken into the sentence cache under
    `cache_dir` (which must outlive the Rendition: its sentences point at the files there)
    as its stream is read, in worker processes when there are enough to make starting them
    worth it. The stats are known at once: what is cached is looked up first."""
    options = options or RenderOptions()
    cache = SentenceCache(cache_dir)
    identity = voice_identity(engine, spec)
    keys = [[SentenceCache.key(identity, text) for text in s.engine_text] for s in script.segments]
    jobs, cached = _missing(cache, script, keys)
    cachedir.count(cache_dir, "sentences", hits=len(cached), misses=len(jobs))
    rendered = _synthesize(engine, spec, cache, jobs, options, progress)
    rendition = Rendition(
        sample_rate=engine.sample_rate,
        language=script.language,
        chapter_titles=script.chapter_titles,
        segments=script.segments,
        sentences=_in_order(script, keys, cache, cached, rendered),
    )
    return rendition, RenderStats(sentences=sum(len(k) for k in keys), rendered=len(jobs))


def voice_identity(engine: Engine, spec: EngineSpec) -> str:
    """Everything that changes how a sentence sounds, for the cache key."""
    o = spec.options
    said = f"{o.voice}|{o.rate}|{o.pitch}|{engine.sample_rate}|gap{o.word_gap}|end{SENTENCE_END_MS}"
    if o.noise_scale is not None or o.noise_w is not None:
        said += f"|noise{o.noise_scale},{o.noise_w}"
    return f"{engine.name}|{engine.version}|{said}"


def _missing(
    cache: SentenceCache, script: Script, keys: list[list[str]]
) -> tuple[list[tuple[str, str]], dict[str, CachedSentence]]:
    """(key, text) of each sentence to render, in script order, and the cached ones found
    (a damaged file counts as missing: it is spoken again)."""
    jobs: dict[str, str] = {}
    cached: dict[str, CachedSentence] = {}
    for segment, segment_keys in zip(script.segments, keys, strict=True):
        for key, text in zip(segment_keys, segment.engine_text, strict=True):
            if key not in jobs and key not in cached:
                entry = cache.find(key)
                if entry is None:
                    jobs[key] = text
                else:
                    cached[key] = entry
    return list(jobs.items()), cached


def _synthesize(
    engine: Engine,
    spec: EngineSpec,
    cache: SentenceCache,
    jobs: list[tuple[str, str]],
    options: RenderOptions,
    progress: Progress | None,
) -> Generator[list[str], None, None]:
    """Render `jobs`, yielding the keys of each sentence (or batch) as it lands in the cache."""
    done = 0
    if progress:
        progress(0, len(jobs))  # the total is known before the first sentence is spoken
    if (
        options.workers > 1
        and len(jobs) >= options.parallel_from
        and not getattr(engine, "one_process", False)
    ):
        batches: Iterator[list[str]] = synthesize_parallel(spec, cache, jobs, options.workers)
    else:
        batches = _one_by_one(engine, cache, jobs)
    for keys in batches:
        done += len(keys)
        if progress:
            progress(done, len(jobs))
        yield keys


def _one_by_one(engine: Engine, cache: SentenceCache, jobs: list[tuple[str, str]]) -> Iterator[list[str]]:
    for job in jobs:
        synthesize_into(engine, cache, [job])
        yield [job[0]]


def _in_order(
    script: Script,
    keys: list[list[str]],
    cache: SentenceCache,
    entries: dict[str, CachedSentence],
    rendered: Generator[list[str], None, None],
) -> Iterator[SpokenSentence]:
    """Every sentence of `script` in order, each as soon as it (and all before it) exist."""
    ready = set(entries)
    with contextlib.closing(rendered):  # a run stopped early drops the batches not begun
        yield from _sentences(script, keys, cache, entries, rendered, ready)


def _sentences(
    script: Script,
    keys: list[list[str]],
    cache: SentenceCache,
    entries: dict[str, CachedSentence],
    rendered: Generator[list[str], None, None],
    ready: set[str],
) -> Iterator[SpokenSentence]:
    for index, (segment, segment_keys) in enumerate(zip(script.segments, keys, strict=True)):
        for text, key in zip(segment.sentences, segment_keys, strict=True):
            while key not in ready:
                ready.update(next(rendered))
            if key not in entries:
                entries[key] = cache.entry(key)
            entry = entries[key]
            if not entry.samples:
                raise VoiceError(f"The speech engine made no audio for: {text[:60]!r}.")
            yield SpokenSentence(
                text=text,
                segment=index,
                path=entry.path,
                offset=HEADER_BYTES,
                samples=entry.samples,
                first_audible=entry.first_audible,
                end_audible=entry.end_audible,
                silent_tail=entry.silent_tail,
            )
