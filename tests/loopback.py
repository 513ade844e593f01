"""Servers on 127.0.0.1 for tests: narrator's own (`narrator serve`'s app and uvicorn
configuration, in a thread), and a misbehaving one for the URL tests that reads one request
and answers with whatever bytes the test decides for its path (a bad status line, 150
headers, a byte a second...), which no well-behaved HTTP server library would send."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import uvicorn

from narrator.feed.serve import HEADER_TIMEOUT_S, listen, make_app, server_config

Answer = Callable[[str, socket.socket, threading.Event], None]
"""answer(path, connection, stop): send the reply for `path`; long replies end when
`stop` is set (the server is closing)."""


@contextlib.contextmanager
def raw_server(answer: Answer) -> Iterator[str]:
    """Serve on an ephemeral port of 127.0.0.1 until the block ends; yields the base URL
    (http://127.0.0.1:PORT). Each connection gets its own thread and a 5 s socket timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                request = conn.recv(65536).decode("latin-1")
                answer(request.split(" ")[1] if " " in request else "/", conn, stop)
            except (OSError, ValueError):
                pass  # the client gave up, or the path was not what the answer expects

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


@contextlib.contextmanager
def narrator_server(output: Path, header_timeout_s: float = HEADER_TIMEOUT_S) -> Iterator[str]:
    """`narrator serve` over `output` on an ephemeral port of 127.0.0.1, in a thread, until
    the block ends; yields the base URL (http://127.0.0.1:PORT)."""
    sock = listen("127.0.0.1", 0)
    server = uvicorn.Server(server_config(make_app(output), header_timeout_s=header_timeout_s))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(400):  # bounded wait for start-up
            if server.started or not thread.is_alive():
                break
            time.sleep(0.025)
        assert server.started, "narrator's server did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        assert not thread.is_alive(), "narrator's server did not stop within 10 s"
