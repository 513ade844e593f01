"""What a page says about itself: JSON-LD (schema.org Article) and OpenGraph meta tags.

They carry what extracted text lacks: the publication time with its zone, the
publisher's name, the headline without the site's suffix, the authors.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from narrator.clean.dates import parse_iso
from narrator.clean.structure import parse_byline

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "socialmediaposting",
    "webpage",
}


_CDATA = re.compile(r"^\s*(//\s*)?<!\[CDATA\[|(//\s*)?\]\]>\s*$")
"""The CDATA wrapper some pages put around their JSON-LD."""


@dataclass(frozen=True)
class PageMetadata:
    headline: str | None = None
    """JSON-LD's headline (some sites put a description there)."""
    name: str | None = None
    """JSON-LD's name: the headline on some sites, the page's subject on others."""
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    publisher: str | None = None
    language: str | None = None
    og_title: str | None = None
    """The title the page gives for sharing (OpenGraph, else Twitter's card)."""
    page_title: str | None = None
    """The page's <title> as written (site name and all)."""
    host: str | None = None
    """The host of the page's canonical URL ('en.wikipedia.org'): it names the site."""


def page_metadata(page: lxml_html.HtmlElement) -> PageMetadata:
    """JSON-LD first (the most exact), then OpenGraph / article: meta tags."""
    found = list(_ld_articles(page))
    # The first article node's fields win; later ones fill in what it lacks.
    article = {key: value for node in reversed(found) for key, value in node.items()}
    meta = _meta_tags(page)
    published = parse_iso(_first(article.get("datePublished"))) or parse_iso(
        meta.get("article:published_time") or meta.get("og:published_time") or meta.get("date")
    )
    return PageMetadata(
        headline=_clean(_first(article.get("headline"))),
        name=_clean(_first(article.get("name"))),
        authors=_ld_names(article.get("author")) or _meta_authors(meta),
        published=published,
        publisher=_clean(_name(article.get("publisher"))) or _clean(meta.get("og:site_name")),
        language=page.get("lang") or _first(article.get("inLanguage")) or meta.get("og:locale"),
        og_title=_clean(meta.get("og:title") or meta.get("twitter:title")),
        page_title=_clean(page.findtext(".//title")),
        host=_host(page, meta),
    )


def _host(page: lxml_html.HtmlElement, meta: dict[str, str]) -> str | None:
    canonical = next((link.get("href") for link in page.iter("link") if link.get("rel") == "canonical"), None)
    url = canonical or meta.get("og:url") or ""
    try:
        return urlsplit(url).hostname if url.startswith("http") else None
    except ValueError:  # 'https://[not an address]/': the page's own claim, not worth an error
        return None


def _ld_articles(page: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in page.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text or ""))
            nodes = list(_nodes(data))
        except (ValueError, RecursionError):  # not JSON, or nested deeper than anyone writes
            continue
        for node in nodes:
            types = node.get("@type", [])
            types = [types] if isinstance(types, str) else types
            if any(_article_type(str(t)) for t in types) and (
                node.get("headline") or node.get("datePublished") or node.get("author")
            ):
                yield node


def _article_type(name: str) -> bool:
    """schema.org's Article, its subtypes (NewsArticle, ...) and postings."""
    name = name.rsplit("/", 1)[-1].lower()
    return name in _ARTICLE_TYPES or name.endswith(("article", "posting"))


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _nodes(data["@graph"])
        if isinstance(data.get("mainEntity"), dict):
            yield data["mainEntity"]


def _meta_tags(page: lxml_html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in page.iter("meta"):
        key = (tag.get("property") or tag.get("name") or "").strip().lower()
        value = tag.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    return found


def _meta_authors(meta: dict[str, str]) -> tuple[str, ...]:
    value = meta.get("author") or meta.get("article:author") or ""
    return parse_byline(value) if value and not value.startswith("http") else ()


def _ld_names(value: Any) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        name = _name(item)
        if name:
            names.extend(parse_byline(name))
    return tuple(dict.fromkeys(names))


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _first(value.get("name"))
    if isinstance(value, str):
        return value
    return None


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _clean(value: str | None) -> str | None:
    """Whitespace collapsed and HTML entities (often double-escaped in JSON-LD) decoded."""
    return " ".join(html.unescape(value).split()) if value else None
