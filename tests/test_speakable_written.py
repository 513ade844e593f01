"""The written text stays the reference: transcripts (VTT, SRT, SYLT, USLT) show the
article's words as written, and only the engine is given the spoken form."""

from __future__ import annotations

import re
from pathlib import Path

from mutagen.id3 import ID3

from narrator.pipeline import NarrateOptions, narrate
from tests.conftest import FIXTURES

SOURCE = FIXTURES / "markdown_written_forms.md"
_CUE = re.compile(r"(\d\d):(\d\d):(\d\d)[.,](\d{3}) --> (\d\d):(\d\d):(\d\d)[.,](\d{3})")


def _cues(text: str) -> list[tuple[int, int, str]]:
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        found = [_CUE.fullmatch(line) for line in lines]
        at = next((i for i, m in enumerate(found) if m), None)
        if at is None:
            continue
        h1, m1, s1, f1, h2, m2, s2, f2 = map(int, found[at].groups())  # type: ignore[union-attr]
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + f1
        cues.append((start, ((h2 * 60 + m2) * 60 + s2) * 1000 + f2, " ".join(lines[at + 1 :])))
    return cues


def test_transcripts_show_the_written_sentences_the_engine_says_the_spoken_ones(tmp_path: Path) -> None:
    result = narrate(SOURCE, tmp_path / "out", NarrateOptions(voice="tone"))
    files = dict(result.episode.sidecars)
    vtt, srt = _cues(files["vtt"].read_text()), _cues(files["srt"].read_text())
    texts = [text for _, _, text in vtt]
    assert "The U.S. edition had 941 comments by noon." in texts
    assert "The data is at https://example.org/data for anyone to check." in texts
    assert [t for _, _, t in srt] == texts
    tags = ID3(result.episode.path)
    assert [text for text, _ in tags.getall("SYLT")[0].text] == texts
    lyrics = tags.getall("USLT")[0].text
    assert "941 comments" in lyrics and "U.S." in lyrics and "nine hundred" not in lyrics
    # The tone engine sounds a tone as long as the words it is given: the cue of the
    # sentence with a number lasts as long as its spoken form, not its written one.
    lengths = {text: end - start for start, end, text in vtt}
    comments = lengths["The U.S. edition had 941 comments by noon."]  # 8 written words, 11 spoken
    replies = lengths["Nobody expected that many replies today."]  # 6 words both ways
    assert comments > replies * 1.6
