"""Property tests over the classes bench/fuzz.py feeds the commands, for what this branch
fixes: the reader (any bytes, any file), URLs (any string, odd servers on 127.0.0.1) and
the server (any path, any Range header). Each ends in text or one InputError sentence,
never another exception; the server never answers 500 nor serves what is not published."""

from __future__ import annotations

import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrator.clean.fetch import check_url, fetch
from narrator.clean.source import decode, read_text
from narrator.errors import InputError
from narrator.feed.serve import valid_range
from tests import loopback
from tests.conftest import EXAMPLE, FIXTURES

SEEDS = [p.read_bytes() for p in sorted(FIXTURES.glob("*.*"))] + [EXAMPLE.read_bytes()]
FORBIDDEN = {*map(chr, range(0, 9)), "\x0b", "\x0c", *map(chr, range(14, 32)), *map(chr, range(0x7F, 0xA0))}
FORBIDDEN |= {"\ufffe", "\uffff", "\ufdd0", "\ufffd"}
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    """Fixtures mutated, truncated, re-encoded, with controls and BOMs: the fuzz bench's classes."""
    base = draw(st.sampled_from(SEEDS))
    how = draw(st.sampled_from(["flip", "truncate", "encode", "controls", "bom", "random"]))
    if how == "flip":
        data = bytearray(base)
        for at, value in draw(
            st.lists(st.tuples(st.integers(0, len(base) - 1), st.integers(0, 255)), max_size=20)
        ):
            data[at] = value
        return bytes(data)
    if how == "truncate":
        return base[: draw(st.integers(0, len(base)))]
    if how == "encode":
        codec = draw(
            st.sampled_from(["utf-16", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r", "utf-16-be"])
        )
        return base.decode("utf-8").encode(codec, errors="replace")
    if how == "controls":
        text = base.decode("utf-8")
        chars = draw(st.lists(st.characters(codec="utf-8", categories=["Cc", "Cs", "Co", "Cn"]), max_size=30))
        at = draw(st.integers(0, len(text)))
        return (text[:at] + "".join(chars) + text[at:]).encode("utf-8", errors="surrogatepass")
    if how == "bom":
        mark = draw(
            st.sampled_from(
                [b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xef\xbb\xbf"]
            )
        )
        return mark + draw(st.binary(max_size=400))
    return draw(st.binary(max_size=2000))


@PROPERTY
@given(article_bytes())
def test_any_bytes_decode_to_clean_text_or_one_sentence(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert text.strip() and not FORBIDDEN & set(text)


@PROPERTY
@given(article_bytes(), st.sampled_from([".txt", ".html", ".md", ""]))
def test_any_file_reads_to_text_or_one_sentence(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            assert not FORBIDDEN & set(read_text(path))
        except InputError:
            pass


URL_PARTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@PROPERTY
@given(
    st.one_of(
        st.builds(lambda a, b: f"http://{a}{b}", URL_PARTS, URL_PARTS),
        st.builds(lambda a: f"http://[{a}", URL_PARTS),
        st.builds(lambda a: f"http://127.0.0.1:{a}/", URL_PARTS),
        URL_PARTS,
    )
)
def test_any_url_string_is_checked_without_a_traceback(url: str) -> None:
    """check_url is what runs before any connection; nothing here is resolved or fetched."""
    try:
        scheme, host, port, path = check_url(url)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert scheme in ("http", "https") and host and 0 <= port <= 65535 and path.startswith("/")


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Path]]:
    """narrator's server on 127.0.0.1 over a folder holding a feed, an index and dotfiles."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder)
        show = output / "show"
        (show / "episodes").mkdir(parents=True)
        (show / "feed.xml").write_text("<rss><channel><title>Show</title></channel></rss>")
        (show / "episodes" / "one.mp3").write_bytes(bytes(range(256)) * 40)
        (show / "episodes.json").write_text('{"episodes": ["SECRET"]}')
        (show / ".lock").write_text("SECRET")
        (show / "link.mp3").symlink_to(".lock")
        with loopback.narrator_server(output) as base:
            yield base, output


@PROPERTY
@given(
    st.lists(
        st.sampled_from(
            [
                "show",
                "episodes",
                "one.mp3",
                "..",
                ".",
                ".lock",
                "episodes.json",
                "link.mp3",
                "%2e%2e",
                "feed.xml",
                "",
                "x",
            ]
        ),
        max_size=6,
    ),
    URL_PARTS,
)
def test_any_path_is_answered_without_error_or_secret(server, parts: list[str], tail: str) -> None:
    base, _ = server
    path = "/" + "/".join(parts) + ("/" + tail if tail else "")
    with httpx.Client(timeout=10) as client:
        try:
            response = client.get(base + httpx.URL(path).raw_path.decode("ascii"))
        except httpx.InvalidURL:
            return
    assert response.status_code < 500
    assert b"SECRET" not in response.content


@PROPERTY
@given(st.one_of(st.text(alphabet="bytes=0123456789-, ", max_size=30), st.text(max_size=20)))
def test_any_range_header_is_honoured_or_ignored(server, value: str) -> None:
    base, output = server
    body = (output / "show" / "episodes" / "one.mp3").read_bytes()
    value = value.strip()
    if not value or not value.isprintable() or not value.isascii():
        return  # not a header value httpx can send
    with httpx.Client(timeout=10) as client:
        response = client.get(f"{base}/show/episodes/one.mp3", headers={"Range": value})
    assert response.status_code in (200, 206, 416), value
    if response.status_code == 200:
        assert response.content == body
    if response.status_code == 206:
        assert valid_range(value.strip().encode("latin-1"))


def _hex_answer(path: str, conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(bytes.fromhex(path.strip("/")) if len(path) > 1 else b"")


@pytest.fixture(scope="module")
def odd_server() -> Iterator[str]:
    """A raw server on 127.0.0.1 answering every request with the bytes after its path's '/'."""
    with loopback.raw_server(_hex_answer) as url:
        yield url


ANSWERS = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda status, headers, body: b"HTTP/1.1 " + status + b"\r\n" + headers + b"\r\n" + body,
        st.sampled_from([b"200 OK", b"302 Found", b"404 Nope", b"999 X", b"abc", b""]),
        st.lists(
            st.sampled_from(
                [
                    b"Location: http://[::1/\r\n",
                    b"Location: /\r\n",
                    b"Content-Length: 9999\r\n",
                    b"Content-Type: text/html; charset=bogus\r\n",
                    b"Transfer-Encoding: chunked\r\n",
                    b"X: y\r\n",
                    b"Broken header\r\n",
                ]
            ),
            max_size=120,
        ).map(b"".join),
        st.binary(max_size=200),
    ),
)


@settings(max_examples=60, deadline=None)
@given(ANSWERS)
def test_any_server_answer_is_text_or_one_sentence(odd_server: str, answer: bytes) -> None:
    try:
        fetched = fetch(f"{odd_server}/{answer.hex()}", timeout=5)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert not FORBIDDEN & set(fetched.text)
