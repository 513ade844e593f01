"""`narrator serve` under load: concurrent clients doing byte-range requests on one episode.

Starts `narrator serve` on 127.0.0.1 (an ephemeral port) over a feed with one narrated
episode (tone voice), then runs CLIENTS clients, each on its own keep-alive connection,
asking for random byte ranges of the MP3 for SECONDS seconds. Prints requests, errors
(anything but a 206 with exactly the bytes asked for), latency percentiles, and the
server's resident memory when started, after a 2 s warm-up load (lazy imports, worker
threads), at its peak and up to 10 s after the load; then how many of 1,000 connections
that never send a request the server has closed 12 s later (slow clients cannot pin it).

    nice .venv/bin/python bench/serve_load.py [CLIENTS] [SECONDS] [--trace] [--arenas N] [--rounds N]

--trace runs the same server with tracemalloc on and reports, beside the resident
memory, what Python itself holds (traced bytes) at each point: when resident memory stays
up but traced memory comes back, the difference is freed memory the allocators keep for
reuse, not objects the server holds. --arenas N sets MALLOC_ARENA_MAX for the server, a
diagnosis for servers that read files on threads, not a setting narrator uses.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "listening-is-reading.txt"
MAX_REQUESTS_PER_CLIENT = 100_000
"""Every loop is bounded, even if the clock misbehaves."""


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _client(port: int, path: str, body: bytes, until: float, load: Load, seed: int) -> None:
    rng = random.Random(seed)
    reader = writer = None
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= until:
            break
        first = rng.randrange(len(body))
        last = min(len(body) - 1, first + rng.randrange(1, 65536))
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes={first}-{last}\r\n\r\n".encode()
            )
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
            status = head.split(b" ", 2)[1]
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            got = await asyncio.wait_for(reader.readexactly(length), 30)
            if status != b"206" or got != body[first : last + 1]:
                load.errors.append(f"{status.decode()} for bytes={first}-{last}")
            load.latencies.append(time.monotonic() - started)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, StopIteration, ValueError) as exc:
            load.errors.append(type(exc).__name__)
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def run_load(port: int, path: str, body: bytes, clients: int, seconds: float) -> Load:
    """`clients` keep-alive clients asking for random ranges of `path` for `seconds`."""
    load = Load()
    until = time.monotonic() + seconds
    await asyncio.gather(*(_client(port, path, body, until, load, seed) for seed in range(clients)))
    return load


async def half_open(port: int, count: int, wait_s: float) -> int:
    """Open `count` connections that never send a request; how many the server has closed after `wait_s`."""
    streams = []
    for _ in range(count):
        streams.append(await asyncio.open_connection("127.0.0.1", port))
    await asyncio.sleep(wait_s)
    closed = 0
    for reader, writer in streams:
        try:
            closed += await asyncio.wait_for(reader.read(1), 0.5) == b""
        except TimeoutError:
            pass
        writer.close()
    return closed


TRACED_SERVER = """
import json, signal, sys, threading, tracemalloc
from pathlib import Path
tracemalloc.start()
out = Path(sys.argv[2])
def report(*_):
    current, peak = tracemalloc.get_traced_memory()
    out.write_text(json.dumps([current, threading.active_count()]))
signal.signal(signal.SIGUSR1, report)
from narrator.cli import main
sys.argv = ["narrator", "serve", "--output", sys.argv[1], "--port", "0"]
main()
"""
"""`narrator serve` (the CLI's own code) with tracemalloc on; SIGUSR1 writes the bytes
Python holds and the thread count to the file named by its second argument."""


def start_server(
    output: Path, trace: Path | None = None, arenas: int | None = None
) -> tuple[subprocess.Popen[str], int]:
    """`narrator serve` on an ephemeral port of 127.0.0.1, and that port."""
    narrator = str(Path(sys.executable).with_name("narrator"))
    command = [narrator, "serve", "--output", str(output), "--port", "0"]
    if trace is not None:
        command = [sys.executable, "-c", TRACED_SERVER, str(output), str(trace)]
    env = {**os.environ, **({"MALLOC_ARENA_MAX": str(arenas)} if arenas else {})}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    url = process.stdout.readline().strip()  # type: ignore[union-attr]
    return process, int(url.split(":")[2].split("/")[0])


def narrated_feed(root: Path) -> tuple[Path, str, bytes]:
    """An output folder with one episode: (folder, the MP3's URL path, its bytes)."""
    from narrator.pipeline import NarrateOptions, narrate

    feed = root / "load.toml"
    feed.write_text(
        'title = "Load"\ndescription = "Load test."\nauthor = "Bench"\nowner_email = "b@example.org"\n'
        'categories = ["News"]\nbase_url = "http://127.0.0.1:8000/load/"\n'
    )
    output = root / "out"
    result = narrate(EXAMPLE, output, NarrateOptions(feed=str(feed), voice="tone"))
    mp3 = result.episode.path
    return output, "/" + mp3.relative_to(output).as_posix(), mp3.read_bytes()


def _traced(process: subprocess.Popen[str], trace: Path | None) -> float:
    """MB that Python holds in the traced server (0 when not tracing)."""
    if trace is None:
        return 0.0
    trace.unlink(missing_ok=True)
    process.send_signal(signal.SIGUSR1)
    for _ in range(100):
        if trace.exists() and trace.read_text():
            return json.loads(trace.read_text())[0] / 2**20
        time.sleep(0.05)
    return float("nan")


def measure(
    output: Path,
    path: str,
    body: bytes,
    clients: int,
    seconds: float,
    trace: Path | None = None,
    arenas: int | None = None,
    rounds: int = 1,
) -> dict[str, float]:
    """Serve `output`, load it, and return the figures."""
    process, port = start_server(output, trace, arenas)
    traced: dict[str, float] = {}
    try:
        server = psutil.Process(process.pid)
        time.sleep(0.5)
        cold = server.memory_info().rss
        traced["traced_cold_mb"] = _traced(process, trace)
        # a first short load: lazy imports, anyio's worker threads, socket buffers
        asyncio.run(run_load(port, path, body, clients, 2))
        time.sleep(1)
        before = server.memory_info().rss
        traced["traced_warm_mb"] = _traced(process, trace)
        peak = [before]

        async def sample() -> None:
            for _ in range(int(seconds * 10) + 50):
                peak[0] = max(peak[0], server.memory_info().rss)
                await asyncio.sleep(0.1)

        async def both() -> Load:
            sampler = asyncio.ensure_future(sample())
            load = await run_load(port, path, body, clients, seconds)
            sampler.cancel()
            return load

        load = asyncio.run(both())
        traced["traced_end_of_load_mb"] = _traced(process, trace)
        after = server.memory_info().rss
        for _ in range(100):  # up to 10 s for memory to come back
            after = server.memory_info().rss
            if after <= before * 1.05:
                break
            time.sleep(0.1)
        traced["traced_after_mb"] = _traced(process, trace)
        for round_ in range(2, rounds + 1):  # the same load again: does memory keep growing?
            asyncio.run(run_load(port, path, body, clients, seconds))
            time.sleep(10)
            traced[f"rss_10s_after_load_{round_}_mb"] = server.memory_info().rss / 2**20
            if trace is not None:
                traced[f"traced_10s_after_load_{round_}_mb"] = _traced(process, trace)
        sockets = len(server.net_connections(kind="tcp"))
        idle_closed = asyncio.run(half_open(port, 1000, 12))
        threads = server.num_threads()
    finally:
        process.terminate()
        process.wait(timeout=10)
    latencies = sorted(load.latencies) or [0.0]
    return {
        "requests": len(load.latencies),
        "errors": len(load.errors),
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1 if len(latencies) > 1 else 0] * 1000,
        "max_ms": latencies[-1] * 1000,
        "rss_cold_mb": cold / 2**20,
        "rss_before_mb": before / 2**20,
        "rss_peak_mb": peak[0] / 2**20,
        "rss_after_10s_mb": after / 2**20,
        "tcp_sockets_after": sockets,  # the listener alone: every client's connection closed
        "threads_after": threads,
        "idle_closed_of_1000": idle_closed,  # connections that sent nothing, closed within 12 s
        "first_errors": ", ".join(sorted(set(load.errors))[:5]),  # type: ignore[dict-item]
        **{k: v for k, v in traced.items() if trace is not None or k.startswith("rss")},
    }


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clients", type=int, nargs="?", default=200)
    parser.add_argument("seconds", type=float, nargs="?", default=20)
    parser.add_argument("--trace", action="store_true", help="also report the bytes Python holds")
    parser.add_argument("--arenas", type=int, help="MALLOC_ARENA_MAX for the server (a diagnosis)")
    parser.add_argument("--rounds", type=int, default=1, help="loads in a row (memory after each)")
    options = parser.parse_args()
    clients, seconds = options.clients, options.seconds
    with tempfile.TemporaryDirectory() as tmp:
        output, path, body = narrated_feed(Path(tmp))
        trace = Path(tmp) / "traced.json" if options.trace else None
        figures = measure(output, path, body, clients, seconds, trace, options.arenas, options.rounds)
    print(
        f"{clients} clients, {seconds:g} s of random byte ranges of a {len(body) / 1024:.0f} KB MP3 "
        f"on 127.0.0.1{' (tracemalloc on)' if trace else ''}"
        f"{f', MALLOC_ARENA_MAX={options.arenas}' if options.arenas else ''}"
    )
    for name, value in figures.items():
        print(f"  {name:18} {value:.1f}" if isinstance(value, float) else f"  {name:18} {value}")


if __name__ == "__main__":
    main()
