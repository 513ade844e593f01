"""feed.xml as podcast apps read it: parsed by feedparser, checked by XPath."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from lxml import etree

from narrator.errors import FeedError
from narrator.pipeline import NarrateOptions, narrate
from tests.conftest import EXAMPLE, FIXTURES

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def _tone(tmp_path: Path, source: Path):
    return narrate(source, tmp_path / "out", NarrateOptions(voice="tone"))


def test_feed_parses_with_an_item_per_episode(tmp_path: Path) -> None:
    result = _tone(tmp_path, EXAMPLE)
    parsed = feedparser.parse(result.feed_path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Narrator: articles read aloud"
    assert parsed.feed.language == "en"
    assert parsed.feed.link == "http://127.0.0.1:8000/default/"
    (item,) = parsed.entries
    assert item.title == "Listening is reading too"
    (enclosure,) = item.enclosures
    assert enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == result.episode.path.stat().st_size
    assert enclosure.href == ("http://127.0.0.1:8000/default/episodes/" + result.episode.path.name)
    assert item.published_parsed[:3] == (2026, 11, 20)
    assert int(item.itunes_duration) == round(result.episode.duration_ms / 1000)
    assert item.id == result.episode.guid

    tree = etree.fromstring(result.feed_path.read_bytes())
    assert tree.xpath("/rss/channel/itunes:category/@text", namespaces={"itunes": ITUNES}) == [
        "News",
        "Technology",
    ]
    assert tree.xpath("/rss/channel/itunes:explicit/text()", namespaces={"itunes": ITUNES}) == ["no"]
    assert tree.xpath("/rss/channel/item/guid/@isPermaLink") == ["false"]


def test_narrating_again_replaces_and_another_adds(tmp_path: Path) -> None:
    first = _tone(tmp_path, EXAMPLE)
    again = _tone(tmp_path, EXAMPLE)
    assert again.episode.guid == first.episode.guid
    entries = feedparser.parse(again.feed_path.read_bytes()).entries
    assert [e.id for e in entries] == [first.episode.guid]

    other = _tone(tmp_path, FIXTURES / "dump_newspaper_with_ads.txt")
    entries = feedparser.parse(other.feed_path.read_bytes()).entries
    assert sorted(e.id for e in entries) == sorted([first.episode.guid, other.episode.guid])
    assert len({e.enclosures[0].href for e in entries}) == 2
    for entry in entries:
        name = entry.enclosures[0].href.rsplit("/", 1)[1]
        assert int(entry.enclosures[0].length) == (other.episode.path.parent / name).stat().st_size


def test_broken_index_fails_before_anything_changes(tmp_path: Path) -> None:
    result = _tone(tmp_path, EXAMPLE)
    folder = result.feed_path.parent
    (folder / "episodes.json").write_text("{ not json")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with pytest.raises(FeedError, match="broken"):
        _tone(tmp_path, FIXTURES / "dump_newspaper_with_ads.txt")
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    result = _tone(tmp_path, EXAMPLE)
    leftovers = [p for p in result.feed_path.parent.rglob("*.tmp")]
    assert leftovers == []


def _timed_page(stamp: str) -> str:
    return (
        "<html><head><title>Ferry timetable changes</title></head><body><article>"
        f'<h1>Ferry timetable changes</h1><p>Published <time datetime="{stamp}">2 June 2025</time></p>'
        "<p>The first ferry of the day will leave at six instead of seven from next week.</p>"
        "<p>The council says the change follows a survey of four hundred passengers.</p>"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("stamp", "pub_date"),
    [
        ("2025-06-02T09:00:00+01:00", "Mon, 02 Jun 2025 09:00:00 +0100"),
        ("2025-06-02T17:30:00Z", "Mon, 02 Jun 2025 17:30:00 +0000"),
        ("2025-06-02", "Mon, 02 Jun 2025 00:00:00 +0000"),  # a day alone stays a day
    ],
)
def test_a_pages_publication_time_and_zone_reach_the_pub_date(
    tmp_path: Path, stamp: str, pub_date: str
) -> None:
    from email.utils import parsedate_to_datetime

    page = tmp_path / "ferry.html"
    page.write_text(_timed_page(stamp), encoding="utf-8")
    result = _tone(tmp_path, page)
    tree = etree.fromstring(result.feed_path.read_bytes())
    (written,) = tree.xpath("/rss/channel/item/pubDate/text()")
    assert parsedate_to_datetime(written) == parsedate_to_datetime(pub_date)
    assert written.endswith(pub_date[-5:])
    (entry,) = feedparser.parse(result.feed_path.read_bytes()).entries
    assert entry.published_parsed[:5] == parsedate_to_datetime(pub_date).utctimetuple()[:5]
