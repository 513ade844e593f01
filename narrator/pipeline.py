"""One run: source -> Article -> Script -> Rendition -> Episode -> feed.xml.

Everything that can fail on bad input (voice, feed definition, the source itself, a
broken episode index) is checked before anything is written, so a failed run changes
nothing.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from narrator import atomic, cachedir
from narrator.audio.episode import AudioOptions, EpisodeTags, Recording, write_episode
from narrator.clean import CleanOptions, clean
from narrator.document import Article, Episode, Script
from narrator.feed.config import FeedConfig, feed_folder, load_feed
from narrator.feed.episodes import publish
from narrator.feed.index import read_index
from narrator.speakable import to_script
from narrator.speech import load_engine
from narrator.speech.profile import load_voice
from narrator.speech.render import RenderOptions, RenderStats, render

StageProgress = Callable[[str, int, int], None]
"""Called with (what is being done, how many done, how many to do)."""


@dataclass(frozen=True)
class NarrateOptions:
    feed: str = "default"
    """Feed name (feeds/NAME.toml) or a path to one."""
    voice: str = "default"
    """Voice profile name (voices/NAME.toml) or a path to one."""
    rate: int | None = None
    """Words per minute, overriding the profile's."""
    clean: CleanOptions = field(default_factory=CleanOptions)
    render: RenderOptions = field(default_factory=lambda: RenderOptions(cachedir.default_cache_dir()))
    audio: AudioOptions = field(default_factory=AudioOptions)
    cache_max_size: int = field(default_factory=cachedir.max_size)
    """Bytes the cache may hold; a run that added to it trims the least recently used."""


@dataclass(frozen=True)
class Narration:
    """What a run wrote, and what it took."""

    episode: Episode
    feed_path: Path
    stats: RenderStats
    recording: Recording


def narrate(
    source: str | Path,
    output_dir: Path,
    options: NarrateOptions | None = None,
    progress: StageProgress | None = None,
) -> Narration:
    """Narrate `source` into `output_dir/<feed>/episodes/<slug>.mp3` (with its transcripts
    and chapters beside it) and add it to the feed: clean, speakable, speech, audio, feed."""
    options = options or NarrateOptions()
    profile = load_voice(options.voice)
    if options.rate:
        profile = replace(profile, rate=options.rate)
    config = load_feed(options.feed)
    article = clean(source, options.clean)
    folder = feed_folder(output_dir, config)
    read_index(folder)  # a broken index fails the run before any audio is made
    script = to_script(article, profile.script_options())
    spec = profile.engine_spec()
    engine = load_engine(spec.name, spec.options)
    with tempfile.TemporaryDirectory(prefix="narrator-") as work:
        cache_dir = options.render.cache_dir or Path(work)
        rendition, stats = render(
            script, engine, spec, cache_dir, options.render, _stage(progress, "Rendering speech")
        )
        episode, tags = describe_episode(article, script, config, folder)
        encoding = _stage(progress, "Encoding audio")
        recording = write_episode(
            rendition, episode, tags, cache_dir, options.audio, encoding, versioned=True
        )
        try:
            feed_path = publish(config, folder, recording.episode, recording.staged)
        finally:
            for tmp in recording.staged.values():
                tmp.unlink(missing_ok=True)
    if options.render.cache_dir and (stats.rendered or recording.encoded):
        cachedir.trim(options.render.cache_dir, options.cache_max_size)
    return Narration(episode=recording.episode, feed_path=feed_path, stats=stats, recording=recording)


def describe_episode(
    article: Article, script: Script, config: FeedConfig, folder: Path
) -> tuple[Episode, EpisodeTags]:
    """The episode as the feed will list it (its files not yet written) and its ID3 tags."""
    slug = slugify(article)
    episode = Episode(
        slug=slug,
        guid=episode_guid(config, slug),
        title=article.title,
        authors=article.byline,
        published=article.published,
        description=describe(article),
        path=folder / "episodes" / f"{slug}.mp3",
        size=0,
        duration_ms=0,
    )
    tags = EpisodeTags(
        title=article.title,
        authors=article.byline,
        show=config.title,
        published=article.published,
        language=article.language,
        transcript=script.text(),
    )
    return episode, tags


def _stage(progress: StageProgress | None, label: str) -> Callable[[int, int], None] | None:
    return (lambda done, total: progress(label, done, total)) if progress else None


def slugify(article: Article, limit: int = 80) -> str:
    """'2022-11-11-russia-retreats-from-kherson-why-is-the-u-s-nudging-...': stable per article."""
    text = unicodedata.normalize("NFKD", article.title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if article.published:
        words = f"{article.published:%Y-%m-%d}-{words}"
    return (words[:limit].rsplit("-", 1)[0] if len(words) > limit else words) or "episode"


def episode_guid(config: FeedConfig, slug: str) -> str:
    """The same article narrated again keeps its GUID, so apps replace rather than add it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"narrator:{config.name}/{slug}"))


def describe(article: Article) -> str:
    """The show notes: who wrote it and its first paragraph."""
    first = next((b.text for s in article.sections for b in s.blocks if b.kind == "paragraph"), "")
    by = f"By {', '.join(article.byline)}. " if article.byline else ""
    return f"{by}{first}"


SAMPLE_TEXT = (
    "This is a sample of the {name} voice. It reads articles aloud, pauses at each heading, "
    "and says numbers the way a newsreader would: on November 3rd, 2026, at 8:15 AM, "
    "prices rose 2.5% to $1.2bn."
)


def sample_voice(name: str, output_dir: Path) -> Path:
    """Render a short sample of a voice profile to output_dir/samples/<name>.mp3."""
    from narrator.document import Block, Section

    profile = load_voice(name)
    article = Article(
        title=f"The {profile.name} voice",
        byline=(),
        published=None,
        publisher=None,
        language=profile.language,
        source="sample",
        sections=(Section(None, 2, (Block("paragraph", SAMPLE_TEXT.format(name=profile.name)),)),),
    )
    script = to_script(article, profile.script_options())
    spec = profile.engine_spec()
    engine = load_engine(spec.name, spec.options)
    dest = output_dir / "samples" / f"{profile.name}.mp3"
    episode = Episode(profile.name, profile.name, article.title, (), None, "", dest, 0, 0)
    tags = EpisodeTags(article.title, (), "narrator voice samples", None, profile.language, script.text())
    with tempfile.TemporaryDirectory(prefix="narrator-") as work:
        rendition, _ = render(script, engine, spec, Path(work))
        recording = write_episode(rendition, episode, tags, Path(work))
        try:
            atomic.commit({dest: recording.staged[dest]})
        finally:
            for tmp in recording.staged.values():
                tmp.unlink(missing_ok=True)
    return dest
