"""URLs: fetched from a real HTTP server on 127.0.0.1, with clear errors."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from narrator.clean import clean
from narrator.clean.fetch import fetch
from narrator.errors import InputError
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
