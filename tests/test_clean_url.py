"""URLs: fetched from a real HTTP server on 127.0.0.1, with clear errors."""

from __future__ import annotations

import functools
import socket
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from narrator.clean import clean
from narrator.clean.fetch import fetch
from narrator.errors import InputError
from tests import loopback
from tests.conftest import FIXTURES


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Serves tests/fixtures on 127.0.0.1 (an ephemeral port) for this module's tests."""
    handler = functools.partial(_QuietHandler, directory=str(FIXTURES))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_html_page_by_url(server: str) -> None:
    article = clean(f"{server}/news_jsonld_figure_quote_list.html")
    assert article.title == "Harbour ferry returns after storm repairs"
    assert article.source.startswith("http://127.0.0.1:")
    assert len(article.sections) == 3


def test_text_dump_by_url(server: str) -> None:
    article = clean(f"{server}/dump_newspaper_with_ads.txt")
    assert article.title == "River town votes to rebuild its 1920s bridge after a year of debate"


def test_missing_page_is_a_clear_error(server: str) -> None:
    with pytest.raises(InputError, match="answered 404"):
        clean(f"{server}/no-such-page.html")


def test_size_limit(server: str) -> None:
    with pytest.raises(InputError, match="larger than"):
        fetch(f"{server}/news_jsonld_figure_quote_list.html", limit=2**20 // 1024)


def test_nothing_listening_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="Could not fetch .* online"):
        clean("http://127.0.0.1:9/article.html")


RAW_ANSWERS: dict[str, bytes] = {
    "/bad-status": b"NOT HTTP AT ALL\r\n\r\n",
    "/many-headers": b"HTTP/1.1 200 OK\r\n"
    + b"".join(b"X-H%d: v\r\n" % i for i in range(150))
    + b"\r\nhello",
    "/huge-header": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\nhello",
    "/to-malformed": b"HTTP/1.1 302 Found\r\nLocation: http://[::1/x\r\nContent-Length: 0\r\n\r\n",
    "/to-bad-port": b"HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1:abc/\r\nContent-Length: 0\r\n\r\n",
    "/loop": b"HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n",
    "/latin1": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 62\r\n\r\n"
    + "Caf\xe9 au lait.\n\nThe caf\xe9 opened its doors again on Monday.\n".encode("cp1252"),
}
"""Answers a misbehaving server sends, by request path; /trickle sends a byte a second."""


def _answer(path: str, conn: socket.socket, stop: threading.Event) -> None:
    if path == "/trickle":
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(60):  # bounded: at most a minute
            if stop.is_set():
                break
            conn.sendall(b"a")
            time.sleep(1)
    else:
        conn.sendall(RAW_ANSWERS.get(path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))


@pytest.fixture(scope="module")
def raw_server() -> Iterator[str]:
    """A raw TCP server on 127.0.0.1 that answers each path with RAW_ANSWERS' bytes."""
    with loopback.raw_server(_answer) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/bad-status", "not HTTP"),
        ("/many-headers", "more than 100 headers"),
        ("/huge-header", "too long"),
        ("/to-malformed", r"not a valid web address"),
        ("/to-bad-port", r"not a valid web address"),
        ("/loop", "redirects more than"),
    ],
)
def test_a_misbehaving_server_is_one_sentence(raw_server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        fetch(raw_server + path, timeout=10)
    assert "\n" not in str(caught.value)


def test_one_deadline_for_the_whole_fetch(raw_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="did not answer within 2 s"):
        fetch(f"{raw_server}/trickle", timeout=2)
    assert time.monotonic() - started < 5  # a per-read timeout would wait for all 1,000 bytes


def test_declared_charset_is_used(raw_server: str) -> None:
    assert fetch(f"{raw_server}/latin1").text.startswith("Café au lait.")


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://127.0.0.1:abc/",
        "http://exa mple.org/",
        "http://" + "a" * 300 + "/",
        "http://" + "b" * 70 + ".org/",
        "http://127.0.0.1:99999/",
        "http:///no-host",
        "http://bad_host\x07.org/",
    ],
)
def test_malformed_urls_are_refused_before_any_connection(url: str) -> None:
    with pytest.raises(InputError) as caught:
        clean(url)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300


def test_the_cli_says_one_sentence_for_a_malformed_url() -> None:
    import subprocess
    import sys
    from pathlib import Path

    narrator = str(Path(sys.executable).with_name("narrator"))
    done = subprocess.run(
        [narrator, "clean", "http://127.0.0.1:abc/"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.startswith("narrator: ") and done.stderr.count("\n") == 1
