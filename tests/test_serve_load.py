"""`narrator serve` under 200 concurrent range-requesting clients on 127.0.0.1: no error,
every connection released, no thread beside the event loop. The speed and memory figures (p50, p99, the
server's memory before, during and after) are printed by bench/serve_load.py, not
asserted here: allocator noise makes a memory bound in a test flaky."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import time
from pathlib import Path

import psutil
import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "serve_load.py"


def _bench():
    spec = importlib.util.spec_from_file_location("serve_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["serve_load"] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.slow
def test_200_clients_doing_range_requests(tmp_path: Path) -> None:
    bench = _bench()
    output, path, body = bench.narrated_feed(tmp_path)
    process, port = bench.start_server(output)
    try:
        server = psutil.Process(process.pid)
        for _ in range(3):
            load = asyncio.run(bench.run_load(port, path, body, 200, 4))
            assert load.errors == [] and len(load.latencies) > 200
            for _ in range(100):  # bounded: up to 10 s for the server to release every connection
                if len(server.net_connections(kind="tcp")) == 1:
                    break
                time.sleep(0.1)
            assert len(server.net_connections(kind="tcp")) == 1  # the listener alone
        # files are read on the event loop: no pool of reading threads (anyio's default is 40)
        assert server.num_threads() == 1
    finally:
        process.terminate()
        process.wait(timeout=10)
