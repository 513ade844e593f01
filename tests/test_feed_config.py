"""Feed definitions are checked: a wrong type or value is one sentence and exit 2, never a
feed that says what was not meant."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from narrator.errors import FeedError
from narrator.feed.config import load_feed
from tests.conftest import EXAMPLE, ROOT

DEFAULT = (ROOT / "feeds" / "default.toml").read_text(encoding="utf-8")
ITUNES = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}


def _feed(tmp_path: Path, **fields: str) -> Path:
    """The default feed definition with `fields` (TOML values as written) in place."""
    lines = [
        line
        for line in DEFAULT.splitlines()
        if line.split("=", 1)[0].strip() not in fields and not line.startswith("category ")
    ]
    path = tmp_path / "show.toml"
    path.write_text("\n".join([*lines, *(f"{k} = {v}" for k, v in fields.items())]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"explicit": '"false"'}, "explicit must be true or false"),
        ({"explicit": '"maybe"'}, "explicit must be true or false"),
        ({"title": "42"}, "title must be text"),
        ({"title": '"  "'}, "title must be text, not empty"),
        ({"base_url": '"ftp://x y/"'}, "base_url must be an http"),
        ({"base_url": '"https://example.org/my show/"'}, "base_url must be an http"),
        ({"link": '"example.org"'}, "link must be an http"),
        ({"language": '"english"'}, "language must be a language code"),
        ({"categories": '["Nonsense"]'}, "'Nonsense' is not one"),
        ({"categories": '["News > Gardening"]'}, "'News > Gardening' is not one"),
        ({"categories": '"News"'}, "categories must be a list"),
        ({"owner_email": '"nobody"'}, "owner_email must be an email address"),
        ({"owner_name": '""'}, "owner_name must be text, not empty"),
        ({"categories": "[]"}, "categories must be a list of at least one"),
        (
            {"base_url": '"http://127.0.0.1:99999/show/"'},
            "base_url must be an http:// or https:// address with a port",
        ),
    ],
)
def test_a_wrong_field_is_one_sentence_that_names_it(
    fields: dict[str, str], named: str, tmp_path: Path
) -> None:
    feed = _feed(tmp_path, **fields)
    with pytest.raises(FeedError, match=named):
        load_feed(str(feed))
    result = subprocess.run(
        [sys.executable, "-m", "narrator", "narrate", str(EXAMPLE), "--feed", str(feed), "--voice", "tone"]
        + ["--output", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert named in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_good_fields_reach_the_feed_as_written(tmp_path: Path) -> None:
    from narrator.pipeline import NarrateOptions, narrate

    feed = _feed(
        tmp_path,
        explicit="true",
        language='"fr-CA"',
        categories='["News > Politics", "Society & Culture"]',
        base_url='"https://example.org/show"',
    )
    result = narrate(EXAMPLE, tmp_path / "out", NarrateOptions(voice="tone", feed=str(feed)))
    data = result.feed_path.read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo and parsed.feed.language == "fr-CA"
    assert parsed.entries[0].enclosures[0].href.startswith("https://example.org/show/episodes/")
    tree = etree.fromstring(data)
    assert tree.xpath("/rss/channel/itunes:explicit/text()", namespaces=ITUNES) == ["yes"]
    assert tree.xpath("/rss/channel/itunes:category/@text", namespaces=ITUNES) == [
        "News",
        "Society & Culture",
    ]
    assert tree.xpath("/rss/channel/itunes:category/itunes:category/@text", namespaces=ITUNES) == ["Politics"]


_SEVERAL_WRONG = {
    "title": ("42", "title must be text in quotes"),
    "language": ('"english"', "language must be a language code"),
    "explicit": ('"false"', "explicit must be true or false"),
    "categories": ('["News > Gardening"]', "'News > Gardening' is not one"),
    "artwork": ('"small.png"', "small.png must be square, 1400 to 3000 px (it is 1000x1000)"),
}


def _several_wrong(tmp_path: Path) -> Path:
    """A definition with five fields wrong and owner_email left out."""
    from PIL import Image

    Image.new("RGB", (1000, 1000)).save(tmp_path / "small.png")
    feed = _feed(tmp_path, **{key: value for key, (value, _) in _SEVERAL_WRONG.items()})
    kept = [
        line for line in feed.read_text(encoding="utf-8").splitlines() if not line.startswith("owner_email")
    ]
    feed.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return feed


def test_every_wrong_field_is_named_in_one_sentence(tmp_path: Path) -> None:
    """The first wrong field alone was named: the user fixed them one run at a time."""
    with pytest.raises(FeedError) as raised:
        load_feed(str(_several_wrong(tmp_path)))
    message = str(raised.value)
    assert "\n" not in message and message.endswith(".")
    assert "6 fields are wrong" in message and "the field 'owner_email' is missing" in message
    for _, named in _SEVERAL_WRONG.values():
        assert named in message


def test_a_definition_gone_wrong_touches_nothing_published(tmp_path: Path) -> None:
    out = tmp_path / "out"
    feed = _feed(tmp_path)
    command = [sys.executable, "-m", "narrator", "narrate", str(EXAMPLE), "--feed", str(feed)]
    command += ["--voice", "tone", "--output", str(out), "--quiet"]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    published = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _several_wrong(tmp_path)  # the same show.toml, now with every mistake
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 2
    assert len(again.stderr.strip().splitlines()) == 1
    assert all(named in again.stderr for _, named in _SEVERAL_WRONG.values())
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == published
