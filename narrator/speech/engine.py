"""The engine protocol: list voices; turn sentences into a stream of audio chunks.

Engines only speak. The renderer inserts pauses and builds the Timeline from where
each sentence's chunks begin and end.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class AudioChunk:
    """Part of the audio of one sentence."""

    sentence: int
    """Index of the sentence (in the list given to synthesize) this audio belongs to."""
    pcm: bytes
    """Signed 16-bit little-endian mono samples."""


@dataclass(frozen=True)
class Voice:
    """A voice an engine offers."""

    id: str
    """What a profile's `voice` field names."""
    name: str
    language: str


@dataclass(frozen=True)
class EngineOptions:
    voice: str
    rate: int = 175
    """Words per minute."""
    pitch: int = 50
    word_gap: int = 0
    """Extra silence between words, in eSpeak NG's unit of 10 ms (engines without one ignore it)."""
    noise_scale: float | None = None
    """How much a neural voice varies its sound (Piper's noise_scale); None: the voice's own.
    Engines that do not sample ignore it."""
    noise_w: float | None = None
    """How much a neural voice varies its phoneme lengths (Piper's noise_w); None: the voice's own."""


class Engine(Protocol):
    """A speech engine; the library it wraps loads in the constructor, never at import."""

    name: str
    version: str
    sample_rate: int

    def voices(self) -> list[Voice]:
        """Every voice this engine can speak with."""
        ...

    def synthesize(self, sentences: Sequence[str]) -> Iterator[AudioChunk]:
        """Audio for each sentence in order; every sentence yields at least one chunk."""
        ...
