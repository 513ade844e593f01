"""`narrator serve` as podcast apps use it: HEAD, byte ranges, MIME types, CORS, no way
out of the output folder, and gPodder's `gpo` subscribing and downloading."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import podcastparser
import pytest
import uvicorn
from lxml import etree

from narrator.feed.serve import make_app
from narrator.pipeline import NarrateOptions, narrate
from tests.conftest import EXAMPLE, needs_gpo


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, object]]:
    """A server on 127.0.0.1 (ephemeral port) over a feed with one narrated episode."""
    root = tmp_path_factory.mktemp("serve")
    output = root / "out"
    output.mkdir()
    server = uvicorn.Server(uvicorn.Config(make_app(output), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # bounded wait for start-up
        if server.started:
            break
        time.sleep(0.025)
    port = server.servers[0].sockets[0].getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    feed_toml = root / "test.toml"
    feed_toml.write_text(
        'title = "Test show"\ndescription = "A show for tests."\nauthor = "Tester"\n'
        f'owner_email = "tests@example.org"\ncategories = ["News"]\nbase_url = "{base}/test/"\n'
    )
    result = narrate(EXAMPLE, output, NarrateOptions(feed=str(feed_toml), voice="tone"))
    try:
        yield base, output, result
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_head_and_byte_ranges(served) -> None:
    base, _, result = served
    mp3 = result.episode.path
    url = f"{base}/test/episodes/{mp3.name}"
    body = mp3.read_bytes()
    with httpx.Client(timeout=10) as client:
        head = client.head(url)
        assert head.status_code == 200
        assert int(head.headers["content-length"]) == len(body)
        assert head.headers["accept-ranges"] == "bytes"
        assert head.headers["content-type"] == "audio/mpeg"
        assert head.headers["etag"] and head.headers["last-modified"]
        first = client.get(url, headers={"Range": "bytes=0-99"})
        assert first.status_code == 206 and first.content == body[:100]
        assert first.headers["content-range"] == f"bytes 0-99/{len(body)}"
        tail = client.get(url, headers={"Range": "bytes=-100"})
        assert tail.status_code == 206 and tail.content == body[-100:]
        rest = client.get(url, headers={"Range": "bytes=1000-"})
        assert rest.status_code == 206 and rest.content == body[1000:]
        again = client.get(url, headers={"If-None-Match": head.headers["etag"]})
        assert again.status_code == 304
        cover = client.head(f"{base}/test/cover.jpg")
        assert cover.status_code == 200 and cover.headers["accept-ranges"] == "bytes"


def test_types_and_cors_of_feed_chapters_and_transcripts(served) -> None:
    base, _, result = served
    files = dict(result.episode.sidecars)
    with httpx.Client(timeout=10) as client:
        for path, media_type in (
            (f"/test/episodes/{files['vtt'].name}", "text/vtt"),
            (f"/test/episodes/{files['srt'].name}", "application/x-subrip"),
            (f"/test/episodes/{files['chapters'].name}", "application/json"),
            ("/test/feed.xml", "application/rss+xml"),
        ):
            response = client.get(base + path)
            assert response.status_code == 200, path
            assert response.headers["content-type"].startswith(media_type), path
            assert response.headers["access-control-allow-origin"] == "*", path


def test_nothing_outside_the_output_folder(served, tmp_path: Path) -> None:
    base, output, _ = served
    secret = output.parent / "secret.txt"
    secret.write_text("not for podcast apps")
    link = output / "test" / "escape"
    if not link.exists():
        link.symlink_to(output.parent)
    with httpx.Client(timeout=10) as client:
        for path in (
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/test/..%2f..%2fsecret.txt",
            "/test/escape/secret.txt",
            "/test/.lock",
            "/test/episodes.json/../.cover-title",
        ):
            response = client.get(base + path)
            assert response.status_code in (403, 404), path
            assert b"not for podcast apps" not in response.content


def test_podcastparser_reads_enclosure_and_chapters(served) -> None:
    base, _, result = served
    with httpx.Client(timeout=10) as client:
        xml = client.get(f"{base}/test/feed.xml").content
    import io

    parsed = podcastparser.parse(f"{base}/test/feed.xml", io.BytesIO(xml))
    assert parsed["title"] == "Test show"
    (episode,) = parsed["episodes"]
    (enclosure,) = episode["enclosures"]
    assert enclosure["file_size"] == result.episode.size and enclosure["mime_type"] == "audio/mpeg"
    assert [c["title"] for c in episode["chapters"]] == [c.title for c in result.episode.chapters]
    # podcastparser keeps whole seconds of the Podlove start times
    assert [c["start"] for c in episode["chapters"]] == [c.start_ms // 1000 for c in result.episode.chapters]
    # podcastparser 0.6 knows the podcast namespace only by its old GitHub address, so
    # podcast:chapters and podcast:transcript are checked by XPath instead.
    tree = etree.fromstring(xml)
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    (chapters,) = tree.xpath("//item/podcast:chapters", namespaces=ns)
    assert chapters.get("type") == "application/json+chapters"
    with httpx.Client(timeout=10) as client:
        listed = client.get(chapters.get("url")).json()["chapters"]
    assert [c["title"] for c in listed] == [c.title for c in result.episode.chapters]
    transcripts = tree.xpath("//item/podcast:transcript", namespaces=ns)
    assert sorted(t.get("type") for t in transcripts) == ["application/x-subrip", "text/vtt"]
    assert len(tree.xpath("/rss/channel/podcast:guid", namespaces=ns)) == 1


@pytest.mark.slow
def test_gpodder_subscribes_and_downloads_the_episode(served, tmp_path: Path) -> None:
    needs_gpo()  # skips where gpo is missing, fails in CI
    base, _, result = served
    env = {
        **os.environ,
        "GPODDER_HOME": str(tmp_path / "gpodder"),
        "GPODDER_DOWNLOAD_DIR": str(tmp_path / "dl"),
    }
    gpo = lambda *args: subprocess.run(  # noqa: E731
        ["gpo", *args], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    gpo("subscribe", f"{base}/test/feed.xml")
    gpo("update")
    gpo("download")
    downloaded = [p for p in (tmp_path / "dl").rglob("*.mp3")]
    assert len(downloaded) == 1, gpo("episodes").stdout
    assert downloaded[0].read_bytes() == result.episode.path.read_bytes()


def test_root_lists_feeds_and_a_folder_serves_its_show_page(served) -> None:
    base, output, result = served
    with httpx.Client(timeout=10) as client:
        root = client.get(f"{base}/")
        assert root.status_code == 200 and root.headers["content-type"].startswith("text/html")
        page = etree.fromstring(root.content, etree.HTMLParser())
        assert page.xpath("//a[.='Test show']/@href") == ["/test/"]
        assert page.xpath("//a[starts-with(., 'feed')]/@href") == ["/test/feed.xml"]
        show = client.get(f"{base}/test/")
        assert show.status_code == 200 and show.content == (output / "test" / "index.html").read_bytes()
        episode = client.get(f"{base}/test/episodes/{result.episode.slug}.html")
        assert episode.status_code == 200 and episode.headers["content-type"].startswith("text/html")
        script = client.get(f"{base}/test/assets/listen.js")
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
