"""Which words an engine will likely say wrong, and whether the lexicon's entries are said right.

eSpeak NG (Piper's phonemizer too) says a word from its dictionary when it has it, and
otherwise spells it out by letter rules: foreign names are the usual victims. Its phoneme
trace tells which (see EspeakEngine.trace), so `unknown_words` lists the capitalised words of
an article it would spell by rules. `check_lexicon` renders every entry with a voice, checks
its phonemes, and, when the offline listener is installed, reports what it hears.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import tempfile
import wave
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.speakable.lexicon import ESPEAK, IPA, Lexicon
from narrator.speech import PHONEME_INPUT, load_engine
from narrator.speech.engine import EngineOptions
from narrator.speech.profile import VoiceProfile

_ROOT = Path(__file__).resolve().parents[2]
_CAPITALISED = re.compile(r"(?<![\w'’-])[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*(?![\w-])")
_FOUND = re.compile(r"^Found: '([^']+)'", re.MULTILINE)
CARRIERS = (
    "They spoke about {} again.",
    "The next name on the list was {}, she said.",
    "Nobody in the room had heard of {} before.",
    "On Monday the radio mentioned {} twice.",
    "I wrote {} on the back of the envelope.",
)
"""Sentences an entry is said in, in turn. One carrier for every entry made a run of
near-identical sentences, and the listener (Whisper) fell into repeating one of them
("they spoke a mouth cry me again" eighteen times), so nothing after it was heard."""
LISTENER_HINT = (
    "python3 -m venv /work/asrvenv && /work/asrvenv/bin/pip install -r ../shared/tools/asr/requirements.txt, "
    "then give --listener /work/asrvenv/bin/python (the listener is ../shared/tools/asr/asr_listen.py)"
)


@dataclass(frozen=True)
class Unknown:
    word: str
    count: int
    said: str
    """The IPA eSpeak NG makes of it by its letter rules."""


def espeak_voice(profile: VoiceProfile, language: str) -> str:
    """The eSpeak NG voice that phonemizes for `profile` (Piper's phonemizer is eSpeak NG)."""
    if PHONEME_INPUT.get(profile.engine) == ESPEAK:
        return profile.voice
    return {"en": "en-us"}.get(language, language or "en-us")


def unknown_words(sentences: Iterable[str], lexicon: Lexicon, voice: str) -> list[Unknown]:
    """Capitalised words of `sentences` that eSpeak NG's dictionary for `voice` lacks and
    the lexicon does not cover, most frequent first. A word also written in lower case in
    the text is an ordinary word capitalised at a sentence start, and is left out."""
    text = list(sentences)
    lower = {w for s in text for w in re.findall(r"[^\W\d_]+", s) if w.islower()}
    counts = Counter(
        w
        for s in text
        for w in _CAPITALISED.findall(s)
        if w.lower() not in lower and w not in lexicon.entries
    )
    counts = Counter({w: n for w, n in counts.items() if not w.isupper()})  # abbreviations are spelled
    if not counts:
        return []
    from narrator.speech.espeak import EspeakEngine

    engine = EspeakEngine(EngineOptions(voice))
    words = sorted(counts)
    trace = engine.trace(". ".join(words) + ".")
    found = set(_FOUND.findall(trace))
    unknown = [Unknown(w, counts[w], _said(engine, w)) for w in words if w.lower() not in found]
    return sorted(unknown, key=lambda u: (-u.count, u.word))


def _said(engine: object, word: str) -> str:
    lines = [line for line in engine.trace(word).splitlines() if line.strip()]  # type: ignore[attr-defined]
    return lines[-1].strip() if lines else ""


@dataclass(frozen=True)
class EntryCheck:
    word: str
    voice: str
    given: str
    """What the engine was given for the word."""
    problem: str = ""
    """Why its phonemes are wrong ('' when they are fine)."""
    heard: str | None = None
    """What the listener heard in its place (None: not listened to, or heard right)."""
    own_heard: str | None = None
    """What it heard of the engine's own reading of the word, without the entry (None: not
    listened to, or heard right): an entry heard wrong where the engine alone is heard
    right makes the word worse."""

    @property
    def verdict(self) -> str:
        """'ok', or what is wrong with the entry, as `narrator lexicon check` prints it."""
        if self.problem:
            return self.problem
        if self.heard is None:
            return "ok"
        if self.own_heard is None:
            return f"heard as '{self.heard}'; without the entry it was heard right"
        return f"heard as '{self.heard}' (without the entry: '{self.own_heard}')"


def check_lexicon(profile: VoiceProfile, listener: str | None, workdir: Path) -> list[EntryCheck]:
    """Each entry of `profile`'s lexicon rendered by its engine in a carrier sentence: its
    phonemes validated (eSpeak NG says back the IPA it was given; Piper's voice has every
    symbol), and with `listener` (the listener venv's Python) what is heard of it, and of
    the engine's own reading of the word."""
    phonemes = PHONEME_INPUT.get(profile.engine, "")
    spec = profile.engine_spec()
    engine = load_engine(spec.name, spec.options)
    checks: list[EntryCheck] = []
    said: list[tuple[str, str]] = []  # (word, its carrier sentence as the engine is given it)
    for word in sorted(profile.lexicon.entries):
        entry = profile.lexicon.pronunciation(word)
        try:
            given = profile.lexicon.apply(word, phonemes)
        except ValueError as exc:
            checks.append(EntryCheck(word, profile.name, "", problem=str(exc)))
            continue
        problem = _phoneme_problem(engine, phonemes, entry.ipa, given)
        checks.append(EntryCheck(word, profile.name, given, problem))
        said.append((word, _carrier(len(said), given)))
    if listener and said:
        heard = _listen(engine, said, listener, workdir)
        plain = [(word, _carrier(i, word)) for i, (word, _) in enumerate(said)]
        own = _listen(engine, plain, listener, workdir)
        checks = [
            replace(c, heard=heard.get(c.word.lower()), own_heard=own.get(c.word.lower())) for c in checks
        ]
    return checks


def _phoneme_problem(engine: object, phonemes: str, ipa: str, given: str) -> str:
    """Why `given` does not say `ipa` with this engine ('' when it does)."""
    pcm = b"".join(c.pcm for c in engine.synthesize([given]))  # type: ignore[attr-defined]
    if not pcm.strip(b"\0"):
        return "the engine made no sound of it"
    if phonemes == ESPEAK and ipa:
        said = _said(engine, given)
        if _plain(said) != _plain(ipa):
            return f"eSpeak NG says /{said}/ for /{ipa}/"
    if phonemes == IPA and ipa:
        known = engine._voice.config.phoneme_id_map  # type: ignore[attr-defined]
        missing = sorted({ch for ch in ipa if ch not in known})
        if missing:
            return f"the voice has no phoneme for {' '.join(missing)}"
    return ""


def _plain(ipa: str) -> str:
    """IPA without the differences eSpeak NG's voices make on their own (r colouring, length)."""
    return re.sub(r"[ˈˌː.\s]", "", ipa).replace("ɹ", "r").replace("ɚ", "ər")


def _listen(engine: object, said: list[tuple[str, str]], listener: str, workdir: Path) -> dict[str, str]:
    """{word: what was heard} for each word of `said` ((word, carrier sentence given to
    the engine)) the listener heard wrong in its carrier sentence."""
    audio, text = workdir / "lexicon-check.wav", workdir / "lexicon-check.txt"
    rate = engine.sample_rate  # type: ignore[attr-defined]
    with wave.open(str(audio), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        for chunk in engine.synthesize([given for _, given in said]):  # type: ignore[attr-defined]
            out.writeframes(chunk.pcm + b"\0\0" * (rate * 7 // 10))
    words = [word for word, _ in said]
    text.write_text("\n".join(_carrier(i, word) for i, word in enumerate(words)), encoding="utf-8")
    script = os.environ.get("NARRATOR_ASR_SCRIPT") or str(
        _ROOT.parent / "shared" / "tools" / "asr" / "asr_listen.py"
    )
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        subprocess.run(
            [listener, script, str(audio), str(text), "--json", str(result)], check=True, capture_output=True
        )
        hypothesis = json.loads(result.read_text())["hypothesis_raw"]
    return misheard(words, hypothesis)


def _carrier(i: int, word: str) -> str:
    return CARRIERS[i % len(CARRIERS)].format(word)


def misheard(words: list[str], hypothesis: str) -> dict[str, str]:
    """{word: what was heard in its place} for each word (said in its carrier sentence)
    not heard as written, aligning the carrier sentences word by word with the transcript."""
    said, where = [], {}
    for i, word in enumerate(words):
        carrier = CARRIERS[i % len(CARRIERS)]
        where[len(said) + len(_words(carrier.split("{}")[0]))] = word
        said += _words(carrier.format(word))
    heard = _words(hypothesis)
    wrong: dict[str, str] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, said, heard, autojunk=False).get_opcodes():
        if tag != "equal":
            for i in range(i1, max(i2, i1 + 1)):
                if i in where:
                    wrong[where[i].lower()] = " ".join(heard[j1:j2]) or "nothing"
    return wrong


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
