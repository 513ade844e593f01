"""Narrating many articles in one run: serial, a local process pool, a Dask LocalCluster.

100 articles of our own (seeded: 300 to 1,500 words each, with headings, figure captions,
dates, sums of money, percentages and counts), narrated with the default voice (eSpeak NG):

  serial   one article after another in this process, each on one core as a batch's job
           narrates it (`narrator narrate --jobs 1`: its speech, then each part mastered
           in turn);
  pool     `narrator narrate`'s batch: a process per core, one article each, on one core;
  lone     (with --lone) one article after another, each as a lone `narrator narrate`
           does it (speech processes and encoding threads over every core): what a loop
           of single narrations would take;
  dask     the same jobs on a Dask LocalCluster of two single-thread worker processes,
           on loopback, without a dashboard (time from the first job sent; the cluster's
           start is printed apart), started with narrator's DASK_WORKER_CONFIG, as the
           README tells (without it Dask's MALLOC_TRIM_THRESHOLD_ makes each article
           take far longer); `--dask-defaults` starts it as Dask would by itself;
  driver   the driver's peak memory (max RSS of its process, workers not counted) when
           the first quarter, half and all of the articles (25, 50, 100) are published,
           in one fresh process publishing a fresh feed from the pool's warm cache: flat
           if the driver holds nothing per article.

Each mode has its own empty cache folder and output folder, so none feeds another.
Prints articles per minute, pool/serial (target >= 1.7 on two cores) and dask/pool time
(target <= 1.15). The default run takes about 10 minutes on an idle two-core machine.

    python bench/batch_speed.py [--articles 100] [--seed 7] [--nested] [--lone] [--dask-defaults]
                                [--voice tone] [--memory]

`--voice tone` narrates with the test tone instead of speech: what is left is the batch's
own cost (publishing, the driver, the executors). `--memory` measures only the driver's
memory, from a cold cache.

`--nested` adds a pool run with two speech workers per article (the choice the batch
does not make), to show what nesting pools costs.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrator.batch.driver import Outcome, run_batch  # noqa: E402
from narrator.batch.executors import local_pool  # noqa: E402
from narrator.batch.job import narrate_one  # noqa: E402
from narrator.batch.run import per_job  # noqa: E402
from narrator.pipeline import NarrateOptions  # noqa: E402
from narrator.speech.render import RenderOptions  # noqa: E402

NOUNS = (
    "council harbour budget railway school clinic bridge market river library museum ferry "
    "reservoir orchard district hospital festival factory airport tunnel forest coastline"
).split()
VERBS = "approved delayed expanded reviewed funded closed reopened measured doubled questioned".split()
PEOPLE = "residents engineers teachers farmers nurses drivers students officials volunteers".split()
MONTHS = "January February March April May June July August September October November December".split()


class InlineExecutor(Executor):
    """Runs each job at once, in this process: the serial baseline on the same driver."""

    def submit(self, fn: Callable[..., object], /, *args: object, **kwargs: object) -> Future[object]:
        future: Future[object] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the driver, as a pool would
            future.set_exception(exc)
        return future


def sentence(rng: random.Random) -> str:
    noun, verb, who = rng.choice(NOUNS), rng.choice(VERBS), rng.choice(PEOPLE)
    forms = [
        f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1990, 2030)}, "
        f"the {noun} plan was {verb} after {rng.randint(12, 4800):,} {who} wrote in.",
        f"Costs rose {rng.randint(2, 60)}.{rng.randint(0, 9)}% to ${rng.randint(2, 900)}.{rng.randint(1, 9)} "
        f"million, the {noun} report said.",
        f"About {rng.randint(3, 95)} of the {rng.randint(100, 999)} {who} asked said the {noun} should be "
        f"{verb} before the {rng.choice(['spring', 'summer', 'autumn', 'winter'])}.",
        f"The {noun} opened at {rng.randint(1, 12)}:{rng.choice(['00', '15', '30', '45'])} "
        f"{rng.choice(['a.m.', 'p.m.'])} and {rng.randint(2, 40)} {who} were waiting.",
        f"Local {who} say the {noun} has been {verb} {rng.randint(2, 9)} times "
        f"since {rng.randint(1960, 2015)}.",
    ]
    return rng.choice(forms)


def article(n: int, rng: random.Random) -> str:
    """A Markdown article of 300 to 1,500 words: title, date, headings, captions."""
    target = rng.randint(300, 1500)
    noun = rng.choice(NOUNS)
    lines = [
        "---",
        f"title: The {noun} question, part {n}",
        f"author: Reporter {n % 17}",
        f"date: 2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "---",
        "",
    ]
    words, section = 0, 0
    while words < target:
        if words and rng.random() < 0.2:
            section += 1
            lines += [f"## What the {rng.choice(NOUNS)} means, {section}", ""]
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        lines += [paragraph, ""]
        words += len(paragraph.split())
        if rng.random() < 0.1:
            caption = f"The {rng.choice(NOUNS)} in {rng.choice(MONTHS)} {rng.randint(2000, 2025)}."
            lines += [f'![Photo {n}]({noun}.jpg "{caption}")', ""]
    return "\n".join(lines)


def write_articles(folder: Path, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:03d}.md"
        path.write_text(article(n, rng), encoding="utf-8")
        paths.append(str(path))
    return paths


class Quiet:
    def start(self, total: int) -> None: ...
    def running(self, progress: dict[str, tuple[str, int, int | None]]) -> None: ...
    def finished(self, outcome: Outcome) -> None: ...


@dataclass
class Run:
    """One mode's run: wall time, CPU time of all its processes, and the time its workers
    spent on articles (over the wall time: how many articles were under way on average)."""

    seconds: float
    cpu: float
    working: float


def cpu_seconds() -> float:
    """CPU time of this process and of its ended children (a pool's or a LocalCluster's
    workers, once shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def measured(runs: dict[str, Run], mode: str) -> Iterator[list[float]]:
    """Times a mode (the executor's start and shut-down inside); the body appends the
    run's wall time and its workers' time."""
    cpu = cpu_seconds()
    result: list[float] = []
    yield result
    runs[mode] = Run(result[0], cpu_seconds() - cpu, result[1])


def timed(
    sources: list[str], out: Path, options: NarrateOptions, executor: Executor, fn=narrate_one
) -> tuple[float, float]:
    """The batch's wall time, and the sum of its workers' times."""
    start = time.perf_counter()
    outcomes = run_batch(sources, out, options, executor, Quiet(), fn)
    seconds = time.perf_counter() - start
    failed = [o for o in outcomes if o.status != "published"]
    if failed:
        sys.exit(f"{len(failed)} articles were not published, e.g. {failed[0].source}: {failed[0].reason}")
    return seconds, sum(o.seconds for o in outcomes)


def options(cache: Path, workers: int, voice: str = "default") -> NarrateOptions:
    return per_job(NarrateOptions(voice=voice, render=RenderOptions(cache_dir=cache)), workers)


class Milestones(Quiet):
    """Notes the process's peak RSS (MB) as the `at`-th articles are published."""

    def __init__(self, at: list[int]) -> None:
        self.at, self.done, self.peaks = at, 0, {}

    def finished(self, outcome: Outcome) -> None:
        self.done += 1
        if self.done in self.at:
            self.peaks[self.done] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def driver_memory(sources: list[str], cache: Path, work: Path, voice: str) -> dict[int, float]:
    """Peak RSS (MB) of a fresh driver process narrating every source, when the first
    quarter, half and all are published."""
    out = work / "driver"
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--driver",
            str(len(sources)),
            "--cache",
            str(cache),
            "--out",
            str(out),
            "--sources",
            str(Path(sources[0]).parent),
            "--voice",
            voice,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return {int(count): float(mb) for count, mb in (line.split() for line in result.stdout.splitlines())}


def run_driver(count: int, cache: Path, out: Path, folder: Path, voice: str) -> None:
    sources = sorted(str(p) for p in folder.glob("*.md"))[:count]
    cpus = os.cpu_count() or 1
    view = Milestones([count // 4, count // 2, count])
    with local_pool(cpus) as (pool, fn):
        outcomes = run_batch(sources, out, options(cache, 1, voice), pool, view, fn)
    assert all(o.status == "published" for o in outcomes)
    for done, mb in view.peaks.items():
        print(done, mb)


def dask_executor(defaults: bool) -> Iterator[tuple[Executor, float]]:
    """A LocalCluster of two single-thread worker processes on loopback, and its start time;
    with narrator's worker config unless `defaults`."""
    import dask
    from distributed import Client, LocalCluster

    from narrator.batch.executors import DASK_WORKER_CONFIG

    start = time.perf_counter()
    with (
        dask.config.set({} if defaults else DASK_WORKER_CONFIG),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(2)
        yield client.get_executor(pure=False, retries=2), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--nested", action="store_true", help="also a pool run with 2 speech workers a job")
    parser.add_argument("--dask-defaults", action="store_true", help="Dask's own worker config")
    parser.add_argument("--lone", action="store_true", help="also each article as a lone narrate does it")
    parser.add_argument("--memory", action="store_true", help="only the driver's memory (cold cache)")
    parser.add_argument("--voice", default="default", help="another voice (tone: the batch's own costs)")
    parser.add_argument("--driver", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver:
        run_driver(args.driver, args.cache, args.out, args.sources, args.voice)
        return
    cpus = os.cpu_count() or 1
    opts = functools.partial(options, voice=args.voice)
    with tempfile.TemporaryDirectory(prefix="batch-speed-") as tmp:
        work = Path(tmp)
        sources = write_articles(work / "articles", args.articles, args.seed)
        words = sum(len(Path(s).read_text().split()) for s in sources)
        print(f"{len(sources)} articles, {words} words (seed {args.seed}), {cpus} cores, voice {args.voice}")
        if args.memory:
            memory(sources, work / "cache-memory", work, args.voice)
            return
        runs: dict[str, Run] = {}
        # serial: one article after another, each on one core as a batch's job does it
        with measured(runs, "serial") as run:
            run += timed(sources, work / "out-serial", opts(work / "cache-serial", 1), InlineExecutor())
        print(f"serial: {runs['serial'].seconds:.1f} s (one article at a time, one core)", flush=True)
        if args.lone:  # each as a lone `narrator narrate` does it, over every core
            with measured(runs, "lone") as run:
                run += timed(sources, work / "out-lone", opts(work / "cache-lone", cpus), InlineExecutor())
            lone = runs["lone"].seconds
            print(f"lone:   {lone:.1f} s (one article at a time, {cpus} workers each)", flush=True)
        with measured(runs, "pool") as run, local_pool(cpus) as (pool, fn):
            run += timed(sources, work / "out-pool", opts(work / "cache-pool", 1), pool, fn)
        print(f"pool:   {runs['pool'].seconds:.1f} s ({cpus} jobs, 1 speech worker each)", flush=True)
        if args.nested:
            with measured(runs, "nested") as run, local_pool(cpus) as (pool, fn):
                run += timed(sources, work / "out-nested", opts(work / "cache-nested", 2), pool, fn)
            print(f"nested: {runs['nested'].seconds:.1f} s ({cpus} jobs, 2 speech workers each)", flush=True)
        with (
            measured(runs, "dask") as run,
            contextlib.contextmanager(dask_executor)(args.dask_defaults) as (executor, started),
        ):
            run += timed(sources, work / "out-dask", opts(work / "cache-dask", 1), executor)
        print(
            f"dask:   {runs['dask'].seconds:.1f} s (LocalCluster, 2 workers x 1 thread, "
            f"{'Dask' if args.dask_defaults else 'narrator'}'s worker config; "
            f"its start {started:.1f} s apart)"
        )
        print()
        print(f"{'mode':<8} {'seconds':>8} {'articles/min':>13} {'CPU s':>7} {'under way':>10}")
        for mode, r in runs.items():
            per_minute = len(sources) * 60 / r.seconds
            under_way = r.working / r.seconds
            print(f"{mode:<8} {r.seconds:>8.1f} {per_minute:>13.1f} {r.cpu:>7.1f} {under_way:>10.2f}")
        times = {mode: r.seconds for mode, r in runs.items()}
        print(f"pool/serial speed-up: {times['serial'] / times['pool']:.2f} (target >= 1.7)")
        if "lone" in times:
            print(f"pool/lone speed-up:   {times['lone'] / times['pool']:.2f}")
        print(f"dask/pool time:       {times['dask'] / times['pool']:.2f} (target <= 1.15)")
        print()
        memory(sources, work / "cache-pool", work, args.voice)


def memory(sources: list[str], cache: Path, work: Path, voice: str) -> None:
    print("driver peak memory (max RSS, MB) when so many articles are published:")
    for count, mb in driver_memory(sources, cache, work, voice).items():
        print(f"  {count:>4} articles: {mb:.1f}", flush=True)


if __name__ == "__main__":
    main()
