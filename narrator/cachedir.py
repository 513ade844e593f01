"""The cache folder that the speech stage (rendered sentences) and the audio stage
(encoded parts) share: where it is, how large it may grow, and how often it was used.

Each stage keeps its own entries in its own subfolder; this module bounds the whole and
clears a kind of entry (only files narrator names so: a stranger's file in the folder
stays). An entry's modification time is its last use (a hit touches it), so trimming
removes the least recently used entries first. A run's temporary files live in a folder
of their own under `runs/`, named by the run's process id, so the next run can remove
what a killed one left.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from narrator import atomic
from narrator.errors import SettingError

DEFAULT_MAX_SIZE = 1 << 30
"""1 GB: some fifty hours of rendered speech and their encoded parts."""
_STATS = "stats.json"
RUNS = "runs"
"""Subfolder of the per-run temporary folders."""
_OWN = {"sentences": ("*.s16", ".*.tmp"), "parts": ("*.mp3", "*.json", ".*.tmp")}
"""The files of each kind of entry (and the temporary files of their atomic writes)."""
_COUNTED = {"sentences": ".s16", "parts": ".mp3"}
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def default_cache_dir() -> Path:
    """$NARRATOR_CACHE, else $XDG_CACHE_HOME/narrator, else ~/.cache/narrator."""
    if os.environ.get("NARRATOR_CACHE"):
        return Path(os.environ["NARRATOR_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "narrator"


def max_size() -> int:
    """cache.max_size: $NARRATOR_CACHE_MAX_SIZE in bytes, or with a unit ('500M', '1.5G',
    '2 GB', '800KiB'), else 1 GB. A value that is not a size is refused, not replaced by
    the default: a limit the user set and narrator ignored would fill their disk."""
    value = os.environ.get("NARRATOR_CACHE_MAX_SIZE", "").strip()
    if not value:
        return DEFAULT_MAX_SIZE
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?", value, re.IGNORECASE)
    if match is None:
        raise SettingError(
            f"NARRATOR_CACHE_MAX_SIZE={value!r} is not a size; give bytes, or a number with "
            "K, M or G (500M, 1.5G)."
        )
    return int(float(match[1]) * _UNITS[match[2].lower()])


def used(path: Path) -> None:
    """Mark a cache entry as just used: trimming keeps it longest."""
    try:
        os.utime(path)
    except OSError:
        pass  # gone meanwhile, or read-only: it is only an order


@dataclass(frozen=True)
class Entry:
    files: tuple[Path, ...]
    """The files that make the entry (a part's MP3 and its description go together)."""
    size: int
    last_used: float


def entries(root: Path) -> list[Entry]:
    """Every entry under `root`: each file, except that files sharing a name up to the
    first dot (a part's `<key>.mp3` and `<key>.json`) make one entry."""
    out: list[Entry] = []
    for kind in ("sentences", "parts"):
        for folder in sorted((root / kind).glob("*")) if (root / kind).is_dir() else ():
            groups: dict[str, list[tuple[Path, os.stat_result]]] = {}
            with os.scandir(folder) as found:
                for item in found:
                    if item.is_file() and not item.name.startswith("."):
                        groups.setdefault(item.name.split(".")[0], []).append((Path(item.path), item.stat()))
            for files in groups.values():
                out.append(
                    Entry(
                        files=tuple(p for p, _ in files),
                        size=sum(s.st_size for _, s in files),
                        last_used=max(s.st_mtime for _, s in files),
                    )
                )
    return out


def trim(root: Path, limit: int) -> int:
    """Remove the least recently used entries until the cache holds at most `limit` bytes;
    returns how many entries were removed."""
    found = entries(root)
    total = sum(e.size for e in found)
    removed = 0
    for entry in sorted(found, key=lambda e: e.last_used):
        if total <= limit:
            break
        for path in entry.files:
            path.unlink(missing_ok=True)
        total -= entry.size
        removed += 1
    return removed


def count(root: Path, kind: str, hits: int, misses: int) -> None:
    """Add a run's hits and misses of one kind of entry to the cache's running totals."""
    stats = read_counts(root)
    kept = stats.setdefault(kind, {"hits": 0, "misses": 0})
    kept["hits"] += hits
    kept["misses"] += misses
    atomic.write_bytes(root / _STATS, json.dumps(stats).encode(), durable=False)


def read_counts(root: Path) -> dict[str, dict[str, int]]:
    """Hits and misses so far, by kind ({} for a new cache or an unreadable record)."""
    try:
        stats = json.loads((root / _STATS).read_text(encoding="utf-8"))
        return stats if isinstance(stats, dict) else {}
    except (OSError, ValueError):
        return {}


def clear(root: Path, kind: str) -> int:
    """Remove the entries of one kind ('sentences' or 'parts') and the folders they leave
    empty; any other file stays. Returns how many entries there were."""
    base = root / kind
    removed = 0
    for folder in sorted(base.glob("*")) if base.is_dir() else ():
        if not folder.is_dir():
            continue
        for pattern in _OWN[kind]:
            for path in folder.glob(pattern):
                path.unlink(missing_ok=True)
                removed += path.suffix == _COUNTED[kind] and not path.name.startswith(".")
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty
    with contextlib.suppress(OSError):
        base.rmdir()
    return removed


@contextlib.contextmanager
def run_folder(root: Path | None = None) -> Iterator[Path]:
    """A temporary folder for this run under `root`/runs (the cache folder by default),
    removed when the block ends; a killed run's folder is removed by the next run. Where
    the cache folder cannot be written, the system's temporary folder is used."""
    runs = (root or default_cache_dir()) / RUNS
    remove_stale_runs(runs)
    try:
        runs.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=runs))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="narrator-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_runs(runs: Path) -> int:
    """Remove the run folders whose process is gone; returns how many."""
    removed = 0
    for folder in runs.glob("*-*") if runs.is_dir() else ():
        pid = folder.name.split("-", 1)[0]
        if pid.isdigit() and not atomic.process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
