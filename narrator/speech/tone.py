"""A deterministic test engine: one 440 Hz tone per sentence, 60 ms a word.

Like piper's one-second-of-silence test voice: timelines, chapters and cues can be
checked exactly against the decoded audio, with no speech engine in the way. The
"-hum" voices end each sentence in a faint hum instead of digital silence, as Piper's
voices do (eSpeak NG's end in exact zeros).
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
_HUM = 60
"""Peak of the "-hum" voices' 50 Hz hum in that pause (-55 dBFS: not heard, not zero)."""


class ToneEngine:
    name = "tone"
    version = "1"
    sample_rate = _RATE

    def __init__(self, options: EngineOptions) -> None:
        self._frequency = 440.0 if options.voice.startswith("a440") else 660.0
        self._pause_level = _HUM if options.voice.endswith("-hum") else 0

    def voices(self) -> list[Voice]:
        return [
            Voice(id="a440", name="Tone A440", language="zxx"),
            Voice(id="e660", name="Tone E660", language="zxx"),
            Voice(id="a440-hum", name="Tone A440, humming pauses", language="zxx"),
        ]

    def synthesize(self, sentences: Sequence[str]) -> Iterator[AudioChunk]:
        for index, sentence in enumerate(sentences):
            words = max(1, len(sentence.split()))
            tone = _tone(self._frequency, 12000, words * _MS_PER_WORD)
            yield AudioChunk(sentence=index, pcm=tone + _tone(50.0, self._pause_level, _GAP_MS))


def _tone(frequency: float, level: int, ms: int) -> bytes:
    n = _RATE * ms // 1000
    step = 2 * math.pi * frequency / _RATE
    return array("h", (int(level * math.sin(step * i)) for i in range(n))).tobytes()
