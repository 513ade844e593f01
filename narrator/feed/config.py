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
    """The feed called `name` (or at path `name`), or one FeedError that names every field
    at fault, so that a definition is fixed in one go: a podcast app or Apple would
    otherwise get a feed that says what was not meant (`explicit = "false"` is a string,
    and any string reads as true). The artwork file is opened here too, on every load, so a
    bad image is named with the rest before anything is rendered, not at publishing."""
    path = configfiles.find("feeds", name, FeedError)
    data = configfiles.load(path, FeedError)
    field = _Fields(path, data)
    base = field.url("base_url", f"http://127.0.0.1:8000/{path.stem}/")
    base = base if base.endswith("/") else base + "/"
    author = field.text("author")
    language = field.text("language", "en")
    if not _LANGUAGE.fullmatch(language):
        field.wrong("language", "a language code such as 'en' or 'fr-CA'")
    email = field.text("owner_email")
    if not _EMAIL.fullmatch(email):
        field.wrong("owner_email", "an email address")
    if "categories" in data:
        categories = field.value("categories", list, "a list of Apple Podcasts categories", [])
        if not categories and isinstance(data["categories"], list):
            field.wrong("categories", "a list of at least one Apple Podcasts category")
    else:
        categories = [field.text("category", "News")]
    artwork = field.text("artwork", "", empty=True)
    artwork_path = (path.parent / artwork) if artwork else None
    if artwork_path is not None:
        field.check_artwork(artwork_path)
    config = FeedConfig(
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
        artwork=artwork_path,
    )
    field.raise_problems()
    return config


class _Fields:
    """Typed reads of a feed definition's fields. A bad field is noted and read as its
    default (or empty), so that every field is checked; `raise_problems` then reports them
    all in one sentence."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data
        self.problems: dict[str, str] = {}
        """Field name -> what is wrong with it (the first thing found wrong)."""

    def wrong(self, key: str, expected: str) -> None:
        self.problems.setdefault(key, f"{key} must be {expected}")

    def raise_problems(self) -> None:
        """One FeedError naming every bad field (one sentence, in the file's order)."""
        if not self.problems:
            return
        order = list(self.data)
        found = sorted(self.problems.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else -1)
        clauses = [problem for _, problem in found]
        if len(clauses) == 1:
            raise FeedError(f"In the feed definition {self.path}, {clauses[0]}.")
        raise FeedError(
            f"In the feed definition {self.path}, {len(clauses)} fields are wrong: {'; '.join(clauses)}."
        )

    def value(self, key: str, kind: type, expected: str, default: Any = None) -> Any:
        if key not in self.data:
            if default is None:
                self.problems.setdefault(key, f"the field {key!r} is missing")
                return kind()
            return default
        value = self.data[key]
        if not isinstance(value, kind):
            self.wrong(key, expected)
            return kind() if default is None else default
        return value

    def text(self, key: str, default: str | None = None, empty: bool = False) -> str:
        value = self.value(key, str, "text in quotes", default)
        if not value.strip() and not (empty or (default is not None and key not in self.data)):
            self.wrong(key, "text, not empty")
        return value.strip()

    def url(self, key: str, default: str) -> str:
        value = self.text(key, default)
        parts = urlsplit(value)
        try:
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError:
            self.wrong(key, "an http:// or https:// address with a port from 1 to 65535")
            return default
        if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
            self.wrong(key, "an http:// or https:// address without spaces")
            return default
        return value

    def check_artwork(self, path: Path) -> None:
        """The artwork is checked with the fields: found after minutes of rendering, it
        would be one more run."""
        from narrator.feed.artwork import artwork_problem  # Pillow, only for a show's own artwork

        problem = artwork_problem(path)
        if problem:
            self.problems.setdefault("artwork", problem)


def _category(field: _Fields, value: object) -> tuple[str, str | None]:
    """'News' or 'News > Politics', as Apple Podcasts names them."""
    main, _, sub = str(value).partition(">")
    main, sub = main.strip(), sub.strip() or None
    if main not in APPLE_CATEGORIES or (sub is not None and sub not in APPLE_CATEGORIES[main]):
        field.wrong("categories", f"Apple Podcasts categories ('{value}' is not one)")
    return main, sub
