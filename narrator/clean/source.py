"""Read a source file into text, refusing what cannot be an article.

Limits come before work: only a regular file is opened (a FIFO would block, /dev/zero
never ends) and its size is checked before a byte is read. The encoding is found per
file: a byte-order mark, else UTF-8 (its few bad bytes read as Windows-1252 when the rest
is UTF-8), else charset-normalizer's guess. Control characters and Unicode non-characters
are removed here, so no later stage (speech, ID3 tags, the feed's XML) ever sees them.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from narrator.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Larger than any article page we have seen (the biggest dev page is under 2 MB)."""

UTF8_EVIDENCE = 1
"""A file with at least this many valid multi-byte UTF-8 characters per invalid byte is
UTF-8 with a few bad bytes (a cut, a stray Latin-1 character). Legacy 8-bit text has
almost no valid multi-byte sequence (it takes an accented capital followed by a symbol),
so one good character outweighs one bad byte: decoding the whole file as a legacy
encoding instead turned every good character into mojibake ('naïve' read 'naÃ¯ve')."""

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
"""UTF-32-LE's mark starts with UTF-16-LE's, so it is tried first."""

_UNSPEAKABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufeff\ufffe\uffff\ufffd\ud800-\udfff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
"""C0 controls but tab, newline and carriage return; DEL and C1 controls; non-characters;
byte-order marks, replacement characters and lone surrogates. XML 1.0 forbids most of
them and none can be spoken."""
_CONTROLS = frozenset(map(chr, [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
_REFERENCE = re.compile(r"&#(x[0-9a-f]+|[0-9]+);?", re.IGNORECASE)
_JSON_ESCAPE = re.compile(
    r"\\u(?:00[01][0-9a-f]|007f|008[0-9a-f]|009[0-9a-f]|fdd[0-9a-f]|fde[0-9a-f]|fff[ef]"
    r"|d[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2}))"
    r"|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}",
    re.IGNORECASE,
)
"""JSON escapes (in JSON-LD) of controls, non-characters and lone surrogates: a space, so
that what metadata readers decode from them is as clean as the text around them."""
_PAGE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
"""Vertical tab and form feed end a line."""
_ESCAPED = re.compile("[\udc80-\udcff]+")
"""Bytes that are not UTF-8, as the 'surrogateescape' error handler keeps them."""


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """Return the decoded text of `path`, or raise InputError with one sentence."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"There is no file at {_short(path)}.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {_short(path)}: {exc.strerror or exc}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{_short(path)} is a folder, not an article file.")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{_short(path)} is not a regular file (a device, pipe or socket); save the article to a file."
        )
    if info.st_size > limit:
        raise InputError(
            f"{_short(path)} is {_mb(info.st_size)}; narrator reads articles up to {_mb(limit)}."
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise InputError(f"Cannot read {_short(path)}: {exc.strerror or exc}.") from exc
    if len(data) > limit:
        raise InputError(
            f"{_short(path)} is larger than {_mb(limit)}; narrator reads articles up to that size."
        )
    return decode(data, _short(path))


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode an article's bytes: a BOM, then a `declared` charset that fits, then UTF-8
    (nearly all), then charset-normalizer; controls and non-characters removed."""
    text = _by_bom(data)
    if text is None:
        if not data.strip():
            raise InputError(f"{name} is empty.")
        if _looks_binary(data):
            raise InputError(f"{name} looks like a binary file, not an article.")
        text = _by_declared(data, declared) or _by_utf8(data) or _by_detector(data)
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{name} holds no readable text.")
    return text


def clean_text(text: str) -> str:
    """`text` without the characters no stage may see, written out or as numeric references."""
    text = _REFERENCE.sub(_resolve_reference, text)
    text = _JSON_ESCAPE.sub(" ", text)
    return _UNSPEAKABLE.sub("", text.translate(_PAGE_BREAKS))


def _resolve_reference(match: re.Match[str]) -> str:
    """A numeric character reference to a control or non-character: as HTML5 reads it (the
    C1 range means Windows-1252's characters, so &#x92; is a quote) or nothing. One such
    reference in a title made the whole page unreadable to lxml."""
    number = match.group(1)
    try:
        code = int(number[1:], 16) if number[0] in "xX" else int(number)
    except ValueError:
        return ""
    if code > 0x10FFFF:
        return ""
    if code < 0x80 and chr(code) not in _CONTROLS or code > 0x9F and not _UNSPEAKABLE.match(chr(code)):
        return match.group(0)
    if 0x80 <= code <= 0x9F:
        return bytes([code]).decode("cp1252", errors="ignore")
    return ""


def _by_bom(data: bytes) -> str | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            body = data[len(mark) :]
            if encoding.startswith("utf-8"):
                return body.decode("utf-8", errors="replace")
            unit = 4 if encoding.startswith("utf-32") else 2
            body = body[: len(body) - len(body) % unit]  # a truncated last character
            return body.decode(encoding, errors="replace")
    return None


def _by_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def _by_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(len(run) for run in _ESCAPED.findall(text))
    multibyte = sum(1 for char in text if char > "\x7f") - bad
    return _ESCAPED.sub(_repair, text) if multibyte >= UTF8_EVIDENCE * bad else None


def _repair(match: re.Match[str]) -> str:
    """A run of bytes that are not UTF-8: a multi-byte character cut short (a lead byte and
    some of its continuation bytes) is dropped; anything else is a stray legacy character,
    read as Windows-1252 (the web's legacy encoding, a superset of Latin-1's letters):
    'caf\\xe9' is 'café', a lone \\x92 a curly apostrophe."""
    run = bytes(ord(char) - 0xDC00 for char in match.group())
    if len(run) >= 2 and 0xC2 <= run[0] <= 0xF4 and all(0x80 <= byte <= 0xBF for byte in run[1:]):
        return ""
    return run.decode("cp1252", errors="replace")


def _by_detector(data: bytes) -> str:
    """charset-normalizer's reading; among its equally clean guesses, Windows-1252 (the
    web's usual legacy encoding, and what browsers read for a page labelled Latin-1)."""
    from charset_normalizer import from_bytes  # trafilatura's own detector

    guesses = list(from_bytes(data))
    if not guesses:
        return data.decode("cp1252", errors="replace")
    cleanest = min(guess.chaos for guess in guesses)
    if any(guess.chaos <= cleanest and "cp1252" in guess.could_be_from_charset for guess in guesses):
        return data.decode("cp1252", errors="replace")
    return str(guesses[0])


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean binary."""
    head = data[:8192]
    if b"\x00" in head or head.startswith(b"%PDF"):
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return controls > len(head) * 0.05


def _mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"


def _short(path: Path) -> str:
    """The path as a user would recognise it, cut when absurdly long (300-character names)."""
    shown = str(path)
    return shown if len(shown) <= 120 else f"{shown[:60]}...{shown[-40:]}"
