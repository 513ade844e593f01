"""Voice profiles: voices/<name>.toml says which engine and voice speak, how fast, and
how long the pauses are."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from narrator import configfiles
from narrator.errors import VoiceError
from narrator.speakable import Pauses


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
    pauses: Pauses = Pauses()


def load_voice(name: str) -> VoiceProfile:
    """The profile called `name` (or at path `name`), or a VoiceError naming the known ones."""
    path = configfiles.find("voices", name, VoiceError)
    data = configfiles.load(path, VoiceError)
    pause_keys = {f.name for f in fields(Pauses)}
    try:
        pauses = Pauses(**{k: int(v) for k, v in data.get("pauses", {}).items() if k in pause_keys})
        return VoiceProfile(
            name=Path(path).stem,
            engine=str(data["engine"]),
            voice=str(data["voice"]),
            rate=int(data.get("rate", 175)),
            pitch=int(data.get("pitch", 50)),
            pauses=pauses,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise VoiceError(f"Voice profile {path} is incomplete or wrong: {exc!s}.") from exc
