"""Issue 15, points 3 and 4: an article is never refused for want of a headline, and
its title, byline and date come from the article, not the page's chrome."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.clean.structure import first_words, parse_byline
from narrator.clean.titles import choose_title, trim_title
from narrator.errors import InputError
from tests.conftest import FIXTURES, ROOT


@pytest.mark.parametrize(
    ("title", "sites", "trimmed"),
    [
        ("Night trains return | The Valley Post", ("The Valley Post",), "Night trains return"),
        ("Night trains return - The Valley Post", ("The Valley Post",), "Night trains return"),
        ("Lake Orrin - Free Encyclopedia", ("en.freeencyclopedia.example",), "Lake Orrin"),
        ("Why the ferry stopped running | Ines Carvalho", (), "Why the ferry stopped running"),
        ("Inside the lab — Backchannel — Medium", ("Medium",), "Inside the lab — Backchannel"),
        (
            "Update 1.8 - The Big Update - Update 1.8 - The Big Update - News",
            (),
            "Update 1.8 - The Big Update",
        ),
        ("Wi-Fi 7 explained: what changes at home", (), "Wi-Fi 7 explained: what changes at home"),
        ("Home | Blog", (), "Home | Blog"),
        ("Ferry timetable changes [The Valley Post]", ("thevalleypost.example",), "Ferry timetable changes"),
        (
            "How to pot a fern (with Pictures)",
            ("thevalleypost.example",),
            "How to pot a fern (with Pictures)",
        ),
    ],
)
def test_site_and_author_suffixes_trimmed(title: str, sites: tuple[str, ...], trimmed: str) -> None:
    assert trim_title(title, sites) == trimmed


def test_title_prefers_a_marked_headline_that_agrees_with_the_page_title() -> None:
    sites = ("Courier",)
    assert choose_title("Ferry is back | Courier", ("Ferry is back at last",), None, sites) == (
        "Ferry is back at last"
    )
    assert choose_title(None, ("Ferry is back | Courier",), "Section", sites) == "Ferry is back"
    assert choose_title(None, (), "Ferry back", ()) == "Ferry back"
    # OpenGraph's own last part is a subtitle, not a site: only the site's name is trimmed.
    assert choose_title("Pier 4 - Ferry News | Courier", ("Pier 4 - Ferry News",), None, sites) == (
        "Pier 4 - Ferry News"
    )


def test_a_marked_headline_that_is_something_else_is_passed_over() -> None:
    sites = ("Courier",)
    # A description in JSON-LD's headline; the name agrees with the <title>.
    marked = ("island country in the South Pacific", "Lake Orrin", None)
    assert choose_title("Lake Orrin - Courier", marked, None, sites) == "Lake Orrin"
    # A front page's share title on an article's page.
    assert choose_title("Ferry sinks off Pier 4", ("Courier - Latest News",), None, sites) == (
        "Ferry sinks off Pier 4"
    )
    # A <title> that only names the site cannot judge: the marked headline is taken.
    assert choose_title("Courier", ("Ferry sinks off Pier 4",), None, sites) == "Ferry sinks off Pier 4"


def test_a_headline_cut_to_length_gives_way_to_the_full_title() -> None:
    full = (
        "Harbour master says the ferry that ran aground off Pier 4 on Sunday night will be refloated "
        "at high tide on Tuesday morning"
    )
    cut = full[: full.index(" on Tuesday")]
    assert len(cut) >= 100
    assert choose_title(f"{full} | Courier", (cut,), None, ("Courier",)) == full


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Lena Okafor, Piet de Wit", ("Lena Okafor", "Piet de Wit")),
        ("By Brenda Goodman, MA", ("Brenda Goodman",)),
        ("Lena Okafor4 Mar 2019", ("Lena Okafor",)),
        ("Lena Okafor HARBOUR NEWS", ("Lena Okafor",)),
        ("Jean DUPONT", ("Jean DUPONT",)),
        ("Anne Marie DUPONT", ("Anne Marie DUPONT",)),  # one word in capitals: a surname
        ("Lena Okafor TVR", ("Lena Okafor",)),  # an acronym without a vowel: an outlet
        ("Marie-Claire de LA TOUR", ("Marie-Claire de LA TOUR",)),  # capitals after a particle
        ("Lena Okafor III", ("Lena Okafor III",)),
        ("Username", ()),
        ("Follow Author", ()),
        ("Last Updated", ()),
        ("Ma", ()),
    ],
)
def test_bylines_are_people(byline: str, names: tuple[str, ...]) -> None:
    assert parse_byline(byline) == names


def test_structured_data_in_cdata_gives_all_authors_and_the_date() -> None:
    article = clean(FIXTURES / "news_credit_only_captions_table_link_list.html")
    assert article.title == "Night trains return to the valley line"
    assert article.byline == ("Lena Okafor", "Piet de Wit")
    assert article.published is not None and article.published.isoformat() == "2025-03-04T05:30:00+01:00"


def test_no_date_from_a_copyright_line_or_a_reference_list(tmp_path: Path) -> None:
    """The wiki page has '© 1998' nowhere but 'Retrieved 3 May 2010' in its references,
    and no publication date: it gets none."""
    assert clean(FIXTURES / "wiki_with_references_and_citations.html").published is None
    page = (FIXTURES / "news_credit_only_captions_table_link_list.html").read_text()
    undated = page.replace('"datePublished": "2025-03-04T05:30:00+01:00",', "")
    assert "datePublished" not in undated and "© 1998" in undated
    path = tmp_path / "undated.html"
    path.write_text(undated)
    assert clean(path).published is None


def test_a_dump_without_headline_is_read_with_its_first_words_as_title() -> None:
    article = clean(FIXTURES / "dump_without_headline.txt")
    assert article.title == "The council met on Tuesday evening to decide the future…"
    assert len([b for s in article.sections for b in s.blocks]) == 3


def test_html_without_a_title_is_read(tmp_path: Path) -> None:
    page = tmp_path / "untitled.html"
    page.write_text(
        "<html><body><article><p>The council met on Tuesday evening to decide the future of the old"
        " library on Mill Street. Most members wanted to sell it to a housing trust that keeps the"
        " reading room.</p></article></body></html>"
    )
    article = clean(page)
    assert article.title == "The council met on Tuesday evening to decide the future…"


def test_first_words() -> None:
    assert first_words("Short one. Then more.") == "Short one"


def test_no_prose_at_all_exits_2_with_one_sentence(tmp_path: Path) -> None:
    """Kept out of tests/fixtures/, which other tests read as a set of articles."""
    menu = tmp_path / "menu_only.txt"
    menu.write_text("Home\nAbout\nContact\nLog in\n")
    result = subprocess.run(
        [sys.executable, "-m", "narrator", "clean", str(menu)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("narrator: No article text was found") and result.stderr.count("\n") == 1
    with pytest.raises(InputError):
        clean(menu)
