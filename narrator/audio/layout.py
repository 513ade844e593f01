"""Lay rendered sentences and their pauses end to end, in parts that the audio stage
masters, encodes and caches on their own.

A part begins and ends inside a pause and lasts a whole number of MP3 frames, so parts
encoded apart and laid end to end keep their place to the sample, and an edit elsewhere
in the article (which only moves a part in time) leaves its key, and its encoded MP3 in
the cache, as they were. The Timeline (every later timing) is built as parts are laid.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.document import Segment, SpokenSentence, TimedSentence, Timeline

PART_WORDS = 15
"""A part ends after a segment of at least this many words (a short heading, byline or
caption joins the segment after it), and inside a segment after a sentence once it has
this many words and this many are left: long enough to measure its loudness, short
enough that an edit re-encodes little (a sentence or two, not its paragraph)."""
PART_GRID = 1152
"""Every part lasts a multiple of this many samples: MP3 frames are 1,152 samples (576
below 32 kHz), so parts encoded on their own and laid end to end keep their place."""
MAX_PART_WORDS = 200
"""A longer segment is cut into parts of about this many words (a minute of speech)."""
CUT_PAUSE_MS = 150
"""The pause put between two parts cut from one segment: enough silence on each side for
the encoder to drop its codec delay, short enough to pass for a pause between sentences."""
SILENT_CUT_MS = 100
"""A sentence that ends in at least this much digital silence (eSpeak NG's end with
315 ms) may end a part inside it, no pause added: the next part opens with the last
CUT_PAUSE_MS / 2 of those zeros (room for the codec delay)."""


@dataclass(frozen=True)
class Piece:
    """A run of samples in a part: `samples` s16le mono samples read from `path` at byte
    `offset`, or that many samples of silence when `path` is None."""

    path: Path | None
    offset: int
    samples: int


@dataclass(frozen=True)
class Part:
    """A stretch of the episode that begins and ends inside a pause, a sentence to a
    paragraph long: the unit mastered, encoded and cached on its own."""

    key: str
    """Identity of its sound: two parts with one key have the same samples."""
    pieces: tuple[Piece, ...]
    start: int
    """Its first sample in the episode's audio as laid out."""
    samples: int


class Layout:
    """Parts from a stream of sentences in order, a part at a time as its sentences arrive.

    A pause between two parts is split between them (inside a segment, the silence a
    sentence ends with is), and a part's closing silence is lengthened to a whole number
    of PART_GRID samples. What a part holds depends only on its own sentences and the
    pauses beside them."""

    def __init__(self, segments: tuple[Segment, ...], rate: int) -> None:
        self.segments, self.rate = split_long(segments), rate
        lasts = [i for i, end in enumerate(_part_ends(self.segments)) if end]
        self.groups = list(zip([0] + [i + 1 for i in lasts[:-1]], lasts, strict=True))
        self.sentences: list[TimedSentence] = []
        self.position = 0

    def parts(self, sentences: Iterable[SpokenSentence]) -> Iterator[Part]:
        """Every part, in order, each as soon as the sentences it holds have arrived."""
        stream = iter(sentences)
        for first, last in self.groups:
            spoken = [[_next(stream) for _ in self.segments[i].sentences] for i in range(first, last + 1)]
            yield from self._lay_out(first, spoken)
        if next(stream, None) is not None:
            raise ValueError("the rendition has more sentences than its segments")

    def timeline(self, chapters: int) -> Timeline:
        """Where every sentence and section lies, once every part is laid out."""
        section_starts: dict[int, int] = {}
        for sentence in self.sentences:
            section_starts.setdefault(sentence.section, 0 if sentence.section == 0 else sentence.start_ms)
        return Timeline(
            sentences=tuple(self.sentences),
            section_starts_ms=tuple(section_starts.get(i, 0) for i in range(chapters)),
            duration_ms=_ms(self.position, self.rate),
        )

    def _lay_out(self, first: int, spoken: list[list[SpokenSentence]]) -> list[Part]:
        """Segments first.. (their sentences `spoken`) as parts: one, or more where a
        sentence's own silence allows a cut (see SILENT_CUT_MS). Whether a cut is made
        after a sentence depends on its own silence and the word counts of these segments
        only, so an edit that keeps the number of words re-makes only the part holding it."""
        segments, rate = self.segments, self.rate
        last = first + len(spoken) - 1
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
            sentences = spoken[index - first]
            for n, sentence in enumerate(sentences):
                pieces.append(Piece(sentence.path, sentence.offset, sentence.samples))
                position = self.position
                heard = [_ms(position + at, rate) for at in (sentence.first_audible, sentence.end_audible)]
                self.sentences.append(TimedSentence(sentence.text, segment.kind, segment.section, *heard))
                self.position += sentence.samples
                said = len(sentence.text.split())
                words, left = words + said, left - said
                last_one = n + 1 == len(sentences)
                if not last_one and min(words, left) >= PART_WORDS and sentence.silent_tail >= enough:
                    pieces[-1] = Piece(sentence.path, sentence.offset, sentence.samples - lead)
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


def split_long(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Segments of more than MAX_PART_WORDS words cut into runs of whole sentences with a
    short pause between them, so that no part grows with the length of a paragraph: a
    page pasted without paragraph breaks is one segment. Sentences keep their order."""
    out: list[Segment] = []
    for segment in segments:
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
    return tuple(out)


def _next(stream: Iterator[SpokenSentence]) -> SpokenSentence:
    sentence = next(stream, None)
    if sentence is None:
        raise ValueError("the rendition ended before its last sentence")
    return sentence


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
