"""`narrator serve` under load: concurrent clients doing byte-range requests on one episode.

Starts `narrator serve` on 127.0.0.1 (an ephemeral port) over a feed with one narrated
episode (tone voice), then runs CLIENTS clients, each on its own keep-alive connection,
asking for random byte ranges of the MP3 for SECONDS seconds. Prints requests, errors
(anything but a 206 with exactly the bytes asked for), latency percentiles, and the
server's resident memory when started, after a 2 s warm-up load (lazy imports, worker
threads), at its peak and up to 10 s after the load; then how many of 1,000 connections
that never send a request the server has closed 12 s later (slow clients cannot pin it).

    nice .venv/bin/python bench/serve_load.py [CLIENTS] [SECONDS]
"""

from __future__ import annotations

import asyncio
import random
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


def start_server(output: Path) -> tuple[subprocess.Popen[str], int]:
    """`narrator serve` on an ephemeral port of 127.0.0.1, and that port."""
    narrator = str(Path(sys.executable).with_name("narrator"))
    process = subprocess.Popen(
        [narrator, "serve", "--output", str(output), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
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


def measure(output: Path, path: str, body: bytes, clients: int, seconds: float) -> dict[str, float]:
    """Serve `output`, load it, and return the figures."""
    process, port = start_server(output)
    try:
        server = psutil.Process(process.pid)
        cold = server.memory_info().rss
        # a first short load: lazy imports, anyio's worker threads, socket buffers
        asyncio.run(run_load(port, path, body, clients, 2))
        time.sleep(1)
        before = server.memory_info().rss
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
        after = server.memory_info().rss
        for _ in range(100):  # up to 10 s for memory to come back
            after = server.memory_info().rss
            if after <= before * 1.05:
                break
            time.sleep(0.1)
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
    }


def main(clients: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        output, path, body = narrated_feed(Path(tmp))
        figures = measure(output, path, body, clients, seconds)
    print(
        f"{clients} clients, {seconds:g} s of random byte ranges of a {len(body) / 1024:.0f} KB MP3 on 127.0.0.1"
    )
    for name, value in figures.items():
        print(f"  {name:18} {value:.1f}" if isinstance(value, float) else f"  {name:18} {value}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200, float(sys.argv[2]) if len(sys.argv) > 2 else 20)
