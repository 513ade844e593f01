"""A show's episodes: add, replace or remove one (under a lock), list them, and write
feed.xml again from the index."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from narrator import atomic
from narrator.document import Episode
from narrator.errors import FeedError
from narrator.feed.builder import build_feed
from narrator.feed.config import FeedConfig, feed_folder
from narrator.feed.identity import claim, identity, rename
from narrator.feed.index import read_index, upsert, write_index
from narrator.feed.pages import SHOW_PAGE, Pages, asset_files, page_path

__all__ = [
    "FEED_NAME",
    "PUBLISH_STEPS",
    "STAGING_NAME",
    "feed_folder",
    "list_episodes",
    "publish",
    "publish_many",
    "rebuild",
    "remove",
]

FEED_NAME = "feed.xml"
STAGING_NAME = ".staging"
"""In the feed folder: batches stage their episodes' files here (`.staging/<batch>`), on
workers that may be other machines."""
PAGES_KEY = ".pages-key"
"""In the feed folder: the `Pages.key` the episode pages on disk were rendered with."""
PUBLISH_STEPS = ("staged", "locked", "built", "audio moved", "files moved", "indexed", "written")
"""The points between publishing's steps, in order; see `_step`."""
KILL_AT = "NARRATOR_KILL_AT"
"""Environment variable naming a step of PUBLISH_STEPS at which this process kills itself."""


def _step(name: str) -> None:
    """A point between two steps of publishing. With NARRATOR_KILL_AT set to its name the
    process is killed here (SIGKILL, as a power cut would end it), which lets the tests
    show that a run killed at every step leaves a whole feed."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def publish(
    config: FeedConfig, folder: Path, episode: Episode, staged: dict[Path, Path] | None = None
) -> Episode:
    """Add or replace `episode` in the feed at `folder`, under a lock; the episode as
    published (a replacement's files get new names).

    The episode's files arrive `staged` (final path -> temporary file beside it) and are
    renamed into place only here, after the new feed is built and just before the index
    and feed.xml are replaced. Files still named in the published feed are never written
    over: a replacement's files get new names, and the old ones are deleted last. So a run
    killed at any instant leaves a feed whose every enclosure exists with its length.
    """
    return publish_many(config, folder, [(episode, staged or {})], remove_stale=True)[0]


def publish_many(
    config: FeedConfig,
    folder: Path,
    staged_episodes: Sequence[tuple[Episode, dict[Path, Path]]],
    remove_stale: bool = False,
    kept: frozenset[str] = frozenset(),
) -> list[Episode]:
    """Add or replace several episodes (a batch's finished ones) in one update of the
    feed, as `publish` does one: the index and feed.xml are written once for them all.
    Each replaces the published episode from its source, else is added (`claim`); of two
    from the same source the later wins, and the earlier's staged files stay unused.
    The episodes are returned as published (their slugs and GUIDs settled), in order.
    The staged files may wait in another folder of the same file system (a batch's).

    `remove_stale` also removes temporary files of ended processes first, except batches'
    staged files (named by the process ids of their workers, maybe on other machines); a
    batch does not ask for it: other batches may be staging beside it. `kept`: GUIDs of
    published episodes a batch found unchanged, which no other source may claim."""
    latest = {identity(episode): (episode, staged) for episode, staged in staged_episodes}
    for final in {final.parent for _, staged in latest.values() for final in staged}:
        final.mkdir(parents=True, exist_ok=True)
    _step("staged")
    with atomic.locked(folder):
        _step("locked")
        if remove_stale:
            atomic.remove_stale(folder, skip=[folder / STAGING_NAME])  # what killed runs left
        published = read_index(folder)
        episodes, files, done = published, {}, []
        for episode, staged in latest.values():
            episode, staged = _claimed(config, episodes, episode, staged, kept)
            episode, staged = _unused_names(episodes, episode, staged)
            episodes = upsert(episodes, episode)
            files.update(staged)
            done.append(episode)
        try:
            _write(config, folder, episodes, files, {e.guid for e in done})
        except OSError:  # a full disk, say: the files put in place that no index lists go
            _remove_unindexed(folder, published, done)
            raise
        _step("written")
        _delete_unlisted(folder, published, episodes)
    return done


def _claimed(
    config: FeedConfig,
    published: list[Episode],
    episode: Episode,
    staged: dict[Path, Path],
    kept: frozenset[str],
) -> tuple[Episode, dict[Path, Path]]:
    """`episode` under its slug and GUID in the feed, its staged files' names to match."""
    claimed = claim(published, episode, config.name, kept)
    return claimed, {rename(final, episode.slug, claimed.slug): tmp for final, tmp in staged.items()}


def _files_of(episode: Episode) -> set[Path]:
    return {episode.path, *(p for _, p in episode.sidecars)}


def _unused_names(
    published: list[Episode], episode: Episode, staged: dict[Path, Path]
) -> tuple[Episode, dict[Path, Path]]:
    """`episode` and its staged files renamed `<stem>-2.mp3` (-3, ...) where the feed still
    names its files: they are replaced only once the feed no longer does. The pipeline names
    files by their content, so the same version published again (same name, same length)
    keeps its names: its files are replaced by the same bytes."""
    same = lambda e: e.path == episode.path and e.size == episode.size  # noqa: E731
    in_use = set().union(*(_files_of(e) for e in published if not same(e)))
    if not _files_of(episode) & in_use:
        return episode, staged
    stem = episode.path.stem
    n = 2
    while any(p.with_name(p.name.replace(stem, f"{stem}-{n}", 1)) in in_use for p in _files_of(episode)):
        n += 1
    rename = lambda p: p.with_name(p.name.replace(stem, f"{stem}-{n}", 1))  # noqa: E731
    moved = replace(
        episode, path=rename(episode.path), sidecars=tuple((k, rename(p)) for k, p in episode.sidecars)
    )
    return moved, {rename(final): tmp for final, tmp in staged.items()}


def _delete_unlisted(folder: Path, before: list[Episode], after: list[Episode]) -> None:
    """Old files the feed no longer names go last, once it names their replacements; with
    them, any episode file that neither the index nor feed.xml names any more (a version
    whose feed.xml could not be replaced: the index had already dropped it, and the old
    feed.xml still named it until now). Hidden files are temporary ones, left alone."""
    kept = set().union(*(_files_of(e) for e in after)) | {page_path(folder, e) for e in after}
    for path in set().union(*(_files_of(e) for e in before)) - kept:
        path.unlink(missing_ok=True)
    kinds, names = {path.suffix for path in kept}, {path.name for path in kept}
    episodes_folder = folder / "episodes"  # the pipeline's; never the feed's own files beside it
    for path in episodes_folder.iterdir() if episodes_folder.is_dir() else ():
        if (
            path.suffix in kinds
            and not path.name.startswith(".")
            and path.name not in names
            and path.is_file()
        ):
            path.unlink(missing_ok=True)


def _remove_unindexed(folder: Path, published: list[Episode], new: list[Episode]) -> None:
    """After a failed write: delete the `new` episodes' files (and pages) that the index on
    disk does not name, so a full disk leaves no file that no feed will ever list."""
    try:
        indexed = read_index(folder)
    except FeedError:
        indexed = published
    listed = set().union(*(_files_of(e) for e in indexed))
    pages = {page_path(folder, e) for e in indexed}
    for episode in new:
        for path in {*_files_of(episode), page_path(folder, episode)} - listed - pages:
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
        _write(config, folder, [e for e in episodes if e is not gone], changed=())
    for path in (gone.path, *(p for _, p in gone.sidecars), page_path(folder, gone)):
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
    config: FeedConfig,
    folder: Path,
    episodes: list[Episode],
    staged: dict[Path, Path] | None = None,
    changed: Collection[str] | None = None,
) -> None:
    """feed.xml and the pages first built in memory; then staged files, page assets and
    episode pages put in place, the show page, index and feed last.

    `changed` names (by GUID) the episodes whose pages may differ from those on disk; None
    for all. Other episodes' pages are rendered only if missing or if what every page shows
    changed (`Pages.key`), so adding the Nth episode does not render N pages."""
    staged = staged or {}
    cover = _cover(config, folder)
    entries = [(e, _files(folder, e)) for e in reversed(episodes)]
    xml = build_feed(config, entries, cover)
    render = Pages(config, folder)
    key = render.key()
    every = changed is None or _read_key(folder) != key
    pages = {folder / name: data for name, data in asset_files()}
    for episode in episodes:
        path = page_path(folder, episode)
        if every or episode.guid in (changed or ()) or not path.exists():
            pages[path] = render.episode(episode, _vtt(episode, staged))
    _step("built")
    first = dict(list(staged.items())[:1])  # the audio, then its sidecars in one commit
    atomic.commit(first)
    if first:
        _step("audio moved")
    atomic.commit({final: tmp for final, tmp in staged.items() if final not in first})
    _step("files moved")
    # No key while pages may show what the index does not yet name: a run stopped or failed
    # (a full disk) before the index is written leaves none, and the next renders them all.
    (folder / PAGES_KEY).unlink(missing_ok=True)
    for path, data in pages.items():
        _write_changed(path, data)
    _write_changed(folder / SHOW_PAGE, render.show(episodes, cover))
    write_index(folder, episodes)
    _write_changed(folder / PAGES_KEY, key.encode())
    _step("indexed")
    atomic.write_bytes(folder / FEED_NAME, xml)


def _read_key(folder: Path) -> str | None:
    try:
        return (folder / PAGES_KEY).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def _vtt(episode: Episode, staged: dict[Path, Path]) -> str | None:
    """The episode's WebVTT transcript: the staged one if it is being published now."""
    path = dict(episode.sidecars).get("vtt")
    if path is None:
        return None
    path = staged.get(path, path)
    return path.read_text(encoding="utf-8") if path.exists() else None


def _write_changed(path: Path, data: bytes) -> None:
    """Replace `path` atomically and durably, unless it already holds `data`."""
    if not path.exists() or path.read_bytes() != data:
        atomic.write_bytes(path, data)


def _files(folder: Path, episode: Episode) -> dict[str, str]:
    files = {
        "audio": episode.path.relative_to(folder).as_posix(),
        "page": page_path(folder, episode).relative_to(folder).as_posix(),
    }
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
