"""clean: read a source and keep only the article (title, byline, date, sections)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from narrator.clean import textdump
from narrator.clean.source import read_text
from narrator.document import Article

Reader = Callable[[str, str, str], Article]

READERS: dict[str, Reader] = {
    "text": textdump.read,
}
"""Input kind -> reader(text, source, language). A new reader is one module and one line."""


@dataclass(frozen=True)
class CleanOptions:
    """How to read the source."""

    kind: str = "text"
    """Which reader to use (a key of READERS)."""
    language: str = "en"
    """Language to record when the page does not say."""


def clean(source: Path, options: CleanOptions | None = None) -> Article:
    """Read `source` and return the article in it, or raise InputError."""
    options = options or CleanOptions()
    text = read_text(source)
    return READERS[options.kind](text, str(source), options.language)
