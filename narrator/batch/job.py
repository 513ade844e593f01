"""One article of a batch, as a worker narrates it: a picklable job in, a picklable
result out. The worker writes the episode's files into the batch's staging folder and
returns the episode as the feed will list it; it never touches the index or feed.xml."""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from narrator import atomic
from narrator.document import Episode
from narrator.errors import NarratorError
from narrator.pipeline import NarrateOptions, stage_episode

PROGRESS_SUFFIX = ".progress"
_PROGRESS_EVERY_S = 0.5


@dataclass(frozen=True)
class Job:
    """One source of a batch, with everything a worker on another machine needs."""

    source: str
    """An absolute path (on storage every worker sees) or an http(s) URL."""
    output: Path
    """The output folder (absolute; shared storage for a cluster)."""
    options: NarrateOptions
    """As for `narrate`; its cache folder is the one every worker shares."""
    staging: Path
    """The batch's staging folder, inside the feed folder: the episode's files go here."""
    key: str
    """Names this job's progress file in `staging`."""


@dataclass(frozen=True)
class Done:
    """An episode made and staged, waiting for the driver to publish it."""

    source: str
    episode: Episode
    """As the feed will list it: its files' final paths, not yet in place."""
    staged: dict[Path, Path] = field(hash=False)
    """Final path -> its staged file in the batch's staging folder."""
    seconds: float
    sentences: int
    rendered: int
    """Sentences spoken afresh (the rest came from the shared cache)."""
    parts: int
    encoded: int


@dataclass(frozen=True)
class Failed:
    """A source that gave no episode, and the sentence that says why."""

    source: str
    reason: str
    seconds: float


def narrate_one(job: Job) -> Done | Failed:
    """Narrate `job.source` into the batch's staging folder. Bad input (the source, the
    article in it, a file refused) is a `Failed`, not an exception: retrying it elsewhere
    would fail the same way. Anything else raises, and the executor may retry it."""
    start = time.monotonic()
    progress = _ProgressFile(job.staging / f"{job.key}{PROGRESS_SUFFIX}")
    try:
        if not job.staging.is_dir():
            return Failed(
                job.source,
                f"{job.staging} is not there: the batch was stopped, or this worker "
                "does not see the output folder (a cluster's must be on shared storage).",
                0.0,
            )
        staged = stage_episode(job.source, job.output, job.options, progress, job.staging)
    except NarratorError as exc:
        return Failed(job.source, str(exc), time.monotonic() - start)
    except OSError as exc:
        return Failed(job.source, os_reason(exc), time.monotonic() - start)
    finally:
        progress.path.unlink(missing_ok=True)
    recording = staged.recording
    return Done(
        source=job.source,
        episode=recording.episode,
        staged=recording.staged,
        seconds=time.monotonic() - start,
        sentences=staged.stats.sentences,
        rendered=staged.stats.rendered,
        parts=len(recording.parts),
        encoded=recording.encoded,
    )


def os_reason(exc: OSError) -> str:
    """The file system refusing a file, in one sentence (as the CLI says it)."""
    where = f" {exc.filename}" if exc.filename else ""
    return f"cannot use{where}: {exc.strerror or exc}."


class _ProgressFile:
    """The job's progress, written to a small file the driver reads (it works the same for
    a local process and a worker on another machine sharing the output folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last < _PROGRESS_EVERY_S or not self.path.parent.is_dir():
            return
        self._last = now
        atomic.write_bytes(self.path, f"{stage}\t{done}\t{total or ''}".encode(), durable=False)


def read_progress(path: Path) -> tuple[str, int, int | None] | None:
    """What a job's progress file says: (stage, done, total), or None if not there (yet)."""
    try:
        stage, done, total = path.read_text(encoding="utf-8").split("\t")
        return stage, int(done), int(total) if total else None
    except (OSError, ValueError):
        return None


def ignore_ctrl_c() -> None:
    """A local pool worker's initializer: a Ctrl-C reaches the whole foreground group, and
    an idle worker must not die of it (the driver stops the batch)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def narrate_one_interruptible(job: Job) -> Done | Failed:
    """`narrate_one` in a local pool worker: a Ctrl-C stops the article under way (its
    staged files are removed on the way out), then the worker is idle and deaf to it again."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return narrate_one(job)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
