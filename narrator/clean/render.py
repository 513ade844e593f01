"""The cleaned article as a person reads it: plain text or Markdown."""

from __future__ import annotations

from narrator.document import Article


def as_text(article: Article) -> str:
    """Title, byline and date, then each section with its heading and blocks."""
    lines = [article.title]
    if article.byline:
        lines.append("By " + ", ".join(article.byline))
    if article.published:
        lines.append(article.published.isoformat())
    for section in article.sections:
        if section.heading:
            lines += ["", section.heading]
        for block in section.blocks:
            prefix = {"caption": "[Photo caption] ", "quote": "“"}.get(block.kind, "")
            suffix = "”" if block.kind == "quote" else ""
            lines += ["", prefix + block.text + suffix]
    return "\n".join(lines)


def as_markdown(article: Article) -> str:
    """A Markdown document that narrator's own Markdown reader reads back the same."""
    lines = ["---", f"title: {article.title}"]
    if article.byline:
        lines.append(f"author: {', '.join(article.byline)}")
    if article.published:
        lines.append(f"date: {article.published.isoformat()}")
    if article.publisher:
        lines.append(f"publisher: {article.publisher}")
    lines += [f"language: {article.language}", "---", "", f"# {article.title}"]
    for section in article.sections:
        if section.heading:
            lines += ["", "#" * max(2, section.level) + " " + section.heading]
        for block in section.blocks:
            if block.kind == "caption":
                alt = block.text.replace("[", "(").replace("]", ")")
                lines += ["", f"![{alt}](#)"]
            elif block.kind == "quote":
                lines += ["", "> " + block.text]
            else:
                lines += ["", block.text]
    return "\n".join(lines) + "\n"
