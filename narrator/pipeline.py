"""One run: source -> Article -> Script -> Rendition -> Episode -> feed.xml.

Everything that can fail on bad input (voice, feed definition, the source itself)
is checked before anything is written, so a failed run changes nothing.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from narrator import atomic
from narrator.audio import EpisodeTags, master
from narrator.clean import CleanOptions, clean
from narrator.document import Article, Episode
from narrator.feed import feed_folder, publish
from narrator.feed.config import FeedConfig, load_feed
from narrator.feed.index import read_index
from narrator.speakable import ScriptOptions, to_script
from narrator.speech import load_engine
from narrator.speech.engine import EngineOptions
from narrator.speech.profile import load_voice
from narrator.speech.render import render


@dataclass(frozen=True)
class Narration:
    """What a run wrote."""

    episode: Episode
    feed_path: Path


def narrate(
    source: str | Path,
    output_dir: Path,
    feed_name: str = "default",
    voice_name: str = "default",
    clean_options: CleanOptions | None = None,
) -> Narration:
    """Narrate `source` into `output_dir/<feed>/episodes/<slug>.mp3` and its feed."""
    profile = load_voice(voice_name)
    config = load_feed(feed_name)
    article = clean(source, clean_options)
    folder = feed_folder(output_dir, config)
    read_index(folder)  # a broken index fails the run before any audio is made
    script = to_script(article, ScriptOptions(pauses=profile.pauses, lexicon=profile.lexicon))
    engine = load_engine(profile.engine, EngineOptions(profile.voice, profile.rate, profile.pitch))
    slug = slugify(article)
    dest = folder / "episodes" / f"{slug}.mp3"
    with tempfile.TemporaryDirectory(prefix="narrator-") as work:
        rendition = render(script, engine, Path(work) / "speech.pcm")
        tags = EpisodeTags(
            title=article.title,
            authors=article.byline,
            show=config.title,
            published=article.published,
            language=article.language,
            transcript=script.text(),
        )
        with atomic.replacing(dest) as tmp:
            length, chapters = master(script, rendition, tags, tmp)
            size = tmp.stat().st_size
    episode = Episode(
        slug=slug,
        guid=episode_guid(config, slug),
        title=article.title,
        authors=article.byline,
        published=article.published,
        description=describe(article),
        path=dest,
        size=size,
        duration_ms=length,
        chapters=chapters,
    )
    return Narration(episode=episode, feed_path=publish(config, folder, episode))


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
