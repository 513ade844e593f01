"""Sentences end in a pause long enough to be heard as one, measured on the MP3."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from narrator.pipeline import NarrateOptions, narrate
from narrator.speech.pause import SENTENCE_END_MS, with_sentence_end
from tests.conftest import decode_mp3

_TEXT = (
    "A short walk by the river\n\n"
    "The river rose again on Monday. People on the bank watched it climb. Nobody was hurt.\n\n"
    "The council met at noon. It voted to close the lower road until the water falls.\n"
)


def longest_silence_ms(samples: array, start_ms: int, end_ms: int, rate: int = 22050) -> int:
    """The longest run of 10 ms windows quieter than -40 dBFS between the two times."""
    window = rate // 100
    best = run = 0
    for i in range(start_ms // 10, end_ms // 10):
        chunk = samples[i * window : (i + 1) * window]
        quiet = bool(chunk) and max(map(abs, chunk)) < 330
        run = run + 1 if quiet else 0
        best = max(best, run)
    return best * 10


def test_padding_keeps_the_sound_and_adds_only_what_is_missing() -> None:
    sound = array("h", [8000, -8000] * 500).tobytes()
    padded = with_sentence_end(sound, 22050)
    assert padded.startswith(sound) and len(padded) - len(sound) == 2 * round(SENTENCE_END_MS * 22.05)
    assert with_sentence_end(padded, 22050) == padded  # already long enough
    assert with_sentence_end(b"\0\0" * 100, 22050) == b"\0\0" * 100  # nothing audible: left alone


@pytest.mark.slow
def test_every_sentence_end_is_heard_as_a_pause_on_the_mp3(tmp_path: Path) -> None:
    source = tmp_path / "river.txt"
    source.write_text(_TEXT, encoding="utf-8")
    done = narrate(source, tmp_path / "out", NarrateOptions())
    samples = decode_mp3(done.episode.path)
    sentences = done.recording.timeline.sentences
    gaps = [
        longest_silence_ms(samples, a.end_ms - 100, b.start_ms + 300)
        for a, b in zip(sentences, sentences[1:], strict=False)
        if a.kind == b.kind == "paragraph"
    ]
    assert len(gaps) >= 4 and min(gaps) >= SENTENCE_END_MS - 30, gaps
