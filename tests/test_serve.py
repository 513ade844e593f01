"""`narrator serve` as podcast apps use it: HEAD, byte ranges, MIME types, CORS, no way
out of the output folder, and gPodder's `gpo` subscribing and downloading."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import podcastparser
import pytest
from lxml import etree

from narrator.feed.serve import address_mismatches, lan_address
from narrator.pipeline import NarrateOptions, narrate
from tests.conftest import EXAMPLE, needs_gpo
from tests.loopback import narrator_server

NARRATOR = str(Path(sys.executable).with_name("narrator"))


HEADER_TIMEOUT_S = 1.0
"""Shorter than the server's default so the slow-client test is quick."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, object]]:
    """A server on 127.0.0.1 (ephemeral port) over a feed with one narrated episode."""
    root = tmp_path_factory.mktemp("serve")
    output = root / "out"
    output.mkdir()
    with narrator_server(output, header_timeout_s=HEADER_TIMEOUT_S) as base:
        feed_toml = root / "test.toml"
        feed_toml.write_text(
            'title = "Test show"\ndescription = "A show for tests."\nauthor = "Tester"\n'
            f'owner_email = "tests@example.org"\ncategories = ["News"]\nbase_url = "{base}/test/"\n'
        )
        result = narrate(EXAMPLE, output, NarrateOptions(feed=str(feed_toml), voice="tone"))
        yield base, output, result


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


def test_symlinks_to_dotfiles_and_unpublished_files_are_not_served(served) -> None:
    base, output, _ = served
    folder = output / "test"
    (folder / ".secret").write_text("not for podcast apps")
    (folder / "notes.txt").write_text("not for podcast apps")
    for name, target in (("visible.mp3", ".secret"), ("index-copy.json", "episodes.json")):
        if not (folder / name).is_symlink():
            (folder / name).symlink_to(target)
    assert (folder / "episodes.json").exists()
    with httpx.Client(timeout=10) as client:
        for path in ("/test/visible.mp3", "/test/episodes.json", "/test/index-copy.json", "/test/notes.txt"):
            response = client.get(base + path)
            assert response.status_code == 404, path
            assert b"not for podcast apps" not in response.content
            assert b'"episodes"' not in response.content, path


def test_an_invalid_range_is_ignored_and_the_whole_file_sent(served) -> None:
    base, _, result = served
    body = result.episode.path.read_bytes()
    url = f"{base}/test/episodes/{result.episode.path.name}"
    with httpx.Client(timeout=10) as client:
        for value in ("bytes=5-1", "bytes=abc", "pages=0-10", "bytes=0-1,9-3"):
            response = client.get(url, headers={"Range": value})
            assert response.status_code == 200, value
            assert response.content == body, value
        beyond = client.get(url, headers={"Range": f"bytes={len(body) + 10}-"})
        assert beyond.status_code == 416  # valid but unsatisfiable: RFC 9110 says 416


def test_slow_and_silent_clients_are_disconnected(served) -> None:
    base, _, _ = served
    port = int(base.rsplit(":", 1)[1])
    clients = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(20)]
    try:
        clients[0].sendall(b"GET /test/feed.xml HTTP/1.1\r\nHost: x\r\n")  # never finishes its headers
        started = time.monotonic()
        for client in clients:
            client.settimeout(HEADER_TIMEOUT_S + 5)
            assert client.recv(1024) == b""  # closed by the server
        assert time.monotonic() - started < HEADER_TIMEOUT_S + 5
    finally:
        for client in clients:
            client.close()
    with httpx.Client(timeout=10) as client:
        assert client.get(f"{base}/test/feed.xml").status_code == 200


def test_trickling_headers_do_not_keep_a_connection(served) -> None:
    base, _, _ = served
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        started = time.monotonic()
        closed = False
        for _ in range(int(HEADER_TIMEOUT_S * 10) + 30):  # a byte every 0.1 s, bounded
            try:
                client.sendall(b"X")
            except OSError:
                closed = True
                break
            time.sleep(0.1)
        assert closed and time.monotonic() - started < HEADER_TIMEOUT_S + 3


def test_enclosures_elsewhere_are_reported(served) -> None:
    base, output, _ = served
    port = int(base.rsplit(":", 1)[1])
    assert address_mismatches(output, "127.0.0.1", port) == []
    assert address_mismatches(output, "localhost", port) == []
    (warning,) = address_mismatches(output, "127.0.0.1", port + 1)
    assert f":{port}/" in warning and "narrator feed rebuild" in warning
    assert len(address_mismatches(output, "192.0.2.7", port)) == 1  # loopback enclosures, LAN listener


def test_lan_address_is_one_of_this_machines() -> None:
    import psutil

    address = lan_address()
    local = {a.address for addrs in psutil.net_if_addrs().values() for a in addrs}
    assert address in local
    if any(a != "127.0.0.1" and a.count(".") == 3 for a in local):
        assert address != "127.0.0.1"


def test_a_busy_port_is_one_sentence(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = subprocess.run(
            [NARRATOR, "serve", "--output", str(tmp_path), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "already in use" in done.stderr
    assert done.stdout == ""  # no feed URL printed for a server that never ran


def test_serve_prints_its_real_port_and_warns_of_other_enclosures(served) -> None:
    _, output, _ = served
    process = subprocess.Popen(
        [NARRATOR, "serve", "--output", str(output), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/test/feed.xml")
        assert ":0/" not in url
        with httpx.Client(timeout=10) as client:
            assert client.get(url).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    warning = process.stderr.read()
    assert "narrator feed rebuild" in warning and warning.count("Warning:") == 1


def test_finished_responses_are_not_kept_alive_by_the_header_timer(served) -> None:
    """Each connection has one header timer, re-armed at each response: a timer per response
    held that response's objects for the whole timeout (tens of MB under load)."""
    import gc

    from uvicorn.protocols.http.h11_impl import RequestResponseCycle

    base, _, _ = served
    with httpx.Client(timeout=10) as client:
        for _ in range(300):
            assert client.get(f"{base}/test/feed.xml").status_code == 200
        time.sleep(0.2)
        gc.collect()
        port = int(base.rsplit(":", 1)[1])
        cycles = [o for o in gc.get_objects() if type(o) is RequestResponseCycle]  # not isinstance: proxies
        alive = sum(cycle.scope["server"][1] == port for cycle in cycles)
    assert alive <= 5, f"{alive} finished responses still referenced"
