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

PHONEME_INPUT: dict[str, str] = {"espeak": "espeak", "pyttsx3": "espeak", "piper": "ipa"}
"""Engine name -> the phonemes it reads inside `[[ ]]` (lexicon.ESPEAK or lexicon.IPA); an
engine not listed is given respellings."""

RATES: dict[str, tuple[int, int]] = {
    "espeak": (80, 450),  # eSpeak NG's own limits for its speed setting
    "piper": (85, 340),  # length_scale 2 to 0.5 around Piper's 170: beyond, words slur or drag
    "tone": (60, 500),
}
"""Engine name -> the words a minute it can speak, lowest and highest."""


def check_rate(name: str, rate: int) -> None:
    """A VoiceError naming the engine's range if it cannot speak at `rate` words a minute."""
    name = ALIASES.get(name, name)
    low, high = RATES.get(name, (1, 10_000))
    if not low <= rate <= high:
        raise VoiceError(f"The {name} engine speaks {low} to {high} words a minute, not {rate}.")


def load_engine(name: str, options: EngineOptions) -> Engine:
    """The engine called `name`, loaded, or a VoiceError naming the known engines."""
    try:
        factory = ENGINES[ALIASES.get(name, name)]
    except KeyError:
        raise VoiceError(f"Unknown engine '{name}'; known: {', '.join(ENGINES)}.") from None
    return factory(options)
