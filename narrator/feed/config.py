"""Show definitions: feeds/<name>.toml holds a podcast's channel metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from narrator import configfiles
from narrator.errors import FeedError
from narrator.feed.categories import APPLE_CATEGORIES

_LANGUAGE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")
"""An RSS <language>: an ISO 639 code, maybe with a region ('en', 'fr-CA')."""
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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
    """The feed called `name` (or at path `name`), or a FeedError that names the field at
    fault: a podcast app or Apple would otherwise get a feed that says what was not meant
    (`explicit = "false"` is a string, and any string reads as true)."""
    path = configfiles.find("feeds", name, FeedError)
    data = configfiles.load(path, FeedError)
    field = _Fields(path, data)
    base = field.url("base_url", f"http://127.0.0.1:8000/{path.stem}/")
    base = base if base.endswith("/") else base + "/"
    author = field.text("author")
    language = field.text("language", "en")
    if not _LANGUAGE.fullmatch(language):
        raise field.wrong("language", "a language code such as 'en' or 'fr-CA'")
    email = field.text("owner_email")
    if not _EMAIL.fullmatch(email):
        raise field.wrong("owner_email", "an email address")
    if "categories" in data:
        categories = field.value("categories", list, "a list of Apple Podcasts categories")
        if not categories:
            raise field.wrong("categories", "a list of at least one Apple Podcasts category")
    else:
        categories = [field.text("category", "News")]
    artwork = field.text("artwork", "", empty=True)
    return FeedConfig(
        name=Path(path).stem,
        title=field.text("title"),
        description=field.text("description"),
        author=author,
        owner_name=field.text("owner_name", author),
        owner_email=email,
        language=language,
        categories=tuple(_category(field, c) for c in categories),
        explicit=field.value("explicit", bool, "true or false, without quotes", False),
        base_url=base,
        link=field.url("link", base),
        artwork=(path.parent / artwork) if artwork else None,
    )


class _Fields:
    """Typed reads of a feed definition's fields, each failing with one sentence."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data

    def wrong(self, key: str, expected: str) -> FeedError:
        return FeedError(f"In the feed definition {self.path}, {key} must be {expected}.")

    def value(self, key: str, kind: type, expected: str, default: Any = None) -> Any:
        if key not in self.data:
            if default is None:
                raise FeedError(f"Feed definition {self.path} lacks the field {key!r}.")
            return default
        value = self.data[key]
        if not isinstance(value, kind):
            raise self.wrong(key, expected)
        return value

    def text(self, key: str, default: str | None = None, empty: bool = False) -> str:
        value = self.value(key, str, "text in quotes", default)
        if not value.strip() and not (empty or (default is not None and key not in self.data)):
            raise self.wrong(key, "text, not empty")
        return value.strip()

    def url(self, key: str, default: str) -> str:
        value = self.text(key, default)
        parts = urlsplit(value)
        try:
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError:
            raise self.wrong(key, "an http:// or https:// address with a port from 1 to 65535") from None
        if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
            raise self.wrong(key, "an http:// or https:// address without spaces")
        return value


def _category(field: _Fields, value: object) -> tuple[str, str | None]:
    """'News' or 'News > Politics', as Apple Podcasts names them."""
    main, _, sub = str(value).partition(">")
    main, sub = main.strip(), sub.strip() or None
    if main not in APPLE_CATEGORIES or (sub is not None and sub not in APPLE_CATEGORIES[main]):
        raise field.wrong("categories", f"Apple Podcasts categories ('{value}' is not one)")
    return main, sub
