"""A quotation's attribution ('— Name, role'), which trafilatura drops.

Pages credit a block quotation in a <footer> inside the <blockquote>, or in the
<figcaption> of a <figure> that holds it; trafilatura leaves out every footer and a
figure's caption when the figure has no image, so the listener heard the words but not
who said them. Both become a paragraph of their own after the quotation, before
extraction: read inside it, the name sounded like part of the quoted words."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_MAY_HAVE_ONE = re.compile(r"<blockquote\b", re.IGNORECASE)


def with_quote_attributions(text: str) -> str:
    """`text` (a page) with each block quotation's attribution as a paragraph after it."""
    if not _MAY_HAVE_ONE.search(text):
        return text
    try:
        page = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return text
    moved = False
    for quote in list(page.iter("blockquote")):
        figure = quote.getparent()
        credits = list(quote.iter("footer"))
        if figure is not None and figure.tag == "figure" and figure.find(".//img") is None:
            credits += figure.findall("figcaption")
        for credit in reversed(credits):
            credit.tag = "p"
            credit.tail = None
            quote.addnext(credit)  # moves it
            moved = True
    return lxml_html.tostring(page, encoding="unicode") if moved else text
