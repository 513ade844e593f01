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
    owner_name: str
    owner_email: str
    language: str
    categories: tuple[tuple[str, str | None], ...]
    """Apple Podcasts categories as (category, subcategory or None)."""
    explicit: bool
    base_url: str
    """Public URL of the feed folder; feed.xml and episodes/ live under it. Ends with '/'."""
    link: str
    """The show's website (defaults to the base URL)."""
    artwork: Path | None = None
    """A square JPEG or PNG, 1400-3000 px; None makes narrator draw a cover."""

    @property
    def feed_url(self) -> str:
        return self.base_url + "feed.xml"


def feed_folder(output_dir: Path, config: FeedConfig) -> Path:
    """Where the feed's index, feed.xml and episodes live."""
    return output_dir / config.name


def load_feed(name: str) -> FeedConfig:
    """The feed called `name` (or at path `name`), or a FeedError."""
    path = configfiles.find("feeds", name, FeedError)
    data = configfiles.load(path, FeedError)
    try:
        base = str(data.get("base_url", f"http://127.0.0.1:8000/{path.stem}/"))
        base = base if base.endswith("/") else base + "/"
        categories = data.get("categories") or [data.get("category", "News")]
        artwork = data.get("artwork")
        return FeedConfig(
            name=Path(path).stem,
            title=str(data["title"]),
            description=str(data["description"]),
            author=str(data["author"]),
            owner_name=str(data.get("owner_name", data["author"])),
            owner_email=str(data["owner_email"]),
            language=str(data.get("language", "en")),
            categories=tuple(_category(c) for c in categories),
            explicit=bool(data.get("explicit", False)),
            base_url=base,
            link=str(data.get("link", base)),
            artwork=(path.parent / str(artwork)) if artwork else None,
        )
    except KeyError as exc:
        raise FeedError(f"Feed definition {path} lacks the field {exc.args[0]!r}.") from exc


def _category(value: str) -> tuple[str, str | None]:
    """'News' or 'News > Politics'."""
    main, _, sub = str(value).partition(">")
    return main.strip(), (sub.strip() or None)
