"""Render a Script: every sentence into the cache (in parallel where it pays), laid out
with its pauses in parts (each handed on as soon as its sentences exist), with the
Timeline that every later timing (chapters, cues) is read from.

Nothing here holds audio: sentences are rendered to files by the engine, and a part is
a list of those files and runs of silence. The Timeline is built from each file's header.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.document import Part, Piece, Rendition, Script, Segment, TimedSentence, Timeline
from narrator.errors import VoiceError
from narrator.speech.cache import HEADER_BYTES, CachedSentence, SentenceCache
from narrator.speech.engine import Engine
from narrator.speech.pool import EngineSpec, synthesize_into, synthesize_parallel

PART_WORDS = 15
"""A part ends after a segment of at least this many words (a short heading, byline or
caption joins the segment after it), and inside a segment after a sentence once it has
this many words and this many are left: long enough to measure its loudness, short
enough that an edit re-encodes little (a sentence or two, not its paragraph)."""

PART_GRID = 1152
"""Every part lasts a multiple of this many samples: MP3 frames are 1,152 samples (576
below 32 kHz), so parts encoded on their own and laid end to end keep their place in the
rendition to the sample, however many there are."""

MAX_PART_WORDS = 200
"""A longer segment is cut into parts of about this many words (a minute of speech)."""
CUT_PAUSE_MS = 150
"""The pause put between two parts cut from one segment: enough silence on each side for
the MP3 stage to drop its codec delay, short enough to pass for a pause between sentences."""
SILENT_CUT_MS = 100
"""A sentence that ends in at least this much digital silence (eSpeak NG's end with
315 ms) may end a part inside it, no pause added: the next part opens with the last
CUT_PAUSE_MS / 2 of those zeros (room for the codec delay), so the only change to the
sound is the part's padding to whole frames."""

Progress = Callable[[int, int], None]
"""Called with (sentences rendered so far, sentences to render)."""


@dataclass(frozen=True)
class RenderOptions:
    cache_dir: Path | None = None
    """Where rendered sentences are kept between runs; None renders afresh (no cache)."""
    workers: int = os.cpu_count() or 1
    """Speech processes (and, in the audio stage, encoding threads) at once."""
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
    on_part: Callable[[Part], object] | None = None,
) -> tuple[Rendition, RenderStats]:
    """Speak every sentence of `script` into the sentence cache under `cache_dir` (which
    must outlive the Rendition: its parts point at the files there), in worker processes
    when there are enough sentences to make starting them worth it.

    `on_part` is handed each part, in order, as soon as all its sentences are rendered,
    so the audio stage can master it while later ones are still being spoken."""
    options = options or RenderOptions()
    cache = SentenceCache(cache_dir)
    identity = voice_identity(engine, spec)
    keys = [[SentenceCache.key(identity, text) for text in s.engine_text] for s in script.segments]
    jobs, cached = _missing(cache, script, keys)
    segments, split_keys = _split_long(script.segments, keys)
    layout = _Layout(segments, split_keys, cache, engine.sample_rate, on_part, found=cached)
    layout.add(cached)
    _synthesize(engine, spec, cache, jobs, options, progress, layout.add)
    rendition = layout.finish(len(script.chapter_titles))
    return rendition, RenderStats(sentences=sum(len(k) for k in keys), rendered=len(jobs))


def voice_identity(engine: Engine, spec: EngineSpec) -> str:
    """Everything that changes how a sentence sounds, for the cache key."""
    o = spec.options
    return f"{engine.name}|{engine.version}|{o.voice}|{o.rate}|{o.pitch}|{engine.sample_rate}"


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
    rendered: Callable[[list[str]], None],
) -> None:
    """Render `jobs`; `rendered(keys)` as each sentence (or batch) lands in the cache."""
    done = 0
    if progress:
        progress(0, len(jobs))  # the total is known before the first sentence is spoken

    def advance(keys: list[str]) -> None:
        nonlocal done
        done += len(keys)
        rendered(keys)
        if progress:
            progress(done, len(jobs))

    if options.workers > 1 and len(jobs) >= options.parallel_from:
        synthesize_parallel(spec, cache, jobs, options.workers, advance)
    else:
        for job in jobs:
            synthesize_into(engine, cache, [job])
            advance([job[0]])


def _split_long(
    segments: tuple[Segment, ...], keys: list[list[str]]
) -> tuple[tuple[Segment, ...], list[list[str]]]:
    """Segments of more than MAX_PART_WORDS words cut into runs of whole sentences with a
    short pause between them, so that no part (and no worker's memory) grows with the
    length of a paragraph: a page pasted without paragraph breaks is one segment."""
    out: list[Segment] = []
    out_keys: list[list[str]] = []
    for segment, segment_keys in zip(segments, keys, strict=True):
        runs, start, words = [], 0, 0
        for index, sentence in enumerate(segment.sentences):
            words += len(sentence.split())
            if words >= MAX_PART_WORDS and index + 1 < len(segment.sentences):
                runs.append((start, index + 1))
                start, words = index + 1, 0
        runs.append((start, len(segment.sentences)))
        for n, (first, end) in enumerate(runs):
            out.append(
                replace(
                    segment,
                    sentences=segment.sentences[first:end],
                    spoken=segment.spoken[first:end],
                    pause_before_ms=segment.pause_before_ms if n == 0 else CUT_PAUSE_MS // 2,
                    pause_after_ms=segment.pause_after_ms if n == len(runs) - 1 else CUT_PAUSE_MS // 2,
                )
            )
            out_keys.append(segment_keys[first:end])
    return tuple(out), out_keys


class _Layout:
    """Lays every sentence and pause end to end, in parts that begin and end in pauses,
    a part at a time as the sentences it needs arrive.

    A pause between two parts is split between them (inside a segment, the silence a
    sentence ends with is), and a part's closing silence is lengthened to a whole number
    of PART_GRID samples. What a part holds then depends only on its own sentences and
    the pauses beside them, so an edit elsewhere (which moves it in time) leaves its key,
    and its encoded MP3 in the cache, as they were."""

    def __init__(
        self,
        segments: tuple[Segment, ...],
        keys: list[list[str]],
        cache: SentenceCache,
        rate: int,
        on_part: Callable[[Part], object] | None,
        found: dict[str, CachedSentence],
    ) -> None:
        self.segments, self.keys, self.cache, self.rate, self.on_part = segments, keys, cache, rate, on_part
        lasts = [i for i, end in enumerate(_part_ends(segments)) if end]
        self.groups = list(zip([0] + [i + 1 for i in lasts[:-1]], lasts, strict=True))
        self.ready: set[str] = set()
        self.entries = dict(found)
        """Headers already read (those found cached, then each rendered one as laid out):
        a sentence that recurs is looked up once."""
        self.parts: list[Part] = []
        self.laid_out = 0
        """Groups laid out so far (each makes one part or more)."""
        self.sentences: list[TimedSentence] = []
        self.position = 0

    def add(self, keys: Iterable[str]) -> None:
        """These sentences are in the cache now: lay out every part that has all of its own."""
        self.ready.update(keys)
        while self.laid_out < len(self.groups):
            first, last = self.groups[self.laid_out]
            if not all(key in self.ready for index in range(first, last + 1) for key in self.keys[index]):
                return
            for part in self._lay_out(first, last):
                self.parts.append(part)
                if self.on_part:
                    self.on_part(part)
            self.laid_out += 1

    def finish(self, chapters: int) -> Rendition:
        assert self.laid_out == len(self.groups), "a sentence was never rendered"
        section_starts: dict[int, int] = {}
        for sentence in self.sentences:
            section_starts.setdefault(sentence.section, 0 if sentence.section == 0 else sentence.start_ms)
        timeline = Timeline(
            sentences=tuple(self.sentences),
            section_starts_ms=tuple(section_starts.get(i, 0) for i in range(chapters)),
            duration_ms=_ms(self.position, self.rate),
        )
        return Rendition(sample_rate=self.rate, parts=tuple(self.parts), timeline=timeline)

    def _lay_out(self, first: int, last: int) -> list[Part]:
        """Segments first..last as parts: one, or more where a sentence's own silence
        allows a cut (see SILENT_CUT_MS). Whether a cut is made after a sentence depends
        on its own silence and the word counts of these segments only, so an edit that
        keeps the number of words re-makes only the part holding the edited sentence."""
        segments, rate = self.segments, self.rate
        lead = round(CUT_PAUSE_MS / 2 * rate / 1000)
        enough = round(SILENT_CUT_MS * rate / 1000)
        parts: list[Part] = []
        pieces: list[Piece] = []
        start, words = self.position, 0
        for index in range(first, last + 1):
            segment = segments[index]
            before: float = segment.pause_before_ms
            if index == first and index:
                before = (segments[index - 1].pause_after_ms + before) / 2
            self._silence(pieces, round(before * rate / 1000))
            left = sum(len(text.split()) for text in segment.sentences)
            for n, (text, key) in enumerate(zip(segment.sentences, self.keys[index], strict=True)):
                if key not in self.entries:
                    self.entries[key] = self.cache.entry(key)
                entry = self.entries[key]
                if not entry.samples:
                    raise VoiceError(f"The speech engine made no audio for: {text[:60]!r}.")
                pieces.append(Piece(entry.path, HEADER_BYTES, entry.samples))
                position = self.position
                timed = (_ms(position + entry.first_audible, rate), _ms(position + entry.end_audible, rate))
                self.sentences.append(TimedSentence(text, segment.kind, segment.section, *timed))
                self.position += entry.samples
                said = len(text.split())
                words, left = words + said, left - said
                if (
                    n + 1 < len(segment.sentences)
                    and min(words, left) >= PART_WORDS
                    and entry.silent_tail >= enough
                ):
                    pieces[-1] = Piece(entry.path, HEADER_BYTES, entry.samples - lead)
                    self.position -= lead
                    parts.append(self._close(pieces, start))
                    pieces, start, words = [], self.position, 0
                    self._silence(pieces, lead)
            after: float = segment.pause_after_ms
            if index == last and index + 1 < len(segments):
                after = (after + segments[index + 1].pause_before_ms) / 2
            self._silence(pieces, round(after * rate / 1000))
        parts.append(self._close(pieces, start))
        return parts

    def _close(self, pieces: list[Piece], start: int) -> Part:
        """The part made of `pieces`, its closing silence lengthened to whole PART_GRIDs."""
        self._silence(pieces, -(self.position - start) % PART_GRID)
        return _part(pieces, start, self.position - start, self.rate)

    def _silence(self, pieces: list[Piece], samples: int) -> None:
        pieces.append(Piece(None, 0, samples))
        self.position += samples


def _part_ends(segments: tuple[Segment, ...]) -> list[bool]:
    """Whether a part ends after each segment; a short last part joins the one before."""
    ends = [sum(len(s.split()) for s in segment.sentences) >= PART_WORDS for segment in segments]
    if ends:
        last = max((i for i, end in enumerate(ends[:-1]) if end), default=None)
        if last is not None and not ends[-1]:
            ends[last] = False
        ends[-1] = True
    return ends


def _part(pieces: list[Piece], start: int, samples: int, rate: int) -> Part:
    described = ";".join(
        f"{p.path.name}@{p.offset}+{p.samples}" if p.path else f"0+{p.samples}" for p in pieces
    )
    key = hashlib.sha256(f"{rate}|{described}".encode()).hexdigest()
    return Part(key=key, pieces=tuple(p for p in pieces if p.samples), start=start, samples=samples)


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)
