"""One run: source -> Article -> Script -> Rendition -> Episode -> feed.xml.

Everything that can fail on bad input (voice, feed definition, the source itself, a
broken episode index, a rate the engine cannot speak) is checked before anything is
written, so a failed run changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from anyascii import anyascii

from narrator import atomic, cachedir
from narrator.audio.episode import AudioOptions, EpisodeTags, Recording, write_episode
from narrator.clean import CleanOptions, clean
from narrator.document import Article, Episode, Script, Segment, TranscriptBlock
from narrator.errors import InputError
from narrator.feed.config import FeedConfig, feed_folder, load_feed
from narrator.feed.episodes import FEED_NAME, publish
from narrator.feed.identity import episode_guid, source_key
from narrator.feed.index import read_index
from narrator.speakable import to_script
from narrator.speech import check_rate, load_engine
from narrator.speech.profile import VoiceProfile, load_voice
from narrator.speech.render import RenderOptions, RenderStats, render

StageProgress = Callable[[str, int, int | None], None]
"""Called with (what is being done, how many done, how many to do: None while that can
still grow)."""


@dataclass(frozen=True)
class NarrateOptions:
    feed: str = "default"
    """Feed name (feeds/NAME.toml) or a path to one."""
    voice: str = "default"
    """Voice profile name (voices/NAME.toml) or a path to one."""
    rate: int | None = None
    """Words per minute, overriding the profile's."""
    title: str | None = None
    """The episode's title, instead of the one the cleaner found."""
    authors: tuple[str, ...] = ()
    """The authors, instead of the byline the cleaner found."""
    date: datetime | Literal["narrated"] | None = None
    """The publication date instead of the article's; "narrated": the time of narration,
    so that a new episode tops the feed."""
    slug: str | None = None
    """The episode's file name (and GUID) instead of one made of its date and title."""
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
    staged = stage_episode(source, output_dir, options, progress)
    recording = staged.recording
    try:
        episode = publish(staged.config, staged.folder, recording.episode, recording.staged)
    finally:
        for tmp in recording.staged.values():
            tmp.unlink(missing_ok=True)
    if options.render.cache_dir and (staged.stats.rendered or recording.encoded):
        cachedir.trim(options.render.cache_dir, options.cache_max_size)
    return Narration(
        episode=episode, feed_path=staged.folder / FEED_NAME, stats=staged.stats, recording=recording
    )


@dataclass(frozen=True)
class StagedEpisode:
    """An episode made but not yet published: its files wait under temporary names."""

    config: FeedConfig
    folder: Path
    """The feed's folder, where publishing will put the files."""
    recording: Recording
    """The episode as it will be listed, and its staged files (final path -> temporary)."""
    stats: RenderStats


def stage_episode(
    source: str | Path,
    output_dir: Path,
    options: NarrateOptions,
    progress: StageProgress | None = None,
    staging: Path | None = None,
) -> StagedEpisode:
    """Everything `narrate` does but publishing: the episode's files are written under
    temporary names, beside their final paths or, with `staging`, in that folder (a
    batch's, so that a stopped batch can remove what it left at once)."""
    narrated = datetime.now(UTC).replace(microsecond=0)
    profile = _profile(options)
    config = load_feed(options.feed)
    article = _overridden(clean(source, options.clean), options)
    profile = profile.for_language(article.language)  # a French article gets the French voice
    folder = feed_folder(output_dir, config)
    read_index(folder)  # a broken index fails the run before any audio is made
    script = to_script(article, profile.script_options())
    spec = profile.engine_spec()
    engine = load_engine(spec.name, spec.options)
    # Every episode has a date in the feed: the article's, else when it was narrated.
    published = narrated if options.date == "narrated" else article.published or narrated
    episode, tags = describe_episode(article, script, config, folder, options.slug, published)
    final_dir = episode.path.parent
    if staging is not None:
        episode = replace(episode, path=staging / episode.path.name)
    with cachedir.run_folder(options.render.cache_dir) as work:
        cache_dir = options.render.cache_dir or work
        rendition, stats = render(
            script, engine, spec, cache_dir, options.render, _stage(progress, "Rendering speech")
        )
        encoding = _stage(progress, "Encoding audio")
        # Named by their content: a new version never overwrites the files the feed names.
        recording = write_episode(
            rendition, episode, tags, cache_dir, options.audio, encoding, versioned=True
        )
    if staging is not None:
        recording = _moved(recording, final_dir)
    return StagedEpisode(config, folder, recording, stats)


def _moved(recording: Recording, folder: Path) -> Recording:
    """`recording` with its files' final paths in `folder` (their staged files stay put)."""
    move = lambda path: folder / path.name  # noqa: E731
    episode = recording.episode
    episode = replace(
        episode, path=move(episode.path), sidecars=tuple((k, move(p)) for k, p in episode.sidecars)
    )
    staged = {move(final): tmp for final, tmp in recording.staged.items()}
    return replace(recording, episode=episode, staged=staged)


def describe_episode(
    article: Article,
    script: Script,
    config: FeedConfig,
    folder: Path,
    slug: str | None = None,
    published: datetime | None = None,
) -> tuple[Episode, EpisodeTags]:
    """The episode as the feed will list it (its files not yet written) and its ID3 tags.
    A slug the user gave names the episode; else its source does, and publishing settles
    its slug and GUID (`feed.identity.claim`)."""
    source = "" if slug else source_key(article.source)
    slug = slug or slugify(article)
    episode = Episode(
        slug=slug,
        guid=episode_guid(config.name, slug),
        title=article.title,
        authors=article.byline,
        published=published or article.published,
        description=describe(article),
        path=folder / "episodes" / f"{slug}.mp3",
        size=0,
        duration_ms=0,
        blocks=transcript_blocks(article, script),
        source_url=article.source if article.source.startswith(("http://", "https://")) else None,
        language=article.language,
        source=source,
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


def _profile(options: NarrateOptions) -> VoiceProfile:
    """The voice profile, at the rate asked for if its engine can speak at it."""
    profile = load_voice(options.voice)
    if options.rate is not None:  # 0 too: refused as any rate the engine cannot speak
        check_rate(profile.engine, options.rate)
        profile = replace(profile, rate=options.rate)
    return profile


SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _overridden(article: Article, options: NarrateOptions) -> Article:
    """The article with what the user gave on the command line over what the cleaner found."""
    if options.slug is not None and not SLUG.fullmatch(options.slug):
        raise InputError(f"The slug '{options.slug}' must be lower-case letters and digits joined by '-'.")
    if options.title is not None and not options.title.strip():
        raise InputError("The title given is empty.")
    return replace(
        article,
        title=options.title.strip() if options.title else article.title,
        byline=options.authors or article.byline,
        published=options.date if isinstance(options.date, datetime) else article.published,
    )


def opening(script: Script, seconds: float, rate: int) -> Script:
    """The start of `script` that fills about `seconds` at `rate` words a minute (at least one
    sentence), to judge a voice and a rate without rendering the article. Counted in the words
    the engine says ("$4.2m" is five of them) and cut after a sentence, not a paragraph: a
    whole paragraph of written figures made a 10 s preview last 36 s."""
    budget = seconds * 1000
    kept: list[Segment] = []
    spent = 0.0
    for segment in script.segments:
        if kept and spent >= budget:
            break
        spent += segment.pause_before_ms
        taken = 0
        for sentence in segment.engine_text:
            if (kept or taken) and spent >= budget:
                break
            spent += len(sentence.split()) * 60_000 / rate
            taken += 1
        if taken == 0:
            break
        if taken < len(segment.sentences):
            kept.append(replace(segment, sentences=segment.sentences[:taken], spoken=segment.spoken[:taken]))
            break
        spent += segment.pause_after_ms
        kept.append(segment)
    sections = max(s.section for s in kept) + 1
    return replace(script, segments=tuple(kept), chapter_titles=script.chapter_titles[:sections])


def preview(
    source: str | Path, output_dir: Path, seconds: float, options: NarrateOptions | None = None
) -> Path:
    """Render only the opening of `source` (about `seconds`) to output_dir/previews/<slug>.mp3,
    publishing nothing: to judge a voice and a rate before narrating the whole article."""
    options = options or NarrateOptions()
    profile = _profile(options)
    article = _overridden(clean(source, options.clean), options)
    profile = profile.for_language(article.language)
    script = opening(to_script(article, profile.script_options()), seconds, profile.rate)
    spec = profile.engine_spec()
    engine = load_engine(spec.name, spec.options)
    slug = options.slug or slugify(article)
    dest = output_dir / "previews" / f"{slug}.mp3"
    episode = Episode(slug, slug, article.title, article.byline, None, "", dest, 0, 0)
    tags = EpisodeTags(
        article.title, article.byline, "narrator previews", None, article.language, script.text()
    )
    with cachedir.run_folder(options.render.cache_dir) as work:
        cache_dir = options.render.cache_dir or work
        rendition, _ = render(script, engine, spec, cache_dir, options.render)
        _write_alone(write_episode(rendition, episode, tags, cache_dir, options.audio), dest)
    return dest


def _write_alone(recording: Recording, dest: Path) -> None:
    """Put a recording's MP3 in place (a preview or a sample: no feed, no sidecars)."""
    try:
        atomic.commit({dest: recording.staged[dest]})
    finally:
        for tmp in recording.staged.values():
            tmp.unlink(missing_ok=True)


def _stage(progress: StageProgress | None, label: str) -> Callable[[int, int | None], None] | None:
    return (lambda done, total: progress(label, done, total)) if progress else None


def slugify(article: Article, limit: int = 80) -> str:
    """'2022-11-11-russia-retreats-from-kherson-why-is-the-u-s-nudging-...': stable per article.
    Other scripts are transliterated ('Новости порта': 'novosti-porta'), so a title in
    Russian or Greek names its episode; a title with no letters anyascii can spell gets a
    short hash of itself."""
    words = re.sub(r"[^a-z0-9]+", "-", anyascii(article.title).lower()).strip("-")
    if not words and article.title.strip():
        words = hashlib.sha256(article.title.strip().encode()).hexdigest()[:8]
    if article.published:
        words = f"{article.published:%Y-%m-%d}-{words}".strip("-")
    return (words[:limit].rsplit("-", 1)[0] if len(words) > limit else words) or "episode"


def transcript_blocks(article: Article, script: Script) -> tuple[TranscriptBlock, ...]:
    """Which cues make which block of the article: the listening page sets them so."""
    return tuple(
        TranscriptBlock(
            s.kind, article.sections[s.section].level if s.kind == "heading" else 0, len(s.sentences)
        )
        for s in script.segments
    )


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
    with cachedir.run_folder() as work:
        rendition, _ = render(script, engine, spec, work)
        _write_alone(write_episode(rendition, episode, tags, work), dest)
    return dest
