"""Footnote marks in an HTML article (a superscript number, or a superscript link to a
note further down the page): written as citation marks ('[1]'), which `references.tidy`
leaves out of the reading (or keeps, with --keep-references), never glued to a word.

Works on trafilatura's XML, where a <sup> is <hi rend="#sup">.
"""

from __future__ import annotations

import re

from lxml import etree

_LABEL = re.compile(r"^[\[(]?\s*(\d{1,4}|[a-z]{1,2})\s*[\])]?$", re.IGNORECASE)
"""What a footnote mark holds: '1', '[12]', '(a)'."""
_SYMBOL = re.compile(r"^[*†‡§¶]+$")
"""A footnote mark made of symbols ('*', '†')."""
_BEFORE_NOTE = re.compile(r"([^\W\d_]{3,}|[.,;:!?)\"”’'])\s*$")
"""A number in superscript is a footnote mark after a word or a sentence's end; after a
digit or a unit ('10⁶', 'km²') it is a power, and is read."""


def mark_footnotes(main: etree._Element) -> None:
    """Each footnote mark under `main` made a bracketed citation mark, or emptied when it
    is a symbol; its neighbours keep their own spacing."""
    for sup in list(main.iter("hi")):
        if sup.get("rend") != "#sup":
            continue
        text = "".join(sup.itertext()).strip()
        linked = any((ref.get("target") or "").startswith("#") for ref in sup.iter("ref"))
        label = _LABEL.match(text)
        if _SYMBOL.match(text) and (linked or _BEFORE_NOTE.search(_text_before(sup))):
            _replace(sup, "")
        elif label and (linked or (label.group(1).isdigit() and _BEFORE_NOTE.search(_text_before(sup)))):
            _replace(sup, f" [{label.group(1)}] ")


def _text_before(element: etree._Element) -> str:
    """The text printed just before `element` inside its parent."""
    previous = element.getprevious()
    if previous is not None:
        return "".join(previous.itertext()) + (previous.tail or "")
    parent = element.getparent()
    return (parent.text or "") if parent is not None else ""


def _replace(element: etree._Element, text: str) -> None:
    """The element's content made `text`, its tag and tail kept."""
    tail = element.tail
    for child in list(element):
        element.remove(child)
    element.text = text
    element.tail = tail
