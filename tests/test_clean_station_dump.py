"""The cleaner on our own page dump in the seed's shape (station header, player widget,
a caption printed twice around its credit, "Updated ... AM ET", copyright line, author
bios, two headings), so a clone without ../shared covers what the seed tests cover."""

from __future__ import annotations

import json
import re

import pytest

from narrator.clean import clean
from tests.conftest import FIXTURES, STATION


def _paragraphs(text: str) -> list[str]:
    """The fixture's blank-line-separated blocks, whitespace collapsed as the cleaner does."""
    return [re.sub(r"\s+", " ", block).strip() for block in text.split("\n\n") if block.strip()]


def test_metadata() -> None:
    article = clean(STATION.path)
    assert article.title == STATION.title
    assert article.byline == STATION.byline
    assert article.published is not None and article.published.isoformat() == STATION.published
    assert article.publisher == STATION.publisher
    assert article.language == "en"


def test_sections_paragraphs_and_each_caption_once() -> None:
    article = clean(STATION.path)
    assert [s.heading for s in article.sections] == [None, *STATION.headings]
    kinds = [b.kind for b in article.sections[0].blocks]
    assert kinds == ["caption"] + ["paragraph"] * 6 + ["caption"] + ["paragraph"] * 2
    first, second = (b.text for b in article.sections[0].blocks if b.kind == "caption")
    assert first.startswith("Volunteers anchor a raft") and first.endswith("before the algae can use them.")
    # printed twice, the second time longer: the longer one is kept
    assert second.endswith("and the roots have already grown a foot.")
    blocks = _paragraphs(STATION.path.read_text())
    spoken = [b.text for s in article.sections for b in s.blocks if b.kind == "paragraph"]
    assert all(text in blocks for text in spoken)  # whole paragraphs, nothing glued on
    assert [len(s.blocks) for s in article.sections[1:]] == [3, 3]


@pytest.mark.parametrize(
    "furniture",
    [
        "Play Live Radio",
        "Next Up",
        "0:00",
        "Available On Air",
        "DANA PRUITT",
        "AP Photo",
        "Updated",
        "Copyright",
        "218.555",
        "Harbor Road",
        "environment reporter covering",
        "news desk",
    ],
)
def test_nothing_of_the_page_furniture_is_kept(furniture: str) -> None:
    assert furniture not in json.dumps(clean(STATION.path).to_json())


def test_markdown_with_front_matter_table_and_footnote_metadata() -> None:
    article = clean(FIXTURES / "markdown_front_matter_table_footnote.md")
    assert article.title == "What a heat pump costs to run through one winter"
    assert article.byline == ("Sara Lindgren",)
    assert article.published is not None and article.published.date().isoformat() == "2025-02-20"
    assert article.publisher == "Home Energy Notes"
    assert [s.heading for s in article.sections] == [None, "The numbers", "What we would do again"]


def test_markdown_table_and_footnote_are_read_as_sentences() -> None:
    """Table rows become sentences; a footnote is not read (neither its mark nor its text)."""
    article = clean(FIXTURES / "markdown_front_matter_table_footnote.md")
    text = " ".join(b.text for s in article.sections for b in s.blocks)
    assert "|" not in text and "---" not in text and "[^meter]" not in text
    assert all(number in text for number in ("410", "655", "720", "144"))
    assert "Month: January, Electricity (kWh): 720, Cost: 144." in text
    assert "plug-in meter" not in text
