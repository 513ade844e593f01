"""Rendered sentences on disk, keyed by everything that changes how they sound.

Re-narrating an article after a one-paragraph edit finds every other sentence here and
renders only the changed one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from narrator import atomic


def default_cache_dir() -> Path:
    """$NARRATOR_CACHE, else $XDG_CACHE_HOME/narrator, else ~/.cache/narrator."""
    if os.environ.get("NARRATOR_CACHE"):
        return Path(os.environ["NARRATOR_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "narrator"


class SentenceCache:
    """PCM (s16le mono) of single sentences under `root/<key[:2]>/<key>.pcm`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(voice_identity: str, text: str) -> str:
        """A stable key for `text` spoken by the voice `voice_identity` describes."""
        return hashlib.sha256(f"{voice_identity}\n{text}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pcm"

    def has(self, key: str) -> bool:
        return self.path(key).exists()

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def write(self, key: str, pcm: bytes) -> None:
        """Atomic, so parallel workers and crashed runs never leave half a sentence."""
        with atomic.replacing(self.path(key)) as tmp:
            tmp.write_bytes(pcm)

    def clear(self) -> int:
        """Remove every cached sentence; returns how many there were."""
        count = sum(1 for _ in self.root.glob("*/*.pcm")) if self.root.exists() else 0
        shutil.rmtree(self.root, ignore_errors=True)
        return count
