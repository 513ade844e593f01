"""speech: engines behind one protocol, and the renderer that builds the Timeline."""

from __future__ import annotations

from collections.abc import Callable

from narrator.errors import VoiceError
from narrator.speech.engine import Engine, EngineOptions


def _espeak(options: EngineOptions) -> Engine:
    from narrator.speech.espeak import EspeakEngine

    return EspeakEngine(options)


def _piper(options: EngineOptions) -> Engine:
    from narrator.speech.piper_engine import PiperEngine

    return PiperEngine(options)


def _tone(options: EngineOptions) -> Engine:
    from narrator.speech.tone import ToneEngine

    return ToneEngine(options)


ENGINES: dict[str, Callable[[EngineOptions], Engine]] = {
    "espeak": _espeak,
    "piper": _piper,
    "tone": _tone,
}
"""Engine name -> factory. Factories import their engine only when called."""

ALIASES = {"pyttsx3": "espeak"}
"""Older names still accepted: "pyttsx3" was the eSpeak NG engine's name (it is driven
through pyttsx3's binding)."""


def load_engine(name: str, options: EngineOptions) -> Engine:
    """The engine called `name`, loaded, or a VoiceError naming the known engines."""
    try:
        factory = ENGINES[ALIASES.get(name, name)]
    except KeyError:
        raise VoiceError(f"Unknown engine '{name}'; known: {', '.join(ENGINES)}.") from None
    return factory(options)
