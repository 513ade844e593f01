"""Pronunciation lexicons: voices/lexicon/<language>.toml, with a voice's own overrides.

An entry gives a word's pronunciation in IPA, and each engine gets it in the form it
reads: eSpeak NG its phoneme mnemonics in `[[ ]]`, Piper the IPA in `[[ ]]` (its
phonemizer injects them for the word), any other engine a respelling. Only the spoken
text changes: transcripts keep the written word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from narrator.configfiles import load
from narrator.errors import VoiceError
from narrator.speakable.ipa import ipa_to_espeak, possessive

ESPEAK = "espeak"
"""Phoneme input in eSpeak NG mnemonics (`[[k'3:s@n]]`)."""
IPA = "ipa"
"""Phoneme input in IPA (`[[kˈɜːsən]]`): Piper."""
_DOUBLE_BRACKETS = re.compile(r"\[\[+|\]\]+")


@dataclass(frozen=True)
class Pronunciation:
    """How one word is said: IPA, an eSpeak NG override, a respelling (any may be empty)."""

    ipa: str = ""
    espeak: str = ""
    """eSpeak NG mnemonics; empty means converted from `ipa`."""
    respell: str = ""
    """Letters any engine reads as the word should sound: for engines without phoneme input."""
    languages: tuple[str, ...] = ()
    """The languages (ISO 639-1) this entry is written for; empty: its lexicon's language."""

    @classmethod
    def parse(cls, value: object) -> Pronunciation:
        """A TOML value: a table (ipa, espeak, respell, languages), "[[mnemonics]]" or a respelling."""
        if isinstance(value, str):
            if value.startswith("[[") and value.endswith("]]"):
                return cls(espeak=value[2:-2])
            return cls(respell=value)
        if isinstance(value, Mapping):
            languages = value.get("languages", ())
            return cls(
                ipa=str(value.get("ipa", "")),
                espeak=str(value.get("espeak", "")),
                respell=str(value.get("respell", "")),
                languages=(languages,) if isinstance(languages, str) else tuple(map(str, languages)),
            )
        raise TypeError(f"a lexicon entry is a string or a table, not {value!r}")

    def espeak_code(self) -> str:
        """The eSpeak NG mnemonics (the override, else converted from the IPA; '' if neither)."""
        return self.espeak or (ipa_to_espeak(self.ipa) if self.ipa else "")

    def said(self, word: str, phonemes: str, possessive_s: bool) -> str:
        """What an engine with `phonemes` input (ESPEAK, IPA or '') is given for `word`."""
        if phonemes == ESPEAK and (self.espeak or self.ipa):
            code = self.espeak_code()
            if possessive_s:
                code += ipa_to_espeak(possessive(self.ipa)) if self.ipa else "z"
            return f"[[{code}]]"
        if phonemes == IPA and self.ipa:
            return f"[[{self.ipa + (possessive(self.ipa) if possessive_s else '')}]]"
        if phonemes == IPA:
            # Piper reads a respelling as spelled ("POO-tin": "P. Ootin"): the word is better
            said = word
        else:
            said = self.respell or word
        return said + ("'s" if possessive_s else "")


@dataclass(frozen=True)
class Lexicon:
    """Words the engine says wrong, each with how it should be said."""

    entries: Mapping[str, Pronunciation | str] = field(default_factory=dict)
    language: str = ""
    """The language the entries are written for (the file's name); '' for any."""
    _patterns: dict[tuple[str, ...], re.Pattern[str] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        parsed = {
            str(w): p if isinstance(p, Pronunciation) else Pronunciation.parse(p)
            for w, p in self.entries.items()
        }
        object.__setattr__(self, "entries", parsed)

    def pronunciation(self, word: str) -> Pronunciation:
        return self.entries[word]  # type: ignore[return-value]

    def applies(self, word: str, language: str | None) -> bool:
        """Whether `word`'s entry is written for `language` (None: any language)."""
        if not language:
            return True
        code = language.split("-")[0].lower()
        entry = self.pronunciation(word)
        return code in (entry.languages or (self.language.split("-")[0].lower() or code,))

    def apply(self, text: str, phonemes: str = "", language: str | None = None) -> str:
        """Replace whole words (and their possessive 's), matched as the lexicon writes them,
        with what an engine taking `phonemes` input reads; only entries for `language`.
        Such an engine would read the article's own `[[ ]]` (wiki links, code) as phonemes:
        they are parted first, and read as brackets."""
        if phonemes:
            text = _DOUBLE_BRACKETS.sub(lambda m: " ".join(m.group(0)), text)
        pattern = self._pattern(language)
        if pattern is None:
            return text
        return pattern.sub(
            lambda m: self.pronunciation(m.group(1)).said(m.group(1), phonemes, bool(m.group(2))), text
        )

    def _pattern(self, language: str | None) -> re.Pattern[str] | None:
        words = tuple(sorted((w for w in self.entries if self.applies(w, language)), key=len, reverse=True))
        if words not in self._patterns:
            self._patterns[words] = (
                re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(['’]s)?(?![\w-])")
                if words
                else None
            )
        return self._patterns[words]

    def merged(self, overrides: Mapping[str, Pronunciation | str]) -> Lexicon:
        return Lexicon({**self.entries, **overrides}, self.language)


def load_lexicon(path: Path) -> Lexicon:
    """A lexicon from a TOML file of `word = {ipa = "...", ...}` or `word = "respelling"`,
    for the language the file is named after; a missing file is empty."""
    if not path.exists():
        return Lexicon(language=path.stem)
    data = load(path, VoiceError)
    try:
        return Lexicon({str(word): Pronunciation.parse(said) for word, said in data.items()}, path.stem)
    except TypeError as exc:
        raise VoiceError(f"{path}: {exc}.") from exc
