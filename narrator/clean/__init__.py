"""clean: read a source and keep only the article (title, byline, date, sections)."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from narrator.clean import budget
from narrator.clean.references import tidy
from narrator.clean.source import read_text
from narrator.document import Article
from narrator.errors import InputError

READERS: dict[str, str] = {
    "text": "narrator.clean.textdump",
    "html": "narrator.clean.html",
    "markdown": "narrator.clean.markdown",
}
"""Input kind -> the module whose read(text, source, language) reads it. A new reader is
one module and one line. Imported only when used: trafilatura alone takes 0.13 s."""

_MEDIA_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown"}
_HTML = re.compile(r"<(!doctype html|html|head|body|article|div|p|meta)\b", re.IGNORECASE)
_MARKDOWN = re.compile(r"^#{1,6} \S|\[[^\]\n]+\]\([^)\s]+[^)]*\)|^\*\*[^*\n]+\*\*", re.MULTILINE)
"""Syntax a page's text dump never has: ATX headings, [links](url), **bold** lines."""


@dataclass(frozen=True)
class CleanOptions:
    """How to read the source."""

    kind: str | None = None
    """Which reader to use (a key of READERS); None sniffs it from the content."""
    language: str | None = None
    """Language to record when the page does not say; None detects it."""
    keep_references: bool = False
    """Keep sections such as References, Notes and External links (dropped by default)."""
    seconds: float = field(default_factory=budget.default_seconds)
    """Time budget for reading and cleaning the page, the URL's download apart (0: none)."""


def clean(source: str | Path, options: CleanOptions | None = None) -> Article:
    """Read `source` (a path or an http(s) URL) and return the article in it."""
    options = options or CleanOptions()
    name = str(source)
    if name.startswith(("http://", "https://")):
        from narrator.clean.fetch import fetch  # urllib.request and ssl: 20 ms, for URLs only

        fetched = fetch(name)
        text, hinted = fetched.text, _MEDIA_TYPES.get(fetched.content_type)
    else:
        text, hinted = None, None
    if options.kind is not None and options.kind not in READERS:
        raise InputError(f"Unknown input kind '{options.kind}'; known: {', '.join(READERS)}.")
    shown = name if len(name) <= 120 else f"{name[:60]}...{name[-40:]}"
    with budget.deadline(options.seconds, shown):
        if text is None:
            text = read_text(Path(source))
        text = budget.trim_markup(text)
        kind = options.kind or hinted or sniff(text)
        article: Article = importlib.import_module(READERS[kind]).read(text, name, options.language)
        return tidy(article, options.keep_references)


def sniff(text: str) -> str:
    """'html' for markup, 'markdown' for Markdown syntax, else 'text' (a page's text dump)."""
    head = text.lstrip()[:4096]
    if head.startswith("<") and _HTML.search(head) or len(_HTML.findall(head)) >= 3:
        return "html"
    if len(_MARKDOWN.findall(text[:20000])) >= 2 or text.lstrip().startswith(("# ", "---\n", "+++\n")):
        return "markdown"
    return "text"
