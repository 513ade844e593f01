"""Reader for HTML pages: trafilatura finds the main text; the page's own JSON-LD and
OpenGraph metadata fill in what it misses (time of day and zone, publisher, headline).

Only this module imports trafilatura.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from narrator.clean import patterns as p
from narrator.clean.language import detect_language, language_code
from narrator.clean.metadata import page_metadata
from narrator.clean.structure import ArticleBuilder, parse_byline
from narrator.document import Article
from narrator.errors import InputError

_HEADING = re.compile(r"h([1-6])")


def read(text: str, source: str, language: str | None = None) -> Article:
    """Find the article in an HTML page."""
    try:
        page = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source} is not an HTML page narrator can parse.") from exc
    xml = trafilatura.extract(
        text,
        output_format="xml",
        include_images=True,
        include_tables=False,
        include_comments=False,
        with_metadata=True,
    )
    if not xml:
        raise InputError(f"No article text was found in {source}.")
    doc = etree.fromstring(xml.encode())
    meta = page_metadata(page)
    title = meta.headline or doc.get("title") or ""
    title = _strip_site_name(title, meta.publisher or doc.get("sitename"))
    main = doc.find("main")
    if not title or main is None:
        raise InputError(f"No article headline was found in {source}.")
    captions = _figure_captions(page)
    builder = ArticleBuilder(title=title, source=source)
    _walk(main, builder, captions, title)
    builder.note_date(meta.published)
    builder.note_byline(meta.authors or _authors(doc.get("author")))
    builder.note_publisher(meta.publisher or doc.get("sitename"))
    builder.language = (
        language_code(meta.language) or language or detect_language(" ".join(main.itertext()))
    )
    return builder.build()


def _walk(main: etree._Element, builder: ArticleBuilder, captions: dict[str, str], title: str) -> None:
    caption_texts = set(captions.values())
    for element in main:
        text = _text(element)
        if element.tag == "graphic":
            caption = captions.get(element.get("src", ""))
            if caption:
                builder.add_caption(caption)
            continue
        if not text or text == title:
            continue
        if element.tag == "head":
            level = _HEADING.fullmatch(element.get("rend", "h2"))
            builder.add_heading(text, level=int(level.group(1)) if level else 2)
        elif element.tag == "quote":
            builder.add_paragraph(text, kind="quote")
        elif element.tag == "list":
            builder.add_paragraph(_list_as_sentences(element))
        elif text in caption_texts:
            builder.add_caption(text)
        elif not p.is_noise(text):
            builder.add_paragraph(text)


def _text(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", " ".join(element.itertext())).strip()


def _list_as_sentences(element: etree._Element) -> str:
    """Each list item becomes a sentence, so the list is read with pauses between items."""
    items = [_text(item) for item in element.iter("item")]
    return " ".join(item if p.TERMINAL.search(item) else item + "." for item in items if item)


def _figure_captions(page: lxml_html.HtmlElement) -> dict[str, str]:
    """figcaption text keyed by the src of the figure's image."""
    found: dict[str, str] = {}
    for figure in page.iter("figure"):
        caption = figure.find(".//figcaption")
        image = figure.find(".//img")
        if caption is None or image is None:
            continue
        text = re.sub(r"\s+", " ", caption.text_content()).strip()
        for attribute in ("src", "data-src"):
            if image.get(attribute) and text:
                found[image.get(attribute)] = text
    return found


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(name for part in value.split(";") for name in parse_byline(part))


def _strip_site_name(title: str, site: str | None) -> str:
    """'Headline | Site' -> 'Headline'."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and site and parts[-1].strip().lower() == site.strip().lower():
        return " - ".join(parts[:-1])
    return title.strip()

