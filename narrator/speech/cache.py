"""Rendered sentences on disk, keyed by everything that changes how they sound.

Re-narrating an article after a one-paragraph edit finds every other sentence here and
renders only the changed one. Each file starts with a small header holding where the
sentence is audible and how much digital silence it ends with, so the Timeline and the
parts are laid out from headers alone, without reading audio.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from narrator import cachedir
from narrator.cachedir import default_cache_dir  # noqa: F401 - where callers have found it

_MAGIC = b"NRS2"
"""The file format; it is part of every key, so files of an older format are never read
(`narrator cache clear` removes them)."""
_HEADER = struct.Struct("<4sIII")
HEADER_BYTES = _HEADER.size
"""Bytes before the PCM in every sentence file."""
_AUDIBLE = 330
"""-40 dBFS: quieter samples at a sentence's edges are the engine's silence, not speech."""


@dataclass(frozen=True)
class CachedSentence:
    path: Path
    samples: int
    first_audible: int
    end_audible: int
    """One past the last audible sample."""
    silent_tail: int
    """Samples of digital silence (exact zeros) it ends with: where the renderer may end
    a part inside the sentence without changing a sample."""


class SentenceCache:
    """Sentences as `root/sentences/<key[:2]>/<key>.s16`: header, then s16le mono PCM."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(voice_identity: str, text: str) -> str:
        """A stable key for `text` spoken by the voice `voice_identity` describes."""
        return hashlib.sha256(f"{_MAGIC.decode()}|{voice_identity}\n{text}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / "sentences" / key[:2] / f"{key}.s16"

    def find(self, key: str) -> CachedSentence | None:
        """The cached sentence, or None when it is not there or its file is damaged (the
        disk filled up, a hand edited it): then it is simply spoken again."""
        try:
            found = self.entry(key)
        except OSError:
            return None
        cachedir.used(found.path)
        return found

    def entry(self, key: str) -> CachedSentence:
        """Length, audible span and closing silence of a cached sentence, from its header."""
        path = self.path(key)
        with path.open("rb") as handle:
            header = handle.read(HEADER_BYTES)
            samples = (os.fstat(handle.fileno()).st_size - HEADER_BYTES) // 2
        fields = _HEADER.unpack(header) if len(header) == HEADER_BYTES else (b"", 0, 0, 0)
        if fields[0] != _MAGIC or not fields[1] <= fields[2] <= samples or fields[3] > samples:
            raise OSError(f"{path} is not a rendered sentence")
        return CachedSentence(path, samples, *fields[1:])

    def write(self, key: str, pcm: bytes) -> None:
        """Atomic, so parallel workers and crashed runs never leave half a sentence. The
        first whole file written for a key stays: a run (a batch's other article) may have
        laid out its parts from it, and an engine need not speak a sentence to the same
        sample twice; only a damaged one is replaced."""
        first, end = audible_span(pcm)
        # A last non-zero sample's high byte may be zero: whole zero samples are bytes // 2.
        silent = (len(pcm) - len(pcm.rstrip(b"\0"))) // 2
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_HEADER.pack(_MAGIC, first, end, silent) + pcm)
            os.chmod(tmp, 0o644)
            try:
                os.link(tmp, path)  # unlike a rename, refuses to replace a file there
            except FileExistsError:
                if self.find(key) is None:
                    os.replace(tmp, path)
            except OSError:  # a file system without hard links
                os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    def clear(self) -> int:
        """Remove every rendered sentence (and nothing else); returns how many there were."""
        return cachedir.clear(self.root, "sentences")


def audible_span(pcm: bytes, threshold: int = _AUDIBLE) -> tuple[int, int]:
    """First and one-past-last sample louder than `threshold`: where the sentence is heard,
    without the engine's own leading and trailing silence.

    Found by matching runs of quiet samples as byte pairs, from the front and (on the
    reversed bytes) from the back, in C: no numpy here, so a run that speaks a sentence
    or two (an edit's) never imports it outside the audio stage."""
    forward, backward = _quiet_runs(threshold)
    count = len(pcm) // 2
    first = _matched(forward, pcm, 2 * count) // 2
    if first == count:
        return 0, count
    # Exact zeros (eSpeak NG ends every sentence with 315 ms of them) are skipped in one
    # strip; quiet samples before them are matched backwards on the reversed bytes.
    end = (len(pcm[: 2 * count].rstrip(b"\0")) + 1) // 2
    return first, end - _matched(backward, pcm[2 * end - 1 :: -1], 2 * end) // 2


def _matched(pattern: re.Pattern[bytes], data: bytes, length: int) -> int:
    """How many of the first `length` bytes of `data` the run `pattern` matches."""
    match = pattern.match(data, 0, length)
    assert match is not None  # a run of none matches too
    return match.end()


@lru_cache(maxsize=4)
def _quiet_runs(threshold: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """Patterns matching a run of s16le samples no louder than `threshold`, forwards and
    on reversed bytes: for each high byte, the low bytes that keep the sample quiet."""
    forward, backward = [], []
    for high in range(256):
        base = (high - 256 if high > 127 else high) * 256
        low, top = max(0, -threshold - base), min(255, threshold - base)
        if low <= top:
            lows = rb"[\x%02x-\x%02x]" % (low, top)
            forward.append(lows + re.escape(bytes([high])))
            backward.append(re.escape(bytes([high])) + lows)
    return (
        re.compile(b"(?:" + b"|".join(forward) + b")*"),
        re.compile(b"(?:" + b"|".join(backward) + b")*"),
    )
