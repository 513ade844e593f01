"""The Markdown reader, and Markdown output that reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_yaml_front_matter_gfm_table_footnotes_and_alt_text() -> None:
    """Issue 15, point 7: front matter through a YAML parser (a list of authors, one as a
    mapping; a bare date; lang), a table read row by row, footnotes not read inline,
    image alt text as the caption."""
    article = clean(FIXTURES / "markdown_yaml_table_footnotes.md")
    assert article.title == "Night trains: a beginner's guide"
    assert article.byline == ("Lena Okafor", "Piet de Wit")
    assert article.published is not None and article.published.date().isoformat() == "2025-03-04"
    assert article.language == "en"
    opening, costs = article.sections
    assert opening.blocks[0].text == (
        "Sleeper trains are coming back, and a first trip is easier than it looks. "
        "Book early, pack light and bring earplugs."
    )
    assert (opening.blocks[1].kind, opening.blocks[1].text) == (
        "caption",
        "A two-berth cabin with the beds made up",
    )
    assert [b.text for b in costs.blocks] == [
        "Route: Paris to Lyon, Train: 2 hours.",
        "Route: Vienna to Rome, Train: 14 hours.",
        "Prices rise as the train fills, so the cheapest berths go first.",
    ]
    text = str(article.to_json())
    assert "^" not in text and "couchettes" not in text


def test_toml_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "toml.md"
    page.write_text(
        '+++\ntitle = "Ferry back"\nauthors = ["Ines Carvalho", "Tomas Berg"]\nlang = "pt"\n+++\n\n'
        "The ferry is back on the water after six weeks in dry dock, and the first crossing is full.\n"
    )
    article = clean(page)
    assert (article.title, article.byline, article.language) == (
        "Ferry back",
        ("Ines Carvalho", "Tomas Berg"),
        "pt",
    )


def test_front_matter_authors_are_taken_as_written(tmp_path: Path) -> None:
    """The writer declared them: a surname that is also a role word (Writer, Press, Host) is
    still a name, where a byline found on a web page would be filtered."""
    page = tmp_path / "names.md"
    page.write_text(
        "---\ntitle: The harbour plan\nauthor: Ann Writer & Sam Press\n---\n\n"
        "The council approved the harbour plan on Tuesday after a long debate.\n"
    )
    assert clean(page).byline == ("Ann Writer", "Sam Press")
    page.write_text(
        "---\ntitle: The harbour plan\nauthors: [Lee Host]\n---\n\n"
        "The council approved the harbour plan on Tuesday after a long debate.\n"
    )
    assert clean(page).byline == ("Lee Host",)


def test_prose_that_mentions_a_newsletter_browser_or_cookies_is_kept(tmp_path: Path) -> None:
    """The user's own Markdown: a paragraph that only names a newsletter, a browser,
    cookies or JavaScript, or opens 'Follow us ...' inside a longer sentence, is the
    author's; a pasted sign-up prompt of a few words is not read."""
    kept = [
        "Our newsletter began in a garage in 1998 and now has forty thousand readers.",
        "She told readers to subscribe before the price rises, and many did.",
        "The browser now blocks tracking cookies by default.",
        "JavaScript pages load faster.",
        "Readers who subscribe get the paper on Thursday.",
        "Follow us on the walk, the guides said, and we climbed the ridge before the rain came.",
    ]
    doc = tmp_path / "a.md"
    doc.write_text("# The quiet web\n\n" + "\n\n".join(kept) + "\n\nSubscribe to our newsletter.\n")
    texts = [b.text for s in clean(doc).sections for b in s.blocks]
    assert texts == kept


def test_a_quotations_attribution_is_read_after_it_not_inside_it(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text(
        "# Harbour notes\n\nThe council met on Tuesday to talk about the harbour wall and the ferry.\n\n"
        "> We cannot keep patching a wall that the sea has already decided to take back.\n>\n"
        "> — Mara Lind, harbour master\n\n"
        "> Nobody asked the fishermen. —Jon Aas\n\n"
        "> We will go on — all of us, together.\n",
        encoding="utf-8",
    )
    blocks = [(b.kind, b.text) for s in clean(source).sections for b in s.blocks]
    assert blocks[1:] == [
        ("quote", "We cannot keep patching a wall that the sea has already decided to take back."),
        ("paragraph", "— Mara Lind, harbour master"),
        ("quote", "Nobody asked the fishermen."),
        ("paragraph", "—Jon Aas"),
        ("quote", "We will go on — all of us, together."),
    ]


@pytest.mark.parametrize("credit", ["", "*Photo: Jane Roe/Harbour Agency*\n"])
def test_emphasised_lines_under_an_image_caption_it(tmp_path: Path, credit: str) -> None:
    """'![..](img)' with the caption in italics under it, a credit line maybe before the
    caption: the caption is the image's, without the credit, not a paragraph."""
    body = "The island ferry was back on the water on Saturday after six weeks in dry dock.\n\n"
    page = tmp_path / "ferry.md"
    page.write_text(
        f"# Ferry is back\n\n{body}![A queue](pier.jpg)\n{credit}"
        f"*Passengers queue on the pier at dawn.*\n\n{body}",
        encoding="utf-8",
    )
    blocks = [(b.kind, b.text) for s in clean(page).sections for b in s.blocks]
    assert blocks == [
        ("paragraph", body.strip()),
        ("caption", "Passengers queue on the pier at dawn."),
        ("paragraph", body.strip()),
    ]
