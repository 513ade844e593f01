"""Voice profiles: voices/<name>.toml says which engine and voice speak, how fast, and
how long the pauses are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from narrator import configfiles
from narrator.errors import VoiceError
from narrator.speakable import Pauses, ScriptOptions
from narrator.speakable.lexicon import Lexicon, Pronunciation, load_lexicon
from narrator.speech.engine import EngineOptions
from narrator.speech.pool import EngineSpec


@dataclass(frozen=True)
class VoiceProfile:
    name: str
    engine: str
    """Key of narrator.speech.ENGINES."""
    voice: str
    """The engine's voice id (eSpeak NG: a voice name such as 'en-us')."""
    rate: int = 175
    """Words per minute."""
    pitch: int = 50
    """0-100, the engine's middle being 50."""
    word_gap: int = 0
    """Extra silence between words (eSpeak NG: units of 10 ms)."""
    noise_scale: float | None = None
    """A neural voice's sampling noise in its sound (Piper); None: the voice's own."""
    noise_w: float | None = None
    """A neural voice's sampling noise in phoneme lengths (Piper); None: the voice's own."""
    pauses: Pauses = Pauses()
    language: str = "en"
    """Language of the voice; picks voices/lexicon/<language>.toml."""
    lexicon: Lexicon = Lexicon()
    """The language's lexicon with this profile's [lexicon] entries over it."""
    lexicons: Path | None = None
    """The folder of per-language lexicons (voices/lexicon/)."""
    language_voices: Mapping[str, str] = field(default_factory=dict)
    """[languages]: the voice of this engine that reads an article in each language; an
    article in a language not listed is read by `voice`."""

    def for_language(self, language: str) -> VoiceProfile:
        """This profile, with the voice (and lexicon) of `language` when it has one: a French
        article with the default profile is read by eSpeak NG's French voice."""
        code = (language or "").split("-")[0].lower()
        if not code or code == self.language or code not in self.language_voices:
            return self
        lexicon = load_lexicon(self.lexicons / f"{code}.toml") if self.lexicons else Lexicon()
        return replace(self, voice=self.language_voices[code], language=code, lexicon=lexicon)

    def script_options(self) -> ScriptOptions:
        """How the speakable stage should pace and respell for this voice."""
        from narrator.speech import PHONEME_INPUT

        phonemes = PHONEME_INPUT.get(self.engine, "")
        return ScriptOptions(pauses=self.pauses, lexicon=self.lexicon, phonemes=phonemes)

    def engine_spec(self) -> EngineSpec:
        """The engine (buildable in any process) that speaks for this voice."""
        return EngineSpec(
            self.engine,
            EngineOptions(self.voice, self.rate, self.pitch, self.word_gap, self.noise_scale, self.noise_w),
        )


def load_voice(name: str) -> VoiceProfile:
    """The profile called `name` (or at path `name`), or a VoiceError naming the known ones."""
    path = configfiles.find("voices", name, VoiceError)
    data = configfiles.load(path, VoiceError)
    pause_keys = {f.name for f in fields(Pauses)}
    try:
        pauses = Pauses(**{k: int(v) for k, v in data.get("pauses", {}).items() if k in pause_keys})
        language = str(data.get("language", "en"))
        lexicon = load_lexicon(path.parent / "lexicon" / f"{language}.toml").merged(
            {str(k): Pronunciation.parse(v) for k, v in data.get("lexicon", {}).items()}
        )
        return VoiceProfile(
            name=Path(path).stem,
            language=language,
            lexicon=lexicon,
            engine=str(data["engine"]),
            voice=str(data["voice"]),
            rate=int(data.get("rate", 175)),
            pitch=int(data.get("pitch", 50)),
            word_gap=int(data.get("word_gap", 0)),
            noise_scale=_number(data.get("noise_scale")),
            noise_w=_number(data.get("noise_w")),
            pauses=pauses,
            lexicons=path.parent / "lexicon",
            language_voices={str(k): str(v) for k, v in data.get("languages", {}).items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise VoiceError(f"Voice profile {path} is incomplete or wrong: {exc!s}.") from exc


def _number(value: object) -> float | None:
    """A profile's optional number (None when absent); a ValueError when it is not one."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number")
    return float(value)
