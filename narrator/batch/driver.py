"""The batch's driver: hand every source to `narrate_one` on an executor, publish what
comes back (under the feed's lock, a few episodes at a time), and say how each went.

Only the driver writes the index and feed.xml. Workers stage their files in the batch's
own folder inside the feed folder (`.staging/<batch>`), so a stopped batch removes
everything it left by removing that folder. A source already published from the same
bytes with the same options is not sent again: a batch run twice, or resumed after
Ctrl-C, redoes only what is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Literal, Protocol

from narrator import atomic, cachedir
from narrator.batch.job import PROGRESS_SUFFIX, Done, Failed, Job, narrate_one, read_progress
from narrator.batch.sources import is_url
from narrator.document import Episode
from narrator.feed.config import FeedConfig, feed_folder, load_feed
from narrator.feed.episodes import STAGING_NAME, publish_many
from narrator.feed.identity import identity
from narrator.feed.index import read_index
from narrator.pipeline import NarrateOptions
from narrator.speech.profile import load_voice
from narrator.speech.render import RenderOptions

RECORD_NAME = ".batch-sources.json"
"""In the feed folder: which source bytes and options made which published episode."""
PUBLISH_EVERY_S = 2.0
"""Finished episodes are published together at most this often: each publish writes the
whole index, feed and show page (the new episodes' pages alone), so publishing once per
episode would cost the driver O(n²) in a long batch of short articles."""
_POLL_S = 0.5


@dataclass(frozen=True)
class Outcome:
    """How one source of the batch went."""

    source: str
    status: Literal["published", "unchanged", "failed"]
    episode: Episode | None = None
    reason: str = ""
    seconds: float = 0.0
    """Time the worker spent on it (0 for an unchanged one, not sent)."""
    rendered: int = 0
    encoded: int = 0


class BatchView(Protocol):
    """Where the driver tells how the batch goes (a progress bar, or a line an article)."""

    def start(self, total: int) -> None: ...
    def running(self, progress: dict[str, tuple[str, int, int | None]]) -> None: ...
    def finished(self, outcome: Outcome) -> None: ...


JobFunction = Callable[[Job], Done | Failed]


def run_batch(
    sources: Sequence[str],
    output: Path,
    options: NarrateOptions,
    executor: Executor,
    view: BatchView,
    function: JobFunction = narrate_one,
) -> list[Outcome]:
    """Narrate every source on `executor` (which is shut down when the batch ends) and
    publish each finished episode: the outcomes, in the order of `sources`. Bad sources
    are outcomes; a bad feed, voice or index raises before anything is sent."""
    config = load_feed(options.feed)
    folder = feed_folder(output.absolute(), config)
    published = {e.guid: e for e in read_index(folder)}  # a broken index fails here
    identity = _identity(options)
    record = _read_record(folder)
    view.start(len(sources))
    outcomes: dict[int, Outcome] = {}
    todo: list[tuple[int, str, str | None]] = []
    afresh = options.render.cache_dir is None  # --no-cache: every source narrated again
    for i, source in enumerate(sources):
        print_ = _fingerprint(source, identity)
        episode = None if afresh else _unchanged(record.get(print_ or ""), published)
        if episode is not None:
            outcomes[i] = Outcome(_shown(source), "unchanged", episode)
            view.finished(outcomes[i])
        else:
            todo.append((i, source, print_))
    staging = folder / STAGING_NAME / uuid.uuid4().hex
    staging.mkdir(parents=True)
    batch = _Batch(config, folder, staging, view, outcomes)
    try:
        jobs = [(i, Job(source, output.absolute(), options, staging, f"{i:06d}"), p) for i, source, p in todo]
        batch.drive(executor, jobs, function)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            staging.parent.rmdir()  # unless another batch is staging there too
    if options.render.cache_dir and any(o.rendered or o.encoded for o in outcomes.values()):
        cachedir.trim(options.render.cache_dir, options.cache_max_size)
    return [outcomes[i] for i in range(len(sources))]


class _Batch:
    """The driver's loop: results in, episodes published, progress shown."""

    def __init__(
        self, config: FeedConfig, folder: Path, staging: Path, view: BatchView, outcomes: dict[int, Outcome]
    ) -> None:
        self.config, self.folder, self.staging, self.view = config, folder, staging, view
        self.outcomes = outcomes
        self.kept = frozenset(o.episode.guid for o in outcomes.values() if o.episode)
        """Episodes found unchanged: another source with the same slug must not replace them."""
        self.finished: list[tuple[int, Done, str | None]] = []
        self.last_publish = time.monotonic()

    def drive(
        self, executor: Executor, jobs: list[tuple[int, Job, str | None]], function: JobFunction
    ) -> None:
        futures: dict[Future[Done | Failed], tuple[int, Job, str | None]] = {}
        waiting: set[Future[Done | Failed]] = set()
        try:
            for entry in jobs:
                futures[executor.submit(function, entry[1])] = entry
            waiting = set(futures)
            names = {job.key: _shown(job.source) for _, job, _ in jobs}
            while waiting:
                done, waiting = wait(waiting, timeout=_POLL_S, return_when=FIRST_COMPLETED)
                for future in done:
                    self._take(future, futures[future])
                if self.finished and (not waiting or time.monotonic() - self.last_publish >= PUBLISH_EVERY_S):
                    self._publish()
                self.view.running(self._progress(names))
        except KeyboardInterrupt:
            for future in futures:
                future.cancel()
            executor.shutdown(wait=True)
            for future in waiting:  # finished while the batch was stopping: kept too
                if future.done() and not future.cancelled() and future.exception() is None:
                    self._take(future, futures[future])
            if self.finished:
                self._publish()
            raise
        except BaseException:
            for future in futures:
                future.cancel()
            executor.shutdown(wait=True)
            raise
        executor.shutdown(wait=True)

    def _take(self, future: Future[Done | Failed], entry: tuple[int, Job, str | None]) -> None:
        i, job, print_ = entry
        try:
            result = future.result()
        except Exception as exc:  # the worker died, or a fault of ours: this article fails, the rest go on
            result = Failed(job.source, _crash_reason(exc), 0.0)
        if isinstance(result, Done):
            self.finished.append((i, result, print_))
            return
        self.outcomes[i] = Outcome(_shown(job.source), "failed", reason=result.reason, seconds=result.seconds)
        self.view.finished(self.outcomes[i])

    def _publish(self) -> None:
        """The finished episodes into the feed, in one update under its lock, and into the
        record, with Ctrl-C held until both are written: a batch stopped between the two
        had published an article with no record of it, and its next run narrated it again."""
        finished, self.finished = self.finished, []
        with _ctrl_c_held():
            try:
                staged = [(d.episode, d.staged) for _, d, _ in finished]
                listed = publish_many(self.config, self.folder, staged, kept=self.kept)
            finally:
                for _, done, _ in finished:
                    for tmp in done.staged.values():
                        tmp.unlink(missing_ok=True)
            # One published episode per source, in the order of their first finished job.
            keys = dict.fromkeys(identity(d.episode) for _, d, _ in finished)
            by_key = dict(zip(keys, listed, strict=True))
            # Recorded once published, under the slug and GUID the feed gave.
            _add_to_record(
                self.folder,
                {p: _made(by_key[identity(d.episode)]) for _, d, p in finished if p},
            )
            self.last_publish = time.monotonic()
            for i, done, _ in finished:
                self.outcomes[i] = Outcome(
                    _shown(done.source),
                    "published",
                    by_key[identity(done.episode)],
                    seconds=done.seconds,
                    rendered=done.rendered,
                    encoded=done.encoded,
                )
                self.view.finished(self.outcomes[i])

    def _progress(self, names: dict[str, str]) -> dict[str, tuple[str, int, int | None]]:
        """The articles under way, as their workers last reported."""
        found = {}
        for path in sorted(self.staging.glob(f"*{PROGRESS_SUFFIX}")):
            progress = read_progress(path)
            if progress is not None and path.stem in names:
                found[names[path.stem]] = progress
        return found


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Run the block whole: a SIGINT that arrives inside it is acted on when it ends.

    Only the main thread can set a signal handler; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt here
    elif caught and previous == signal.SIG_DFL:
        signal.raise_signal(signal.SIGINT)


def _shown(source: str) -> str:
    """A source as the summary names it: a URL whole, a file by its name."""
    return source if is_url(source) else Path(source).name


def _crash_reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "BrokenProcessPool":
        return "A worker process died (killed, or out of memory) while narrating it."
    if name == "KilledWorker":
        return "Every Dask worker that tried it died while narrating it."
    return f"{name}: {exc}"


def _identity(options: NarrateOptions) -> str:
    """What, besides the source's bytes, decides an episode: narrator's version, the
    options (not where the cache is or how many workers) and the voice profile."""
    plain = replace(
        options,
        render=RenderOptions(),
        audio=replace(options.audio, workers=1),
        cache_max_size=0,
    )
    return f"{version('narrator')}|{plain!r}|{load_voice(options.voice)!r}"


def _fingerprint(source: str, identity: str) -> str | None:
    """The source's bytes and the identity, hashed; None for a URL (only fetching it
    again tells whether it changed) or a file that cannot be read (its job will say why)."""
    if is_url(source):
        return None
    try:
        data = Path(source).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(hashlib.sha256(data).digest() + identity.encode()).hexdigest()


def _made(episode: Episode) -> str:
    """What the record keeps of the episode some bytes made: "<guid> <audio file name>"."""
    return f"{episode.guid} {episode.path.name}"


def _unchanged(made: str | None, published: dict[str, Episode]) -> Episode | None:
    """The episode the record says these bytes made ("<guid> <audio file name>"), if the
    feed still lists that very version and its audio is there whole."""
    guid, _, name = (made or "").partition(" ")
    episode = published.get(guid)
    if episode is None or episode.path.name != name:
        return None
    try:
        return episode if episode.path.stat().st_size == episode.size else None
    except OSError:
        return None


def _read_record(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError):
        return {}  # none yet, or damaged: every source is narrated (with the caches, quickly)


def _add_to_record(folder: Path, made: dict[str, str]) -> None:
    if not made:
        return
    with atomic.locked(folder):
        record = _read_record(folder)
        record.update(made)
        atomic.write_bytes(folder / RECORD_NAME, json.dumps(record, indent=1).encode(), durable=False)
