"""What a browser would show of a page: the HTML reader reads only that."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.clean import patterns as p

_MIN_VISIBLE_PROSE = 150
"""Words of prose a page must show for what it hides to be left out."""


def visible(text: str) -> str:
    """The page without what a browser would not show (hidden, aria-hidden, display:
    none, visibility: hidden): closed dialogs, a player's menus, mobile copies.

    The whole page when that would leave no article: a page saved with a dialog open
    (cookie consent) marks everything behind the dialog aria-hidden."""
    page = lxml_html.document_fromstring(text)
    hidden = [e for e in page.iter() if isinstance(e.tag, str) and e.getparent() is not None and _hidden(e)]
    if not hidden:
        return text
    for element in hidden:
        element.drop_tree()
    if _prose_words(page) < _MIN_VISIBLE_PROSE:
        return text
    return lxml_html.tostring(page, encoding="unicode")


def _prose_words(page: lxml_html.HtmlElement) -> int:
    """Words in the page's paragraphs that read as prose."""
    paragraphs = (p.squash(element.text_content()) for element in page.iter("p"))
    return sum(p.word_count(text) for text in paragraphs if p.is_paragraph(text))


def _hidden(element: lxml_html.HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )
