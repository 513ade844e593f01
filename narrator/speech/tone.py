"""A deterministic test engine: one 440 Hz tone per sentence, 60 ms a word.

Like piper's one-second-of-silence test voice: timelines, chapters and cues can be
checked exactly against the decoded audio, with no speech engine in the way.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator, Sequence

from narrator.speech.engine import AudioChunk, EngineOptions, Voice

_RATE = 22050
_MS_PER_WORD = 60
_GAP_MS = 150
"""Silence after each tone, like a speech engine's sentence-final pause."""


class ToneEngine:
    name = "tone"
    version = "1"
    sample_rate = _RATE

    def __init__(self, options: EngineOptions) -> None:
        self._frequency = 440.0 if options.voice == "a440" else 660.0

    def voices(self) -> list[Voice]:
        return [
            Voice(id="a440", name="Tone A440", language="zxx"),
            Voice(id="e660", name="Tone E660", language="zxx"),
        ]

    def synthesize(self, sentences: Sequence[str]) -> Iterator[AudioChunk]:
        for index, sentence in enumerate(sentences):
            words = max(1, len(sentence.split()))
            yield AudioChunk(sentence=index, pcm=self._tone(words * _MS_PER_WORD) + _silence(_GAP_MS))

    def _tone(self, ms: int) -> bytes:
        n = _RATE * ms // 1000
        step = 2 * math.pi * self._frequency / _RATE
        return array("h", (int(12000 * math.sin(step * i)) for i in range(n))).tobytes()


def _silence(ms: int) -> bytes:
    return bytes(2 * (_RATE * ms // 1000))
