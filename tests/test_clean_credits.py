"""Issue 15, point 6: a caption that is only a credit is dropped; one with prose keeps
the prose and loses the credit."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.clean.credits import caption_prose
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    "caption",
    [
        "Photo: Jan Visser/ANP",
        "Source: Supplied",
        "Getty Images",
        "Kevin",
        "Anna Berg",
        "Jane Doe/AFP",
        "Image courtesy of the artist",
        "File photo",
        "Staff photo",
        "Supplied image",
        "Handout picture",
    ],
)
def test_credit_only_captions_are_dropped(caption: str) -> None:
    assert caption_prose(caption) is None


@pytest.mark.parametrize(
    ("caption", "prose"),
    [
        (
            "A two-berth cabin in the refitted carriages. Photo: Valley Rail",
            "A two-berth cabin in the refitted carriages.",
        ),
        ("Firefighters at the scene of the fire (Getty Images)", "Firefighters at the scene of the fire"),
        ("A man walks his dog along the river. | Reuters", "A man walks his dog along the river."),
        ("Children play in the park on Sunday afternoon", "Children play in the park on Sunday afternoon"),
        (
            "A tram waits at the depot on Thursday Credit: Jo Smit/ANP",
            "A tram waits at the depot on Thursday",
        ),
        ("Dig a shallow hole in the bed. (Anna Berg)", "Dig a shallow hole in the bed."),
        (
            "The source: a spring in the hills above the village",
            "The source: a spring in the hills above the village",
        ),
        ("Delegates at the summit (left to right)", "Delegates at the summit left to right"),
        ("Tie knots. (Anna Berg)", "Tie knots."),
        ("Dried leaves (Anna Berg)", "Dried leaves"),
        (
            "The mill wheel turned until the flood of 1952.[12]",
            "The mill wheel turned until the flood of 1952.",
        ),
    ],
)
def test_prose_keeps_its_words_and_loses_its_credit(caption: str, prose: str) -> None:
    assert caption_prose(caption) == prose


def test_page_captions() -> None:
    article = clean(FIXTURES / "news_credit_only_captions_table_link_list.html")
    captions = [b.text for s in article.sections for b in s.blocks if b.kind == "caption"]
    assert captions == ["A two-berth cabin in the refitted carriages."]
    text = str(article.to_json())
    for credit in ("Visser", "ANP", "Supplied", "Valley Rail"):
        assert credit not in text, credit


_PROSE = (
    "<p>The island ferry was back on the water on Saturday after six weeks in dry dock, and the"
    " first crossing was full before the ticket office opened.</p>"
)


@pytest.mark.parametrize(
    "figcaption",
    [
        '<span class="photo-credit">Photo: Jane Roe/Agency</span> Passengers queue on the pier at dawn.',
        "Jane Roe/Harbour Agency<br>Passengers queue on the pier at dawn.",
        'Passengers queue on the pier at dawn. <span class="credit">Photo: Jane Roe/Harbour Agency</span>',
    ],
)
def test_a_credit_printed_before_its_caption_is_cut_off_not_the_caption(
    tmp_path: Path, figcaption: str
) -> None:
    """The markup sets a credit apart (its own element, a line break): printed before the
    description it is cut off on its own; it made the whole caption read as a credit."""
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><body><article><h1>Ferry back</h1>{_PROSE * 2}"
        f'<figure><img src="pier.jpg"><figcaption>{figcaption}</figcaption></figure>{_PROSE * 2}'
        "</article></body></html>",
        encoding="utf-8",
    )
    captions = [b.text for s in clean(page).sections for b in s.blocks if b.kind == "caption"]
    assert captions == ["Passengers queue on the pier at dawn."]
