"""Show definitions: feeds/<name>.toml holds a podcast's channel metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrator import configfiles
from narrator.errors import FeedError


@dataclass(frozen=True)
class FeedConfig:
    name: str
    """The feed's folder under the output directory."""
    title: str
    description: str
    author: str
    language: str
    category: str
    explicit: bool
    base_url: str
    """Public URL of the feed folder; enclosures live under it. Ends with '/'."""
    artwork: str | None = None


def load_feed(name: str) -> FeedConfig:
    """The feed called `name` (or at path `name`), or a FeedError."""
    path = configfiles.find("feeds", name, FeedError)
    data = configfiles.load(path, FeedError)
    try:
        base = str(data.get("base_url", f"http://127.0.0.1:8000/{path.stem}/"))
        return FeedConfig(
            name=Path(path).stem,
            title=str(data["title"]),
            description=str(data["description"]),
            author=str(data["author"]),
            language=str(data.get("language", "en")),
            category=str(data.get("category", "News")),
            explicit=bool(data.get("explicit", False)),
            base_url=base if base.endswith("/") else base + "/",
            artwork=str(data["artwork"]) if data.get("artwork") else None,
        )
    except KeyError as exc:
        raise FeedError(f"Feed definition {path} lacks the field {exc.args[0]!r}.") from exc
