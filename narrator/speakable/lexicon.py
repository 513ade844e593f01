"""Pronunciation lexicons: voices/lexicon/<language>.toml, with a voice's own overrides."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from narrator.configfiles import load
from narrator.errors import VoiceError


@dataclass(frozen=True)
class Lexicon:
    """Words the engine says wrong, each with what it should read instead."""

    entries: Mapping[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.entries:
            words = sorted(self.entries, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(['’]s)?(?![\w-])")
            object.__setattr__(self, "_pattern", pattern)

    def apply(self, text: str) -> str:
        """Replace whole words (and their possessive 's), matched as the lexicon writes them."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.entries[m.group(1)] + (m.group(2) or ""), text)

    def merged(self, overrides: Mapping[str, str]) -> Lexicon:
        return Lexicon({**self.entries, **overrides})


def load_lexicon(path: Path) -> Lexicon:
    """A lexicon from a TOML file of `word = "respelling"`; a missing file is empty."""
    if not path.exists():
        return Lexicon()
    data = load(path, VoiceError)
    return Lexicon({str(word): str(said) for word, said in data.items() if isinstance(said, str)})
