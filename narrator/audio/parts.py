"""Master each part on its own: loudness gain, limiter, MP3 encode, true-peak check.

Every part is brought to the loudness target by itself, so no part depends on another:
parts are mastered in parallel, each holds only its own samples in memory, and the
encoded MP3 of each is kept in the cache, where an edited article finds every part it
did not touch. The episode's integrated loudness is then the target too (each part's
gated loudness is, and parts are seconds to minutes long).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from narrator import atomic, cachedir
from narrator.audio.layout import Part
from narrator.audio.options import MasterOptions

if TYPE_CHECKING:
    import numpy as np

_FORMAT = "part-3"
"""Changes whenever mastering changes what a cached part would sound like."""
_ENCODE_TRIES = 3
"""Encodes of a part at most. The encoder's overshoot (about 1 dB over the limiter's
ceiling at 64 kbps) is known only after encoding: when the decoded part's true peak is
still over the limit, it is encoded again that much quieter."""
_PEAK_MARGIN_DB = 0.2
"""The MP3's true peak is kept this far under the limit (meters differ a little)."""


@dataclass(frozen=True)
class MasteredPart:
    """A part's MP3 frames on disk and what is needed to place them in the episode."""

    path: Path
    size: int
    """Bytes of MP3 frames in the file: a cached file of another size is damaged."""
    frames: int
    samples_per_frame: int
    delay: int
    """Samples each sound of the part is heard after its place in the rendition, counted
    from the part's first frame."""
    gain_db: float
    peak_dbtp: float


class PartCache:
    """Encoded parts as `root/parts/<key[:2]>/<key>.mp3`, described by a `.json` beside it
    (written last: a part without one was never finished)."""

    def __init__(self, root: Path) -> None:
        self.root = root / "parts"

    @staticmethod
    def key(part: Part, rate: int, options: MasterOptions) -> str:
        return hashlib.sha256(f"{_FORMAT}|{part.key}|{rate}|{options!r}".encode()).hexdigest()

    def paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.mp3", folder / f"{key}.json"

    def get(self, key: str) -> MasteredPart | None:
        mp3, meta = self.paths(key)
        try:
            found = MasteredPart(path=mp3, **json.loads(meta.read_text(encoding="utf-8")))
            if mp3.stat().st_size != found.size:
                return None
        except (OSError, ValueError, TypeError):
            return None
        cachedir.used(mp3)
        cachedir.used(meta)
        return found

    def clear(self) -> int:
        """Remove every encoded part (and nothing else); returns how many there were."""
        return cachedir.clear(self.root.parent, "parts")

    def put(self, key: str, data: bytes, part: MasteredPart) -> MasteredPart:
        mp3, meta = self.paths(key)
        # Not flushed to disk: a part lost in a power cut is found shorter than its
        # description says, and mastered again.
        atomic.write_bytes(mp3, data, durable=False)
        fields = {k: v for k, v in asdict(part).items() if k != "path"}
        atomic.write_bytes(meta, json.dumps(fields).encode(), durable=False)
        return replace(part, path=mp3)


class Mastering:
    """Parts mastered as they are laid out (while later sentences are still being
    spoken), found in the cache where they are there already.

    In one pool of threads in this process: the parts' audio is read from the sentence
    cache where it is mastered and never crosses a process boundary, and numpy's FFT, the
    encoder (lameenc) and the decoder release the GIL while they work, so threads master
    parts side by side. With one worker there is no thread: each part is mastered when it
    is laid out, in turn with the speech, so the narration keeps to one core (a batch's
    jobs side by side are what use the others)."""

    def __init__(
        self,
        cache_dir: Path,
        rate: int,
        options: MasterOptions,
        workers: int = 1,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> None:
        self.cache, self.rate, self.options, self.progress = PartCache(cache_dir), rate, options, progress
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="master") if workers > 1 else None
        self._found: dict[str, MasteredPart] = {}
        self._pending: dict[str, Future[MasteredPart]] = {}
        self._lock = threading.Lock()
        self._finished = 0
        self._all_started = False

    def _begin(self, part: Part) -> str:
        """Begin mastering `part` unless it is cached or already begun; its cache key."""
        key = PartCache.key(part, self.rate, self.options)
        if key in self._found or key in self._pending:
            return key
        cached = self.cache.get(key)
        if cached is not None:
            self._found[key] = cached
            return key
        if self._pool is None:  # one worker: mastered here, between sentences (one core)
            future: Future[MasteredPart] = Future()
            future.set_result(master_part(part, self.rate, self.cache, key, self.options))
        else:
            future = self._pool.submit(master_part, part, self.rate, self.cache, key, self.options)
        self._pending[key] = future
        future.add_done_callback(self._count)
        return key

    def start(self, part: Part) -> Part:
        """Begin mastering `part` unless it is cached or already begun; returns it."""
        self._begin(part)
        return part

    def results(self, parts: Sequence[Part]) -> tuple[list[MasteredPart], int]:
        """Every part mastered, in order (waiting for those still under way), and how many
        had to be mastered now."""
        keys = [self._begin(part) for part in parts]
        with self._lock:
            self._all_started = True  # the number of parts to encode is final from here
            if self.progress:
                self.progress(self._finished, len(self._pending))
        return [self._found.get(key) or self._pending[key].result() for key in keys], len(self._pending)

    def close(self) -> None:
        """Stop the threads (parts not begun are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Mastering:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _count(self, _: Future[MasteredPart]) -> None:
        with self._lock:
            self._finished += 1
            if self.progress:  # no total while parts may still be handed over
                self.progress(self._finished, len(self._pending) if self._all_started else None)


def master_part(part: Part, rate: int, cache: PartCache, key: str, options: MasterOptions) -> MasteredPart:
    """Bring one part to the loudness target under the true-peak limit, encode it and keep
    it in the part cache."""
    from narrator.audio.decoded import true_peak_dbtp
    from narrator.audio.encode import encode_part
    from narrator.audio.loudness import apply_gain, band_limited, normalise_gain

    band, analysis = band_limited(part_samples(part, rate), rate)
    gain, curve = normalise_gain(analysis, options.loudness)
    limit = options.loudness.max_true_peak_dbtp - _PEAK_MARGIN_DB
    for attempt in range(1, _ENCODE_TRIES + 1):
        encoded = encode_part(apply_gain(band, analysis, gain, curve), rate, options.mp3)
        mp3 = encoded.mp3
        peak = true_peak_dbtp(mp3, rate)
        if peak <= limit or attempt == _ENCODE_TRIES:
            break
        gain -= peak - limit + 0.1  # the overshoot scales with the signal: turn it all down
    mastered = MasteredPart(
        path=Path(),
        size=len(mp3),
        frames=encoded.frames,
        samples_per_frame=encoded.samples_per_frame,
        delay=encoded.delay,
        gain_db=round(gain, 3),
        peak_dbtp=round(peak, 3),
    )
    return cache.put(key, mp3, mastered)


def part_samples(part: Part, rate: int) -> np.ndarray:
    """The part's s16 samples: its sentence files and silences joined once (linear in the
    part's length; pydub's `+` copies the whole so far at every join)."""
    import numpy as np

    chunks: list[bytes] = []
    for piece in part.pieces:
        if piece.path is None:
            chunks.append(bytes(2 * piece.samples))
        else:
            with piece.path.open("rb") as handle:
                handle.seek(piece.offset)
                chunks.append(handle.read(2 * piece.samples))
    data = b"".join(chunks)
    if len(data) != 2 * part.samples:
        raise OSError(f"a rendered sentence of part {part.key[:12]} is shorter than when it was laid out")
    return np.frombuffer(data, dtype="<i2")
