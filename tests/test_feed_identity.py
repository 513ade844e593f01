"""Which episode an article is: two sources are two episodes, even with one title and
date; the same file or URL narrated again replaces its own, even with a new headline."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest

from narrator.pipeline import NarrateOptions, narrate
from tests.conftest import ROOT


def _letter(path: Path, title: str, text: str, date: str = "2025-05-01") -> Path:
    path.write_text(f"---\ntitle: {title}\ndate: {date}\n---\n\n{text}\n", encoding="utf-8")
    return path


def _entries(out: Path) -> list[feedparser.FeedParserDict]:
    parsed = feedparser.parse((out / "default" / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.entries


def _batch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "narrator", "narrate", *args, "--voice", "tone"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_two_letters_with_one_title_and_date_are_two_episodes_in_a_batch(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    _letter(letters / "a.md", "Letters", "The ferry should run on Sundays again, writes a reader.")
    _letter(letters / "b.md", "Letters", "The library needs longer opening hours in winter.")
    out = tmp_path / "out"
    first = _batch(str(letters), "-o", str(out))
    assert first.returncode == 0, first.stderr
    entries = _entries(out)
    assert len(entries) == 2 and len({e.id for e in entries}) == 2
    assert len({e.enclosures[0].href for e in entries}) == 2
    assert sorted("ferry" in e.summary for e in entries) == [False, True]
    assert sorted("library" in e.summary for e in entries) == [False, True]
    again = _batch(str(letters), "-o", str(out))
    assert "0 published, 2 unchanged" in again.stdout, again.stdout
    assert {e.id for e in _entries(out)} == {e.id for e in entries}


def test_the_same_file_again_replaces_its_own_episode_not_its_namesake(tmp_path: Path) -> None:
    out, options = tmp_path / "out", NarrateOptions(voice="tone")
    a = _letter(tmp_path / "a.md", "Letters", "The ferry should run on Sundays again.")
    b = _letter(tmp_path / "b.md", "Letters", "The library needs longer opening hours.")
    first_a, first_b = (narrate(p, out, options).episode for p in (a, b))
    assert first_a.guid != first_b.guid and first_a.slug == "2025-05-01-letters"
    _letter(a, "Letters", "The ferry should run on Sundays again, and on holidays.")
    second_a = narrate(a, out, options).episode
    assert second_a.guid == first_a.guid and second_a.slug == first_a.slug
    entries = _entries(out)
    assert sorted(e.id for e in entries) == sorted([first_a.guid, first_b.guid])
    assert any("holidays" in e.summary for e in entries) and any("library" in e.summary for e in entries)


def test_titles_in_other_scripts_give_slugs_and_two_episodes(tmp_path: Path) -> None:
    out, options = tmp_path / "out", NarrateOptions(voice="tone")
    port = _letter(tmp_path / "ru.md", '"Новости порта"', "Паром снова ходит по воскресеньям.", "2025-04-01")
    week = _letter(tmp_path / "ru2.md", '"Погода на неделю"', "Всю неделю будет тепло и сухо.", "2025-04-01")
    symbols = _letter(tmp_path / "sym.md", '"☂ ☀"', "The weather, in pictures, for the week.", "2025-04-01")
    slugs = [narrate(p, out, options).episode.slug for p in (port, week, symbols)]
    assert slugs[:2] == ["2025-04-01-novosti-porta", "2025-04-01-pogoda-na-nedelyu"]
    assert slugs[2].startswith("2025-04-01-") and len(slugs[2]) > len("2025-04-01-")
    assert len({e.id for e in _entries(out)}) == 3


def test_a_title_with_no_letters_to_spell_gets_a_short_hash_of_itself(tmp_path: Path) -> None:
    out, options = tmp_path / "out", NarrateOptions(voice="tone")
    one = _letter(tmp_path / "one.md", '"\ue000\ue001"', "Private-use characters only, in the title.")
    two = _letter(tmp_path / "two.md", '"\ue002"', "Another title of private-use characters.")
    slugs = [narrate(p, out, options).episode.slug for p in (one, two)]
    assert all(s.startswith("2025-05-01-") and len(s) == len("2025-05-01-") + 8 for s in slugs)
    assert slugs[0] != slugs[1]


def test_an_older_index_without_sources_is_replaced_by_slug_and_then_records_the_source(
    tmp_path: Path,
) -> None:
    out, options = tmp_path / "out", NarrateOptions(voice="tone")
    a = _letter(tmp_path / "a.md", "Letters", "The ferry should run on Sundays again.")
    first = narrate(a, out, options).episode
    index = out / "default" / "episodes.json"
    records = json.loads(index.read_text(encoding="utf-8"))
    for record in records["episodes"]:
        del record["source"]  # as narrator wrote it before sources were recorded
    index.write_text(json.dumps(records), encoding="utf-8")
    _letter(a, "Letters", "The ferry should run on Sundays again, and on holidays.")
    second = narrate(a, out, options).episode
    assert second.guid == first.guid
    (entry,) = _entries(out)
    assert "holidays" in entry.summary
    (record,) = json.loads(index.read_text(encoding="utf-8"))["episodes"]
    assert record["source"] == str(a.resolve())


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder of pages served on 127.0.0.1: (base URL, folder)."""
    folder = tmp_path / "site"
    folder.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _page(headline: str) -> str:
    return (
        f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
        '<time datetime="2025-06-02">2 June 2025</time>'
        "<p>A new health clinic opened on Monday with twelve doctors and a pharmacy.</p>"
        "<p>Patients can book online or call the front desk from eight in the morning.</p>"
        "</article></body></html>"
    )


def test_a_page_whose_headline_changed_replaces_its_episode(site: tuple[str, Path], tmp_path: Path) -> None:
    base, folder = site
    out, options = tmp_path / "out", NarrateOptions(voice="tone")
    (folder / "clinic.html").write_text(_page("New clinic opens"), encoding="utf-8")
    first = narrate(f"{base}/clinic.html", out, options).episode
    (folder / "clinic.html").write_text(_page("New clinic opens on Harbour Road"), encoding="utf-8")
    second = narrate(f"{base}/clinic.html", out, options).episode
    assert second.guid == first.guid
    (entry,) = _entries(out)
    assert entry.id == first.guid and entry.title == "New clinic opens on Harbour Road"
