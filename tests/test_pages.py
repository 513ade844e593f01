"""Listening pages as files: what publishing writes, how the feed links them, escaping, and
that a page refers to nothing outside its feed folder. The browser checks are in
test_pages_browser.py."""

from __future__ import annotations

import errno
import functools
import shutil
import threading
from dataclasses import replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from lxml import etree, html

from narrator import atomic
from narrator.document import Episode
from narrator.feed import episodes as episodes_module
from narrator.feed.config import FeedConfig, load_feed
from narrator.feed.cues import PageCue, read_vtt
from narrator.feed.episodes import list_episodes, publish, rebuild, remove
from narrator.feed.pages import Pages, page_path
from narrator.pipeline import NarrateOptions, narrate
from tests.conftest import EXAMPLE, FIXTURES

SCRIPTED = FIXTURES / "dump_with_script_tags.txt"
BASE = "http://127.0.0.1:8000/show/"


def make_site(root: Path, base_url: str = BASE) -> tuple[FeedConfig, Path, list[Episode]]:
    """A feed `show` in root/out with three episodes: the example article (chapters and a
    transcript), one with <script> in its title and text, and a copy of the example's MP3
    published with neither chapters nor transcript."""
    toml = root / "show.toml"
    toml.write_text(
        'title = "Ears & <Eyes>"\ndescription = "Articles read aloud, <b>not</b> bold."\n'
        'author = "Tester"\nowner_email = "tests@example.org"\ncategories = ["News"]\n'
        f'base_url = "{base_url}"\n',
        encoding="utf-8",
    )
    output = root / "out"
    options = NarrateOptions(feed=str(toml), voice="tone")
    example = narrate(EXAMPLE, output, options).episode
    scripted = narrate(SCRIPTED, output, options).episode
    config = load_feed(str(toml))
    folder = output / config.name
    bare_mp3 = folder / "episodes" / "bare.mp3"
    shutil.copyfile(example.path, bare_mp3)
    bare = replace(
        example,
        slug="bare",
        guid="bare-guid",
        source="",  # made here, from no file: a new episode beside the example's
        title="Bare episode",
        path=bare_mp3,
        chapters=(),
        sidecars=(),
        blocks=(),
        published=None,
    )
    publish(config, folder, bare)
    return config, folder, [example, scripted, bare]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[FeedConfig, Path, list[Episode]]:
    return make_site(tmp_path_factory.mktemp("pages"))


def _doc(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def test_publishing_writes_the_show_page_and_one_page_per_episode(site) -> None:
    config, folder, (example, scripted, bare) = site
    show = _doc(folder / "index.html")
    assert show.findtext(".//h1") == config.title
    cover = show.xpath("//img[@class='cover']")[0]
    assert cover.get("alt").strip() and (folder / cover.get("src")).is_file()
    assert config.description in show.text_content()
    items = show.xpath("//ol[@class='episodes']/li")
    # newest first: the example is dated 2026, the scripted article 2025, the bare one undated
    assert [li.xpath("string(.//h3)").strip() for li in items] == [example.title, scripted.title, bare.title]
    for li, episode in zip(items, (example, scripted, bare), strict=True):
        hrefs = li.xpath(".//a/@href")
        assert page_path(folder, episode).relative_to(folder).as_posix() in hrefs
        assert episode.path.relative_to(folder).as_posix() in hrefs and "feed.xml" in hrefs
        assert li.xpath(".//time[@datetime]")  # duration, and the date where there is one
    assert len(show.xpath("//ol[@class='episodes']/li[1]//time")) == 2
    for episode in (example, scripted, bare):
        page = _doc(page_path(folder, episode))
        assert page.findtext(".//h1") == episode.title
        assert page.xpath("//audio[@controls]/@src") == [episode.path.name]


def test_episode_page_is_the_articles_text_with_times(site) -> None:
    _, folder, (example, _, _) = site
    page = _doc(page_path(folder, example))
    vtt = dict(example.sidecars)["vtt"]
    assert page.xpath("//audio/track[@kind='captions']/@src") == [vtt.name]
    cues = page.xpath("//section[@id='transcript']//span[@class='cue']")
    assert len(cues) == sum(b.cues for b in example.blocks) > 10
    headings = [h.text_content() for h in page.xpath("//section[@id='transcript']//h3")]
    assert headings == [c.title for c in example.chapters[1:]]
    paragraphs = page.xpath("//section[@id='transcript']/p[@class='paragraph']")
    assert len(paragraphs) == sum(1 for b in example.blocks if b.kind == "paragraph")
    starts = [float(c.get("data-start")) for c in cues]
    assert starts == sorted(starts) and starts[0] > 0
    chapter_links = page.xpath("//nav//a[@class='chapter']")
    assert [a.get("href") for a in chapter_links] == [
        f"{example.path.name}#t={c.start_ms / 1000:.3f}" for c in example.chapters
    ]
    # every chapter starts where its heading's cue is heard
    for chapter in example.chapters[1:]:
        heading = page.xpath(f"//h3[.='{chapter.title}']/span")[0]
        assert abs(float(heading.get("data-start")) - chapter.start_ms / 1000) < 0.5


def test_feed_links_point_at_the_pages(site) -> None:
    config, folder, (example, scripted, bare) = site
    parsed = feedparser.parse((folder / "feed.xml").read_bytes())
    assert parsed.feed.link == config.base_url  # the folder URL: its index.html is the show page
    links = {e.title: e.link for e in parsed.entries}
    for episode in (example, scripted, bare):
        assert (
            links[episode.title]
            == config.base_url + page_path(folder, episode).relative_to(folder).as_posix()
        )


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_item_names_the_original_article_when_known(site, tmp_path: Path) -> None:
    """Narrated from a URL (a page served on 127.0.0.1): dc:source in the item, a link on the
    page; narrated from a file: neither."""
    config, folder, (example, _, _) = site
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(FIXTURES)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/news_jsonld_figure_quote_list.html"
    try:
        toml = tmp_path / "show.toml"
        toml.write_text((folder.parent.parent / "show.toml").read_text(encoding="utf-8"), encoding="utf-8")
        episode = narrate(url, tmp_path / "out", NarrateOptions(feed=str(toml), voice="tone")).episode
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
    assert episode.source_url == url
    ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    items = etree.parse(tmp_path / "out" / "show" / "feed.xml").findall("channel/item")
    assert [i.xpath("dc:source/text()", namespaces=ns) for i in items] == [[url]]
    page = _doc(page_path(tmp_path / "out" / "show", episode))
    assert page.xpath("//a[.='Original article']/@href") == [url]
    assert not etree.parse(folder / "feed.xml").xpath("//dc:source", namespaces=ns)
    assert not _doc(page_path(folder, example)).xpath("//a[.='Original article']")


def test_titles_and_text_are_escaped(site) -> None:
    config, folder, (_, scripted, _) = site
    assert "<script>" in scripted.title
    for path in (folder / "index.html", page_path(folder, scripted)):
        raw = path.read_text(encoding="utf-8")
        doc = html.fromstring(raw)
        scripts = doc.xpath("//script")
        assert all(s.get("src") == "../assets/listen.js" and not (s.text or "").strip() for s in scripts)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<b>" not in raw
    page = _doc(page_path(folder, scripted))
    assert page.findtext(".//h1") == scripted.title
    said = page.xpath("string(//section[@id='transcript'])")
    assert "script" in said and not page.xpath("//section[@id='transcript']//b")
    assert _doc(folder / "index.html").findtext(".//h1") == config.title == "Ears & <Eyes>"


def test_pages_refer_to_nothing_outside_the_feed_folder(site) -> None:
    config, folder, _ = site
    pages = [folder / "index.html", *sorted((folder / "episodes").glob("*.html"))]
    assert len(pages) == 4
    for path in pages:
        url = config.base_url + path.relative_to(folder).as_posix()
        doc = _doc(path)
        refs = doc.xpath("//@src | //@href")
        assert refs
        for ref in refs:
            target = urljoin(url, ref)
            assert target.startswith(config.base_url), f"{path.name} refers to {ref}"
            local = folder / urlsplit(target).path.removeprefix(urlsplit(config.base_url).path)
            if not urlsplit(target).fragment or ".mp3" in target:
                assert local.exists() or local == folder / "", f"{path.name}: {ref} is missing"


def test_an_episode_without_chapters_or_transcript_gets_a_working_page(site) -> None:
    _, folder, (_, _, bare) = site
    page = _doc(page_path(folder, bare))
    assert page.xpath("//audio[@controls]/@src") == ["bare.mp3"]
    assert not page.xpath("//nav") and not page.xpath("//track")
    assert "no transcript" in page.xpath("string(//section[@id='transcript'])")
    assert page.xpath("//button[@id='play']") and page.xpath("//select[@id='speed']")


def test_rebuild_and_remove_keep_pages_in_step(tmp_path: Path) -> None:
    config, folder, (example, scripted, bare) = make_site(tmp_path)
    page = page_path(folder, scripted)
    page.unlink()
    (folder / "index.html").write_text("stale", encoding="utf-8")
    rebuild(config, folder)
    assert page.exists() and "stale" not in (folder / "index.html").read_text(encoding="utf-8")
    remove(config, folder, scripted.slug)
    assert not page.exists()
    show = (folder / "index.html").read_text(encoding="utf-8")
    assert "alert(1)" not in show and example.title in show
    assert [e.slug for e in list_episodes(folder)] == ["bare", example.slug]
    assert not list((folder / "episodes").glob(".*.tmp"))


def test_publishing_renders_only_the_pages_that_changed(tmp_path: Path) -> None:
    """Adding an episode leaves the other episodes' pages alone (a mark put in one stays);
    an episode's page is rendered again when its own entry changes, and every page when
    the show's title (which each page shows) changes, or when a page is missing."""
    config, folder, (example, scripted, bare) = make_site(tmp_path)
    mark = b"<!-- not rendered since -->"
    pages = {e.slug: page_path(folder, e) for e in (example, scripted, bare)}
    for page in pages.values():
        page.write_bytes(page.read_bytes() + mark)

    publish(config, folder, replace(bare, slug="another", guid="another-guid", title="Another"))
    assert "Another" in _doc(page_path(folder, replace(bare, slug="another"))).xpath("string(//h1)")
    assert all(page.read_bytes().endswith(mark) for page in pages.values())
    assert "Another" in (folder / "index.html").read_text(encoding="utf-8")

    publish(config, folder, replace(example, title="Renamed"))
    assert _doc(pages[example.slug]).xpath("string(//h1)") == "Renamed"
    assert not pages[example.slug].read_bytes().endswith(mark)
    assert pages[scripted.slug].read_bytes().endswith(mark)

    pages[bare.slug].unlink()
    publish(config, folder, replace(example, title="Renamed again"))
    assert _doc(pages[bare.slug]).xpath("string(//h1)") == "Bare episode"
    assert pages[scripted.slug].read_bytes().endswith(mark)

    retitled = replace(config, title="A new name")
    publish(retitled, folder, replace(example, title="Renamed"))
    for page in pages.values():
        assert not page.read_bytes().endswith(mark)
        assert "A new name" in _doc(page).xpath("string(//header)")


def test_a_replacement_that_fails_before_the_index_leaves_no_page_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are written before the index: when the index cannot be written (a full
    disk), a replaced episode's page shows the version that was not published. The next
    publish renders every page again, so no page stays out of step with the feed."""
    config, folder, (example, scripted, bare) = make_site(tmp_path)
    page = page_path(folder, example)

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(episodes_module, "write_index", full_disk)
    with pytest.raises(OSError):
        publish(config, folder, replace(example, title="Never published"))
    monkeypatch.undo()
    assert [e.title for e in list_episodes(folder) if e.guid == example.guid] == [example.title]

    publish(config, folder, replace(bare, slug="another", guid="another-guid", title="Another"))
    assert _doc(page).xpath("string(//h1)") == example.title


def test_a_version_whose_feed_could_not_be_replaced_goes_at_the_next_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A replacement whose feed.xml cannot be written (a full disk) after its index was:
    the old feed.xml still names the old version's files, so they stay; once a later
    publish replaces feed.xml, no index or feed names them, and they go."""
    config, folder, (example, _, bare) = make_site(tmp_path)
    old_files = [example.path, *(path for _, path in example.sidecars)]
    staged = example.path.with_name(".second-version.tmp")
    staged.write_bytes(example.path.read_bytes() + b"\0")
    second = replace(example, title="Second version", size=example.size + 1, sidecars=())
    write_bytes = atomic.write_bytes

    def feed_on_a_full_disk(path: Path, data: bytes, durable: bool = True) -> None:
        if path.name == "feed.xml":
            raise OSError(errno.ENOSPC, "No space left on device")
        write_bytes(path, data, durable)

    monkeypatch.setattr(atomic, "write_bytes", feed_on_a_full_disk)
    with pytest.raises(OSError):
        publish(config, folder, second, {second.path: staged})
    monkeypatch.undo()
    assert all(path.exists() for path in old_files)  # the feed on disk still names them

    publish(config, folder, replace(bare, slug="another", guid="another-guid", title="Another"))
    assert not any(path.exists() for path in old_files)
    listed = list_episodes(folder)
    named = {p.name for e in listed for p in (e.path, *(p for _, p in e.sidecars), page_path(folder, e))}
    left = {p.name for p in (folder / "episodes").iterdir() if not p.name.startswith(".")}
    assert left == named and all((folder / "episodes" / name).exists() for name in named)


def test_an_older_index_without_blocks_gets_one_paragraph_per_chapter(site) -> None:
    config, folder, (example, _, _) = site
    vtt = dict(example.sidecars)["vtt"].read_text(encoding="utf-8")
    page = html.fromstring(Pages(config, folder).episode(replace(example, blocks=()), vtt))
    paragraphs = page.xpath("//section[@id='transcript']/p[span]")
    assert len(paragraphs) == len(example.chapters)
    cues = [c for p in paragraphs for c in p.xpath("span[@class='cue']")]
    assert len(cues) == sum(b.cues for b in example.blocks)
    for p, chapter in zip(paragraphs[1:], example.chapters[1:], strict=True):
        assert p.xpath("string(span[1])") == chapter.title


def test_the_transcript_is_read_back_as_webvtt_writes_it() -> None:
    text = (
        "WEBVTT\n\n1\n00:00:00.250 --> 00:00:01.500\nFish &amp; chips &lt;3\n\n"
        "2\n01:02:03.004 --> 01:02:04.000\ntwo\nlines\n\nNOTE a note\n\n"
    )
    assert read_vtt(text) == [PageCue("Fish & chips <3", 250, 1500), PageCue("two lines", 3723004, 3724000)]
    assert read_vtt("not a transcript") == []


def test_a_french_episode_marks_its_own_words_french_and_the_pages_words_english(tmp_path: Path) -> None:
    """The player's and the page's words are English: a French page said lang="fr" for them,
    so a screen reader spoke "Chapters" and "Play" with French rules."""
    config, folder, _ = make_site(tmp_path)
    options = NarrateOptions(feed=str(tmp_path / "show.toml"), voice="tone")
    french = narrate(FIXTURES / "french_article_with_numbers.html", tmp_path / "out", options).episode
    assert french.language == "fr"
    page = _doc(page_path(folder, french))
    assert page.get("lang") == "en"
    assert page.xpath("//h1/@lang") == ["fr"]
    paragraphs = page.xpath("//section[@id='transcript']/p[@class='paragraph']")
    assert paragraphs and all(p.get("lang") == "fr" for p in paragraphs)
    assert not page.xpath("//section[@id='player']//*[@lang]")  # Play, Speed: the page's English
    show = _doc(folder / "index.html")
    titles = show.xpath("//ol[@class='episodes']//h3/a")
    assert {a.text_content(): a.get("lang") for a in titles}[french.title] == "fr"
    assert not show.xpath("//h1/@lang")  # the show itself is English
