"""Serve the output folder to podcast apps and browsers under uvicorn.

Only published files are served: the path is resolved (symlinks included) and must stay
inside the folder, no part of it may start with a dot (locks, stamps, temporary files),
and the episode index and files of other types are not published. A folder's index.html
answers for the folder (the show page), and `/` lists the feeds. Files are sent by
files.send_file (HEAD, validators, byte ranges) straight from the event loop. A Range
header that is not a valid byte range is ignored, as RFC 9110 says, so the client gets the
whole file. Connections that do not finish their request headers in time are closed, so
slow clients cannot pin the server.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import os
import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from narrator.errors import FeedError
from narrator.feed.files import open_regular, send_file

MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".xml": "application/rss+xml",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
"""What a feed folder publishes; a file of any other type is not served."""
CROSS_ORIGIN = (".json", ".vtt", ".srt", ".xml", ".jpg", ".png")
CORS_HEADERS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"Content-Length, Content-Range"),
]
"""Web players on other origins may read feeds, chapters, transcripts and artwork."""
UNPUBLISHED = frozenset({"episodes.json"})
"""The episode index: narrator's own record, not something podcast apps fetch."""
HEADER_TIMEOUT_S = 10.0
"""Time a client has to send a request's headers, from connecting or from the last response."""
KEEP_ALIVE_S = 5.0
MAX_CONNECTIONS = 2000
"""Beyond this uvicorn answers 503 instead of holding more sockets open."""

_BYTE_RANGE = re.compile(
    r"bytes=\s*((\d{1,19}-\d{0,19}|-\d{1,19})\s*(,\s*(\d{1,19}-\d{0,19}|-\d{1,19})\s*)*)", re.IGNORECASE
)
"""At most 19 digits a number (beyond any file size): longer ones make the header invalid, ignored."""


class _Site:
    """Pure ASGI app: the feeds list at `/`, then published files and show pages, read-only."""

    def __init__(self, output: Path) -> None:
        self.root = output.resolve()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        method, path = scope["method"], scope["path"]
        if method not in ("GET", "HEAD"):
            response: Any = PlainTextResponse("Method Not Allowed", 405, headers={"Allow": "GET, HEAD"})
        elif path == "/":
            response = HTMLResponse(feeds_page(self.root))
        else:
            target = self.published(path)
            if target is not None and target.is_dir():
                if not path.endswith("/"):  # relative to the folder itself: "//host"-safe
                    query = scope.get("query_string", b"").decode("latin-1")
                    location = quote(path.rsplit("/", 1)[-1]) + "/" + (f"?{query}" if query else "")
                    response = RedirectResponse(location, 307)
                    await response(scope, receive, send)
                    return
                target = self.published(path + "index.html")
            if target is not None and await self.send_published(target, scope, receive, send):
                return
            response = PlainTextResponse("Not Found", 404)
        await response(scope, receive, send)

    def published(self, path: str) -> Path | None:
        """The file or folder `path` names, resolved, when it may be served; else None."""
        if "\x00" in path or any(part.startswith(".") for part in path.split("/")):
            return None
        try:
            target = (self.root / path.lstrip("/")).resolve()
            relative = target.relative_to(self.root)
            if any(part.startswith(".") for part in relative.parts):
                return None
            if target.is_dir():
                return target
            if target.is_file() and target.name not in UNPUBLISHED and target.suffix.lower() in MEDIA_TYPES:
                return target
        except (ValueError, OSError, RuntimeError):
            pass
        return None

    async def send_published(self, target: Path, scope: Scope, receive: Receive, send: Send) -> bool:
        """Send the file; False, before anything is sent, when it is no longer a regular file
        (gone, or something else swapped in since the check): then the answer is 404."""
        try:
            fd, status = open_regular(target)
        except OSError:
            return False
        try:
            headers = {k: v for k, v in scope["headers"] if k != b"range" or valid_range(v)}
            cors = CORS_HEADERS if target.suffix.lower() in CROSS_ORIGIN else []
            media_type = MEDIA_TYPES[target.suffix.lower()]
            await send_file(fd, status, media_type, scope["method"], headers, cors, receive, send)
        finally:
            os.close(fd)
        return True


def valid_range(value: bytes) -> bool:
    """True when a Range header is a byte range set RFC 9110 lets us honour (first <= last)."""
    match = _BYTE_RANGE.fullmatch(value.decode("latin-1").strip())
    if not match:
        return False
    for spec in match.group(1).split(","):
        first, _, last = spec.strip().partition("-")
        if first and last and int(last) < int(first):
            return False
    return True


def make_app(output: Path) -> ASGIApp:
    """An ASGI app serving the published files of `output`, read-only."""
    return _Site(output)


class HeaderDeadlineH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers are not complete
    HEADER_TIMEOUT_S after it opened or after its last response (uvicorn's keep-alive
    timer starts only after a first response, and any byte received cancels it)."""

    header_timeout_s = HEADER_TIMEOUT_S
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        if self._header_timer is not None:
            self._header_timer.cancel()

    def _arm_header_deadline(self) -> None:
        """One timer per connection, replaced at each response: a timer left behind for every
        response would keep that response's objects alive for the whole timeout."""
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._header_deadline)

    def _header_deadline(self) -> None:
        self._header_timer = None
        idle = self.cycle is None or self.cycle.response_complete
        if idle and not self.transport.is_closing():
            self.transport.close()


def server_config(app: ASGIApp, header_timeout_s: float = HEADER_TIMEOUT_S) -> Any:
    """uvicorn's configuration for `narrator serve`: header and idle timeouts, bounded connections."""
    import uvicorn

    protocol = type("HeaderDeadline", (HeaderDeadlineH11,), {"header_timeout_s": header_timeout_s})
    return uvicorn.Config(
        app,
        http=protocol,
        timeout_keep_alive=int(KEEP_ALIVE_S),
        limit_concurrency=MAX_CONNECTIONS,
        log_level="warning",
        lifespan="off",
    )


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or FeedError with one sentence (busy port, bad host)."""
    if not 0 <= port <= 65535:
        raise FeedError(f"Port {port} is not a TCP port; choose one from 1 to 65535.")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise FeedError(
                f"Port {port} on {host} is already in use; stop the other server or choose another --port."
            ) from exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise FeedError(f"Not allowed to listen on port {port}; choose a port above 1023.") from exc
        reason = exc.strerror or str(exc)
        raise FeedError(f"Cannot listen on {host}:{port} ({reason}); check --host and --port.") from exc
    sock.setblocking(False)
    return sock


def lan_address() -> str:
    """This machine's address on its local network, or 127.0.0.1 when it has none.

    Connecting a UDP socket sends nothing: the kernel only picks the interface and source
    address it would route through. 192.0.2.1 is TEST-NET-1, never contacted."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address: str = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
    return address if address != "0.0.0.0" else "127.0.0.1"


def feeds_page(output: Path) -> str:
    """The feeds in `output`, each by its title, linked to its show page and its feed."""
    listed = []
    for path in sorted(output.glob("*/feed.xml")):
        try:
            title = ET.parse(path).findtext("channel/title") or path.parent.name
        except (ET.ParseError, OSError):
            title = path.parent.name
        listed.append(
            {"title": title, "page": f"/{path.parent.name}/", "feed": f"/{path.parent.name}/feed.xml"}
        )
    env = Environment(
        loader=PackageLoader("narrator.feed", "templates"), autoescape=select_autoescape(default=True)
    )
    return env.get_template("feeds.html").render(feeds=listed)


def feed_urls(output: Path, host: str, port: int) -> list[str]:
    """The subscribe URL of every feed in `output`."""
    shown = f"[{host}]" if ":" in host else host
    return [
        f"http://{shown}:{port}/{path.parent.name}/feed.xml" for path in sorted(output.glob("*/feed.xml"))
    ]


def address_mismatches(output: Path, host: str, port: int) -> list[str]:
    """One sentence for each feed whose enclosures point somewhere this server is not."""
    warnings = []
    for path in sorted(output.glob("*/feed.xml")):
        url = _enclosure_url(path)
        if url is None:
            continue
        try:
            parts = urlsplit(url)
            their_port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            continue
        if their_port != port or not _same_host(parts.hostname or "", host):
            name = path.parent.name
            warnings.append(
                f"The feed {name} points its episodes at {parts.scheme}://{parts.netloc}/ but this "
                f"server listens on {host}:{port}; set base_url in that feed's .toml to "
                f"http://{host}:{port}/{name}/ "
                f"and run `narrator feed rebuild`, or serve on that address."
            )
    return warnings


def _enclosure_url(feed: Path) -> str | None:
    """The first enclosure's URL, where the feed tells podcast apps to fetch episodes."""
    try:
        return ET.parse(feed).find("channel/item/enclosure").get("url")  # type: ignore[union-attr]
    except (ET.ParseError, OSError, AttributeError):
        return None


def _same_host(theirs: str, ours: str) -> bool:
    """Whether a URL's host reaches a server listening on `ours` (no name is resolved)."""
    if theirs == ours:
        return True
    loopback = {"localhost", "127.0.0.1", "::1"}
    if ours in loopback or _is_loopback(ours):
        return theirs in loopback or _is_loopback(theirs)
    try:
        ipaddress.ip_address(theirs)
    except ValueError:
        return True  # a host name: it may well name this machine; we do not resolve it
    return False


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
