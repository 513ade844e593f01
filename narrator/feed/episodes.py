"""A show's episodes: add, replace or remove one (under a lock), list them, and write
feed.xml again from the index."""

from __future__ import annotations

import shutil
from pathlib import Path

from narrator import atomic
from narrator.document import Episode
from narrator.errors import FeedError
from narrator.feed.builder import build_feed
from narrator.feed.config import FeedConfig, feed_folder
from narrator.feed.index import read_index, upsert, write_index

__all__ = ["FEED_NAME", "feed_folder", "list_episodes", "publish", "rebuild", "remove"]

FEED_NAME = "feed.xml"


def publish(
    config: FeedConfig, folder: Path, episode: Episode, staged: dict[Path, Path] | None = None
) -> Path:
    """Add or replace `episode` in the feed at `folder`, under a lock.

    The episode's files arrive `staged` (final path -> temporary file beside it) and are
    renamed into place only here, after the new feed is built and just before the index
    and feed.xml are replaced: a run killed earlier leaves the published files as they
    were, and one killed during this step leaves every file whole.
    """
    with atomic.locked(folder):
        before = read_index(folder)
        _write(config, folder, upsert(before, episode), staged or {})
        _remove_replaced(before, episode)
    return folder / FEED_NAME


def _remove_replaced(before: list[Episode], episode: Episode) -> None:
    """Delete the files of the version `episode` replaces, now that the feed no longer
    names them (a new version comes under new names, so the old stay whole till here)."""
    kept = {episode.path, *(p for _, p in episode.sidecars)}
    for old in (e for e in before if e.guid == episode.guid):
        for path in (old.path, *(p for _, p in old.sidecars)):
            if path not in kept:
                path.unlink(missing_ok=True)


def remove(config: FeedConfig, folder: Path, slug: str) -> Episode:
    """Take the episode `slug` out of the feed, then delete its files."""
    with atomic.locked(folder):
        episodes = read_index(folder)
        gone = next((e for e in episodes if e.slug == slug), None)
        if gone is None:
            raise FeedError(
                f"The feed {config.name} has no episode '{slug}'; `narrator feed list` shows them."
            )
        _write(config, folder, [e for e in episodes if e is not gone])
    for path in (gone.path, *(p for _, p in gone.sidecars)):
        path.unlink(missing_ok=True)
    return gone


def rebuild(config: FeedConfig, folder: Path) -> Path:
    """Write feed.xml again from the index (after editing feeds/NAME.toml, say)."""
    with atomic.locked(folder):
        _write(config, folder, read_index(folder))
    return folder / FEED_NAME


def list_episodes(folder: Path) -> list[Episode]:
    return read_index(folder)


def _write(
    config: FeedConfig, folder: Path, episodes: list[Episode], staged: dict[Path, Path] | None = None
) -> None:
    """feed.xml first built in memory; then staged files, index and feed put in place."""
    cover = _cover(config, folder)
    entries = [(e, _files(folder, e)) for e in reversed(episodes)]
    xml = build_feed(config, entries, cover)
    atomic.commit(staged or {})
    write_index(folder, episodes)
    atomic.write_bytes(folder / FEED_NAME, xml)


def _files(folder: Path, episode: Episode) -> dict[str, str]:
    files = {"audio": episode.path.relative_to(folder).as_posix()}
    files.update({kind: path.relative_to(folder).as_posix() for kind, path in episode.sidecars})
    return files


def _cover(config: FeedConfig, folder: Path) -> str:
    """The show's artwork, copied into the feed folder (or drawn): its path there."""
    if config.artwork is None:
        from narrator.feed.cover import ensure_cover  # Pillow, for a cover not yet drawn

        return ensure_cover(folder, config.title).name
    from narrator.feed.artwork import check_artwork

    check_artwork(config.artwork)
    target = folder / f"cover{config.artwork.suffix.lower()}"
    if not target.exists() or target.read_bytes() != config.artwork.read_bytes():
        with atomic.replacing(target) as tmp:
            shutil.copyfile(config.artwork, tmp)
    return target.name
