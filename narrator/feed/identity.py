"""Which published episode a new one replaces: the one narrated from the same source.

A slug (date and title) is not an identity: two letters titled "Letters" on one day are
two episodes, and a page whose headline was edited is still one. So an episode is the
same as a published one when it comes from the same file or URL; an episode with no
source (a `--slug` the user chose, or an index written before sources were recorded)
is the same as the published one with its slug.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from narrator.document import Episode

__all__ = ["claim", "episode_guid", "identity", "source_key"]


def source_key(source: str | Path) -> str:
    """What names a source for good: a URL without its #fragment, a file by its full path."""
    name = str(source)
    if name.startswith(("http://", "https://")):
        return name.split("#", 1)[0]
    return str(Path(name).resolve())


def episode_guid(feed: str, slug: str) -> str:
    """The same episode narrated again keeps its GUID, so apps replace rather than add it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"narrator:{feed}/{slug}"))


def identity(episode: Episode) -> str:
    """The key under which a batch keeps one episode per source."""
    return f"source:{episode.source}" if episode.source else f"guid:{episode.guid}"


def claim(
    published: Sequence[Episode], episode: Episode, feed: str, kept: frozenset[str] = frozenset()
) -> Episode:
    """`episode` under the slug and GUID it has in the feed: those of the published episode
    from its source, else its own (or `<slug>-2`, -3, ... and their GUIDs while other
    sources hold those slugs), its files renamed to match. An episode of an older index
    has no source: a URL's is its source_url; one without either is claimed by its slug,
    unless its GUID is in `kept` (a batch found it unchanged from another source)."""
    for old in published:
        if episode.source and _source_of(old) == episode.source:
            return _renamed(episode, old.slug, old.guid)
    for old in published:
        if old.slug == episode.slug and not (_source_of(old) and episode.source) and old.guid not in kept:
            return _renamed(episode, old.slug, old.guid)
    taken = {e.slug for e in published}
    if episode.slug not in taken:
        return episode
    n = 2
    while f"{episode.slug}-{n}" in taken:
        n += 1
    return _renamed(episode, f"{episode.slug}-{n}", episode_guid(feed, f"{episode.slug}-{n}"))


def _source_of(episode: Episode) -> str | None:
    """Where an episode was narrated from: recorded, else (an older index) its URL."""
    if episode.source:
        return episode.source
    url = episode.source_url or ""
    return source_key(url) if url.startswith(("http://", "https://")) else None


def _renamed(episode: Episode, slug: str, guid: str) -> Episode:
    """`episode` as `slug`: its files' names start with the slug, so they follow it."""
    if slug == episode.slug:
        return replace(episode, guid=guid)
    return replace(
        episode,
        slug=slug,
        guid=guid,
        path=rename(episode.path, episode.slug, slug),
        sidecars=tuple((kind, rename(path, episode.slug, slug)) for kind, path in episode.sidecars),
    )


def rename(path: Path, old: str, new: str) -> Path:
    """`path` with the slug `old` that starts its name replaced by `new`."""
    return path.with_name(new + path.name[len(old) :]) if path.name.startswith(old) else path
