"""The default engine: eSpeak NG through pyttsx3's own ctypes binding, synchronously.

pyttsx3's espeak driver synthesises asynchronously, so `save_to_file` + `runAndWait()`
in a loop loses or swaps files. Driving the binding in AUDIO_OUTPUT_SYNCHRONOUS mode
makes `espeak_Synth` return only when every sample has reached our callback, so each
sentence is complete and in order by construction.

eSpeak NG itself comes from the espeakng-loader wheel (library and data), loaded
before pyttsx3's binding is imported so that its `dlopen("libespeak-ng.so.1")` finds it.
A system libespeak-ng is used when the wheel is missing.
"""

from __future__ import annotations

import ctypes
import os
import tempfile
from collections.abc import Iterator, Sequence
from types import ModuleType

from narrator.errors import VoiceError
from narrator.speech.engine import AudioChunk, EngineOptions, Voice
from narrator.speech.pause import with_sentence_end

_INSTALL_HINT = (
    "install eSpeak NG with `pip install espeakng-loader pyttsx3` (or `apt-get install libespeak-ng1`)"
)
_BUFFER_MS = 200
_TRACE, _IPA = 0x08, 0x02
"""espeakPHONEMES_TRACE and espeakPHONEMES_IPA of espeak_SetPhonemeTrace."""
_WORDGAP = 7
"""espeak_PARAMETER espeakWORDGAP (pyttsx3's binding names no constant for it)."""


class EspeakEngine:
    """eSpeak NG voices (pyttsx3's default engine on Linux)."""

    name = "espeak"

    def __init__(self, options: EngineOptions) -> None:
        self._binding = _load_binding()
        rate = self._binding.Initialize(self._binding.AUDIO_OUTPUT_SYNCHRONOUS, _BUFFER_MS, None, 0)
        if rate <= 0:
            raise VoiceError(f"eSpeak NG did not start; {_INSTALL_HINT}.")
        self.sample_rate = rate
        # The library's own version, not its wheel's: asking importlib.metadata costs 20 ms.
        self.version = f"espeak-ng/{self._binding.Info().decode(errors='replace')}"
        self._pcm: list[bytes] = []
        self._callback_ref = self._on_audio  # kept alive while the library holds it
        self._binding.SetSynthCallback(self._callback_ref)
        if self._binding.SetVoiceByName(options.voice.encode()) != self._binding.EE_OK:
            raise VoiceError(f"eSpeak NG has no voice '{options.voice}'; `narrator voices` lists them.")
        self._binding.SetParameter(self._binding.RATE, options.rate, 0)
        self._binding.SetParameter(self._binding.PITCH, options.pitch, 0)
        self._binding.SetParameter(_WORDGAP, options.word_gap, 0)

    def voices(self) -> list[Voice]:
        found = []
        for v in self._binding.ListVoices():
            languages = v.languages or b"\x00"
            language = languages[1:].split(b"\x00")[0].decode(errors="replace")
            voice_id = language or v.identifier.decode(errors="replace")
            found.append(Voice(id=voice_id, name=v.name.decode(errors="replace"), language=language))
        return found

    def synthesize(self, sentences: Sequence[str]) -> Iterator[AudioChunk]:
        flags = (
            self._binding.CHARS_UTF8 | self._binding.ENDPAUSE | self._binding.PHONEMES
        )  # [[ ]]: the lexicon
        for index, sentence in enumerate(sentences):
            self._pcm = []
            status = self._binding.Synth(sentence, flags=flags)
            if status != self._binding.EE_OK:
                raise VoiceError(f"eSpeak NG failed on a sentence (status {status}).")
            yield AudioChunk(sentence=index, pcm=with_sentence_end(b"".join(self._pcm), self.sample_rate))

    def trace(self, text: str) -> str:
        """eSpeak NG's own account of speaking `text` (its phoneme trace, the `-X` of its
        command line): a "Found: 'word'" line for each word its dictionary holds, a
        "Translate 'word'" line for each it spells out by rules, and last the IPA it said."""
        libc = ctypes.CDLL(None)
        libc.fopen.restype = ctypes.c_void_p
        libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        libc.fclose.argtypes = [ctypes.c_void_p]
        with tempfile.TemporaryDirectory(prefix="narrator-espeak-") as folder:
            path = os.path.join(folder, "trace.txt")
            stream = libc.fopen(path.encode(), b"w")
            if not stream:
                raise VoiceError("eSpeak NG's phoneme trace could not be written to a temporary file.")
            self._binding.SetPhonemeTrace(_TRACE | _IPA, stream)
            try:
                for _ in self.synthesize([text]):
                    pass
            finally:
                self._binding.SetPhonemeTrace(0, None)
                libc.fclose(stream)
            with open(path, encoding="utf-8", errors="replace") as f:
                return f.read()

    def _on_audio(self, wav: ctypes.Array, count: int, events: object) -> int:
        if wav and count > 0:
            self._pcm.append(ctypes.string_at(wav, count * 2))
        return 0


def _load_binding() -> ModuleType:
    """Import pyttsx3's eSpeak binding with the wheel's library already loaded.

    Loaded with RTLD_LOCAL: pyttsx3's dlopen by soname still finds it, and its symbols do
    not shadow those of the eSpeak NG copy inside piper-tts (which crashed when they did).
    """
    try:
        import espeakng_loader
    except ImportError:
        espeakng_loader = None
    if espeakng_loader is not None:
        # Without ESPEAK_DATA_PATH the C library exits the whole process on first use.
        os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
        ctypes.CDLL(espeakng_loader.get_library_path())  # local: its symbols must not shadow piper's
    try:
        from pyttsx3.drivers import _espeak
    except (ImportError, OSError, RuntimeError) as exc:
        raise VoiceError(f"pyttsx3 cannot make audio: {exc}; {_INSTALL_HINT}.") from exc
    return _espeak
