"""Fetch an article from an http(s) URL: with a timeout, a size limit and a clear error."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from narrator import __version__
from narrator.clean.source import MAX_BYTES, decode
from narrator.errors import InputError

TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Fetched:
    text: str
    content_type: str
    """The media type the server named, lower-case, without parameters."""


def fetch(url: str, timeout: float = TIMEOUT_S, limit: int = MAX_BYTES) -> Fetched:
    """GET `url`; refuse bodies over `limit` bytes."""
    request = urllib.request.Request(url, headers={"User-Agent": f"narrator/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(limit + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url} answered {exc.code} {exc.reason}.") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(
            f"Could not fetch {url} ({reason}); check the address and that you are online."
        ) from exc
    if len(data) > limit:
        raise InputError(
            f"{url} is larger than {limit / 2**20:g} MB; narrator reads articles up to that size."
        )
    if charset:
        try:
            return Fetched(data.decode(charset), content_type)
        except (LookupError, UnicodeDecodeError):
            pass
    return Fetched(decode(data, url), content_type)
