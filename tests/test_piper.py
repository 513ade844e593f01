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
