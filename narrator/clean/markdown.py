"""Reader for Markdown articles (parsed with markdown-it-py, CommonMark).

The first level-1 heading (or front matter's title) is the title; "By ..." and a date
line before the body are the byline and date; images with a title or alt text become
captions; block quotes stay quotes; lists are read as sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from narrator.clean import patterns as p
from narrator.clean.dates import parse_dateline, parse_iso
from narrator.clean.language import detect_language, language_code
from narrator.clean.structure import ArticleBuilder, parse_byline
from narrator.document import Article
from narrator.errors import InputError

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\s*\n(.*?)\n(?:---|\+\+\+)\s*\n", re.DOTALL)


def read(text: str, source: str, language: str | None = None) -> Article:
    """Find the article in a Markdown document."""
    front, body = _front_matter(text)
    tokens = MarkdownIt("commonmark").parse(body)
    title = front.get("title") or _first_heading(tokens)
    if not title:
        raise InputError(f"No article headline was found in {source}: it has no title or heading.")
    builder = ArticleBuilder(title=title, source=source)
    builder.note_byline(parse_byline(front.get("author", "") or front.get("authors", "")))
    builder.note_date(parse_iso(front.get("date")) or parse_dateline(front.get("date", "")))
    builder.note_publisher(front.get("publisher") or front.get("site"))
    _walk(tokens, builder, title)
    builder.language = (
        language_code(front.get("lang") or front.get("language")) or language or detect_language(body)
    )
    return builder.build()


def _walk(tokens: Sequence[Token], builder: ArticleBuilder, title: str) -> None:
    depth = {"blockquote": 0, "bullet_list": 0, "ordered_list": 0}
    items: list[str] = []
    body_started = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type.rsplit("_", 1)[0]
        if token.type.endswith("_open") and kind in depth:
            depth[kind] += 1
        elif token.type.endswith("_close") and kind in depth:
            depth[kind] -= 1
            if kind.endswith("list") and not (depth["bullet_list"] or depth["ordered_list"]) and items:
                builder.add_paragraph(" ".join(items))
                items = []
        elif token.type == "heading_open":
            text = _inline_text(tokens[i + 1])
            if text and text != title:
                builder.add_heading(text, level=int(token.tag[1]))
            i += 2
        elif token.type == "inline":
            text = _inline_text(token)
            caption = _image_caption(token)
            if caption:
                builder.add_caption(caption)
            elif not text:
                pass
            elif depth["bullet_list"] or depth["ordered_list"]:
                items.append(text if p.TERMINAL.search(text) else text + ".")
            elif depth["blockquote"]:
                builder.add_paragraph(text, kind="quote")
            elif not body_started and (byline := p.BYLINE.match(text)):
                builder.note_byline(parse_byline(byline.group("names")))
            elif not body_started and p.is_dateline(text):
                builder.note_date(parse_dateline(text))
            elif not p.is_noise(text):
                builder.add_paragraph(text)
                body_started = True
        i += 1


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return p.squash("".join(parts))


def _image_caption(token: Token) -> str | None:
    """A paragraph that is only an image: its title, else its alt text."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    return str(image.attrs.get("title") or image.content or "").strip() or None


def _first_heading(tokens: Sequence[Token]) -> str | None:
    headings = [
        (t.tag, _inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    return min(headings, key=lambda h: h[0])[1] if headings else None


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter (YAML or TOML style) and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":") if ":" in line else line.partition("=")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]
