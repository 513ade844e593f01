"""Read a source file into text, refusing what cannot be an article."""

from __future__ import annotations

from pathlib import Path

from narrator.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Larger than any article page we have seen (the biggest dev page is under 2 MB)."""

_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def read_text(path: Path) -> str:
    """Return the decoded text of `path`, or raise InputError with one sentence."""
    if not path.exists():
        raise InputError(f"There is no file at {path}.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not an article file.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"{path} is {size / 2**20:.0f} MB; narrator reads articles up to {MAX_BYTES // 2**20} MB."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from exc
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8, falling back to Windows-1252 and Latin-1."""
    if not data.strip():
        raise InputError(f"{name} is empty.")
    if _looks_binary(data):
        raise InputError(f"{name} looks like a binary file, not an article.")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name} is not in a text encoding narrator can read.")  # pragma: no cover


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean binary."""
    head = data[:8192]
    if b"\x00" in head or head.startswith(b"%PDF"):
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return controls > len(head) * 0.05
