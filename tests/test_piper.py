"""The neural voice (narrator[piper]) narrating the seed end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutagen.id3 import ID3

from narrator.errors import VoiceError
from narrator.pipeline import NarrateOptions, narrate
from narrator.speech import load_engine
from narrator.speech.engine import EngineOptions
from narrator.speech.render import RenderOptions
from tests.conftest import decode_mp3, ebur128


@pytest.mark.slow
def test_joe_narrates_the_seed(seed: Path, tmp_path: Path) -> None:
    home_before = set(Path.home().joinpath(".cache").glob("*"))
    result = narrate(
        seed, tmp_path / "out", NarrateOptions(voice="joe", render=RenderOptions(cache_dir=None))
    )
    seconds = len(decode_mp3(result.episode.path)) / 22050
    assert 200 < seconds < 700, seconds
    titles = [c.sub_frames["TIT2"].text[0] for c in ID3(result.episode.path).getall("CHAP")]
    assert titles == ["Introduction", "The significance of Kherson", "Ukraine's cautious reaction"]
    loudness, peak = ebur128(result.episode.path)
    assert -17.0 <= loudness <= -15.0 and peak <= -1.0, (loudness, peak)
    assert result.stats.rendered == result.stats.sentences
    assert not (set(Path.home().joinpath(".cache").glob("*")) - home_before)  # onnxruntime kept out of home


def test_a_missing_voice_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(VoiceError, match="no Piper voice file"):
        load_engine("piper", EngineOptions(str(tmp_path / "nope.onnx")))
