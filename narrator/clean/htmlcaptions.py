"""Captions in an HTML page, found in the page itself: an extractor loses many of them
(lazy-loaded images, captions set beside their figure, captions cut at their links).

figure_captions maps an image to its caption; loose_captions places captions between
the paragraphs around them; caption_texts and is_caption tell a paragraph that repeats
a caption or an image's alt text.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from narrator.clean import patterns as p

CAPTION_PREFIX = 120
"""Characters of a paragraph that must match a caption's start for it to be one."""
_CAPTION_HOLDER_LEVELS = 3
"""How far up from a caption element its image's container is looked for."""
_LINKED_CAPTION = 0.8
"""Share of a caption's text inside links above which it is a teaser's, not the article's."""
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer", re.IGNORECASE)
"""Classes of the part of a caption that credits the photo. Broader marks ('source',
'author', <cite>, <small>) were tried: on a dev page they cut off part of a description."""
_BLOCKS = dict.fromkeys(("p", "div", "li", "figure", "section"), " ")
"""Elements whose text stands apart from the text around them; inline ones join it as is."""
_PART = " | "
"""Where a caption's parts meet, as credits.caption_prose splits them."""


def figure_captions(page: lxml_html.HtmlElement) -> dict[str, str]:
    """Caption text keyed by the src of its image: a figure's figcaption, or an element
    whose class names a caption ('thumbcaption', 'wp-caption-text') in the nearest
    container that holds one image."""
    found: dict[str, str] = {}
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "figcaption":
            holder = next((a for a in element.iterancestors("figure")), None)
        elif "caption" in (element.get("class") or "").lower():
            holder = _image_holder(element)
        else:
            continue
        images = list(holder.iter("img")) if holder is not None else []
        text = caption_text(element)
        if len(images) != 1 or not text:
            continue
        for attribute in ("src", "data-src"):
            if images[0].get(attribute):
                found.setdefault(src_key(images[0].get(attribute)), text)
    return found


def caption_text(caption: lxml_html.HtmlElement) -> str:
    """The caption's text, its parts apart where the markup sets them apart: at a line
    break and around a credit's own element. A credit printed before the description
    ('Photo: Jane Roe/Agency' in a span, then the description) is then a part of its
    own that is cut off, not the opening that made the whole caption a credit."""
    pieces: list[str] = []

    def walk(element: lxml_html.HtmlElement) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                pieces.append(child.tail or "")
                continue
            between = _PART if child.tag == "br" or _credit_part(child) else _BLOCKS.get(child.tag, "")
            pieces.append(between + (child.text or ""))
            walk(child)
            pieces.append(between + (child.tail or ""))

    pieces.append(caption.text or "")
    walk(caption)
    parts = (p.squash(part) for part in "".join(pieces).split(_PART.strip()))
    return _PART.join(part for part in parts if part)


def _credit_part(element: lxml_html.HtmlElement) -> bool:
    return bool(_CREDIT_CLASS.search(element.get("class") or ""))


def _image_holder(caption: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The nearest of the caption's first few ancestors that holds an image."""
    for level, ancestor in enumerate(caption.iterancestors()):
        if level >= _CAPTION_HOLDER_LEVELS:
            return None
        if ancestor.find(".//img") is not None:
            return ancestor
    return None


def src_key(src: str) -> str:
    """An image's address without its scheme: extractors make '//host/a.jpg' absolute."""
    return re.sub(r"^[a-z]+:", "", src.strip())


def loose_captions(page: lxml_html.HtmlElement) -> dict[str, list[tuple[str, str]]]:
    """figcaptions keyed by the paragraph before them in the page, each with the key of
    the paragraph after it ("" for a lead photo's, keyed by the paragraph after it under
    "").

    Many figures have no <img> an extractor sees (lazy loading puts it in a script; some
    pages set the figcaption beside the figure), so their captions would be lost. A
    caption is kept only between two paragraphs the article kept (or before its first
    one): a teaser's caption after the article's last paragraph is not the article's,
    nor is a caption that is mostly a link."""
    found: dict[str, list[tuple[str, str]]] = {}
    last, waiting = "", []
    for element in page.iter("p", "figcaption"):
        text = (
            caption_text(element) if element.tag == "figcaption" else p.squash(" ".join(element.itertext()))
        )
        if element.tag == "figcaption":
            linked = sum(len(p.squash(a.text_content())) for a in element.iter("a"))
            if text and linked < _LINKED_CAPTION * len(text):  # a teaser's caption is a link
                waiting.append(text)
        elif text and not any(a.tag == "figcaption" for a in element.iterancestors()):
            key = text_key(text)[:CAPTION_PREFIX]
            for caption in waiting:
                found.setdefault(last, []).append((caption, key))
            last, waiting = key, []
    return found


def caption_texts(page: lxml_html.HtmlElement) -> set[str]:
    """Everything a page marks as describing an image: figcaptions, elements whose class
    names a caption, image alt and title text."""
    texts: set[str] = set()
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "figcaption" or "caption" in (element.get("class") or "").lower():
            texts.add(p.squash(element.text_content()))
        if element.tag == "img":
            texts.update(p.squash(element.get(a) or "") for a in ("alt", "title"))
    return {text_key(t) for t in texts if p.word_count(t) >= 5}


def is_caption(text: str, captions: set[str]) -> bool:
    """The paragraph starts as an image's caption or alt text does (spacing and
    punctuation aside)."""
    key = text_key(text)
    n = min(len(key), CAPTION_PREFIX)
    return any(len(c) >= n and c[:n] == key[:n] for c in captions)


def text_key(text: str) -> str:
    """Letters and digits only, lower-cased: the same text whatever its quotes and spacing."""
    return re.sub(r"\W+", "", text.lower())
