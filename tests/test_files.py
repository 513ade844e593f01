"""Files as `narrator serve` sends them (narrator/feed/files.py): validators, conditional
requests and byte ranges per RFC 9110, read on the event loop, on files we write."""

from __future__ import annotations

import logging
import os
import socket
import time
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
    os.utime(show / "episodes" / "one.mp3", (time.time() - 60, time.time() - 60))  # a strong Last-Modified
    (show / "episodes" / "big.mp3").write_bytes(BODY * 24)
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
        head = client.head(url, headers={"Range": "bytes=100-199"})  # Range is for GET only
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-length"] == str(len(BODY))
        huge = client.get(url, headers={"Range": f"bytes={'9' * 5000}-"})  # too long: invalid, ignored
        assert huge.status_code == 200 and huge.content == BODY
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
        # If-Match / If-Unmodified-Since: act only on the version the client has
        assert client.get(url, headers={"If-Match": '"an-older-version"'}).status_code == 412
        assert client.get(url, headers={"If-Match": tag, "Range": "bytes=0-9"}).status_code == 206
        assert client.get(url, headers={"If-Unmodified-Since": earlier}).status_code == 412
        assert client.get(url, headers={"If-Unmodified-Since": modified}).status_code == 200


def test_if_range_by_date_needs_a_strong_last_modified(site) -> None:
    """A file changed within the last second may change again within the same second."""
    base, output = site
    path = output / "show" / "episodes" / "fresh.mp3"
    path.write_bytes(BODY)
    os.utime(path, (time.time() + 30, time.time() + 30))  # "within the last second" on a slow machine too
    with httpx.Client(timeout=10) as client:
        url = f"{base}/show/episodes/fresh.mp3"
        modified = client.head(url).headers["last-modified"]
        answer = client.get(url, headers={"Range": "bytes=0-9", "If-Range": modified})
        assert answer.status_code == 200 and answer.content == BODY


def test_a_replaced_file_gets_a_new_etag(site) -> None:
    base, output = site
    path = output / "show" / "episodes" / "replaced.mp3"
    path.write_bytes(b"first version")
    stamp = path.stat().st_mtime_ns
    with httpx.Client(timeout=10) as client:
        before = client.head(f"{base}/show/episodes/replaced.mp3").headers["etag"]
        fresh = path.with_suffix(".tmp")
        fresh.write_bytes(b"other version")  # the same size and, below, the same time
        os.utime(fresh, ns=(stamp, stamp))
        os.replace(fresh, path)
        after = client.get(f"{base}/show/episodes/replaced.mp3", headers={"If-None-Match": before})
        assert after.status_code == 200 and after.content == b"other version"


def test_folders_methods_and_missing_files(site) -> None:
    base, output = site
    with httpx.Client(timeout=10) as client:
        bare = client.get(f"{base}/show")
        assert bare.status_code == 307 and bare.headers["location"] == "show/"  # relative: //show too
        assert client.get(f"{base}//show?a=1").headers["location"] == "show/?a=1"
        page = client.get(f"{base}/show/")
        assert page.status_code == 200 and page.content == (output / "show" / "index.html").read_bytes()
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        post = client.post(f"{base}/show/episodes/one.mp3", content=b"x")
        assert post.status_code == 405 and post.headers["allow"] == "GET, HEAD"
        assert client.get(f"{base}/show/episodes/none.mp3").status_code == 404
        assert client.get(f"{base}/show/episodes/").status_code == 404  # a folder without a page


def test_a_client_that_leaves_mid_download_is_let_go(site, caplog: pytest.LogCaptureFixture) -> None:
    """The server notices and stops reading: it went on reading the whole file, each chunk
    written to a closed socket with a warning from asyncio."""
    base, _ = site
    port = int(base.rsplit(":", 1)[1])
    with caplog.at_level(logging.WARNING):
        for request in (b"", b"Range: bytes=1000000-\r\n"):
            for _ in range(3):
                with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
                    client.sendall(b"GET /show/episodes/big.mp3 HTTP/1.1\r\nHost: x\r\n" + request + b"\r\n")
                    assert client.recv(4096).startswith(b"HTTP/1.1 20")
        time.sleep(1)
        with httpx.Client(timeout=10) as client:
            assert client.get(f"{base}/show/episodes/one.mp3").content == BODY
    assert not [r for r in caplog.records if r.name == "asyncio"], caplog.text[:500]


def test_a_request_body_neither_stalls_nor_cuts_the_answer(site) -> None:
    base, _ = site
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(b"GET /show/episodes/one.mp3 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab")
        time.sleep(0.3)
        client.sendall(b"cd")
        received = b""
        for _ in range(10_000):  # bounded
            if b"\r\n\r\n" in received and len(received.split(b"\r\n\r\n", 1)[1]) >= len(BODY):
                break
            data = client.recv(65536)
            if not data:
                break
            received += data
    assert received.split(b"\r\n\r\n", 1)[1] == BODY
