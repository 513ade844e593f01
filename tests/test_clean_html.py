"""The HTML reader: our own pages in three styles, and metadata on real dev pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.clean import CleanOptions, clean, sniff
from narrator.errors import InputError
from tests.conftest import FIXTURES, SHARED, needs_shared_dir

DEV = SHARED / "bench" / "articles"


def test_news_page_with_json_ld_figure_quote_and_list() -> None:
    article = clean(FIXTURES / "news_jsonld_figure_quote_list.html")
    assert article.title == "Harbour ferry returns after storm repairs"
    assert article.byline == ("Ines Carvalho", "Tomas Berg")
    assert article.published is not None and article.published.isoformat() == "2025-02-14T07:30:00+01:00"
    assert article.publisher == "The Coast Courier"
    assert article.language == "en"
    assert [(s.heading, s.level) for s in article.sections] == [
        (None, 2),
        ("Six weeks in dry dock", 2),
        ("Calls for a second boat", 2),
    ]
    opening, dock, _ = article.sections
    assert [b.kind for b in opening.blocks] == ["caption", "paragraph", "paragraph"]
    assert opening.blocks[0].text.startswith("The repaired ferry leaves the north quay")
    assert [b.kind for b in dock.blocks] == ["paragraph", "quote", "paragraph", "paragraph"]
    assert dock.blocks[3].text == (
        "The first crossing leaves at six forty. Bicycles travel free until the end of March. "
        "Season tickets bought in January are extended by six weeks."
    )
    text = str(article.to_json())
    for furniture in ("cookies", "Share on", "Related stories", "Storm closes", "Privacy", "All rights"):
        assert furniture not in text, furniture


def test_blog_with_opengraph_only() -> None:
    article = clean(FIXTURES / "blog_opengraph_only.html")
    assert article.title == "Sourdough without the fuss"
    assert article.byline == ("Priya Raman",)
    assert article.published is not None and article.published.isoformat() == "2024-09-02T18:15:00+01:00"
    assert article.publisher == "Crumb Notes"
    assert article.language == "en"
    assert [s.heading for s in article.sections] == [None, "The method I actually use"]
    text = str(article.to_json())
    for furniture in ("Categories", "Subscribe", "Share this", "thoughts on", "Lovely post"):
        assert furniture not in text, furniture


def test_page_without_metadata_gets_its_language_detected() -> None:
    article = clean(FIXTURES / "plain_german_no_metadata.html")
    assert article.title == "Der Bäcker am Markt schließt nach vierzig Jahren"
    assert article.language == "de"
    assert article.byline == () and article.published is None
    assert len(article.sections[0].blocks) == 3


@needs_shared_dir
@pytest.mark.parametrize(
    ("page", "byline", "published", "publisher"),
    [
        ("16c30add7e", ("Umair Irfan",), "2019-11-08T15:30:00-05:00", "Vox"),
        ("1ace8c85aa", ("Catherine Shu",), "2019-11-19T04:58:46+00:00", "TechCrunch"),
        ("82b6d780c7", ("Lisa Mascaro", "Mary Clare Jalonick"), "2019-11-20T05:52:20-05:00", None),
    ],
)
def test_metadata_of_real_pages(
    page: str, byline: tuple[str, ...], published: str, publisher: str | None
) -> None:
    (path,) = DEV.glob(f"{page}*.html")
    article = clean(path)
    assert article.byline == byline
    assert article.published is not None and article.published.isoformat() == published
    if publisher:
        assert article.publisher == publisher
    assert article.language == "en"


def test_kind_is_sniffed_and_can_be_forced(tmp_path: Path) -> None:
    html = (FIXTURES / "blog_opengraph_only.html").read_text()
    assert sniff(html) == "html"
    assert sniff((FIXTURES / "markdown_front_matter.md").read_text()) == "markdown"
    assert sniff((FIXTURES / "dump_blog_with_comments.txt").read_text()) == "text"
    for page in DEV.glob("*.txt"):  # the dev pages, when ../shared is there
        if not page.name.endswith(".truth.txt"):
            assert sniff(page.read_text()) == "text", page.name
    renamed = tmp_path / "page.txt"
    renamed.write_text(html)
    assert clean(renamed).title == "Sourdough without the fuss"
    assert clean(renamed, CleanOptions(kind="text")).title != "Sourdough without the fuss"


def test_html_without_an_article(tmp_path: Path) -> None:
    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/b'>Blog</a></nav></body></html>")
    with pytest.raises(InputError, match="No article"):
        clean(page)


def test_html_in_latin1(tmp_path: Path) -> None:
    text = (FIXTURES / "plain_german_no_metadata.html").read_text()
    text = text.replace("<head>", '<head><meta charset="iso-8859-1">')
    page = tmp_path / "latin1.html"
    page.write_bytes(text.encode("latin-1"))
    article = clean(page)
    assert article.title == "Der Bäcker am Markt schließt nach vierzig Jahren"
    assert "prüfen" in article.sections[0].blocks[2].text


def test_pdf_given_as_html(tmp_path: Path) -> None:
    pdf = tmp_path / "article.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 50)
    with pytest.raises(InputError, match="binary"):
        clean(pdf, CleanOptions(kind="html"))


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(50 * 2**20)
    with pytest.raises(InputError, match="up to 20 MB"):
        clean(huge)


def test_table_read_row_by_row_and_link_list_dropped() -> None:
    """Issue 15: a table is read a row a sentence under its header; a list of links under
    'More from News' is not the article."""
    article = clean(FIXTURES / "news_credit_only_captions_table_link_list.html")
    fares = next(s for s in article.sections if s.heading == "Times and fares")
    assert [b.text for b in fares.blocks] == [
        "Route: Coast to Highfield, Leaves: 22:00, Fare: 49 euros.",
        "Route: Highfield to Coast, Leaves: 21:30, Fare: 49 euros.",
        "Bicycles travel free in the first season, and dogs may share a cabin if the whole cabin is booked.",
    ]
    text = str(article.to_json())
    for furniture in ("More from News", "Bridge closed", "bakery", "choir", "Home", "Sport", "All rights"):
        assert furniture not in text, furniture


def test_an_infobox_title_row_is_read_once_not_before_every_cell(tmp_path: Path) -> None:
    """A header row with one named cell is the table's subject (a wiki infobox), not
    the names of its columns."""
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in [("Length", "4 km"), ("Depth", "62 m")])
    page = tmp_path / "infobox.html"
    page.write_text(
        "<html><head><title>Lake Orrin</title></head><body><article><h1>Lake Orrin</h1>"
        "<p>Lake Orrin is a glacial lake in the northern hills, fed by two streams and drained by one.</p>"
        f'<table><tr><th colspan="2">Lake Orrin</th><th></th></tr>{rows}</table>'
        "<p>The lake freezes most winters, and skaters cross it from the boathouse to the far shore.</p>"
        "<p>A footpath runs around it; the walk takes about three hours at an easy pace.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    text = " ".join(b.text for s in clean(page).sections for b in s.blocks)
    assert "Length: 4 km. Depth: 62 m." in text  # each row named by its <th>
    assert "Lake Orrin:" not in text


def test_a_caption_marked_by_class_is_read_whole_at_its_image(tmp_path: Path) -> None:
    """A wiki's thumbnail caption (a div whose class names a caption, links inside) is
    read once, whole, where its image stands, not as the pieces between its links."""
    prose = "".join(
        f"<p>{sentence} The valley has been farmed for three centuries by the same few families.</p>"
        for sentence in ("The river floods each spring.", "The mill stands on the east bank.")
    )
    thumb = (
        '<div class="thumb tright"><div class="thumbinner">'
        '<a href="/wiki/File:Mill.jpg" class="image"><img alt="A mill" src="//img.example/mill.jpg"></a>'
        '<div class="thumbcaption"><div class="magnify">'
        '<a href="/wiki/File:Mill.jpg" title="Enlarge"></a></div>'
        'The <a href="/wiki/Mill">old mill</a> seen from the '
        '<a href="/wiki/Bridge">stone bridge</a>, with the <a href="/wiki/Weir">weir</a> behind it.[4]'
        "</div></div></div>"
    )
    page = tmp_path / "wiki.html"
    page.write_text(
        "<html><head><title>Orrin Mill - Wiki</title></head><body><div id='content'><h1>Orrin Mill</h1>"
        f"{prose}{thumb}{prose}</div></body></html>",
        encoding="utf-8",
    )
    blocks = [b for s in clean(page).sections for b in s.blocks]
    assert [b.text for b in blocks if b.kind == "caption"] == [
        "The old mill seen from the stone bridge, with the weir behind it."
    ]
    paragraphs = [b.text for b in blocks if b.kind != "caption"]
    assert len(paragraphs) == 4 and all(text.endswith("same few families.") for text in paragraphs)


def test_pieces_of_a_caption_cut_at_its_links_are_not_read_again() -> None:
    """An extractor can hand over a caption's text cut at its links, each piece a
    paragraph, right after the image: the caption is read once, whole."""
    from lxml import etree

    from narrator.clean.html import _walk
    from narrator.clean.htmltables import TableMarks
    from narrator.clean.structure import ArticleBuilder

    family = "The valley has been farmed for three centuries by the same few families."
    main = etree.fromstring(
        f"<main><p>The river floods each spring. {family}</p>"
        '<graphic src="http://img.example/mill.jpg"/>'
        '<p><ref target="/wiki/Mill">old mill</ref> seen from the</p>'
        '<p><ref target="/wiki/Bridge">stone bridge</ref>, with the</p>'
        f"<p>The mill stands on the east bank. {family}</p></main>"
    )
    caption = "The old mill seen from the stone bridge, with the weir behind it."
    builder = ArticleBuilder(title="Orrin Mill", source="test")
    _walk(main, builder, {"//img.example/mill.jpg": caption}, set(), "Orrin Mill", {}, TableMarks())
    blocks = [(b.kind, b.text) for s in builder.build().sections for b in s.blocks]
    assert blocks == [
        ("paragraph", f"The river floods each spring. {family}"),
        ("caption", caption),
        ("paragraph", f"The mill stands on the east bank. {family}"),
    ]


def _page_with_linked_headings(tmp_path: Path, entries: list[tuple[str, str]], paragraphs: int = 3) -> Path:
    body = "".join(
        f"<p>{opening} The harbour ferry returned to service on Monday after six weeks of repairs in dry "
        "dock, and the first crossing left the north quay at six forty with forty passengers aboard.</p>"
        for opening in ("Good news for the coast.", "The operator is pleased.", "Passengers cheered.")[
            :paragraphs
        ]
    )
    linked = "".join(
        f'<h4><a href="/other/{k}">{head}</a></h4><p>{text}</p>' for k, (head, text) in enumerate(entries)
    )
    page = tmp_path / "teasers.html"
    page.write_text(
        f"<html><head><title>Ferry back</title></head><body><article><h1>Ferry back</h1>{body}"
        f"<h2>Other columns</h2>{linked}</article></body></html>",
        encoding="utf-8",
    )
    return page


def test_a_rail_of_teasers_for_other_pages_is_dropped(tmp_path: Path) -> None:
    """Three or more headings in a row that link elsewhere, each with a short summary:
    teasers for other stories, not the article."""
    teasers = [
        ("Bridge closed for a week", "WORKS on the old bridge begin on Monday, the council says."),
        ("Bakery wins prize", "A small bakery on the quay took the regional bread prize."),
        ("Choir sings again", "The harbour choir gave its first concert since the storm."),
    ]
    text = str(clean(_page_with_linked_headings(tmp_path, teasers)).to_json())
    assert "first crossing left the north quay" in text
    for furniture in ("Bridge closed", "WORKS on the old bridge", "bakery", "choir", "Other columns"):
        assert furniture not in text, furniture


def test_a_heading_cut_off_with_an_ellipsis_is_a_teasers(tmp_path: Path) -> None:
    """'Best deals of the week: lamps, books, pillows...' set among the article's
    paragraphs is another page's headline; the paragraphs after it are the article's."""
    page = _page_with_linked_headings(tmp_path, [])
    text = page.read_text(encoding="utf-8").replace(
        "<h2>Other columns</h2>",
        "<h2>Best deals of the week: lamps, books, pillows...</h2>"
        "<p>The harbour master thanked the crews who "
        "worked through the winter, and said the north quay would be lit again at night from April.</p>",
    )
    page.write_text(text, encoding="utf-8")
    article = clean(page)
    assert not any(s.heading and "deals" in s.heading for s in article.sections)
    assert "north quay would be lit again" in " ".join(b.text for s in article.sections for b in s.blocks)


def test_linked_headings_over_short_entries_that_are_most_of_the_page_are_kept(tmp_path: Path) -> None:
    """A round-up whose linked entries are short but are most of the article is read."""
    apps = [
        ("Tide Tables", "Shows the tides for every harbour on the coast, a week ahead, without an account."),
        ("Quay Map", "A map of the quays with the ferry berths, the cafes and the nearest bus stops."),
        (
            "Crossing Times",
            "The ferry timetable, with a warning when a crossing is cancelled by the weather.",
        ),
        ("Boat Spotter", "Names the boats in the harbour from a photo, and tells you where they are going."),
    ]
    article = clean(_page_with_linked_headings(tmp_path, apps, paragraphs=1))
    assert [s.heading for s in article.sections][-4:] == [head for head, _ in apps]


def test_linked_headings_over_long_entries_are_the_article(tmp_path: Path) -> None:
    """A list article links each entry's heading (a film, a game); its entries are long."""
    entry = (
        "It is a quiet film about a town that loses its ferry and finds it again, shot over one "
        "winter on the coast with a cast of local people who had never acted before. The director "
        "lets scenes run long, and the sea is in nearly every one of them."
    )
    films = [("3) Low Tide", entry), ("2) The Quay", entry), ("1) North Light", entry)]
    article = clean(_page_with_linked_headings(tmp_path, films))
    assert [s.heading for s in article.sections][-3:] == ["3) Low Tide", "2) The Quay", "1) North Light"]


def test_headline_in_other_quote_marks_and_a_bare_address_are_not_read(tmp_path: Path) -> None:
    """The page's headline printed with curly quotes where the <title> has straight ones
    is still the title, read once; a line that is only an e-mail address is a contact link."""
    prose = (
        "<p>The harbour ferry returned to service on Monday after six weeks of repairs, and the first "
        "crossing left the north quay at six forty with forty passengers aboard.</p>"
    )
    page = tmp_path / "quotes.html"
    page.write_text(
        '<html><head><title>Ferry "back for good" after repairs</title></head><body><article>'
        f"<h1>Ferry “back for good” after repairs</h1>{prose * 3}"
        "<p>ines.carvalho@courier.example</p></article></body></html>",
        encoding="utf-8",
    )
    article = clean(page)
    texts = [s.heading for s in article.sections] + [b.text for s in article.sections for b in s.blocks]
    assert article.title == 'Ferry "back for good" after repairs'
    assert not any(t and ("back for good" in t or "@" in t) for t in texts), texts


def test_sentences_about_browsers_and_newsletters_are_kept(tmp_path: Path) -> None:
    """Words of sign-up prompts mark boilerplate only in text dumps: in a page that
    trafilatura has cleaned, they are the article's."""
    page = tmp_path / "browser.html"
    page.write_text(
        "<html><head><title>Make the browser yours</title></head><body><article>"
        "<h1>Make the browser yours</h1>"
        "<p>It is easier than ever to set up your browser the way you work.</p>"
        "<p>Themes change its colours, and add-ons bring new tools to the toolbar, from a reading"
        " list to a password manager that fills in forms for you.</p></article></body></html>"
    )
    texts = [b.text for s in clean(page).sections for b in s.blocks]
    assert texts[0] == "It is easier than ever to set up your browser the way you work."


def test_bold_lines_are_headings_and_a_huge_paragraph_is_split() -> None:
    """Issue 15, point 5: a bold line standing alone is a heading; a paragraph built
    with line breaks is split at them, its short unpunctuated line a heading."""
    article = clean(FIXTURES / "html_bold_headings_and_one_huge_paragraph.html")
    assert article.title == "The ferry is back on the water"
    assert [(s.heading, s.level) for s in article.sections] == [
        (None, 2),
        ("Why it stopped", 2),
        ("Fares and times", 3),
    ]
    stopped, fares = article.sections[1:]
    assert len(stopped.blocks) == 2 and stopped.blocks[1].text.endswith("without a long stop.")
    assert [b.text[:20] for b in fares.blocks] == ["Fares stay the same ", "Season tickets bough"]


def test_markup_lxml_cannot_repair_is_no_article_not_a_traceback(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text('<meta><div class=articlebody><div>o<img ">')
    with pytest.raises(InputError, match="No article text"):
        clean(page)


def test_json_ld_nested_a_thousand_deep_is_ignored(tmp_path: Path) -> None:
    ld = '{"@type": "NewsArticle", "headline": "Buried headline"}'
    for _ in range(1000):
        ld = f'{{"a": {ld}}}'
    prose = "<p>The council met on Tuesday and agreed to keep the library open late all summer.</p>" * 3
    page = tmp_path / "deep.html"
    page.write_text(
        f'<html><head><title>Library hours</title><script type="application/ld+json">{ld}</script>'
        f"</head><body><article><h1>Library hours</h1>{prose}</article></body></html>"
    )
    article = clean(page)
    assert article.title == "Library hours"
    assert "keep the library open late" in article.sections[0].blocks[0].text


@pytest.mark.parametrize(
    "address", ["https://[citation needed]/library", "https://[::1/library", "http://[x"]
)
def test_a_canonical_address_python_cannot_split_is_ignored(tmp_path: Path, address: str) -> None:
    """Found by the fuzz run: a bracketed host that is no IP address made urlsplit raise."""
    prose = "<p>The council met on Tuesday and agreed to keep the library open late all summer.</p>" * 3
    page = tmp_path / "canonical.html"
    page.write_text(
        f'<html><head><title>Library hours</title><link rel="canonical" href="{address}">'
        f'<meta property="og:url" content="{address}"></head>'
        f"<body><article><h1>Library hours</h1>{prose}</article></body></html>"
    )
    article = clean(page)
    assert article.title == "Library hours"


def test_captions_of_figures_without_an_image_are_kept_in_place() -> None:
    """Lazy-loaded figures (no <img>) and a figcaption set beside its figure keep their
    captions, without credits; a teaser's linked caption and one after the article's
    last paragraph are not the article's."""
    article = clean(FIXTURES / "news_lazy_figures_loose_captions.html")
    blocks = [(b.kind, b.text) for s in article.sections for b in s.blocks]
    captions = [text for kind, text in blocks if kind == "caption"]
    assert captions == [
        "Narrowboats moored along the restored towpath at dawn on Saturday.",
        "A volunteer opens the upper gate of the mill lock as a hire boat waits.",
    ]
    kinds = [kind for kind, _ in blocks]
    assert kinds == ["caption", "paragraph", "paragraph", "caption", "paragraph", "paragraph"]
    text = str(article.to_json())
    for furniture in ("Lindqvist", "Tomas Berg", "Ferry timetable", "Skaters"):
        assert furniture not in text, furniture


def test_a_step_caption_after_a_short_paragraph_is_kept(tmp_path: Path) -> None:
    """A how-to's steps can be one short sentence each, with a photo caption set beside
    the figure: the caption stands between two paragraphs the article kept."""
    long = (
        "<p>Measure the pot and cut the foam about two centimetres smaller, then soak it in a bowl of "
        "water until it sinks to the bottom and dig a hole in it for the plant.</p>"
    )
    figure = '<div><figure><img data-src="/{0}.jpg"></figure><figcaption>{1} (Anna Berg)</figcaption></div>'
    page = tmp_path / "steps.html"
    page.write_text(
        "<html><head><title>How to pot a fern</title></head><body><article><h1>How to pot a fern</h1>"
        f"{long}<p>Insert your plant into the hole.</p>{figure.format(1, 'Plant in the foam')}"
        f"<p>Loop the cord around the post.</p>{figure.format(2, 'Tie knots.')}"
        f"{long.replace('Measure', 'Then measure')}</article></body></html>",
        encoding="utf-8",
    )
    blocks = [(b.kind, b.text) for s in clean(page).sections for b in s.blocks]
    assert ("caption", "Plant in the foam") in blocks
    assert ("caption", "Tie knots.") in blocks
    assert not any("Anna Berg" in text for _, text in blocks)


def test_a_list_of_repeated_buttons_is_dropped_and_a_short_list_kept(tmp_path: Path) -> None:
    """'Previous', 'Next', 'Previous', 'Next': a carousel's buttons. A list of short
    items that do not repeat (what to bring) is the article's."""
    prose = (
        "<p>The harbour ferry returned to service on Monday after six weeks of repairs, and the first "
        "crossing left the north quay at six forty with forty passengers aboard.</p>"
    )
    slides = "".join(
        f"<li><ul><li>Previous</li><li>Next</li></ul><h4>Harbour in pictures</h4><p>{caption}</p></li>"
        for caption in ("The quay at dawn", "Gulls over the pier", "The old crane")
    )
    page = tmp_path / "carousel.html"
    page.write_text(
        "<html><head><title>Ferry back</title></head><body><article><h1>Ferry back</h1>"
        f"{prose}<p>Bring these on board:</p><ul><li>Ticket</li><li>Bicycle lock</li><li>Warm coat</li></ul>"
        f"{prose.replace('Monday', 'Tuesday')}<ul>{slides}</ul></article></body></html>",
        encoding="utf-8",
    )
    text = " ".join(b.text for s in clean(page).sections for b in s.blocks)
    assert "Ticket. Bicycle lock. Warm coat." in text
    for furniture in ("Previous", "Next", "Gulls"):
        assert furniture not in text, furniture


def test_what_a_browser_would_not_show_is_not_read(tmp_path: Path) -> None:
    """Hidden parts of a page (a closed dialog, a player's menu, a stream of other
    stories kept off screen) are not the article, however much prose they hold."""
    story = (
        "<p>The harbour ferry returned to service on Monday after six weeks of repairs, and the first "
        "crossing left the north quay at six forty with forty passengers aboard.</p>"
        "<p>The operator said the repaired hull had passed its inspection on Friday, and that a second "
        "boat would join the route in the spring if passenger numbers kept rising.</p>"
        "<p>Fares stay as they were before the storm, and season tickets bought in January are extended "
        "by six weeks to make up for the crossings that were lost while the ferry was in dry dock.</p>"
        "<p>Bicycles travel free until the end of March, and dogs may share a cabin on the night crossing "
        "if the whole cabin is booked, the operator said in a statement on its website on Sunday.</p>"
        "<p>The harbour master thanked the crews who worked through the winter to finish the repairs "
        "early, and said the north quay would be lit again at night from the first week of April.</p>"
    )
    others = "".join(
        f"<p>{text} The council met on Tuesday evening to hear the residents and vote on the plan.</p>"
        for text in ("The old bridge will close for a week of works.", "A bakery on the quay won a prize.")
    )
    page = tmp_path / "hidden.html"
    page.write_text(
        "<html><head><title>Ferry back</title></head><body>"
        f'<div aria-hidden="true">{others}</div>'
        f'<div style="display: none"><p>This is a modal window. It can be closed by pressing the Escape '
        "key or activating the close button, and it opens again from the menu.</p></div>"
        f"<article><h1>Ferry back</h1>{story}<div hidden><p>Captions settings, opens the captions "
        "settings dialog; captions off, selected; the dialog closes when a choice is made.</p></div>"
        "</article></body></html>",
        encoding="utf-8",
    )
    text = " ".join(b.text for s in clean(page).sections for b in s.blocks)
    assert "first crossing left the north quay" in text and "second boat" in text
    for hidden in ("bridge", "bakery", "modal window", "Captions settings"):
        assert hidden not in text, hidden


def test_a_page_saved_with_a_dialog_open_is_still_read(tmp_path: Path) -> None:
    """A consent dialog marks everything behind it aria-hidden; hiding all of that would
    leave no article, so the page is read as a whole."""
    story = "".join(
        f"<p>{opening} The harbour ferry returned to service on Monday after six weeks of repairs, and "
        "the first crossing left the north quay at six forty with forty passengers aboard.</p>"
        for opening in ("Good news for the coast.", "The operator is pleased.", "Passengers cheered.")
    )
    page = tmp_path / "dialog.html"
    page.write_text(
        "<html><head><title>Ferry back</title></head><body>"
        f'<div id="app" aria-hidden="true"><article><h1>Ferry back</h1>{story}</article></div>'
        '<div role="dialog"><p>We use cookies.</p><button>Accept</button></div></body></html>',
        encoding="utf-8",
    )
    text = " ".join(b.text for s in clean(page).sections for b in s.blocks)
    assert "Passengers cheered." in text


def test_slideshow_gallery_and_its_title_are_dropped() -> None:
    """A gallery list counted '1/4', '2/4', ... is about other stories; the article
    runs on after it under no gallery heading."""
    article = clean(FIXTURES / "news_with_slideshow_gallery.html")
    text = str(article.to_json())
    for gallery in ("Harbour crane", "Ferry fares", "Lighthouse", "fish hall", "Local news in pictures"):
        assert gallery not in text, gallery
    paragraphs = [b.text for s in article.sections for b in s.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 4 and paragraphs[-1].startswith("The trust hopes")


def test_fractions_are_not_a_slideshow(tmp_path: Path) -> None:
    items = "".join(f"<li>1/2 {thing}</li>" for thing in ("cup of flour", "cup of milk", "teaspoon of salt"))
    story = (
        "<p>Mix everything in a large bowl, then leave the batter to rest for an hour before you bake it.</p>"
    )
    page = tmp_path / "recipe.html"
    page.write_text(f"<html><body><article>{story}<ul>{items}</ul>{story}</article></body></html>")
    assert "teaspoon of salt" in str(clean(page).to_json())


def test_byline_marked_in_the_page_when_metadata_has_none() -> None:
    """No author in JSON-LD or meta tags: the element marked 'byline' gives it, up to its
    line break; a sidebar teaser's and a commenter's names are not the article's."""
    article = clean(FIXTURES / "news_byline_marked_in_page_only.html")
    assert article.byline == ("Ines Carvalho",)


def test_footnote_marks_are_not_read_and_powers_are(tmp_path: Path) -> None:
    """A superscript link to a note, or a superscript number after a word or a
    sentence's end, is a footnote mark: left out, with the words around it kept apart.
    A superscript after a digit or a unit is a power, and is read."""
    page = tmp_path / "notes.html"
    page.write_text(
        "<html><head><title>Season tickets</title></head><body><article><h1>Season tickets</h1>"
        '<p>Passengers with season tickets need do nothing.<sup id="r1"><a href="#n1">1</a></sup>'
        "Refunds are paid within fourteen days of the request being made.</p>"
        "<p>The operator says the change affects commuters<sup>2</sup> on every line, and the"
        ' board<sup><a href="#n3">[3]</a></sup> approved it on Friday after a long debate.</p>'
        "<p>The new depot covers 4,000 m<sup>2</sup> and cost 10<sup>6</sup> euros, the board said.</p>"
        '<h2>Notes</h2><ol><li id="n1">Season tickets bought before 1 May.</li></ol>'
        "</article></body></html>",
        encoding="utf-8",
    )
    texts = [b.text for s in clean(page).sections for b in s.blocks]
    assert texts[:2] == [
        "Passengers with season tickets need do nothing. Refunds are paid within fourteen days of the"
        " request being made.",
        "The operator says the change affects commuters on every line, and the board approved it on"
        " Friday after a long debate.",
    ]
    assert "".join(texts[2].split()) == "Thenewdepotcovers4,000m2andcost106euros,theboardsaid."


@pytest.mark.parametrize(
    "og_title", ['<meta property="og:title" content="New ferry route opens to three islands on Monday">', ""]
)
def test_a_title_cut_from_the_headline_gives_way_to_the_full_headline(tmp_path: Path, og_title: str) -> None:
    """The <title> keeps only the first words of the headline that OpenGraph and the <h1>
    (or the <h1> alone) print in full: the full one is the title, and is not read again."""
    prose = "<p>The new route links the harbour with three islands, and the first boat leaves at seven.</p>"
    page = tmp_path / "cut.html"
    page.write_text(
        f"<html><head><title>New ferry route opens | Coast Courier</title>{og_title}</head><body>"
        "<article><h1>New ferry route opens to three islands on Monday</h1>"
        f"{prose * 3}</article></body></html>",
        encoding="utf-8",
    )
    article = clean(page)
    assert article.title == "New ferry route opens to three islands on Monday"
    texts = [s.heading for s in article.sections] + [b.text for s in article.sections for b in s.blocks]
    assert not any(t and "New ferry" in t for t in texts), texts


@pytest.mark.parametrize(
    "head, byline",
    [
        ('<p class="byline">By Ana Ruiz</p><p class="date">4 May 2025</p>', ("Ana Ruiz",)),
        ('<p>By Ana Ruiz</p><p><time datetime="2025-05-04">4 May 2025</time></p>', ("Ana Ruiz",)),
        ("<p>By Ana Ruiz, 4 May 2025</p>", ("Ana Ruiz",)),
    ],
    ids=["classes", "plain", "one-line"],
)
def test_a_byline_and_date_over_the_article_are_metadata_not_read(
    tmp_path: Path, head: str, byline: tuple[str, ...]
) -> None:
    """The paragraphs over the article that give its author and date are taken as its
    byline and date, and are not read again as the start of the article."""
    prose = (
        "<p>The harbour ferry returned to service on Monday after six weeks of repairs, and the first"
        " crossing left the north quay at six forty with forty passengers aboard.</p>"
    )
    page = tmp_path / "head.html"
    page.write_text(
        "<html><head><title>Ferry returns</title></head><body><main><article>"
        f"<h1>Ferry returns after repairs</h1>{head}{prose * 4}</article></main></body></html>",
        encoding="utf-8",
    )
    article = clean(page)
    assert article.byline == byline
    assert article.published is not None and article.published.date().isoformat() == "2025-05-04"
    texts = [b.text for s in article.sections for b in s.blocks]
    assert not any("Ana Ruiz" in t or "2025" in t for t in texts), texts


def test_a_short_page_keeps_its_parts_apart(tmp_path: Path) -> None:
    """A page with one short paragraph: its headline, byline and date are not run into
    the paragraph (trafilatura's fallback for short pages joins them)."""
    page = tmp_path / "short.html"
    page.write_text(
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry returns after repairs</h1>"
        '<p class="byline">By Ana Ruiz</p><p class="date">4 May 2025</p>'
        "<p>The harbour ferry is back. The first crossing left the north quay at six forty.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = clean(page)
    assert (article.title, article.byline) == ("Ferry returns after repairs", ("Ana Ruiz",))
    assert [b.text for s in article.sections for b in s.blocks] == [
        "The harbour ferry is back. The first crossing left the north quay at six forty."
    ]


def test_a_long_sentence_that_opens_like_a_button_is_prose(tmp_path: Path) -> None:
    """'Listen ...', 'Follow us ...', 'Read more ...' open a button's label, but a long
    sentence that opens so is the article's; the short label is not read."""
    kept = [
        "Listen to the river at dawn, the warden said, and you will hear the otters calling on the water.",
        "Follow us on the walk, the guides told the group, and we climbed the ridge before the rain came in.",
        "Read more slowly, the teacher told the class, because the poem hides its rhymes inside the lines.",
    ]
    page = tmp_path / "river.html"
    page.write_text(
        "<html><head><title>A morning on the river</title></head><body><article>"
        "<h1>A morning on the river</h1>"
        + "".join(f"<p>{t}</p>" for t in kept)
        + "<p>Follow us on Twitter.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    texts = [b.text for s in clean(page).sections for b in s.blocks]
    assert texts == kept


def test_a_short_opening_sentence_with_a_date_or_by_is_read_not_taken_for_metadata(tmp_path: Path) -> None:
    """Only a line that is its names and date (nearly) alone is a byline or date line."""
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><title>Library to close</title></head><body><article>"
        "<h1>Library to close</h1>"
        "<p>The council voted on 4 May 2025 to shut the library.</p>"
        "<p>By Monday, Sam Lee and Ann Park had resigned.</p>"
        "<p>Residents packed the town hall for three hours, and many said the building had been the "
        "only warm public place open in the evenings during the winter months.</p>"
        "<p>The council leader said the decision was forced by a budget gap of two million pounds, "
        "and that the books would move to the school library on the hill.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = clean(page)
    text = " ".join(b.text for s in article.sections for b in s.blocks)
    assert "The council voted on 4 May 2025 to shut the library." in text
    assert "By Monday, Sam Lee and Ann Park had resigned." in text
    assert article.byline == () and article.published is None


_QUOTED = "We cannot keep patching a wall that the sea has already decided to take back."
_PAGE_WITH_QUOTE = """<html lang="en"><head><title>Harbour notes</title></head><body><article>
<h1>Harbour notes</h1>
<p>The council met on Tuesday to talk about the harbour wall and the new ferry timetable
for the winter months.</p>
{quote}
<p>The vote on the repair budget is expected next month, after a survey of the foundations
is finished by engineers.</p>
<blockquote><p>We will keep the ferry running all winter — storms or no storms</p></blockquote>
</article></body></html>"""


@pytest.mark.parametrize(
    "quote",
    [
        f"<blockquote><p>{_QUOTED}</p><footer>— Mara Lind, harbour master</footer></blockquote>",
        f"<blockquote><p>{_QUOTED}</p><footer>— <cite>Mara Lind</cite>, harbour master</footer></blockquote>",
        f"<figure><blockquote><p>{_QUOTED}</p></blockquote>"
        "<figcaption>— Mara Lind, harbour master</figcaption></figure>",
        f"<blockquote><p>{_QUOTED}</p><p><cite>— Mara Lind, harbour master</cite></p></blockquote>",
    ],
    ids=["footer", "cite-in-footer", "figcaption", "cite-paragraph"],
)
def test_a_quotations_attribution_is_kept_and_read_after_it(tmp_path: Path, quote: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(_PAGE_WITH_QUOTE.format(quote=quote), encoding="utf-8")
    blocks = [(b.kind, b.text) for s in clean(page).sections for b in s.blocks]
    assert ("quote", _QUOTED) in blocks
    at = blocks.index(("quote", _QUOTED))
    assert blocks[at + 1] == ("paragraph", "— Mara Lind, harbour master")
    # a dash inside a quotation, after no full stop, is the quotation's own
    assert blocks[-1] == ("quote", "We will keep the ferry running all winter — storms or no storms")
