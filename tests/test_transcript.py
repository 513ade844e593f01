"""Transcripts and synchronised text, checked against where sentences are heard."""

from __future__ import annotations

import json
import math
import re
from array import array
from pathlib import Path

from mutagen.id3 import ID3
from pydub import AudioSegment
from pydub.silence import detect_nonsilent

from narrator import atomic
from narrator.audio.episode import EpisodeTags, Recording, write_episode
from narrator.audio.transcript import to_vtt
from narrator.document import Episode, Script, Segment
from narrator.speech import load_engine
from narrator.speech.engine import EngineOptions
from narrator.speech.pool import EngineSpec
from narrator.speech.render import render
from tests.conftest import Page, decode_mp3

RATE = 22050
CUE = re.compile(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})")


def _sounding_spans(
    samples: array, window_ms: int = 10, threshold: float = 500.0
) -> list[tuple[float, float]]:
    """Where the decoded audio is not silent (pydub's silence finder, 1 ms steps): (start
    ms, end ms) of every stretch louder than `threshold` RMS with no quieter gap of
    `window_ms` inside it."""
    audio = AudioSegment(data=samples.tobytes(), sample_width=2, frame_rate=RATE, channels=1)
    thresh = 20 * math.log10(threshold / 32768)
    return [(float(a), float(b)) for a, b in detect_nonsilent(audio, window_ms, thresh, seek_step=1)]


def _tone_episode(script: Script, tmp_path: Path, voice: str = "a440") -> tuple[Recording, Recording, Path]:
    """`script` spoken by the tone engine (every sentence a tone) and written to an MP3."""
    spec = EngineSpec("tone", EngineOptions(voice))
    rendition, _ = render(script, load_engine(spec.name, spec.options), spec, tmp_path / "cache")
    mp3 = tmp_path / "episode.mp3"
    tags = EpisodeTags(script.title, (), "Show", None, "en", script.text())
    episode = Episode("episode", "episode", script.title, (), None, "", mp3, 0, 0)
    recording = write_episode(rendition, episode, tags, tmp_path / "cache")
    atomic.commit(recording.staged)
    return recording, recording, mp3


def _vtt_cues(text: str) -> list[tuple[int, int, str]]:
    cues = []
    for block in text.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        h1, m1, s1, f1, h2, m2, s2, f2 = map(int, CUE.fullmatch(lines[1]).groups())
        cues.append(
            (((h1 * 60 + m1) * 60 + s1) * 1000 + f1, ((h2 * 60 + m2) * 60 + s2) * 1000 + f2, lines[2])
        )
    return cues


def test_cues_are_where_the_sentences_are_heard(tmp_path: Path) -> None:
    """Two sentences with a known 800 ms pause; cue edges against silence detection."""
    script = Script(
        title="Two",
        language="en",
        chapter_titles=("Introduction",),
        segments=(
            Segment(
                "paragraph",
                0,
                ("The first sentence has six words.",),
                pause_before_ms=250,
                pause_after_ms=800,
            ),
            Segment("paragraph", 0, ("A second one, a little longer than the first.",), pause_after_ms=300),
        ),
    )
    _, mastered, mp3 = _tone_episode(script, tmp_path)

    heard = _sounding_spans(decode_mp3(mp3))
    cues = _vtt_cues(to_vtt(mastered.cues))
    assert len(heard) == len(cues) == 2
    for (start, end), (cue_start, cue_end, _) in zip(heard, cues, strict=True):
        assert abs(cue_start - start) <= 100 and abs(cue_end - end) <= 100, (start, end, cue_start, cue_end)
    gap = heard[1][0] - heard[0][1]
    assert 800 <= gap <= 800 + 150 + 60  # the pause, plus the engine's own silence after a sentence


def test_vtt_srt_sylt_and_json_chapters_agree(tmp_path: Path, page: Page) -> None:
    from narrator.pipeline import NarrateOptions, narrate

    result = narrate(page.path, tmp_path / "out", NarrateOptions(voice="tone"))
    files = dict(result.episode.sidecars)
    vtt = files["vtt"].read_text()
    assert vtt.startswith("WEBVTT\n")
    cues = _vtt_cues(vtt)
    assert all(start < end for start, end, _ in cues)
    assert all(a[1] <= b[0] for a, b in zip(cues, cues[1:], strict=False))  # ordered, no overlaps
    assert len(cues[0][2]) > 20 and page.title.startswith(cues[0][2])  # the title's first sentence
    srt = files["srt"].read_text()
    assert srt.count(" --> ") == len(cues) and "," in srt.split(" --> ")[0]
    sylt = ID3(result.episode.path).getall("SYLT")[0]
    assert [(text, ms) for text, ms in sylt.text] == [(text, start) for start, _, text in cues]
    chapters = json.loads(files["chapters"].read_text())
    assert chapters["version"] == "1.2.0"
    assert [(c["title"], round(c["startTime"] * 1000)) for c in chapters["chapters"]] == [
        (c.title, c.start_ms) for c in result.episode.chapters
    ]


def test_cues_stay_on_the_sound_across_parts_even_with_no_opening_silence(tmp_path: Path) -> None:
    """Three parts (each segment has 15 words or more); the first starts with sound, so
    its audio comes out one codec delay late and its cues must say so."""
    words = " ".join(["word"] * 16)
    script = Script(
        title="Parts",
        language="en",
        chapter_titles=("Introduction",),
        segments=tuple(
            Segment("paragraph", 0, (f"{words} {n}.",), pause_before_ms=0, pause_after_ms=700)
            for n in ("one", "two", "three")
        ),
    )
    rendition, mastered, mp3 = _tone_episode(script, tmp_path)
    assert len(rendition.parts) == 3
    assert mastered.cues[0].start_ms == round(1105 * 1000 / RATE)  # LAME's and the decoder's delay
    heard = _sounding_spans(decode_mp3(mp3))
    assert len(heard) == 3
    for (start, end), cue in zip(heard, mastered.cues, strict=True):
        assert abs(cue.start_ms - start) <= 20 and abs(cue.end_ms - end) <= 20, (start, end, cue)


def _one_block(sentences: int, words: int) -> Script:
    """A page pasted without blank lines: one paragraph of `sentences` sentences."""
    text = tuple(" ".join(["word"] * (words - 1)) + f" {n}." for n in range(sentences))
    return Script(
        title="One block",
        language="en",
        chapter_titles=("Introduction",),
        segments=(Segment("paragraph", 0, text, pause_before_ms=250, pause_after_ms=450),),
    )


def _gaps_and_timing(mastered: Recording, mp3: Path) -> list[int]:
    """The silences between cues, after checking every cue lands on its sound."""
    heard = _sounding_spans(decode_mp3(mp3))
    assert len(heard) == len(mastered.cues)
    for (start, end), cue in zip(heard, mastered.cues, strict=True):
        assert abs(cue.start_ms - start) <= 20 and abs(cue.end_ms - end) <= 20, (start, end, cue)
    return [b.start_ms - a.end_ms for a, b in zip(mastered.cues, mastered.cues[1:], strict=False)]


def test_a_paragraph_is_cut_inside_its_sentences_silences_without_a_pause_added(tmp_path: Path) -> None:
    """Sentences ending in digital silence (as eSpeak NG's do) let a paragraph be cut into
    parts of 15 words or more with no pause added: every gap between sentences is the
    engine's own (150 ms), plus at a cut the part's padding to whole frames."""
    rendition, mastered, mp3 = _tone_episode(_one_block(20, 8), tmp_path)
    assert len(rendition.parts) == 10  # 16 words a part; the 20 sentences fill ten
    gaps = _gaps_and_timing(mastered, mp3)
    assert len(gaps) == 19
    assert min(gaps) >= 150 - 2 and max(gaps) <= 150 + 1152 * 1000 / RATE + 2


def test_a_paragraph_with_no_breaks_is_cut_between_sentences_and_stays_in_time(tmp_path: Path) -> None:
    """780 words in one segment from a voice whose sentences end in a hum, not silence (as
    Piper's do): four parts, cut between sentences with a short pause, every cue on its sound."""
    rendition, mastered, mp3 = _tone_episode(_one_block(60, 13), tmp_path, voice="a440-hum")
    assert len(rendition.parts) == 4
    assert max(p.samples for p in rendition.parts) < 20 * RATE
    gaps = _gaps_and_timing(mastered, mp3)
    # At a cut: the cut pause, and the part's padding to whole frames (under 1,152 samples).
    assert max(gaps) - min(gaps) <= 150 + 1152 * 1000 / RATE + 2


def test_vtt_cue_text_is_escaped_so_a_webvtt_parser_reads_it_as_written(tmp_path: Path) -> None:
    """'<' and '&' in an article (and its title) reach ffmpeg's WebVTT reader whole, and
    the listening page shows them as written."""
    import subprocess

    import imageio_ffmpeg

    from narrator.feed.pages import page_path
    from narrator.pipeline import NarrateOptions, narrate

    source = tmp_path / "sums.md"
    written = ["If x < 5 and y > 2, the answer is small.", "Write it as 3<x<5 instead of two checks."]
    source.write_text(
        "---\ntitle: Sums\ndate: 2025-05-01\n---\n\n" + "\n\n".join(written) + "\n", encoding="utf-8"
    )
    title = "Clinic & co <b>"
    episode = narrate(source, tmp_path / "out", NarrateOptions(voice="tone", title=title)).episode
    vtt = dict(episode.sidecars)["vtt"]
    text = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(vtt), "-c:s", "text", "-f", "srt", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    read = [block.split("\n", 2)[2].strip() for block in text.strip().split("\n\n")]
    assert read[0] == title
    for sentence in written:
        assert any(sentence in cue for cue in read), (sentence, read)
    page = page_path(episode.path.parent, episode).read_text(encoding="utf-8")
    assert "If x &lt; 5 and y &gt; 2" in page and "Clinic &amp; co &lt;b&gt;" in page
