"""Listening pages: the show's index.html and one HTML page per episode, static files written
when the feed is, so any static host serves them.

Pages are rendered with Jinja2 (autoescaping every title and sentence) from the episode index
and each episode's WebVTT transcript; they link only to files in the feed folder (the MP3, its
transcript, the feed, the cover and the page assets copied beside them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from narrator import __version__
from narrator.document import Chapter, Episode, TranscriptBlock
from narrator.feed.config import FeedConfig
from narrator.feed.cues import PageCue, read_vtt

SHOW_PAGE = "index.html"
ASSETS = ("listen.css", "listen.js")
"""Files of narrator/feed/static copied to the feed folder's assets/."""
RATES = ("0.75", "1", "1.25", "1.5", "1.75", "2")
_TAGS = {"title": "p", "byline": "p", "date": "p", "paragraph": "p", "caption": "p", "quote": "blockquote"}


@dataclass(frozen=True)
class PageBlock:
    """One block of the article as the page sets it: its element and its sentences."""

    tag: str
    kind: str
    cues: tuple[PageCue, ...]


def page_path(folder: Path, episode: Episode) -> Path:
    """Where the episode's listening page lives: beside its MP3, named by its slug, so its
    address stays the same when a new version of the episode gets new file names."""
    return episode.path.parent / f"{episode.slug}.html"


def asset_files() -> Iterator[tuple[str, bytes]]:
    """The page assets by file name, as the package ships them."""
    static = resources.files("narrator.feed") / "static"
    for name in ASSETS:
        yield f"assets/{name}", (static / name).read_bytes()


class Pages:
    """Renders a show's pages; its templates are compiled once, however many episodes it has."""

    def __init__(self, config: FeedConfig, folder: Path) -> None:
        self.config = config
        self.folder = folder
        self._env = Environment(
            loader=PackageLoader("narrator.feed", "templates"),
            autoescape=select_autoescape(default=True),
            trim_blocks=True,
        )

    def key(self) -> str:
        """What every episode page shows besides its own episode and transcript: the show's
        settings, the templates and this version of narrator. Publishing renders only the
        pages of the episodes it adds or replaces while this stays the same, and all of them
        when it changes (a new show title, say), so its cost does not grow with the feed."""
        digest = hashlib.sha256(f"{__version__}|{self.config!r}".encode())
        templates = resources.files("narrator.feed") / "templates"
        for entry in sorted(templates.iterdir(), key=lambda t: t.name):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
        return digest.hexdigest()

    def show(self, episodes: Iterable[Episode], cover: str) -> bytes:
        """The show: title, cover, description, and its episodes newest first."""
        listed = [
            _summary(e, self._relative(page_path(self.folder, e)), self._relative(e.path), self.language)
            for e in sorted(episodes, key=_newest_first)
        ]
        return self._render("show.html", "", cover=cover, episodes=listed)

    def episode(self, episode: Episode, vtt: str | None) -> bytes:
        """The episode's page; `vtt` is its WebVTT transcript, None if it has none."""
        cues = read_vtt(vtt) if vtt else []
        sidecars = dict(episode.sidecars)
        summary = _summary(episode, page_path(self.folder, episode).name, episode.path.name, self.language)
        summary["vtt"] = sidecars["vtt"].name if "vtt" in sidecars and cues else None
        return self._render(
            "episode.html",
            "../",
            lang=episode.language or self.config.language,
            content_lang=lang_attribute(episode.language or self.config.language),
            e=summary,
            rates=RATES,
            chapters=[_chapter(c) for c in episode.chapters],
            blocks=arrange(cues, episode.blocks, episode.chapters),
        )

    @property
    def language(self) -> str:
        return self.config.language

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def _render(self, template: str, root: str, **values: Any) -> bytes:
        """`root` leads from the page back to the feed folder."""
        common = {
            "lang": self.config.language,
            "show": self.config,
            "root": root,
            "show_lang": lang_attribute(self.config.language),
        }
        return self._env.get_template(template).render(**{**common, **values}).encode("utf-8")


def arrange(
    cues: list[PageCue], blocks: tuple[TranscriptBlock, ...], chapters: tuple[Chapter, ...]
) -> list[PageBlock]:
    """The cues set as the article's blocks; where the blocks do not account for every cue
    (an older index, a transcript edited by hand), one paragraph per chapter instead."""
    if blocks and sum(b.cues for b in blocks) == len(cues):
        out, at = [], 0
        for block in blocks:
            if block.cues:
                tag = f"h{min(block.level + 1, 6)}" if block.kind == "heading" else _TAGS.get(block.kind, "p")
                out.append(PageBlock(tag, block.kind, tuple(cues[at : at + block.cues])))
            at += block.cues
        return out
    starts = [c.start_ms for c in chapters[1:]]
    groups: list[list[PageCue]] = [[] for _ in range(len(starts) + 1)]
    for cue in cues:
        groups[sum(1 for s in starts if cue.start_ms >= s)].append(cue)
    return [PageBlock("p", "paragraph", tuple(g)) for g in groups if g]


def _summary(e: Episode, page: str, mp3: str, show_language: str) -> dict[str, Any]:
    seconds = round(e.duration_ms / 1000)
    return {
        "title": e.title,
        "authors": ", ".join(e.authors),
        "date": f"{e.published:%B} {e.published.day}, {e.published:%Y}" if e.published else None,
        "date_iso": e.published.date().isoformat() if e.published else None,
        "duration": _spoken_duration(seconds),
        "duration_iso": f"PT{seconds // 60}M{seconds % 60}S",
        "duration_s": seconds,
        "clock": _clock(seconds * 1000),  # rounded as the duration above and the feed's
        "page": page,
        "mp3": mp3,
        "size": f"{e.size / 1e6:.1f} MB",
        "source_url": e.source_url,
        "lang": lang_attribute(e.language or show_language),  # an older index: the show's
    }


UI_LANGUAGE = "en"
"""The pages' own words (Play, Chapters, Transcript) are English: the page says so, and
marks the article's and the show's words with their language where it differs, so a screen
reader speaks each with the right voice."""


def lang_attribute(language: str | None) -> Markup:
    """` lang="fr"` for text in another language than the page's, else nothing."""
    if not language or language.split("-")[0].lower() == UI_LANGUAGE:
        return Markup("")
    return Markup(' lang="{}"').format(escape(language))


def _chapter(c: Chapter) -> dict[str, Any]:
    return {"title": c.title, "start": f"{c.start_ms / 1000:.3f}", "clock": _clock(c.start_ms)}


def _newest_first(e: Episode) -> tuple[float, str]:
    when = e.published.timestamp() if e.published else float("-inf")
    return (-when, e.slug)


def _spoken_duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    parts += [f"{minutes} min"] if minutes else []
    return " ".join(parts + [f"{secs} s"]) if secs or not parts else " ".join(parts)


def _clock(ms: int) -> str:
    """H:MM:SS or M:SS, as players show a time."""
    hours, rest = divmod(ms // 1000, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
