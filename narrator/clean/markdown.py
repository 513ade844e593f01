"""Reader for Markdown articles (parsed with markdown-it-py, CommonMark).

The first level-1 heading (or front matter's title) is the title; "By ..." and a date
line before the body are the byline and date; images with a title or alt text become
captions; block quotes stay quotes; lists are read as sentences.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from datetime import date, datetime

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from narrator.clean import patterns as p
from narrator.clean.dates import parse_dateline, parse_iso
from narrator.clean.language import detect_language, language_code
from narrator.clean.structure import ArticleBuilder, parse_byline
from narrator.clean.tables import TableRow, table_sentences
from narrator.document import Article
from narrator.errors import InputError

_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\n]+\]:.*(?:\n(?: {2,}|\t).*)*\n?", re.MULTILINE)
"""A footnote's text ('[^1]: ...', with indented lines after it): dropped from the reading."""
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\n]+\]")
"""Where a footnote is cited ('text[^1]'): never spoken."""
_PROMPT_WORDS = 10
"""The longest paragraph of a user's own Markdown that may be dropped as a site's prompt
('Subscribe to our newsletter.', pasted with a page): anything longer is the author's."""
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\s*\n(.*?)\n(?:---|\+\+\+)\s*\n", re.DOTALL)


def read(text: str, source: str, language: str | None = None) -> Article:
    """Find the article in a Markdown document."""
    front, body = _front_matter(text)
    body = _FOOTNOTE_DEFINITION.sub("", body)
    body = _FOOTNOTE_REFERENCE.sub("", body)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    title = front.get("title") or _first_heading(tokens)
    if not title:
        raise InputError(f"No article headline was found in {source}: it has no title or heading.")
    builder = ArticleBuilder(title=title, source=source)
    builder.note_byline(_declared_authors(front.get("author", "") or front.get("authors", "")))
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
        elif token.type == "table_open":
            rows, i = _table(tokens, i)
            for row in table_sentences(rows):
                builder.add_paragraph(row)
            body_started = True
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
                items.append(p.as_sentence(text))
            elif depth["blockquote"]:
                builder.add_paragraph(text, kind="quote")
            elif not body_started and (byline := p.BYLINE.match(text)):
                builder.note_byline(parse_byline(byline.group("names")))
            elif not body_started and p.is_dateline(text):
                builder.note_date(parse_dateline(text))
            elif not _is_prompt(text):
                builder.add_paragraph(text)
                body_started = True
        i += 1


def _is_prompt(text: str) -> bool:
    """A short paragraph shaped as a page's furniture or a call to action. The author
    wrote the rest, even a sentence that opens 'Follow us ...' or names a newsletter."""
    return p.word_count(text) <= _PROMPT_WORDS and p.is_noise(text)


def _table(tokens: Sequence[Token], i: int) -> tuple[list[TableRow], int]:
    """The rows of the GFM table opening at tokens[i], and the index of its close."""
    rows: list[TableRow] = []
    cells: list[str] = []
    header = False
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            cells, header = [], False
        elif token.type in ("th_open", "td_open"):
            header = token.type == "th_open"
            cells.append(_inline_text(tokens[i + 1]))
        elif token.type == "tr_close":
            rows.append(TableRow(cells, header=header))
        i += 1
    return rows, i


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return p.squash("".join(parts))


def _image_caption(token: Token) -> str | None:
    """A paragraph that is only an image: its title, else its alt text; or an image whose
    paragraph goes on only in emphasised lines (a caption under it, maybe a credit line):
    those lines, each a part of the caption, so that a credit line is cut off on its own."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if not children or children[0].type != "image":
        return None
    if len(children) == 1:
        image = children[0]
        return str(image.attrs.get("title") or image.content or "").strip() or None
    lines = _emphasised_lines(children[1:])
    return " | ".join(lines) if lines else None


_EMPHASIS = {"em_open": 1, "strong_open": 1, "em_close": -1, "strong_close": -1}


def _emphasised_lines(children: list[Token]) -> list[str]:
    """The lines of `children` when all their text is emphasised, else none."""
    lines, depth = [""], 0
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in _EMPHASIS:
            depth += _EMPHASIS[child.type]
        elif child.type in ("text", "code_inline") and depth > 0:
            lines[-1] += child.content
        else:
            return []  # text outside emphasis, a link, another image: not a caption
    return [line for line in (p.squash(line) for line in lines) if line]


def _first_heading(tokens: Sequence[Token]) -> str | None:
    headings = [
        (t.tag, _inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    return min(headings, key=lambda h: h[0])[1] if headings else None


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Front matter (YAML between '---' lines, TOML between '+++' lines) as strings,
    keys lower-cased; a list of authors joined with commas. And the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        if text.startswith("+++"):
            data = tomllib.loads(match.group(1))
        else:
            data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, tomllib.TOMLDecodeError):
        return {}, text[match.end() :]
    if not isinstance(data, dict):
        return {}, text[match.end() :]
    fields: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(_name(v) for v in value if _name(v))
        elif isinstance(value, dict):
            value = _name(value)
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        if value is not None and str(value).strip():
            fields[str(key).strip().lower()] = str(value).strip()
    return fields, text[match.end() :]


def _declared_authors(value: str) -> tuple[str, ...]:
    """The authors front matter declares, as written: split at commas, semicolons, "and" and
    "&", but not filtered like a byline found on a page (a surname such as Writer or Press
    is a name here, not a role)."""
    names = (name.strip(" .") for name in re.split(r",|;|&|\band\b", value))
    return tuple(dict.fromkeys(name for name in names if name))


def _name(value: object) -> str:
    """An author as front matter writes one: a string, or a mapping with a name."""
    if isinstance(value, dict):
        return str(value.get("name") or "")
    return str(value) if value is not None else ""
