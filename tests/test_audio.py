"""The MP3 as a player hears it: decoded by ffmpeg, chapters read back by mutagen."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from narrator import atomic
from narrator.audio.episode import EpisodeTags, Recording, write_episode
from narrator.clean import clean
from narrator.document import Chapter, Episode, Script
from narrator.feed.config import load_feed
from narrator.pipeline import Narration
from narrator.speakable import to_script
from narrator.speech import load_engine
from narrator.speech.engine import EngineOptions
from narrator.speech.pool import EngineSpec
from narrator.speech.profile import load_voice
from narrator.speech.render import render
from tests.conftest import EXAMPLE, Page, decode_mp3, ffmpeg_chapters, ffmpeg_packets

RATE = 22050
MP3_FRAME_MS = 576 * 1000 / RATE


def _narrate(
    source: Path, engine: str, voice: str, tmp: Path
) -> tuple[Script, Recording, Path, tuple[Chapter, ...]]:
    article = clean(source)
    script = to_script(article)
    spec = EngineSpec(engine, EngineOptions(voice))
    rendition, _ = render(script, load_engine(spec.name, spec.options), spec, tmp / "cache")
    tags = EpisodeTags(article.title, article.byline, "Show", article.published, "en", script.text())
    mp3 = tmp / "episode.mp3"
    episode = Episode("episode", "episode", article.title, article.byline, article.published, "", mp3, 0, 0)
    recording = write_episode(rendition, episode, tags, tmp / "cache")
    atomic.commit(recording.staged)
    assert recording.episode.size == mp3.stat().st_size
    return script, recording, mp3, recording.episode.chapters


def _rms(samples: array, start_ms: float, end_ms: float) -> float:
    window = samples[int(start_ms * RATE / 1000) : int(end_ms * RATE / 1000)]
    return (sum(s * s for s in window) / max(1, len(window))) ** 0.5


def _onset_ms(samples: array, from_ms: float, threshold: int = 2000) -> float:
    start = int(from_ms * RATE / 1000)
    return next(i for i in range(start, len(samples)) if abs(samples[i]) > threshold) * 1000 / RATE


def _chap_frames(mp3: Path) -> list[tuple[str, int, int]]:
    tags = ID3(mp3)
    toc = tags.getall("CTOC")[0]
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    return [
        (chaps[i].sub_frames["TIT2"].text[0], chaps[i].start_time, chaps[i].end_time)
        for i in toc.child_element_ids
    ]


ROUNDING_MS = 0.5
"""The timeline gives whole milliseconds, rounded from samples: the audio may end up to
half a millisecond before its duration_ms."""


@pytest.fixture(scope="module")
def episode(tmp_path_factory: pytest.TempPathFactory):
    """The example article rendered with the tone engine: every sentence is a tone."""
    return _narrate(EXAMPLE, "tone", "a440", tmp_path_factory.mktemp("tone"))


class TestToneEpisode:
    """With the tone engine every sentence is a tone, so onsets are exact."""

    def test_the_file_is_our_tag_then_whole_mp3_frames_to_the_end(self, episode) -> None:
        _, rendition, mp3, _ = episode
        data = mp3.read_bytes()
        assert data[:3] == b"ID3"
        tag = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))  # syncsafe size
        packets = ffmpeg_packets(mp3)  # ffmpeg's demuxer: every byte after the tag is in a frame
        assert tag + sum(packets) == len(data)
        assert len(packets) * 576 >= (rendition.timeline.duration_ms - ROUNDING_MS) * RATE / 1000

    def test_chapters_read_back_ordered_contiguous_to_the_end(self, episode) -> None:
        script, _, mp3, _ = episode
        frames = _chap_frames(mp3)
        assert [t for t, _, _ in frames] == list(script.chapter_titles)
        assert frames[0][1] == 0
        assert all(a[2] == b[1] for a, b in zip(frames, frames[1:], strict=False))
        assert frames[-1][2] == round(MP3(mp3).info.length * 1000)
        toc = ID3(mp3).getall("CTOC")[0]
        assert toc.flags & 0x03 == 0x03  # top-level and ordered
        assert [(round(s, 3), round(e, 3), t) for s, e, t in ffmpeg_chapters(mp3)] == [
            (s / 1000, e / 1000, t) for t, s, e in frames
        ]

    def test_chapter_starts_match_the_renderer_and_what_is_heard(self, episode) -> None:
        _, rendition, mp3, _ = episode
        samples = decode_mp3(mp3)
        frames = _chap_frames(mp3)
        for (title, start, _), reported in zip(
            frames[1:], rendition.timeline.section_starts_ms[1:], strict=True
        ):
            assert abs(start - reported) <= 50, title
            assert abs(_onset_ms(samples, start - 300) - start) <= 20, title
            assert _rms(samples, start - 1000, start - 30) < 50, title  # the pause before the heading

    def test_duration_matches_the_timeline(self, episode) -> None:
        _, rendition, mp3, _ = episode
        decoded_ms = len(decode_mp3(mp3)) * 1000 / RATE
        duration_ms = rendition.timeline.duration_ms
        assert duration_ms - ROUNDING_MS <= decoded_ms <= duration_ms + 2 * MP3_FRAME_MS
        assert abs(MP3(mp3).info.length * 1000 - decoded_ms) <= MP3_FRAME_MS

    def test_sentences_are_heard_where_the_timeline_says(self, episode) -> None:
        _, rendition, mp3, _ = episode
        samples = decode_mp3(mp3)
        for sentence in rendition.timeline.sentences[:12]:
            assert abs(_onset_ms(samples, sentence.start_ms - 100) - sentence.start_ms) <= 20, sentence.text


@pytest.mark.slow
def test_espeak_episode_tags_and_chapters(page: Page, espeak_episode: Narration) -> None:
    """The real voice: tags, chapters, and a spoken heading right after each chapter start."""
    mp3 = espeak_episode.episode.path
    audio = MP3(mp3)
    assert audio.info.sample_rate == RATE and audio.info.channels == 1
    assert audio.info.bitrate == 64000
    tags = ID3(mp3)
    assert tags["TIT2"].text == [page.title]
    assert tags.version == (2, 3, 0)
    assert tags["TPE1"].text[0].split("/") == list(page.byline)  # v2.3 joins several with "/"
    assert tags["TALB"].text == [load_feed("default").title]
    # v2.3 keeps the date to the minute (TYER, TDAT, TIME); mutagen reads it back as TDRC
    assert str(tags["TDRC"].text[0])[:16] == page.published[:16].replace("T", " ")
    assert b"TYER" in mp3.read_bytes()[: 10 + tags.size]
    assert tags["TCON"].text == ["Podcast"]
    assert (
        tags.getall("USLT")[0].text
        == to_script(clean(page.path), load_voice("default").script_options()).text()
    )
    frames = _chap_frames(mp3)
    assert [t for t, _, _ in frames] == ["Introduction", *page.headings]
    samples = decode_mp3(mp3)
    assert abs(len(samples) * 1000 / RATE - espeak_episode.episode.duration_ms) <= 2 * MP3_FRAME_MS
    for (title, start, _), chapter in zip(frames[1:], espeak_episode.episode.chapters[1:], strict=True):
        assert abs(start - chapter.start_ms) <= 50, title
        assert _rms(samples, start - 1100, start - 100) < 100, title  # the pause before the heading
        assert _rms(samples, start, start + 500) > 1000, title  # the heading being spoken


def test_mastering_takes_each_part_once_and_keeps_it(tmp_path: Path) -> None:
    """Parts handed over twice are mastered once; a second run finds them all in the cache."""
    from narrator.audio.layout import Layout
    from narrator.audio.parts import Mastering, MasterOptions

    script = to_script(clean(EXAMPLE))
    spec = EngineSpec("tone", EngineOptions("a440"))
    rendition, _ = render(script, load_engine(spec.name, spec.options), spec, tmp_path / "cache")
    parts = list(Layout(rendition.segments, RATE).parts(rendition.sentences))
    assert len(parts) > 2
    with Mastering(tmp_path / "cache", RATE, MasterOptions(), workers=2) as mastering:
        for part in parts + parts:
            mastering.start(part)
        first, encoded = mastering.results(parts)
    assert encoded == len(parts)
    with Mastering(tmp_path / "cache", RATE, MasterOptions(), workers=2) as mastering:
        again, encoded = mastering.results(parts)
    assert encoded == 0 and again == first
    assert all(p.path.read_bytes()[:2] == b"\xff\xf3" for p in again)  # MPEG-2 layer III frames


def test_one_worker_masters_each_part_as_it_is_laid_out_on_one_core(tmp_path: Path) -> None:
    """With one worker a part is mastered (and in the part cache) when it is handed over,
    in the caller's thread, and comes out the same as from a pool of threads."""
    import threading

    from narrator.audio.layout import Layout
    from narrator.audio.parts import Mastering, MasterOptions, PartCache

    script = to_script(clean(EXAMPLE))
    spec = EngineSpec("tone", EngineOptions("a440"))
    rendition, _ = render(script, load_engine(spec.name, spec.options), spec, tmp_path / "cache")
    parts = list(Layout(rendition.segments, RATE).parts(rendition.sentences))
    cache = PartCache(tmp_path / "one")
    with Mastering(tmp_path / "one", RATE, MasterOptions(), workers=1) as mastering:
        for part in parts:
            mastering.start(part)
            assert cache.get(PartCache.key(part, RATE, MasterOptions())) is not None
            assert not [t for t in threading.enumerate() if t.name.startswith("master")]
        alone, encoded = mastering.results(parts)
    assert encoded == len(parts)
    with Mastering(tmp_path / "two", RATE, MasterOptions(), workers=2) as mastering:
        pooled, _ = mastering.results(parts)
    assert [p.path.read_bytes() for p in alone] == [p.path.read_bytes() for p in pooled]


def test_many_chapters_are_written_and_listed_in_time_order(tmp_path: Path) -> None:
    """Twelve chapters whose titles grow shorter (mutagen would write the shorter frames
    first): the CHAP frames lie in the file in start order, and ffmpeg (libavformat, as
    VLC and mpv read them) lists them in that order."""
    from narrator.document import Segment

    longer = "longer title "
    titles = ("Introduction", *(f"Chapter {n} {longer * ((12 - n) * 2 // 3)}".strip() for n in range(1, 12)))
    script = Script(
        title="Many chapters",
        language="en",
        chapter_titles=titles,
        segments=tuple(
            Segment("heading" if n else "title", n, (f"{title}.", "Some words in it."), 300, 300)
            for n, title in enumerate(titles)
        ),
    )
    spec = EngineSpec("tone", EngineOptions("a440"))
    rendition, _ = render(script, load_engine(spec.name, spec.options), spec, tmp_path / "cache")
    mp3 = tmp_path / "many.mp3"
    tags = EpisodeTags(script.title, (), "Show", None, "en", script.text())
    episode = Episode("m", "m", "m", (), None, "", mp3, 0, 0)
    recording = write_episode(rendition, episode, tags, tmp_path / "cache")
    atomic.commit(recording.staged)
    data = mp3.read_bytes()
    ids = [f"chp{n}".encode() + b"\0" for n in range(len(titles))]
    in_file = sorted(ids, key=lambda i: data.index(i, data.index(b"CHAP")))
    assert in_file == ids
    listed = ffmpeg_chapters(mp3)
    assert [t for _, _, t in listed] == list(titles)
    assert [s for s, _, _ in listed] == sorted(s for s, _, _ in listed)
    assert [round(s * 1000) for s, _, _ in listed] == [c.start_ms for c in recording.episode.chapters]
    toc = ID3(mp3).getall("CTOC")[0]
    assert toc.flags & 0x03 == 0x03 and toc.child_element_ids == [i[:-1].decode() for i in ids]


def test_long_and_non_latin_chapter_titles_keep_their_titles_in_ffmpeg(tmp_path: Path) -> None:
    """Headings of 127 bytes or more: in an ID3v2.4 tag libavformat misreads their size and
    drops their titles (and all after them); in our v2.3 tag every one is listed whole."""
    from narrator.document import Segment

    titles = (
        "Introduction",
        "A heading that goes on " * 13,
        "北京的街道在夜里很安静，人们在路边的小店里吃晚饭，聊天，看着来往的车辆和行人，直到很晚才回家休息",
        "Длинный заголовок раздела о том, как жители города вернулись домой после войны",
        "Short again",
    )
    script = Script(
        title="Long headings",
        language="en",
        chapter_titles=titles,
        segments=tuple(
            Segment("heading" if n else "title", n, ("Words in it.",), 300, 300) for n in range(len(titles))
        ),
    )
    spec = EngineSpec("tone", EngineOptions("a440"))
    rendition, _ = render(script, load_engine(spec.name, spec.options), spec, tmp_path / "cache")
    mp3 = tmp_path / "long.mp3"
    tags = EpisodeTags(script.title, ("Ana Ruiz", "Bo Lee"), "Show", None, "en", script.text())
    recording = write_episode(
        rendition, Episode("l", "l", "l", (), None, "", mp3, 0, 0), tags, tmp_path / "cache"
    )
    atomic.commit(recording.staged)
    assert all(len(t.encode()) >= 127 for t in titles[1:4])
    assert [t for _, _, t in ffmpeg_chapters(mp3)] == [t.strip() for t in titles]
    assert [c.sub_frames["TIT2"].text[0] for c in ID3(mp3).getall("CHAP")] == list(titles)


def test_encoding_gives_its_total_only_once_it_can_no_longer_grow(tmp_path: Path) -> None:
    """Parts are handed over while speech goes on, so the progress total is None until all
    are in; then it is the number of parts encoded, and what is done never goes back."""
    script = to_script(clean(EXAMPLE))
    spec = EngineSpec("tone", EngineOptions("a440"))
    rendition, _ = render(script, load_engine(spec.name, spec.options), spec, tmp_path / "cache")
    calls: list[tuple[int, int | None]] = []
    tags = EpisodeTags(script.title, (), "Show", None, "en", script.text())
    episode = Episode("p", "p", "p", (), None, "", tmp_path / "p.mp3", 0, 0)
    recording = write_episode(
        rendition, episode, tags, tmp_path / "cache", progress=lambda d, t: calls.append((d, t))
    )
    for tmp in recording.staged.values():
        tmp.unlink()
    parts = recording.encoded
    assert parts > 1 and calls[-1] == (parts, parts)
    totals = [total for _, total in calls]
    known = totals.index(parts)
    assert set(totals[:known]) <= {None} and set(totals[known:]) == {parts}
    done = [d for d, _ in calls]
    assert done == sorted(done)
