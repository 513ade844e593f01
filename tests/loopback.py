"""A misbehaving HTTP server on 127.0.0.1 for the URL tests: it reads one request and
answers with whatever bytes the test decides for its path (a bad status line, 150 headers,
a byte a second...), which no well-behaved HTTP server library would send."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator

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
