"""Narrating many articles in one run: serial, a local process pool, a Dask LocalCluster.

100 articles of our own (seeded: 300 to 1,500 words each, with headings, figure captions,
dates, sums of money, percentages and counts), narrated with the default voice (eSpeak NG):

  serial   one article after another in this process, each as a lone `narrator narrate`
           does it (speech and encoding spread over every core where an article is long
           enough for that to pay);
  pool     `narrator narrate`'s batch: a process per core, one article each, one speech
           worker per article;
  dask     the same jobs on a Dask LocalCluster of two single-thread worker processes,
           on loopback, without a dashboard (time from the first job sent; the cluster's
           start is printed apart), started with narrator's DASK_WORKER_CONFIG (without
           it Dask's MALLOC_TRIM_THRESHOLD_ makes each article take about twice as long);
  driver   the driver's peak memory (max RSS of its process, workers not counted) for the
           first quarter, half and all of the articles (25, 50, 100), each in a fresh
           process publishing a fresh feed from the pool's warm cache: flat if the driver
           holds nothing per article.

Each mode has its own empty cache folder and output folder, so none feeds another.
Prints articles per minute, pool/serial (target >= 1.7 on two cores) and dask/pool time
(target <= 1.15). The default run takes about 10 minutes on an idle two-core machine.

    python bench/batch_speed.py [--articles 100] [--seed 7] [--nested]

`--nested` adds a pool run with two speech workers per article (the choice the batch
does not make), to show what nesting pools costs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
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


def timed(
    sources: list[str], out: Path, options: NarrateOptions, executor: Executor, fn=narrate_one
) -> float:
    start = time.perf_counter()
    outcomes = run_batch(sources, out, options, executor, Quiet(), fn)
    seconds = time.perf_counter() - start
    failed = [o for o in outcomes if o.status != "published"]
    if failed:
        sys.exit(f"{len(failed)} articles were not published, e.g. {failed[0].source}: {failed[0].reason}")
    return seconds


def options(cache: Path, workers: int) -> NarrateOptions:
    return per_job(NarrateOptions(render=RenderOptions(cache_dir=cache)), workers)


def driver_memory(sources: list[str], cache: Path, work: Path, count: int) -> float:
    """Peak RSS (MB) of a fresh driver process narrating the first `count` sources."""
    out = work / f"driver-{count}"
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--driver",
            str(count),
            "--cache",
            str(cache),
            "--out",
            str(out),
            "--sources",
            str(Path(sources[0]).parent),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def run_driver(count: int, cache: Path, out: Path, folder: Path) -> None:
    sources = sorted(str(p) for p in folder.glob("*.md"))[:count]
    cpus = os.cpu_count() or 1
    with local_pool(cpus) as (pool, fn):
        timed(sources, out, options(cache, 1), pool, fn)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def dask_executor() -> Iterator[tuple[Executor, float]]:
    """A LocalCluster of two single-thread worker processes on loopback, and its start time."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
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
    parser.add_argument("--driver", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver:
        run_driver(args.driver, args.cache, args.out, args.sources)
        return
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="batch-speed-") as tmp:
        work = Path(tmp)
        sources = write_articles(work / "articles", args.articles, args.seed)
        words = sum(len(Path(s).read_text().split()) for s in sources)
        print(f"{len(sources)} articles, {words} words (seed {args.seed}), {cpus} cores")
        times: dict[str, float] = {}
        # serial: what a lone `narrator narrate` does, one article after another
        times["serial"] = timed(
            sources, work / "out-serial", options(work / "cache-serial", cpus), InlineExecutor()
        )
        print(f"serial: {times['serial']:.1f} s", flush=True)
        with local_pool(cpus) as (pool, fn):
            times["pool"] = timed(sources, work / "out-pool", options(work / "cache-pool", 1), pool, fn)
        print(f"pool:   {times['pool']:.1f} s ({cpus} jobs, 1 speech worker each)", flush=True)
        if args.nested:
            with local_pool(cpus) as (pool, fn):
                times["nested"] = timed(
                    sources, work / "out-nested", options(work / "cache-nested", 2), pool, fn
                )
            print(f"nested: {times['nested']:.1f} s ({cpus} jobs, 2 speech workers each)", flush=True)
        with contextlib.contextmanager(dask_executor)() as (executor, started):
            times["dask"] = timed(sources, work / "out-dask", options(work / "cache-dask", 1), executor)
        print(
            f"dask:   {times['dask']:.1f} s (LocalCluster, 2 workers x 1 thread; "
            f"its start {started:.1f} s apart)"
        )
        print()
        print(f"{'mode':<8} {'seconds':>8} {'articles/min':>13}")
        for mode, seconds in times.items():
            print(f"{mode:<8} {seconds:>8.1f} {len(sources) * 60 / seconds:>13.1f}")
        print(f"pool/serial speed-up: {times['serial'] / times['pool']:.2f} (target >= 1.7)")
        print(f"dask/pool time:       {times['dask'] / times['pool']:.2f} (target <= 1.15)")
        print()
        print("driver peak memory (max RSS, MB), pool, warm cache, fresh feed:")
        for count in (len(sources) // 4, len(sources) // 2, len(sources)):
            print(
                f"  {count:>4} articles: {driver_memory(sources, work / 'cache-pool', work, count):.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
