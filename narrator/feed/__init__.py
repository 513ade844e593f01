"""feed: add an episode to a show's index and regenerate its feed.xml."""

from __future__ import annotations

from pathlib import Path

from narrator import atomic
from narrator.document import Episode
from narrator.feed.builder import build_feed
from narrator.feed.config import FeedConfig
from narrator.feed.index import read_index, upsert, write_index

FEED_NAME = "feed.xml"


def feed_folder(output_dir: Path, config: FeedConfig) -> Path:
    return output_dir / config.name


def publish(config: FeedConfig, folder: Path, episode: Episode) -> Path:
    """Add or replace `episode` in the feed at `folder`, under a lock, atomically."""
    with atomic.locked(folder):
        episodes = upsert(read_index(folder), episode)
        xml = build_feed(config, [(e, e.path.relative_to(folder).as_posix()) for e in reversed(episodes)])
        write_index(folder, episodes)
        atomic.write_bytes(folder / FEED_NAME, xml)
    return folder / FEED_NAME
