"""The Markdown reader, and Markdown output that reads back the same."""

from __future__ import annotations

from pathlib import Path

from narrator.clean import clean
from narrator.clean.render import as_markdown
from tests.conftest import FIXTURES, Page


def test_front_matter_headings_quote_list_and_image_caption() -> None:
    article = clean(FIXTURES / "markdown_front_matter.md")
    assert article.title == "Night trains are coming back"
    assert article.byline == ("Ola Nordmann", "Kari Hansen")
    assert article.published is not None and article.published.isoformat() == "2025-06-01T06:00:00+02:00"
    assert article.publisher == "Rail Notes"
    assert [(s.heading, s.level) for s in article.sections] == [
        (None, 2),
        ("Why they disappeared", 2),
        ("What is different now", 2),
    ]
    opening, why, now = article.sections
    assert (
        opening.blocks[0].text.startswith("Ten years ago")
        and "three new routes start" in opening.blocks[0].text
    )
    assert [b.kind for b in why.blocks] == ["paragraph", "quote"]
    assert "stopped replacing them" in why.blocks[0].text  # emphasis markup dropped, words kept
    assert [b.kind for b in now.blocks] == ["paragraph", "caption", "paragraph"]
    assert now.blocks[0].text.count(".") == 3  # three list items, three sentences
    assert now.blocks[1].text == "A sleeper train waits at the platform before its first departure."


def test_markdown_output_reads_back_the_same(page: Page, tmp_path: Path) -> None:
    article = clean(page.path)
    copy = tmp_path / "seed.md"
    copy.write_text(as_markdown(article))
    again = clean(copy)
    assert again.to_json() == article.to_json()


def test_title_from_first_heading_and_byline_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(
        "# Bees in the city\n\nBy Ana Ruiz\n\nUpdated March 3, 2024 at 9:00 AM ET\n\n"
        "Rooftop hives have doubled in number over five years, and the honey tastes of lime trees.\n"
    )
    article = clean(doc)
    assert article.title == "Bees in the city"
    assert article.byline == ("Ana Ruiz",)
    assert article.published is not None and article.published.isoformat() == "2024-03-03T09:00:00-05:00"
    assert [b.kind for b in article.sections[0].blocks] == ["paragraph"]
