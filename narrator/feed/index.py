"""The episode index (episodes.json): the feed folder's source of truth.

feed.xml is regenerated from it, so narrating an article again replaces its entry
(same GUID) and narrating another adds one.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from narrator import atomic
from narrator.document import Chapter, Episode, TranscriptBlock
from narrator.errors import FeedError

INDEX_NAME = "episodes.json"


def read_index(folder: Path) -> list[Episode]:
    """Episodes already published in `folder`; none if it has no index yet."""
    path = folder / INDEX_NAME
    if not path.exists():
        return []
    try:
        records = json.loads(path.read_text(encoding="utf-8"))["episodes"]
        return [_from_record(folder, r) for r in records]
    except (ValueError, KeyError, TypeError) as exc:
        raise FeedError(
            f"The episode index {path} is broken ({exc!s}); restore it or remove it to start afresh."
        ) from exc


def write_index(folder: Path, episodes: list[Episode]) -> None:
    data = {"episodes": [_to_record(folder, e) for e in episodes]}
    atomic.write_bytes(folder / INDEX_NAME, json.dumps(data, indent=2, ensure_ascii=False).encode())


def upsert(episodes: list[Episode], episode: Episode) -> list[Episode]:
    """`episodes` with `episode` in place of any with the same GUID, else added."""
    kept = [e for e in episodes if e.guid != episode.guid]
    return sorted([*kept, episode], key=lambda e: (e.published.timestamp() if e.published else 0, e.slug))


def _to_record(folder: Path, e: Episode) -> dict[str, Any]:
    return {
        "slug": e.slug,
        "guid": e.guid,
        "title": e.title,
        "authors": list(e.authors),
        "published": e.published.isoformat() if e.published else None,
        "description": e.description,
        "file": e.path.relative_to(folder).as_posix(),
        "size": e.size,
        "duration_ms": e.duration_ms,
        "chapters": [{"title": c.title, "start_ms": c.start_ms, "end_ms": c.end_ms} for c in e.chapters],
        "sidecars": {kind: path.relative_to(folder).as_posix() for kind, path in e.sidecars},
        "blocks": [[b.kind, b.level, b.cues] for b in e.blocks],
        "source_url": e.source_url,
        "language": e.language,
        "source": e.source,
    }


def _from_record(folder: Path, r: dict[str, Any]) -> Episode:
    return Episode(
        slug=r["slug"],
        guid=r["guid"],
        title=r["title"],
        authors=tuple(r["authors"]),
        published=datetime.fromisoformat(r["published"]) if r["published"] else None,
        description=r["description"],
        path=folder / r["file"],
        size=int(r["size"]),
        duration_ms=int(r["duration_ms"]),
        chapters=tuple(Chapter(c["title"], int(c["start_ms"]), int(c["end_ms"])) for c in r["chapters"]),
        sidecars=tuple((kind, folder / path) for kind, path in r.get("sidecars", {}).items()),
        blocks=tuple(
            TranscriptBlock(kind, int(level), int(cues)) for kind, level, cues in r.get("blocks", [])
        ),
        source_url=r.get("source_url"),
        language=r.get("language") or "",
        source=r.get("source") or "",
    )
