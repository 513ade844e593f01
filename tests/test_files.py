"""Files as `narrator serve` sends them (narrator/feed/files.py): validators, conditional
requests and byte ranges per RFC 9110, read on the event loop, on files we write."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import httpx
import pytest

from narrator.feed.files import byte_range
from tests.loopback import narrator_server

BODY = bytes(range(256)) * 4096  # 1 MiB: several chunks of 64 KiB, every offset distinguishable


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server on 127.0.0.1 (ephemeral port) over a folder of files of our own."""
    output = tmp_path_factory.mktemp("files")
    show = output / "show"
    (show / "episodes").mkdir(parents=True)
    (show / "episodes" / "one.mp3").write_bytes(BODY)
    (show / "episodes" / "empty.mp3").write_bytes(b"")
    (show / "index.html").write_text("<!doctype html><title>Show</title>")
    with narrator_server(output) as base:
        yield base, output


def test_byte_ranges_of_every_form() -> None:
    assert byte_range("bytes=0-99", 1000) == (0, 99)
    assert byte_range("bytes=990-5000", 1000) == (990, 999)  # clipped to the file
    assert byte_range("bytes=500-", 1000) == (500, 999)
    assert byte_range("bytes=-10", 1000) == (990, 999)
    assert byte_range("bytes=-5000", 1000) == (0, 999)
    assert byte_range("bytes=1000-", 1000) is None  # starts past the end: 416
    assert byte_range("bytes=-0", 1000) is None
    assert byte_range("bytes=0-0", 0) is None  # nothing of an empty file can be sent
    assert byte_range("bytes=0-1,5-9", 1000) is False  # several ranges: the whole file


def test_ranges_are_the_exact_bytes_and_large_bodies_arrive_whole(site) -> None:
    base, _ = site
    url = f"{base}/show/episodes/one.mp3"
    with httpx.Client(timeout=10) as client:
        whole = client.get(url)
        assert whole.status_code == 200 and whole.content == BODY
        assert whole.headers["content-type"] == "audio/mpeg"
        for asked, first, last in (
            ("0-0", 0, 0),
            ("65530-131080", 65530, 131080),
            ("-7", len(BODY) - 7, None),
        ):
            part = client.get(url, headers={"Range": f"bytes={asked}"})
            assert part.status_code == 206, asked
            assert part.content == BODY[first : None if last is None else last + 1], asked
            end = len(BODY) - 1 if last is None else last
            assert part.headers["content-range"] == f"bytes {first}-{end}/{len(BODY)}", asked
        several = client.get(url, headers={"Range": "bytes=0-1,10-11"})
        assert several.status_code == 200 and several.content == BODY
        head = client.head(url, headers={"Range": "bytes=100-199"})
        assert head.status_code == 206 and head.content == b"" and head.headers["content-length"] == "100"
        empty = client.get(f"{base}/show/episodes/empty.mp3", headers={"Range": "bytes=0-"})
        assert empty.status_code == 416 and empty.headers["content-range"] == "bytes */0"


def test_conditional_requests(site) -> None:
    base, output = site
    url = f"{base}/show/episodes/one.mp3"
    with httpx.Client(timeout=10) as client:
        first = client.head(url)
        tag, modified = first.headers["etag"], first.headers["last-modified"]
        assert client.get(url, headers={"If-None-Match": f'"other", {tag}'}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
        assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
        earlier = formatdate((output / "show" / "episodes" / "one.mp3").stat().st_mtime - 3600, usegmt=True)
        assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200
        # If-Range: the range only while the client's copy is this version
        same = client.get(url, headers={"Range": "bytes=0-9", "If-Range": tag})
        assert same.status_code == 206 and same.content == BODY[:10]
        by_date = client.get(url, headers={"Range": "bytes=0-9", "If-Range": modified})
        assert by_date.status_code == 206
        stale = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"an-older-version"'})
        assert stale.status_code == 200 and stale.content == BODY


def test_a_replaced_file_gets_a_new_etag(site) -> None:
    base, output = site
    path = output / "show" / "episodes" / "replaced.mp3"
    path.write_bytes(b"first version")
    with httpx.Client(timeout=10) as client:
        before = client.head(f"{base}/show/episodes/replaced.mp3").headers["etag"]
        fresh = path.with_suffix(".tmp")
        fresh.write_bytes(b"second version, longer")
        os.replace(fresh, path)
        after = client.get(f"{base}/show/episodes/replaced.mp3", headers={"If-None-Match": before})
        assert after.status_code == 200 and after.content == b"second version, longer"


def test_folders_methods_and_missing_files(site) -> None:
    base, output = site
    with httpx.Client(timeout=10) as client:
        bare = client.get(f"{base}/show")
        assert bare.status_code == 307 and bare.headers["location"] == "/show/"
        page = client.get(f"{base}/show/")
        assert page.status_code == 200 and page.content == (output / "show" / "index.html").read_bytes()
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        post = client.post(f"{base}/show/episodes/one.mp3", content=b"x")
        assert post.status_code == 405 and post.headers["allow"] == "GET, HEAD"
        assert client.get(f"{base}/show/episodes/none.mp3").status_code == 404
        assert client.get(f"{base}/show/episodes/").status_code == 404  # a folder without a page


def test_a_client_that_leaves_mid_download_does_not_stop_the_server(site) -> None:
    base, _ = site
    port = int(base.rsplit(":", 1)[1])
    for _ in range(20):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
            client.sendall(b"GET /show/episodes/one.mp3 HTTP/1.1\r\nHost: x\r\n\r\n")
            assert client.recv(4096).startswith(b"HTTP/1.1 200")
    with httpx.Client(timeout=10) as client:
        assert client.get(f"{base}/show/episodes/one.mp3").content == BODY
