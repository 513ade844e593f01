"""How a batch shows itself: a rich progress bar over the articles with the ones under
way below it, or one line an article (--quiet, or stderr not a terminal); and the
summary table at the end."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from narrator.batch.driver import Outcome

_MAX_SHOWN = 4
"""Articles under way shown below the overall bar (a large cluster runs many)."""


class LineView:
    """One line an article as it finishes: for logs, pipes and --quiet."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stderr
        self.total = 0
        self.count = 0

    def start(self, total: int) -> None:
        self.total = total

    def running(self, progress: dict[str, tuple[str, int, int | None]]) -> None:
        pass

    def finished(self, outcome: Outcome) -> None:
        self.count += 1
        print(f"[{self.count}/{self.total}] {_line(outcome)}", file=self.out, flush=True)

    def close(self) -> None:
        pass


class BarView:
    """A rich progress bar over the articles (done, failed, unchanged, time left) and,
    below it, each article under way with its own stage and progress."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.counts = {"published": 0, "unchanged": 0, "failed": 0}
        self.overall = self.progress.add_task("Articles", total=None, counts="")
        self.shown: dict[str, int] = {}
        self.progress.start()

    def start(self, total: int) -> None:
        self.progress.update(self.overall, total=total)

    def running(self, progress: dict[str, tuple[str, int, int | None]]) -> None:
        under_way = dict(list(progress.items())[:_MAX_SHOWN])
        for name in [n for n in self.shown if n not in under_way]:
            self.progress.remove_task(self.shown.pop(name))
        for name, (stage, done, total) in under_way.items():
            if name not in self.shown:
                self.shown[name] = self.progress.add_task("", total=None, counts="")
            self.progress.update(
                self.shown[name], description=f"  {name[:40]}: {stage}", completed=done, total=total
            )

    def finished(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        counts = ", ".join(f"{n} {status}" for status, n in self.counts.items() if n)
        self.progress.update(self.overall, advance=1, counts=counts)
        if outcome.status == "failed":
            self.progress.console.print(f"{outcome.source}: {outcome.reason}", highlight=False, markup=False)

    def close(self) -> None:
        self.progress.stop()


def _line(outcome: Outcome) -> str:
    if outcome.status == "failed":
        return f"failed     {outcome.source}: {outcome.reason}"
    assert outcome.episode is not None
    took = f", in {outcome.seconds:.1f} s" if outcome.status == "published" else ""
    return f"{outcome.status:<10} {outcome.episode.slug} ({outcome.episode.duration_ms / 1000:.1f} s{took})"


def summary(outcomes: Sequence[Outcome], seconds: float, out: TextIO | None = None) -> None:
    """The table at the end: episode, duration, time, status; then the totals."""
    from rich.console import Console
    from rich.table import Table

    table = Table("Episode", "Duration", "Time", "Status", box=None, pad_edge=False)
    for o in outcomes:
        name = o.episode.slug if o.episode else o.source
        duration = f"{o.episode.duration_ms / 1000:.1f} s" if o.episode else "-"
        took = f"{o.seconds:.1f} s" if o.seconds else "-"
        status = f"failed: {o.reason}" if o.status == "failed" else o.status
        table.add_row(name, duration, took, status)
    out = out or sys.stdout
    console = Console(file=out, highlight=False, width=None if out.isatty() else 160)
    with console.capture() as captured:
        console.print(table)
    out.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    counts = {s: sum(o.status == s for o in outcomes) for s in ("published", "unchanged", "failed")}
    console.print(
        f"{len(outcomes)} articles in {seconds:.1f} s: " + ", ".join(f"{n} {s}" for s, n in counts.items()),
        markup=False,
    )
