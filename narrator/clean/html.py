"""Reader for HTML pages: trafilatura finds the main text; the page's own JSON-LD and
OpenGraph metadata fill in what it misses (time of day and zone, publisher, headline).

Only this module imports trafilatura.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from configparser import ConfigParser
from datetime import datetime

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

from narrator.clean import patterns as p
from narrator.clean.dates import parse_iso
from narrator.clean.htmlcaptions import (
    CAPTION_PREFIX,
    caption_texts,
    figure_captions,
    is_caption,
    loose_captions,
    src_key,
    text_key,
)
from narrator.clean.htmlnotes import mark_footnotes
from narrator.clean.htmlquotes import with_quote_attributions
from narrator.clean.htmltables import TableMarks, table_marks, table_rows
from narrator.clean.htmlvisible import visible
from narrator.clean.language import detect_language, language_code
from narrator.clean.metadata import page_metadata
from narrator.clean.structure import (
    ArticleBuilder,
    first_words,
    parse_byline,
    parse_head_line,
)
from narrator.clean.tables import table_sentences
from narrator.clean.titles import choose_title
from narrator.document import Article
from narrator.errors import InputError

_HEADING = re.compile(r"h([1-6])")
_HEADING_WORDS = 12
"""Longest bold line or line-broken piece taken for a heading."""
_SPLIT_WORDS = 120
"""A paragraph longer than this with line breaks in it is several paragraphs."""
_LINK_DENSITY = 0.8
"""Share of a list's text inside links above which it is a list of links."""
_SLIDE = re.compile(r"^(\d+)\s*/\s*(\d+)\b")
_SLIDES = 3
"""Slides a gallery has at least."""
_AUTHOR_MARK = re.compile(r"(^|[\s_-])(byline|author)([\s_-]|$)", re.IGNORECASE)
"""A class, rel or itemprop naming an element the byline ('pb-byline', 'author-link')."""
_ASIDE = re.compile(r"comment|related|sidebar|aside|footer|teaser|recommend|promo", re.IGNORECASE)
"""Classes and ids of page parts whose authors are not the article's."""
_BYLINE_WORDS = 12
"""Longest text of a byline element (an author box with a bio is longer)."""
_MIN_EXTRACTED_CHARS = 50
"""Characters of text below which trafilatura's own extraction is retried another way."""
_SHORT_PAGE_CHARS = 2000
"""A page with less text than this in all is a short one (see _extraction_config)."""
_TEASERS = 3
"""Linked headings in a row that make a rail of teasers for other pages."""
_TEASER_WORDS = 40
"""Longest summary under a teaser's heading."""


def read(text: str, source: str, language: str | None = None) -> Article:
    """Find the article in an HTML page."""
    try:
        page = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source} is not an HTML page narrator can parse.") from exc
    try:
        xml = trafilatura.extract(
            with_quote_attributions(visible(text)),
            output_format="xml",
            include_images=True,
            include_tables=True,
            include_comments=False,
            include_links=True,
            include_formatting=True,
            with_metadata=True,
            config=_extraction_config(short=len(" ".join(page.text_content().split())) < _SHORT_PAGE_CHARS),
        )
    except (etree.LxmlError, ValueError, RecursionError):  # markup broken beyond lxml's repair
        xml = None
    if not xml:
        raise InputError(f"No article text was found in {source}.")
    doc = etree.fromstring(xml.encode())
    meta = page_metadata(page)
    main = doc.find("main")
    if main is None:
        raise InputError(f"No article text was found in {source}.")
    mark_footnotes(main)
    sites = tuple(s for s in (meta.publisher, doc.get("sitename"), meta.host) if s)
    marked = (meta.headline, meta.name, meta.og_title)
    title = choose_title(meta.page_title, marked, doc.get("title"), sites) or _first_words(main)
    builder = ArticleBuilder(title=title, source=source)
    builder.note_date(meta.published or _marked_date(text, page))
    builder.note_byline(meta.authors or _authors(doc.get("author")) or _marked_byline(page))
    builder.note_publisher(meta.publisher or doc.get("sitename"))
    _walk(
        main,
        builder,
        figure_captions(page),
        caption_texts(page),
        title,
        loose_captions(page),
        table_marks(page),
    )
    if builder.publisher and builder.byline == (builder.publisher,):
        builder.byline = ()
    builder.language = language_code(meta.language) or language or detect_language(" ".join(main.itertext()))
    return builder.build()


def _extraction_config(short: bool) -> ConfigParser:
    """trafilatura's settings; on a short page, a short article is accepted as found: below
    its default (250 characters) it falls back to a generic extractor that runs the
    headline, byline, date and text of a short page together into one paragraph. Only on
    a short page: on a long one, trafilatura's own first pick can be a fragment (a
    serial's chapter number) that its default rejects in favour of the whole text."""
    config = use_config()
    if short:
        config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = str(_MIN_EXTRACTED_CHARS)
    return config


def _walk(
    main: etree._Element,
    builder: ArticleBuilder,
    captions: dict[str, str],
    caption_texts: set[str],
    title: str,
    loose: dict[str, list[tuple[str, str]]],
    tables: TableMarks,
) -> None:
    in_links = False
    """Under a 'Related stories' or 'Comments' heading: link lists and teasers follow,
    until the next other heading or a paragraph of prose."""
    waiting: list[tuple[str, str]] = []
    """Captions the page sets after the last paragraph, each kept if the paragraph that
    follows it in the page is the next one kept."""
    shown = ""
    """The key of the caption just read at its image: an extractor can also hand over
    its text cut into pieces at its links, each a paragraph; those pieces are skipped."""
    teasers = _teasers(main)
    for element in _with_tails(main):
        if element in teasers:
            continue
        text = _text(element)
        if shown and element.tag == "p" and text and text_key(text) in shown:
            continue
        shown = ""
        if element.tag == "head":
            in_links = bool(p.LINK_BLOCK.match(text.strip(" :›»")) or p.ARTICLE_END.match(text.strip(" :")))
            if in_links or p.TEASER.search(text):  # a headline cut off with '...' is a teaser's
                continue
        elif in_links and not (element.tag == "p" and p.is_paragraph(text)):
            continue
        in_links = False
        if element.tag == "graphic":
            caption = captions.get(src_key(element.get("src", "")))
            if caption:
                builder.add_caption(caption)
                shown = text_key(caption)
            continue
        if not text or text_key(text) == text_key(title):
            continue
        if element.tag == "p" and not builder.has_paragraph() and (head := parse_head_line(text)):
            builder.note_byline(head[0])  # the byline and date over the article: metadata, not read
            builder.note_date(head[1])
            continue
        if is_caption(text, caption_texts):
            builder.add_caption(text)
        elif element.tag == "head":
            level = _HEADING.fullmatch(element.get("rend", "h2"))
            builder.add_heading(text, level=int(level.group(1)) if level else 2)
        elif element.tag == "quote":
            builder.add_paragraph(text, kind="quote")
        elif element.tag == "list":
            if _slideshow(element):
                builder.drop_empty_heading()  # the gallery's own title
            elif not _link_list(element) and not _controls(element):
                builder.add_paragraph(_list_as_sentences(element))
        elif element.tag == "table":
            for row in table_sentences(table_rows(element, tables)):
                builder.add_paragraph(row)
        elif _bold_line(element, text):
            builder.add_heading(text, level=min(builder.last_level() + 1, 4) if builder.last_level() else 2)
        elif element.tag == "p" and p.word_count(text) > _SPLIT_WORDS and element.find(".//lb") is not None:
            _add_split(element, builder)
        elif not p.is_furniture(text):
            key = text_key(text)[:CAPTION_PREFIX]
            waiting = waiting if builder.has_paragraph() else loose.get("", [])
            for caption in (caption for caption, after in waiting if after == key):
                builder.add_caption(caption)
            builder.add_paragraph(text)
            waiting = loose.get(key, []) if element.tag == "p" else []


def _teasers(main: etree._Element) -> set[etree._Element]:
    """Runs of teasers for other pages: at least three headings in a row that are links
    to elsewhere, each followed by at most a short summary or an image, after more of
    the article's prose than the run holds. An article's own headings are not links; a
    list article's linked headings head long entries, or entries that are most of it."""
    found: set[etree._Element] = set()
    run: list[etree._Element] = []
    children = list(main)
    before = 0  # words of prose before the run
    k = 0
    while k <= len(children):
        element = children[k] if k < len(children) else None
        if element is not None and element.tag == "head" and _linked(element):
            unit = [element]
            after = children[k + 1] if k + 1 < len(children) else None
            if after is not None and (
                after.tag == "graphic" or (after.tag == "p" and p.word_count(_text(after)) <= _TEASER_WORDS)
            ):
                unit.append(after)
            run += unit
            k += len(unit)
            continue
        if sum(e.tag == "head" for e in run) >= _TEASERS and before > sum(
            p.word_count(_text(e)) for e in run
        ):
            found.update(run)
        before += sum(p.word_count(_text(e)) for e in run if e.tag == "p")
        if element is not None and element.tag == "p":
            before += p.word_count(_text(element))
        run = []
        k += 1
    return found


def _linked(element: etree._Element) -> bool:
    """Most of the element's text is links to other pages (not '#' anchors)."""
    text = _text(element)
    refs = (ref for ref in element.iter("ref") if not (ref.get("target") or "").startswith("#"))
    return bool(text) and sum(len(_text(ref)) for ref in refs) >= 0.5 * len(text)


def _text(element: etree._Element) -> str:
    return p.squash(" ".join(element.itertext()))


def _with_tails(main: etree._Element) -> Iterator[etree._Element]:
    """The children of <main>, and the prose trafilatura leaves after a heading (a
    paragraph with no tag of its own) as a paragraph."""
    for element in main:
        yield element
        if element.tag == "head" and element.tail and p.is_paragraph(p.squash(element.tail)):
            tail = etree.Element("p")
            tail.text = element.tail
            yield tail


def _bold_line(element: etree._Element, text: str) -> bool:
    """A short paragraph all in bold with no sentence end: a heading the page did not
    mark as one."""
    if element.tag != "p" or p.word_count(text) > _HEADING_WORDS or p.TERMINAL.search(text):
        return False
    bold = "".join("".join(hi.itertext()) for hi in element.iter("hi") if hi.get("rend") == "#b")
    return p.squash(bold) == text


def _add_split(element: etree._Element, builder: ArticleBuilder) -> None:
    """A huge paragraph broken by line breaks is split at them; a short unpunctuated
    piece followed by a longer one is a heading (pages that build with <br> alone)."""
    pieces = [p.squash(piece) for piece in _line_pieces(element)]
    pieces = [piece for piece in pieces if piece]
    for k, piece in enumerate(pieces):
        after = pieces[k + 1] if k + 1 < len(pieces) else ""
        if (
            p.word_count(piece) <= _HEADING_WORDS
            and not p.TERMINAL.search(piece)
            and p.is_sentence(after)
            and p.word_count(after) > p.word_count(piece)
        ):
            builder.add_heading(piece, level=min(builder.last_level() + 1, 4) if builder.last_level() else 2)
        elif not p.is_furniture(piece):
            builder.add_paragraph(piece)


def _line_pieces(element: etree._Element) -> list[str]:
    """The element's text cut at each <lb/>."""
    pieces = [""]

    def walk(node: etree._Element, tail: bool) -> None:
        if node.tag == "lb":
            pieces.append("")
        else:
            pieces[-1] += node.text or ""
            for child in node:
                walk(child, True)
        if tail:
            pieces[-1] += node.tail or ""

    walk(element, False)
    return pieces


def _link_list(element: etree._Element) -> bool:
    """A list whose items are nearly all link text and none a sentence: navigation,
    related stories, share buttons."""
    items = [_text(item) for item in element.iter("item")]
    linked = sum(len(_text(ref)) for ref in element.iter("ref"))
    total = sum(len(item) for item in items)
    return bool(items) and linked >= _LINK_DENSITY * total and not any(p.is_paragraph(item) for item in items)


def _controls(element: etree._Element) -> bool:
    """A list whose items mostly repeat one another ('Previous', 'Next', 'Previous',
    'Next', ...): the buttons of a carousel or a player, not something to read."""
    leaves = [_text(item) for item in element.iter("item") if item.find(".//item") is None]
    leaves = [leaf for leaf in leaves if leaf]
    repeated = sum(n for n in Counter(leaves).values() if n > 1)
    return len(leaves) >= _SLIDES and repeated >= 0.5 * len(leaves)


def _slideshow(element: etree._Element) -> bool:
    """A list whose items open with a slide counter counting up ('1/50', '2/50', ...): a
    photo gallery set into the page, its captions about other stories. ('1/2 cup
    flour', '1/2 tsp salt' does not count up.)"""
    items = [_text(item) for item in element.iter("item")]
    counters = [(int(m.group(1)), m.group(2)) for m in (_SLIDE.match(item) for item in items) if m]
    return (
        len(items) >= _SLIDES
        and len(counters) >= 0.8 * len(items)
        and len({total for _, total in counters}) == 1
        and all(b == a + 1 for (a, _), (b, _) in zip(counters, counters[1:], strict=False))
    )


def _first_words(main: etree._Element) -> str:
    """A title for a page with none: the first words of its first sentence."""
    return first_words(" ".join(main.itertext()))


def _list_as_sentences(element: etree._Element) -> str:
    """Each list item becomes a sentence, so the list is read with pauses between items."""
    items = [_text(item) for item in element.iter("item")]
    return " ".join(p.as_sentence(item) for item in items if item)


def _marked_date(text: str, page: lxml_html.HtmlElement) -> datetime | None:
    """The publication date that the page's markup states (meta tags, <time>, URL
    structure), read by htmldate without guessing from free text: trafilatura's own
    date search also reads copyright lines ('© 1998-2015') and 'Retrieved 3 May 2010'
    in a reference list. htmldate gives the day alone; a <time datetime> of that day
    that also states the time (and zone) gives the whole moment, so the feed's pubDate
    is when the page says it was published, not midnight UTC."""
    day = parse_iso(find_date(text, extensive_search=False, original_date=True))
    if day is None:
        return None
    for element in page.iter("time"):
        stamp = element.get("datetime") or ""
        moment = parse_iso(stamp) if "T" in stamp or " " in stamp.strip() else None
        if moment is not None and moment.date() == day.date():
            return moment
    return day


def _marked_byline(page: lxml_html.HtmlElement) -> tuple[str, ...]:
    """The people in the first short element the page marks as a byline or an author
    (class 'byline', 'author...', rel="author"), for pages with no author in their
    metadata; not inside comments, sidebars or teasers (their authors are others). A
    line break inside it ends the byline ('Written by A<br>Edited by B')."""
    for element in page.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "link", "script", "style"):
            continue
        marks = f"{element.get('class') or ''} {element.get('rel') or ''} {element.get('itemprop') or ''}"
        if not _AUTHOR_MARK.search(marks) or any(_ASIDE.search(_marks(a)) for a in element.iterancestors()):
            continue
        lines = [
            p.squash(piece)
            for piece in "".join(
                "\n" if isinstance(node, etree._Element) and node.tag == "br" else (node or "")
                for node in _text_and_breaks(element)
            ).split("\n")
        ]
        text = next((line for line in lines if line), "")
        if text and p.word_count(text) <= _BYLINE_WORDS and (names := parse_byline(text)):
            return names
    return ()


def _marks(element: etree._Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}" if isinstance(element.tag, str) else ""


def _text_and_breaks(element: etree._Element) -> Iterator[etree._Element | str]:
    """The element's text in order, with its <br> elements where they stand."""
    yield element.text or ""
    for child in element:
        if not isinstance(child.tag, str):
            yield child.tail or ""
            continue
        if child.tag == "br":
            yield child
        else:
            yield from _text_and_breaks(child)
        yield child.tail or ""


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(name for part in value.split(";") for name in parse_byline(part))
