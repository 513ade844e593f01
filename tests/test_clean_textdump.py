"""Text dumps (issue 15): general line signals keep the whole article and end it at the
comments, on dumps we wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.clean.dumplines import comment_thread_start, split_lines
from tests.conftest import EXAMPLE, FIXTURES

BLOG = FIXTURES / "dump_blog_comment_thread_and_bullets.txt"
BODY = "The ferry is back on the water after six weeks in dry dock, and the first crossing is full.\n\n"


def test_lead_in_and_hand_marked_list_kept_comments_dropped() -> None:
    article = clean(BLOG)
    assert article.title == "What we planted this spring"
    assert article.byline == ("Wren Albury",)
    assert article.published is not None and article.published.date().isoformat() == "2024-03-02"
    texts = [b.text for s in article.sections for b in s.blocks]
    assert texts[1] == (
        "The list, for anyone who asked: Added two rows of borage along the back. Added lavender under"
        " the kitchen window. Moved the rosemary to the sunny corner. Sowed phacelia where the potatoes were."
    )
    assert texts[-1].startswith("None of it needed much more than compost")
    joined = " ".join(texts)
    for comment in ("Lovely bed", "fleece", "bees loved it", "Reply", "Ada Finch", "comments"):
        assert comment not in joined, comment


@pytest.mark.parametrize("opener", ["View comments (12)", "Show all comments", "Load comments"])
def test_a_comments_button_ends_the_article(tmp_path: Path, opener: str) -> None:
    """The comment thread's button ends the article: its form and comments are not read."""
    thread = (
        "Your name *\nComment *\n\n"
        "I took the first boat through the lock and the crew were wonderful to every child on board.\n\n"
        "Could the trust print the new timetable at the station as well as on the website, please?\n"
    )
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Ferry is back on the water\n\n{BODY * 3}{opener}\n{thread}", encoding="utf-8")
    texts = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert texts.count("The ferry is back") == 3
    assert "crew were wonderful" not in texts and "timetable" not in texts


def test_share_buttons_that_say_click_to_share_are_not_read(tmp_path: Path) -> None:
    """A blog's share bar: 'Click to share on ... (Opens in new window)', a count glued on."""
    bar = (
        "Click to email this to a friend (Opens in new window)\n"
        "12Click to share on Facebook (Opens in new window)\n"
        "Click to print (Opens in new window)\n"
    )
    dump = tmp_path / "dump.txt"
    last = (
        "Tickets for the winter crossings go on sale at the harbour office on Monday morning, and the"
        " trust says that children under twelve will travel free on every boat until the spring.\n\n"
        "The harbour master thanked the volunteers who repainted the hull and rebuilt the old engine,"
        " and said the ferry would keep running for as long as the town wanted it to.\n"
    )
    dump.write_text(f"Ferry is back on the water\n\n{BODY * 3}{bar}\n{last}", encoding="utf-8")
    texts = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert texts.count("The ferry is back") == 3 and "winter crossings" in texts
    assert "Click" not in texts and "window" not in texts


@pytest.mark.parametrize(
    "bar", ["Share  Tweet  Email", "Facebook | Twitter | LinkedIn | Email", "tweet share Pocket"]
)
def test_a_share_bar_on_one_line_is_not_read(tmp_path: Path, bar: str) -> None:
    dump = tmp_path / "dump.txt"
    """Inside the article, where a list of short lines is read as the author's list."""
    dump.write_text(
        f"Ferry is back on the water\n\n{BODY * 2}{bar}\nHarbour Trust\n\n{BODY * 2}", encoding="utf-8"
    )
    texts = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert texts.count("The ferry is back") == 4
    assert all(word not in texts for word in ("Tweet", "Twitter", "Pocket", "Share"))


_TEASERS = (
    "Most read\n"
    "Council votes to close the swimming pool for the winter Swimmers say the town needs it more than ever.\n"
    "KICKER\n"
    "Lighthouse keeper retires after forty years on the rock and a storm that nearly took the lamp.\n"
    "Bakery wins the county prize for its rye bread A queue formed before six on Saturday morning.\n"
)


def test_teasers_under_a_most_read_header_are_not_read(tmp_path: Path) -> None:
    """In a dump whose paragraphs stand after blank lines, the headline-and-summary lines
    packed under 'Most read' are a list of other stories; the article goes on after it."""
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Canal boats return to the old mill town\n\n{BODY * 3}{_TEASERS}\n{_STORY}", encoding="utf-8"
    )
    texts = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert texts.count("The ferry is back") == 3 and "bakery now opens at six" in texts
    assert all(word not in texts for word in ("swimming", "Lighthouse", "rye bread"))


def test_the_section_after_a_read_more_list_in_the_article_is_kept(tmp_path: Path) -> None:
    """'Read more' and two headlines set into the article, with no blank lines: weighed as
    furniture, they outweighed the short section after them, and it was lost."""
    last = "The council will look at the ban again in two years. The harbour police said they would obey it."
    dump = tmp_path / "dump.txt"
    dump.write_text(
        "Skip to main content\nNews\nSport\nCanal town bans cameras in its parks\nBy Ines Carvalho\n"
        + BODY.strip()
        + "\nThe vote came after a year of meetings in the old mill, where residents argued about "
        "privacy, safety and the cost of the cameras.\n"
        "Read more\nHow other towns watch their parks\nThe mill that became a museum\nWhat comes next\n"
        f"{last}\nShare\nFacebook\nTwitter\n",
        encoding="utf-8",
    )
    texts = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert last in texts and "The ferry is back" in texts
    assert "How other towns" not in texts and "museum" not in texts


def test_a_link_list_header_over_a_menu_does_not_take_the_articles_head(tmp_path: Path) -> None:
    """A menu under 'Editor's picks' runs into the article's headline, standfirst, date
    and byline with no blank line: the link list ends where the head begins."""
    standfirst = "Volunteers spent six summers clearing the silted canal by hand, and the boats came back."
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Editor's picks\nTowns\nWeather\nCanal boats return to the old mill town\n{standfirst}\n"
        f"March 3, 2024, 10:00 AM\nBy Ines Carvalho\n\n{_STORY}",
        encoding="utf-8",
    )
    article = clean(dump)
    texts = " ".join(b.text for s in article.sections for b in s.blocks)
    assert article.title == "Canal boats return to the old mill town"
    assert article.published is not None and article.published.date().isoformat() == "2024-03-03"
    assert standfirst in texts


def test_a_wikis_pointers_to_other_articles_and_skip_links_are_not_read(tmp_path: Path) -> None:
    """'Main article: ...', 'Further information: ...' under a section's heading and the
    'Jump to navigation' link point elsewhere on the site: nothing of the article."""
    dump = tmp_path / "dump.txt"
    dump.write_text(
        "Lake Orrin\nJump to navigation\nJump to search\n\n"
        f"{BODY * 2}History\nMain article: History of the Orrin valley\n\n{_STORY}\n"
        "Geography\nFurther information: Rivers of the Orrin valley and Lakes of the north\n\n"
        "The lake is fed by three rivers and drains to the sea through a narrow gorge below the mill town.\n",
        encoding="utf-8",
    )
    sections = clean(dump).sections
    texts = " ".join([s.heading or "" for s in sections] + [b.text for s in sections for b in s.blocks])
    assert "narrow gorge" in texts and "bakery now opens at six" in texts
    assert "Main article" not in texts and "Further information" not in texts and "Jump to" not in texts


def test_a_wrapped_line_that_mentions_cookies_is_prose(tmp_path: Path) -> None:
    """A text copied with its lines wrapped: a line that goes on with a sentence (in lower
    case) is read even when it names cookies or a browser; a prompt is not."""
    wrapped = (
        "The harbour office keeps the timetable on its own server, and the page that shows it\n"
        "stores no cookies and works in any browser, even an old one on a slow line.\n"
        "Sailings are listed by day, with the tide tables for the week printed underneath them.\n"
    )
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Ferry is back on the water\n\n{BODY * 2}{wrapped}\nWe use cookies to improve your visit.\n\n{BODY}",
        encoding="utf-8",
    )
    texts = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert "stores no cookies and works in any browser" in texts
    assert "We use cookies" not in texts


def test_a_section_heading_printed_twice_is_read_where_it_heads_prose(tmp_path: Path) -> None:
    """Two parts of a long post share a heading (what it promises, then how): each is
    read over its own prose; a short label repeated across the page ('Share') is not."""
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"How the ferry timetable is built\n\n{BODY}Share\n\n"
        "Every boat leaves on time\nThe timetable promises that no boat leaves the quay later than five"
        " minutes after the hour printed on the board.\n\n"
        f"{_STORY}\nEvery boat leaves on time\nTo keep that promise, the crew start the engine twenty"
        " minutes early and the harbour master closes the gate when the bell rings.\n\nShare\n",
        encoding="utf-8",
    )
    sections = clean(dump).sections
    assert [s.heading for s in sections].count("Every boat leaves on time") == 2
    texts = " ".join(b.text for s in sections for b in s.blocks)
    assert "closes the gate" in texts and "Share" not in texts


def test_an_articles_own_stamp_does_not_start_a_thread() -> None:
    text = (
        "Ferry back\n\nMarch 3, 2024 at 9:12 AM\n\n"
        + BODY * 3
        + "Ada Finch · March 3, 2024 at 9:12 AM\nGreat news.\n"
        + "Tom Reed · March 3, 2024 at 10:40 AM\nAt last.\n"
    )
    lines = split_lines(text)
    assert comment_thread_start(lines, 0) is None  # two stamps after the body are not a thread
    three = split_lines(text + "Kim Ode · March 4, 2024 at 7:05 AM\nFinally.\n")
    assert three[comment_thread_start(three, 0) or 0].text.startswith("Ada Finch")


def test_a_last_updated_line_does_not_replace_the_publication_date(tmp_path: Path) -> None:
    body = BODY
    dump = tmp_path / "updated.txt"
    dump.write_text(
        "Ferry is back on the water\n\nLast updated: May 2, 2025\nPublished April 28, 2025\n\n" + body * 3
    )
    published = clean(dump).published
    assert published is not None and published.date().isoformat() == "2025-04-28"
    only_updated = tmp_path / "only_updated.txt"
    only_updated.write_text("Ferry is back on the water\n\nLast updated: May 2, 2025\n\n" + body * 3)
    published = clean(only_updated).published
    assert published is not None and published.date().isoformat() == "2025-05-02"


def test_a_date_deep_in_the_article_is_not_its_publication_date(tmp_path: Path) -> None:
    """A reference list's 'Retrieved 4 May 2011' or a date line deep in the story
    is not when the article was published; a date in its head matter, after a standfirst
    and a photo caption, is."""
    refs = "References\n\n^ Harbour Board (2010). Annual report. Retrieved 4 May 2011.\n"
    dump = tmp_path / "refs.txt"
    dump.write_text("Ferry is back on the water\n\n" + BODY * 4 + "March 3, 2009\n\n" + BODY + refs)
    assert clean(dump).published is None
    head = "Ferry is back on the water\n\n" + BODY + "The new ferry at the north quay.\n\nFeb. 21, 2019\n\n"
    dump.write_text(head + BODY * 4 + refs)
    published = clean(dump).published
    assert published is not None and published.date().isoformat() == "2019-02-21"


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("Ferry is back on the water\nNovember 15, 2024\nNovember 15, 2024\n", "2024-11-15"),
        ("Ferry is back on the water\nReuters November 15, 2024, 9:02 AM\n", "2024-11-15"),
        ("Ferry is back on the water\nBy Ines Carvalho - 03/07/24 9:15 AM CET\n", "2024-03-07"),
        ("Wednesday 13 November 2024 9:22 am\nFerry is back on the water\n", "2024-11-13"),
        ("Ines Carvalho\n11/15/24 10:00AM\nFerry is back on the water\n", "2024-11-15"),
        ("Ferry is back on the water\nOn the 3/4/10 timetable, then 4/5/11\n", None),
    ],
)
def test_the_head_dates_the_article_as_pages_print_it(tmp_path: Path, head: str, date: str | None) -> None:
    """A date printed twice in the head (over the photo and the text), after a wire
    agency's name, with a two-digit year and a time, just over the headline, or under
    the author's name above it is the article's date; numbers with slashes alone are not."""
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Home\nTowns\n{head}\n{BODY * 4}", encoding="utf-8")
    article = clean(dump)
    assert article.title == "Ferry is back on the water"
    assert (article.published.date().isoformat() if article.published else None) == date


def test_a_menu_printed_twice_does_not_give_the_headline(tmp_path: Path) -> None:
    """The page prints its menu in the header and again in the footer: a menu entry that
    shares a word with the story is not a headline printed twice."""
    menu = "Our boats\nWork with us\nNews and press\nTimetables\n"
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"{menu}Offers\n{menu}Canal boats return to the old mill town\n\n{_STORY}\n"
        "News of the boats reached the press, and the whole town came to the wharf to meet them.\n",
        encoding="utf-8",
    )
    assert clean(dump).title == "Canal boats return to the old mill town"


def test_a_list_of_places_is_not_an_author_bio(tmp_path: Path) -> None:
    """'Orrin Valley' over 'Orrin Valley Railway' in a list is not a name over a bio; a
    name over a sentence that starts with it is."""
    places = "Places\nNorth Quay\nOrrin Valley\nOrrin Valley Railway\nSouth Pier\n"
    dump = tmp_path / "places.txt"
    dump.write_text("Ferry is back on the water\n\n" + BODY * 4 + places)
    assert clean(dump).byline == ()
    bio = "Ines Carvalho\nInes Carvalho is a reporter who covers the harbour and its boats.\n"
    dump.write_text("Ferry is back on the water\n\n" + BODY * 4 + bio)
    assert clean(dump).byline == ("Ines Carvalho",)


_PLAYER = "Play Video\nPlay\nMute\nCurrent Time 0:00\n/\nDuration Time 0:00\nLoaded: 0%\n" + "".join(
    f"{colour}\nShadow\nOutline\n---\n" for colour in ("White", "Black", "Red", "Green", "Blue") * 4
)
_LATER = (
    "The restoration trust says the painted narrowboats now tying up beside the cotton mill have "
    "brought the town its busiest summer in forty years.\n\n"
    "Volunteers who spent six summers clearing the silted canal by hand now work the mill lock, "
    "and the trust hopes to welcome more boats next year.\n\n"
    "Shops along the wharf have reopened, and the bakery opens at six so that crews can buy bread "
    "before the boats set off towards the next village.\n\n"
    "The town council says the canal has brought back trade that left when the cotton mill closed, "
    "and it will help the trust repair the second lock.\n\n"
    "Volunteers at the old cotton mill now run trips along the canal on Sundays.\n\n"
)


def test_an_article_split_by_a_video_players_menus_is_read_whole(tmp_path: Path) -> None:
    """A player's menus (dozens of short lines) between the article's first paragraphs
    and the rest: the first part shares the article's words and is read, the menus not."""
    first = _STORY.replace("\n\n", "\n")
    dump = tmp_path / "player.txt"
    dump.write_text(
        f"Home\nTowns\nCanal boats return to the old mill town\nInes Carvalho\nMarch 3, 2024\n{first}"
        f"{_PLAYER}{_LATER}",
        encoding="utf-8",
    )
    article = clean(dump)
    assert article.title == "Canal boats return to the old mill town"
    assert article.byline == ("Ines Carvalho",)
    text = " ".join(b.text for s in article.sections for b in s.blocks)
    assert text.startswith("For the first time in forty years") and text.endswith("canal on Sundays.")
    for menu in ("Play", "Current Time", "Shadow", "Outline", "Green"):
        assert menu not in text, menu


def test_an_unrelated_story_above_a_menu_is_not_joined(tmp_path: Path) -> None:
    other = (
        "The county council voted on Tuesday evening to raise parking charges in every town centre "
        "from April, after a long debate about bus fares and the cost of mending potholes.\n"
    )
    dump = tmp_path / "other.txt"
    dump.write_text(
        f"{other * 3}{_PLAYER}Canal boats return to the old mill town\n{_LATER}", encoding="utf-8"
    )
    text = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert "parking" not in text and "cotton mill" in text


def test_a_table_of_contents_does_not_make_a_section_heading_the_headline(tmp_path: Path) -> None:
    """Section headings printed twice (in a contents list, then in the body) are not
    the page's title printed twice."""
    sections = ("Clearing the silted canal", "Opening the mill lock")
    body = "".join(f"{heading}\n{_STORY}" for heading in sections)
    dump = tmp_path / "contents.txt"
    dump.write_text(
        "Home\nBlog\nCanal boats return to the old mill town\n"
        "Volunteers spent six summers clearing the canal so that the painted boats could come back to town.\n"
        f"On 4/5/2011 by @inescarvalho\n{sections[0]}\n{sections[1]}\n\n{body}",
        encoding="utf-8",
    )
    assert clean(dump).title == "Canal boats return to the old mill town"


def test_a_caption_with_its_source_glued_on_is_not_the_headline(tmp_path: Path) -> None:
    dump = tmp_path / "caption.txt"
    dump.write_text(
        "Comment\nCanal boats return to the old mill town\nby: Ines Carvalho\nMay 4, 2011 8:00PM\n"
        "Painted narrowboats tie up beside the old cotton mill after six summers of clearing the canal. "
        f"Source: Supplied\n{_STORY}",
        encoding="utf-8",
    )
    article = clean(dump)
    assert article.title == "Canal boats return to the old mill town"
    captions = [b.text for s in article.sections for b in s.blocks if b.kind == "caption"]
    assert captions and captions[0].endswith("clearing the canal.")


def test_a_headline_at_the_end_of_a_breadcrumb_counts_as_printed_twice(tmp_path: Path) -> None:
    """'Home Towns Canal boats return ...' over 'CANAL BOATS RETURN ...': the page prints
    its headline twice, in another case; a share label printed twice is not it."""
    dump = tmp_path / "breadcrumb.txt"
    dump.write_text(
        "Home Towns Canal boats return to the old mill town\nOctober 2, 2024\n"
        "CANAL BOATS RETURN TO THE OLD MILL TOWN\nBy Ines Carvalho\nSpread the word!\n"
        f"{_STORY}\nSpread the word!\n",
        encoding="utf-8",
    )
    assert clean(dump).title == "CANAL BOATS RETURN TO THE OLD MILL TOWN"


def test_dated_teasers_under_a_related_header_are_not_read(tmp_path: Path) -> None:
    """Under 'Related', each teaser is a headline, a summary and a date (and a label):
    none of it is the article, however long the summaries."""
    teasers = "".join(
        f"{head}\n\n{summary} The trust and the council have argued about it for years, and the "
        "question of who pays for the locks is not settled yet, residents say.\n\n"
        f'{date}\n\nIn "Local"\n\n'
        for head, summary, date in (
            ("Trust buys the old wharf", "The restoration trust has bought the old wharf.", "March 17, 2016"),
            (
                "Second lock to reopen",
                "The second lock on the canal will reopen next spring.",
                "April 8, 2015",
            ),
        )
    )
    dump = tmp_path / "related.txt"
    dump.write_text(
        f"Canal boats return to the old mill town\n\n{_STORY}\nPass it on:\nTwitter\nFacebook\n"
        f"Related\n{teasers}Filed under Local\n",
        encoding="utf-8",
    )
    text = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert "bakery now opens at six" in text
    for teaser in ("old wharf", "second lock", "who pays", 'In "Local"'):
        assert teaser not in text, teaser


def test_headline_chosen_by_shared_words_repetition_and_byline() -> None:
    """Menu lines, an alerts notice and share buttons stand nearer the body than the
    headline; the headline shares the body's words, is printed twice and has the byline
    and date under it."""
    article = clean(FIXTURES / "dump_headline_below_notice_menu_title.txt")
    assert article.title == "Canal boats return to the old mill town"
    assert article.byline == ("Marta Lindqvist",)
    assert article.published is not None and article.published.date().isoformat() == "2024-03-12"


@pytest.mark.parametrize(
    "line",
    [
        "Canal boats return to the old mill town and the…",
        "Canal boats at the old mill town, 3 of 12",
        "Photo: canal boats return to the old mill town",
        '"The canal boats return to the mill town this week."',
    ],
)
def test_teasers_counters_and_labels_are_not_headlines(tmp_path: Path, line: str) -> None:
    body = (FIXTURES / "dump_headline_below_notice_menu_title.txt").read_text(encoding="utf-8")
    body = body.replace("Canal boats return to the old mill town\n", "")
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Home\nTimetables\n{line}\nBy Marta Lindqvist\n\n{body}", encoding="utf-8")
    assert clean(dump).title != line


_STORY = (
    "For the first time in forty years, painted narrowboats are tying up beside the old cotton mill, "
    "after volunteers spent six summers clearing the silted canal by hand.\n\n"
    "The restoration trust says that more than two hundred boats passed through the lock in the first "
    "month, far more than the hundred it had hoped to welcome to the mill town this year.\n\n"
    "Shops along the wharf have reopened as well, and the bakery now opens at six so that early crews "
    "can buy bread before the boats set off towards the next village.\n"
)


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("Older Article\nNewer Article\non March 10, 2015 by Ines Carvalho", "2015-03-10"),
        ("Ines Carvalho 1 day ago", None),
        ("Ines Carvalho @inescarvalho / 2 days", None),
        ("Ines Carvalho, Staff Writer", None),
        ("Ines Carvalho - Nov 19, 2019, 8:15 pm CST", "2019-11-19"),
        ("Ines Carvalho\n@inescarvalho", None),
        ("INES CARVALHO\nCoast NewsMarch 3, 2024", "2024-03-03"),
    ],
)
def test_bylines_as_pages_print_them(tmp_path: Path, head: str, date: str | None) -> None:
    """A line saying 'by' wins over a menu's lone 'Newer Article'; a name with how long
    ago, a handle, a role or a date beside it is the byline (and the date is read)."""
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Home\nTowns\nCanal boats return to the old mill town\n{head}\n\n{_STORY}", encoding="utf-8"
    )
    article = clean(dump)
    assert article.title == "Canal boats return to the old mill town"
    assert article.byline == ("Ines Carvalho",)
    got = article.published.date().isoformat() if article.published else None
    assert got == date
    assert "Newer Article" not in str(article.to_json())


@pytest.mark.parametrize(
    ("head", "names"),
    [
        (
            "Ines Carvalho and Tomas Berg COAST NEWS\nMarch 3, 2024, 16:20",
            ("Ines Carvalho", "Tomas Berg"),
        ),
        ("Ines Carvalho, Tomas Berg & Ada Moss\nMarch 3, 2024", ("Ines Carvalho", "Tomas Berg", "Ada Moss")),
        ("By Ines Carvalho ines.carvalho@coastnews.example (555) 010-0199", ("Ines Carvalho",)),
        ("Ines Carvalho and the Sea\nMarch 3, 2024", ()),
    ],
)
def test_a_line_of_names_is_the_byline_without_what_follows_them(
    tmp_path: Path, head: str, names: tuple[str, ...]
) -> None:
    """Co-authors on one line are all kept; an outlet in capitals or contact details after
    the names are not part of them; a line that is not only names is not a byline."""
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Home\nTowns\nCanal boats return to the old mill town\n{head}\n\n{_STORY}", encoding="utf-8"
    )
    assert clean(dump).byline == names


def test_a_byline_below_the_standfirst_and_its_photo(tmp_path: Path) -> None:
    """Headline, standfirst, lead photo with caption and credit, then 'By ...' and the story."""
    dump = tmp_path / "dump.txt"
    standfirst = "Volunteers cleared the silted canal by hand, and the boats came back within a month."
    photo = "Boats moored by the mill on Sunday.\nCredit...\nMarta Lindqvist/Coast News"
    dump.write_text(
        f"Home\nTowns\nCanal boats return to the old mill town\n\n{standfirst}\n\n{photo}\n\n"
        f"By Ines Carvalho\n\nRead this in Welsh\n\n{_STORY}",
        encoding="utf-8",
    )
    article = clean(dump)
    assert article.title == "Canal boats return to the old mill town"
    assert article.byline == ("Ines Carvalho",)


@pytest.mark.parametrize(
    "header",
    [
        "Ines Carvalho\n6 min read\nFollow\nShare\nSign in\nGet started",
        "By Ines Carvalho May 4 at 8:12 AM Follow @inescarvalho\n1 of 12\nExpand\nAuto-advance\nZoom",
    ],
)
def test_a_byline_in_the_pages_header_above_the_headline(tmp_path: Path, header: str) -> None:
    """Some pages print the author (with a reading time, or saying 'By') in a header
    several lines above the headline, a cover picture's buttons in between."""
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Home\nTowns\n{header}\nCover photo\nCanal boats return to the old mill town\n\n{_STORY}",
        encoding="utf-8",
    )
    article = clean(dump)
    assert article.title == "Canal boats return to the old mill town"
    assert article.byline == ("Ines Carvalho",)


def test_slideshow_gallery_in_a_dump_is_dropped_and_the_article_runs_on() -> None:
    article = clean(FIXTURES / "dump_with_slideshow_gallery.txt")
    text = str(article.to_json())
    for gallery in ("Harbour crane", "Ferry fares", "Lighthouse", "fish hall", "Local news in pictures"):
        assert gallery not in text, gallery
    paragraphs = [b.text for s in article.sections for b in s.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 4 and paragraphs[-1].startswith("The trust hopes")


def test_fractions_in_a_dump_are_not_a_slideshow(tmp_path: Path) -> None:
    dump = tmp_path / "recipe.txt"
    dump.write_text(
        "Pancakes for a crowd\n\n"
        + _STORY
        + "\n1/2 cup of flour\n1/2 cup of milk\n1/2 teaspoon of salt\n\n"
        + _STORY,
        encoding="utf-8",
    )
    assert "teaspoon of salt" in str(clean(dump).to_json())


def test_with_no_headline_sharing_words_the_line_above_the_body_stands_in(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Home\nNotes from a towpath\n\n{_STORY}", encoding="utf-8")
    assert clean(dump).title == "Notes from a towpath"


def test_a_long_hand_marked_list_opening_the_article_is_kept(tmp_path: Path) -> None:
    """Release notes: twenty '+ ' items before the first paragraph of prose are the
    article's, not a menu (menus carry no such marks)."""
    things = [f"+ Added lock number {k} on the upper canal" for k in range(1, 21)]
    dump = tmp_path / "notes.txt"
    dump.write_text(
        "Canal News\nPowered by Boats\nMill canal 1.8 - the lock update\n\n"
        + "\n".join(things)
        + "\n"
        + _STORY
    )
    text = str(clean(dump).to_json())
    for k in (1, 7, 20):
        assert f"Added lock number {k} on the upper canal" in text, k
    assert "Powered by Boats" not in text


def test_a_headline_sharing_no_words_stands_over_its_byline_and_date(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Home\nWater under the bridge\nBy Ines Carvalho\nMarch 2, 2024\n\n{_STORY}", encoding="utf-8"
    )
    article = clean(dump)
    assert article.title == "Water under the bridge"
    assert article.byline == ("Ines Carvalho",)


def test_a_headline_may_end_in_an_abbreviation_but_not_in_an_arrow(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(
        "Part 1 of the canal boats series Next Story →\n"
        f"Canal boats return to the old mill town in the U.K.\n\n{_STORY}",
        encoding="utf-8",
    )
    article = clean(dump)
    assert article.title == "Canal boats return to the old mill town in the U.K."
    assert "For the first time in forty years" in article.sections[0].blocks[0].text


@pytest.mark.parametrize("counter", ["Image 1 of 8", "Image 1 of / 8", "Photo 3/12", "Slide 2 of 5"])
def test_gallery_counters_are_not_read(tmp_path: Path, counter: str) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Canal boats return to the old mill town\n\n{_STORY}\n{counter}\n\n{_STORY}", encoding="utf-8"
    )
    assert counter not in str(clean(dump).to_json())


def test_a_paragraph_that_names_its_source_or_a_photo_keeps_every_word(tmp_path: Path) -> None:
    """A credit glued to a caption is a few words at the end of its line ('Source:
    Supplied'); a paragraph that goes on after 'Source:' or 'photo:' is prose, read whole."""
    sourced = (
        "Fares rose by four percent last year. Source: the harbour board's annual report, which"
        " also shows that the number of crossings fell for the second year running."
    )
    pictured = (
        "Everyone remembers the photo: the skipper standing on the bow with the harbour master,"
        " both soaked, waving at the crowd on the quay as the ferry came in."
    )
    dump = tmp_path / "sourced.txt"
    dump.write_text(f"Ferry is back on the water\n\n{BODY}{sourced}\n\n{BODY}{pictured}\n\n{BODY}")
    texts = [b.text for s in clean(dump).sections for b in s.blocks]
    assert sourced in texts and pictured in texts


def test_a_share_bar_check_takes_linear_time_on_a_long_line() -> None:
    """Two optional separators between the words let the old pattern split the same spaces
    in many ways: each extra pair of words took four times longer (4.5 s at 22 words)."""
    code = "from narrator.clean.patterns import is_furniture; print(is_furniture('Share ' * 40 + 'now'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Further information: the council said on Tuesday that the harbour wall will be repaired "
        "before winter, and that the work will cost less than it planned.",
        "Newsletter readers asked the council about the harbour wall for months, and on Tuesday "
        "the mayor finally answered them in a long letter to every household in the town.",
    ],
)
def test_a_paragraph_that_opens_like_furniture_is_read(tmp_path: Path, paragraph: str) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Canal boats return to the old mill town\n\n{_STORY}\n{paragraph}\n", encoding="utf-8")
    text = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert paragraph in text


def test_pointers_ad_labels_and_programme_lines(tmp_path: Path) -> None:
    """A wiki's pointer line and a repeated ad label are furniture; an article's sub-heading
    that opens like a link list's header is not, nor a programme line with a date and time."""
    story = _STORY.split("\n\n")
    dump = tmp_path / "dump.txt"
    dump.write_text(
        "Canal boats return to the old mill town\n\n"
        f"Main article: History of the canal\n\n{story[0]}\n\nArticle continues below advertisement\n\n"
        f"{story[1]}\n\nArticle continues below advertisement\n\n{story[2]}\n"
        "Article continues below advertisement\n\n"
        "Most popular moorings this year\n\n"
        "The wharf by the bakery fills first, since crews like warm bread before they set off.\n\n"
        "Sat 6/8/24 10:00 parade of boats from the lock to the mill, with a band on the towpath.\n\n"
        "Sun 6/9/24 10:00 Mass\n",
        encoding="utf-8",
    )
    article = clean(dump)
    headings = [s.heading or "" for s in article.sections]
    text = " ".join([*headings, *(b.text for s in article.sections for b in s.blocks)])
    assert "Main article" not in text and "advertisement" not in text
    assert "Most popular moorings this year" in text
    assert "The wharf by the bakery fills first" in text
    assert "parade of boats from the lock" in text
    assert article.published is None  # a programme's date is not the story's


def test_prose_that_mentions_prompt_words_is_read_and_prompts_are_not(tmp_path: Path) -> None:
    """A sentence is a site's prompt by its shape (an imperative or a notice addressed to
    the reader), not because it names a newsletter, cookies, a browser or JavaScript."""
    prose = [
        "The ferry company's newsletter now has forty thousand readers.",
        "The episode appears in a feed, so an app can subscribe to it and download it.",
        "The new browser blocks tracking cookies by default.",
        "JavaScript pages load twenty percent faster on the island's network.",
    ]
    prompts = [
        "Subscribe to our newsletter for the week's sailings.",
        "Sign up for our daily email.",
        "Click here to read the rest.",
        "Please enable JavaScript to see the comments.",
        "This site uses cookies to improve your visit.",
        "Never miss a story. Sign up today!",
        "Privacy Policy",
    ]
    dump = tmp_path / "dump.txt"
    lines = [BODY.strip(), *prose, BODY.strip(), *prompts, BODY.strip()]
    dump.write_text("Ferry is back on the water\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    texts = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert all(line in texts for line in prose)
    assert not [line for line in prompts if line in texts]


def test_the_bundled_examples_last_paragraph_is_read() -> None:
    """It tells the reader that an app can subscribe to the feed: prose, not a prompt."""
    texts = [b.text for s in clean(EXAMPLE).sections for b in s.blocks]
    assert texts[-1].startswith("The episode also appears in a podcast feed")


@pytest.mark.parametrize(
    "sentence",
    [
        "By using satellite images, researchers mapped how fast the glacier retreated.",
        "There was a problem with the old measurements, the team said.",
        "For the best experience, visit the glacier early in the morning.",
        "Don't miss the lantern parade, which starts at the quay at dusk.",
        "Your email to the council was answered within a week, the clerk said.",
        "Stay connected to the mains, the engineer advised the boat owners.",
        "Register for the ferry pass before the end of the month, officials said.",
        "Be the first one off the boat if you want a seat on the bus.",
        "Support our lifeboat crews, the harbour master told the meeting.",
        "All fields are flooded after the storm, the farmers said on Monday.",
        "Click beetles were found under the bark of the old oak tree.",
        "Follow me, the warden said, and keep to the path by the river.",
        "You are registered to vote at the school hall, the letter said.",
        "Enable the brake before you leave the car on the steep ramp.",
    ],
)
def test_prose_that_opens_like_a_prompt_is_read(tmp_path: Path, sentence: str) -> None:
    """A prompt is addressed to the site's reader about the site (subscribe, cookies, your
    browser); the same openings in the article's own sentences are prose."""
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Canal boats return to the old mill town\n\n{_STORY}\n{sentence}\n", encoding="utf-8")
    text = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert sentence in text


@pytest.mark.parametrize(
    "prompt",
    [
        "Subscribe to our newsletter for the latest news.",
        "By clicking Sign up, you agree to our terms.",
        "For the best experience, please use a modern browser.",
        "There was a problem with your subscription. Please try again.",
        "You have successfully subscribed.",
        "Follow us on social media.",
    ],
)
def test_a_sites_prompts_are_not_read(tmp_path: Path, prompt: str) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Canal boats return to the old mill town\n\n{_STORY}\n{prompt}\n", encoding="utf-8")
    text = " ".join(b.text for s in clean(dump).sections for b in s.blocks)
    assert prompt.split(".")[0] not in text
