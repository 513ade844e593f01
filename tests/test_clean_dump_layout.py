"""Text dumps whose layout decides what a line is: a photo's credit printed over its
caption, a section heading right after a list of links, a headline over its standfirst.
Dumps we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.document import Article

TITLE = "Ferry returns to the island after dry dock"
HEAD = f"Harbour Town\nNews\nSport\n\n{TITLE}\n\nBy Wren Albury\nMarch 2, 2024\n\n"
FIRST = (
    "The island ferry was back on the water on Saturday after six weeks in dry dock, and the first"
    " crossing of the morning was full before the ticket office had even opened its doors."
)
SECOND = (
    "Crew members spent most of the winter replacing the old engines, repainting the hull and"
    " fitting new seats on the passenger deck, said the harbour master."
)
THIRD = (
    "The trust that runs the service said it would print a new timetable at the station as well"
    " as on its website, after many passengers asked for one during the winter."
)
FOURTH = (
    "Tickets for the summer crossings go on sale at the harbour office on Monday morning, and the"
    " trust expects the first weekends to sell out within days."
)
CAPTION = "Passengers queue on the pier for the first crossing of the season on Saturday morning."


def _blocks(article: Article, kind: str) -> list[str]:
    return [b.text for s in article.sections for b in s.blocks if b.kind == kind]


def _read(tmp_path: Path, text: str) -> Article:
    dump = tmp_path / "dump.txt"
    dump.write_text(text, encoding="utf-8")
    return clean(dump)


@pytest.mark.parametrize(
    "photo",
    [
        f"Photo: Jane Roe/Harbour Agency\n{CAPTION}",  # the credit over the caption
        f"{CAPTION}\nPhoto: Jane Roe/Harbour Agency",  # the caption over its credit
        f"{CAPTION}\n\nPhoto: Jane Roe/Harbour Agency",
    ],
)
def test_a_caption_is_found_on_either_side_of_its_credit(tmp_path: Path, photo: str) -> None:
    """A credit printed over the caption, set apart from the paragraph above by a blank
    line: the caption is the line under it, and the paragraph above stays a paragraph."""
    article = _read(tmp_path, f"{HEAD}{FIRST}\n\n{SECOND}\n\n{photo}\n\n{THIRD}\n\n{FOURTH}\n")
    assert _blocks(article, "caption") == [CAPTION]
    assert _blocks(article, "paragraph") == [FIRST, SECOND, THIRD, FOURTH]
    assert "Jane Roe" not in str(article.to_json())


STANDFIRST = "The island service returns after six weeks of winter repairs to its engines and hull"


def test_the_headline_not_its_standfirst_is_the_title(tmp_path: Path) -> None:
    """A headline in few of the body's words over a standfirst in many of them: the
    standfirst shares more of the body, but the line over it is the headline. The
    standfirst is still read, as the first paragraph."""
    headline = "All aboard as the island gets its lifeline back"
    article = _read(
        tmp_path,
        f"Harbour Town\nNews\nSport\n\n{headline}\n\n{STANDFIRST}\n\nBy Wren Albury\nMarch 2, 2024\n\n"
        f"{FIRST}\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}\n",
    )
    assert article.title == headline
    assert _blocks(article, "paragraph") == [f"{STANDFIRST}.", FIRST, SECOND, THIRD, FOURTH]


def test_a_kicker_over_a_long_headline_is_not_the_title(tmp_path: Path) -> None:
    """A label of a few words over the headline has the shape of a headline over its
    standfirst; the headline stays the title."""
    article = _read(
        tmp_path,
        f"Harbour Town\nNews\nSport\n\nIsland ferry news\n\n{STANDFIRST}\n\nBy Wren Albury\nMarch 2, 2024\n\n"
        f"{FIRST}\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}\n",
    )
    assert article.title == STANDFIRST


LINKS = (
    "Read more\nCouncil approves new bus shelters\nIsland school wins county prize\n"
    "What the storm did to the pier\n"
)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_heading_right_after_a_list_of_links_keeps_its_section(tmp_path: Path, gap: str) -> None:
    """'Read more' and its headlines, then the next section's heading with no blank line
    between: the heading ends the list (in a dump with no blank lines at all, and in one
    whose heading has a blank line only under it)."""
    article = _read(
        tmp_path,
        f"{TITLE}{gap}By Wren Albury\nMarch 2, 2024{gap}{FIRST}{gap}{SECOND}{gap}"
        f"{LINKS}The summer crossings{gap}{FOURTH}{gap}{THIRD}\n",
    )
    assert [s.heading for s in article.sections] == [None, "The summer crossings"]
    assert _blocks(article, "paragraph") == [FIRST, SECOND, FOURTH, THIRD]
    assert "bus shelters" not in str(article.to_json())


def test_the_last_headline_of_a_list_of_links_is_not_a_heading(tmp_path: Path) -> None:
    """A headline of another story on the same subject shares a word with the paragraph
    after the list; it is not made the heading of a section."""
    links = f"{LINKS}Ferry fares for island visitors to rise in June\n"
    article = _read(tmp_path, f"{HEAD}{FIRST}\n\n{SECOND}\n\n{links}\n{FOURTH}\n\n{THIRD}\n")
    assert [s.heading for s in article.sections] == [None]
    assert _blocks(article, "paragraph") == [FIRST, SECOND, FOURTH, THIRD]


def test_a_section_label_over_a_long_headline_is_not_the_title(tmp_path: Path) -> None:
    """A section's label of a headline's length over a long headline: the two lines have
    the shape of a headline over its standfirst, but the label shares none of the story's
    words, so the headline stays the title and is not read as a paragraph."""
    headline = "Island ferry back on the water after six weeks of repairs to its engines in dry dock"
    article = _read(
        tmp_path,
        f"Harbour Town\nNews\n\nTravel and transport stories from the coast\n\n{headline}\n\n"
        f"By Wren Albury\nMarch 2, 2024\n\n{FIRST}\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}\n",
    )
    assert article.title == headline
    assert _blocks(article, "paragraph") == [FIRST, SECOND, THIRD, FOURTH]


def test_a_credit_over_the_lede_does_not_make_it_a_caption(tmp_path: Path) -> None:
    """A hero photo's credit alone over the story's first paragraph (two sentences): the
    paragraph is the lede, not the photo's caption; a credit over a one-sentence caption
    later in the story still marks it."""
    lede = (
        "The island ferry was back on the water on Saturday after six weeks in dry dock."
        " The first crossing of the morning was full before the office opened."
    )
    article = _read(
        tmp_path,
        f"{TITLE}\n\nBy Wren Albury\nMarch 2, 2024\n\nPhoto: Ann Lee/Harbour Agency\n{lede}\n\n{SECOND}\n\n"
        f"Photo: Jane Roe/Harbour Agency\n{CAPTION}\n\n{THIRD}\n\n{FOURTH}\n",
    )
    assert _blocks(article, "paragraph") == [lede, SECOND, THIRD, FOURTH]
    assert _blocks(article, "caption") == [CAPTION]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_related_headline_on_the_same_subject_is_not_a_heading(tmp_path: Path, gap: str) -> None:
    """The list's last headline tells another story on the paragraph's own subject, and
    shares most of its words; a headline as long as the list's others is not a heading
    (in a dump with no blank lines at all, and with one after the list)."""
    links = f"{LINKS}Island ferry crossing full before the ticket office opened"
    article = _read(
        tmp_path,
        f"{TITLE}{gap}By Wren Albury\nMarch 2, 2024{gap}{SECOND}{gap}{THIRD}{gap}"
        f"{links}{gap}{FIRST}{gap}{FOURTH}\n",
    )
    assert [s.heading for s in article.sections] == [None]
    assert _blocks(article, "paragraph") == [SECOND, THIRD, FIRST, FOURTH]
