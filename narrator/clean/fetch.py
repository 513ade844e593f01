"""Fetch an article from an http(s) URL: one deadline, a size limit and a clear error.

The deadline covers the whole fetch, redirects included: connecting, the status line,
the headers and every read of the body. A per-read timeout alone lets a server that
sends a byte a second hold the fetch forever, so when the deadline passes a timer shuts
the socket down, which ends whatever read is waiting. The URL is checked before any
connection (a malformed host or port is one sentence, not a traceback from deep inside
the socket layer), and so is every redirect's target.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from narrator import __version__
from narrator.clean.source import MAX_BYTES, decode
from narrator.errors import InputError

TIMEOUT_S = 20.0
"""For the whole fetch: an article page that takes longer is not coming."""
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")


@dataclass(frozen=True)
class Fetched:
    text: str
    content_type: str
    """The media type the server named, lower-case, without parameters."""


def fetch(url: str, timeout: float = TIMEOUT_S, limit: int = MAX_BYTES) -> Fetched:
    """GET `url`, following redirects, within `timeout` seconds in all; refuse bodies over `limit` bytes."""
    deadline = time.monotonic() + timeout
    shown = _shown(url)
    for _ in range(MAX_REDIRECTS + 1):
        status, reason, headers, data = _get(url, deadline, limit, shown, timeout)
        if status in _REDIRECTS and headers.get("Location"):
            location = headers["Location"].strip()
            try:
                url = urljoin(url, location)
            except ValueError as exc:
                raise InputError(
                    f"{shown} redirects to {_shown(location)}, which is not a valid web address."
                ) from exc
            continue
        if status >= 400:
            raise InputError(f"{shown} answered {status} {reason}.".replace(" .", "."))
        if len(data) > limit:
            raise InputError(
                f"{shown} is larger than {limit / 2**20:g} MB; narrator reads articles up to that size."
            )
        return Fetched(decode(data, shown, headers.get_content_charset()), headers.get_content_type())
    raise InputError(
        f"{shown} redirects more than {MAX_REDIRECTS} times; open it in a browser to see where it leads."
    )


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path and query) of an http(s) URL, or InputError naming what is wrong."""
    shown = _shown(url)
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        raise InputError(f"{shown} holds spaces or control characters; it is not a web address.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"{shown} is not a valid web address ({exc}).") from exc
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{shown} is not an http or https address.")
    host = parts.hostname or ""
    if not host:
        raise InputError(f"{shown} names no host.")
    if not _valid_host(host):
        raise InputError(f"{shown} does not name a valid host.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(ascii_host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def _get(
    url: str, deadline: float, limit: int, shown: str, timeout: float
) -> tuple[int, str, http.client.HTTPMessage, bytes]:
    """One GET within the deadline: status, reason, headers and at most limit + 1 bytes."""
    scheme, host, port, path = check_url(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise InputError(f"{shown} did not answer within {timeout:g} s.")
    connection_class = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    kwargs = {"context": ssl.create_default_context()} if scheme == "https" else {}
    connection = connection_class(host, port, timeout=remaining, **kwargs)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        if connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    timer = threading.Timer(remaining, expire)
    timer.daemon = True
    timer.start()
    try:
        connection.request(
            "GET", path, headers={"User-Agent": f"narrator/{__version__}", "Accept-Encoding": "identity"}
        )
        response = connection.getresponse()
        data = b"" if response.status in _REDIRECTS else _read(response, limit)
        if expired.is_set():  # the shut-down socket ended the body early
            raise TimeoutError
        return response.status, response.reason, response.headers, data
    except (http.client.HTTPException, OSError, ValueError, UnicodeError) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError):
            raise InputError(f"{shown} did not answer within {timeout:g} s.") from exc
        raise InputError(
            f"Could not fetch {shown} ({_reason(exc)}); check the address and that you are online."
        ) from exc
    finally:
        timer.cancel()
        connection.close()


def _read(response: http.client.HTTPResponse, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = response.read1(min(65536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, http.client.BadStatusLine):
        return "the server's answer is not HTTP"
    if isinstance(exc, http.client.LineTooLong):
        return "a header line is too long"
    if isinstance(exc, ssl.SSLError):
        return f"TLS: {exc.reason or exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).strip() or type(exc).__name__
    return text[:100]


def _shown(url: str) -> str:
    """The URL as quoted in a message: printable, and cut when absurdly long."""
    printable = "".join(char if char.isprintable() else "?" for char in url)
    return printable if len(printable) <= 120 else f"{printable[:80]}...{printable[-30:]}"
