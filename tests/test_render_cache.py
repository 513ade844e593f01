"""The sentence cache and parallel rendering."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from narrator.clean import clean
from narrator.pipeline import NarrateOptions, narrate
from narrator.speakable import to_script
from narrator.speech import load_engine
from narrator.speech.cache import audible_span
from narrator.speech.engine import EngineOptions
from narrator.speech.pool import EngineSpec
from narrator.speech.render import RenderOptions, render
from tests.conftest import EXAMPLE, FIXTURES, ROOT, Page


def test_one_edited_paragraph_is_all_that_is_rendered_again(tmp_path: Path) -> None:
    options = NarrateOptions(voice="tone", render=RenderOptions(cache_dir=tmp_path / "cache"))
    first = narrate(EXAMPLE, tmp_path / "out", options)
    assert first.stats.rendered == first.stats.sentences > 10
    again = narrate(EXAMPLE, tmp_path / "out", options)
    assert again.stats.rendered == 0 and again.recording.encoded == 0
    edited = tmp_path / "edited.txt"
    text = EXAMPLE.read_text()
    paragraph = "Numbers are read as words. The first draft of this piece had 3 sections and 412 words;"
    assert paragraph in text
    edited.write_text(
        text.replace(paragraph, "Numbers are spoken as words. The first draft had 3 sections and 412 words;")
    )
    after_edit = narrate(edited, tmp_path / "out", options)
    assert after_edit.stats.rendered == 2  # the edited paragraph's two sentences, nothing else
    assert after_edit.recording.encoded == 1 < len(first.episode.chapters) + 2  # and only its part


def test_no_cache_renders_everything_and_keeps_nothing(tmp_path: Path) -> None:
    options = NarrateOptions(voice="tone", render=RenderOptions(cache_dir=None))
    assert narrate(EXAMPLE, tmp_path / "out", options).stats.rendered > 10
    assert narrate(EXAMPLE, tmp_path / "out", options).stats.rendered > 10


def _loud_span(samples: np.ndarray, threshold: int) -> tuple[int, int]:
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    return (int(loud[0]), int(loud[-1]) + 1) if len(loud) else (0, len(samples))


@pytest.mark.parametrize("threshold", [0, 255, 256, 330, 511, 32767])
def test_audible_span_is_where_samples_are_louder_than_the_threshold(threshold: int) -> None:
    rng = np.random.default_rng(threshold)
    engine = load_engine("espeak", EngineOptions("en-us"))
    speech = np.frombuffer(b"".join(c.pcm for c in engine.synthesize(["A sentence, spoken."])), "<i2")
    cases = [speech, np.zeros(0, "<i2"), np.zeros(500, "<i2"), np.full(9, -32768, "<i2")]
    for _ in range(300):
        quiet = rng.integers(-threshold, threshold + 1, int(rng.integers(1, 300))).astype("<i2")
        quiet[rng.integers(0, len(quiet)) :] *= rng.integers(0, 2)  # often ends in exact zeros
        if rng.random() < 0.7:  # one loud sample, often a near miss
            quiet[rng.integers(0, len(quiet))] = rng.choice(
                [min(threshold + 1, 32767), -threshold - 1, -32768]
            )
        cases.append(quiet)
    for samples in cases:
        assert audible_span(samples.tobytes(), threshold) == _loud_span(samples, threshold)
        assert audible_span(samples.tobytes() + b"\x01", threshold) == _loud_span(samples, threshold)


def test_espeaks_quiet_start_and_silent_end_are_left_out_of_the_audible_span() -> None:
    engine = load_engine("espeak", EngineOptions("en-us"))
    speech = np.frombuffer(b"".join(c.pcm for c in engine.synthesize(["A sentence, spoken."])), "<i2")
    first, end = audible_span(speech.tobytes(), 330)  # narrator's threshold
    assert 0 < first < end < len(speech) - 0.3 * engine.sample_rate


def test_parallel_rendering_gives_the_same_audio_as_serial(tmp_path: Path, page: Page) -> None:
    script = to_script(clean(page.path))
    spec = EngineSpec("espeak", EngineOptions("en-us"))
    engine = load_engine(spec.name, spec.options)
    serial, _ = render(script, engine, spec, tmp_path / "serial")
    parallel, stats = render(
        script, engine, spec, tmp_path / "parallel", RenderOptions(workers=2, parallel_from=1)
    )
    assert stats.rendered == stats.sentences > 20
    one, other = list(serial.sentences), list(parallel.sentences)
    # in script order, whichever worker finished first
    written = [text for segment in script.segments for text in segment.sentences]
    assert [s.text for s in other] == [s.text for s in one] == written
    assert [s.segment for s in other] == [s.segment for s in one]
    # eSpeak NG varies pitch a little from call to call, so lengths agree only closely.
    total = sum(s.samples for s in one)
    assert abs(sum(s.samples for s in other) - total) <= 0.02 * total


@pytest.mark.slow
def test_cache_clear_and_voice_sample(tmp_path: Path) -> None:
    env_cache = tmp_path / "cache"
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "narrator", *a],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "NARRATOR_CACHE": str(env_cache)},
    )
    assert (
        run(
            "narrate", str(EXAMPLE), "--voice", "tone", "--output", str(tmp_path / "out"), "--quiet"
        ).returncode
        == 0
    )
    sentences = len(list(env_cache.glob("sentences/*/*.s16")))
    parts = len(list(env_cache.glob("parts/*/*.mp3")))
    assert sentences and parts
    info = run("cache", "info")
    assert info.returncode == 0, info.stderr
    assert f"in {sentences + parts} entries" in info.stdout and "of 1024 MB" in info.stdout
    assert f"sentences: 0 hits, {sentences} misses" in info.stdout
    assert f"parts: 0 hits, {parts} misses" in info.stdout
    cleared = run("cache", "clear", "--parts")  # each cache clears itself
    assert cleared.returncode == 0 and cleared.stdout.startswith(f"Removed {parts} encoded parts")
    assert len(list(env_cache.glob("sentences/*/*.s16"))) == sentences
    assert not any(env_cache.glob("parts/*/*"))
    cleared = run("cache", "clear")
    assert cleared.returncode == 0
    assert cleared.stdout.startswith(f"Removed {sentences} cached sentences and 0 encoded parts")
    assert not any(env_cache.glob("sentences/*/*.s16"))
    sample = run("voices", "--sample", "default", "--output", str(tmp_path / "out"))
    assert sample.returncode == 0, sample.stderr
    assert Path(sample.stdout.strip()).stat().st_size > 10_000


def test_a_damaged_sentence_file_is_spoken_again(tmp_path: Path) -> None:
    """A cache file cut short or overwritten (a full disk, a stray edit) is not a crash: it
    counts as missing, and the run renders that sentence again."""
    options = NarrateOptions(voice="tone", render=RenderOptions(cache_dir=tmp_path / "cache"))
    first = narrate(EXAMPLE, tmp_path / "out", options)
    files = sorted((tmp_path / "cache" / "sentences").glob("*/*.s16"))
    files[0].write_bytes(b"junk")
    files[1].write_bytes(files[1].read_bytes()[:40])  # a whole header, most samples gone
    again = narrate(EXAMPLE, tmp_path / "out", options)
    assert again.stats.rendered == 2
    assert again.episode.duration_ms == first.episode.duration_ms
    assert files[0].stat().st_size > 40 and files[1].stat().st_size > 40  # rendered anew


def test_a_damaged_part_file_is_encoded_again(tmp_path: Path) -> None:
    """An encoded part cut short would make a broken episode of the right length on paper:
    its size is checked against the one recorded beside it, and it is encoded again."""
    options = NarrateOptions(voice="tone", render=RenderOptions(cache_dir=tmp_path / "cache"))
    first = narrate(EXAMPLE, tmp_path / "out", options)
    size = first.episode.path.stat().st_size
    part = sorted((tmp_path / "cache" / "parts").glob("*/*.mp3"))[0]
    part.write_bytes(part.read_bytes()[:-500])
    again = narrate(EXAMPLE, tmp_path / "out", options)
    assert again.recording.encoded == 1 and again.stats.rendered == 0
    assert again.episode.path.stat().st_size == size


def test_the_cache_keeps_to_its_size_by_dropping_the_least_recently_used(tmp_path: Path) -> None:
    """Two articles fill the cache; the first is narrated again (its entries used last);
    a third run with a limit that holds about one article's entries drops the second's."""
    from narrator import cachedir

    cache = tmp_path / "cache"
    options = NarrateOptions(voice="tone", render=RenderOptions(cache_dir=cache))
    other = FIXTURES / "dump_newspaper_with_ads.txt"
    narrate(EXAMPLE, tmp_path / "out", options)
    first = {p for e in cachedir.entries(cache) for p in e.files}
    narrate(other, tmp_path / "out", options)
    second = {p for e in cachedir.entries(cache) for p in e.files} - first
    assert second
    time.sleep(0.05)  # file times are coarse on some file systems
    again = narrate(EXAMPLE, tmp_path / "out", options)
    assert again.stats.rendered == 0 and again.recording.encoded == 0
    size = sum(p.stat().st_size for p in first)
    edited = tmp_path / "edited.txt"
    edited.write_text(EXAMPLE.read_text(encoding="utf-8").replace("Numbers are read", "Numbers get read"))
    limited = NarrateOptions(voice="tone", render=options.render, cache_max_size=size + 200_000)
    narrate(edited, tmp_path / "out", limited)  # adds a sentence and a part: trims
    left = {p for e in cachedir.entries(cache) for p in e.files}
    assert sum(e.size for e in cachedir.entries(cache)) <= size + 200_000
    assert len(second & left) < len(second) / 2  # the least recently used went
    assert first <= left  # the article used last stayed


def test_a_voices_noise_settings_are_part_of_the_sentence_key() -> None:
    """A sentence sampled with other noise sounds different: it must not come from the cache."""
    from dataclasses import replace

    from narrator.speech.render import voice_identity

    spec = EngineSpec("tone", EngineOptions("a440"))
    engine = load_engine(spec.name, spec.options)
    keys = {
        voice_identity(engine, replace(spec, options=replace(spec.options, **noise)))
        for noise in ({}, {"noise_scale": 0.3}, {"noise_w": 0.3}, {"noise_scale": 0.3, "noise_w": 0.5})
    }
    assert len(keys) == 4
