"""Fuzz the commands: N mutated and generated inputs through `narrator clean`, `narrator
speakable --lines` and `narrator narrate --voice tone`, on every core.

Inputs: byte mutations and truncations of our fixtures and the bench pages, re-encodings,
deep and wide HTML, deeply nested JSON-LD, huge lines, control characters, long and
non-ASCII numbers, and odd URLs against a misbehaving server on 127.0.0.1. Each worker
process runs commands through typer's test runner (the CLI's own code path, without a
new interpreter per input) and is killed and replaced when one input takes longer than
the hang limit; 5% of the inputs run as their own `narrator` process instead (the real
entry point). Prints counts by exit code, every traceback class (exception and the
innermost narrator frame, which names the owning module), hangs, and peak memory.

    nice .venv/bin/python bench/fuzz.py [N] [--seed S] [--workers W] [--hang 30] [--narrate-hang 120]
        [--only clean|speakable|url|narrate] [--minutes M] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import os
import random
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
NARRATE_SHARE = 0.03
"""Narration is the slowest target: a few percent of the article inputs go through it."""
NARRATE_MAX_BYTES = 40_000
"""Narration takes only inputs up to this size: a long article is minutes of audio to
encode, and the pipeline after cleaning does not change with the article's length."""
SUBPROCESS_SHARE = 0.05
"""Share of inputs run as a real `narrator` process (the installed entry point, a fresh
interpreter, real stdin and stderr) instead of in a worker: slower, but nothing between
the shell and the CLI goes unfuzzed."""
NARRATOR = Path(sys.executable).with_name("narrator")


# ---- inputs -------------------------------------------------------------------------


def corpus() -> list[bytes]:
    """Our fixtures, the examples and (when present) the bench pages."""
    paths = [*sorted((ROOT / "tests" / "fixtures").glob("*.*")), *sorted((ROOT / "examples").glob("*.txt"))]
    if SHARED.exists():
        paths += sorted(SHARED.glob("articles/*.html"))[:40] + sorted(SHARED.glob("articles/*.txt"))[:40]
        paths += sorted(SHARED.glob("readability/*.html"))[:60]
    return [p.read_bytes() for p in paths if p.is_file() and p.stat().st_size < 3_000_000]


def tn_lines() -> list[str]:
    lines = []
    for path in sorted(SHARED.glob("tn/*.txt")) if SHARED.exists() else []:
        lines += [line.split("\t")[0] for line in path.read_text(errors="replace").splitlines() if line][:200]
    return lines or ["It cost $3.50 on 12 May 2021.", "Call 555-0100 at 10:30pm."]


def _mutate(rng: random.Random, data: bytes, rounds: tuple[int, ...] = (1, 2, 8, 64, 512)) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice(rounds)):
        if not out:
            break
        at = rng.randrange(len(out))
        action = rng.randrange(4)
        if action == 0:
            out[at] = rng.randrange(256)
        elif action == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif action == 2:
            del out[at : at + rng.randrange(1, 256)]
        else:
            piece = out[at : at + rng.randrange(1, 4096)]
            out[rng.randrange(len(out)) : 0] = piece * rng.randrange(1, 4)
    return bytes(out)


def _article(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "".join(f"<p>{body} Paragraph {i} of the story goes on for a while.</p>" for i in range(6))
        + "</article></body></html>"
    )


def _long_number(rng: random.Random) -> str:
    digits = rng.choice((20, 100, 306, 307, 400, 1000, 4301, 5000))
    return str(rng.randrange(1, 10)) + "".join(rng.choice("0123456789") for _ in range(digits - 1))


_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２３４５６７８９𝟎𝟏𝟐𝟑"
_CONTROLS = [chr(c) for c in [*range(0, 32), *range(0x7F, 0xA0)]] + [
    "\ufdd0",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\ufeff",
]


def generate(rng: random.Random, texts: list[bytes]) -> tuple[str, bytes, str]:
    """One input: (class, bytes, file suffix)."""
    kind = rng.choices(
        [
            "mutate",
            "truncate",
            "encode",
            "deep",
            "wide",
            "jsonld",
            "huge_line",
            "controls",
            "numbers",
            "digits",
        ],
        weights=[30, 10, 10, 6, 5, 4, 3, 12, 12, 8],
    )[0]
    base = rng.choice(texts)
    suffix = rng.choice((".html", ".txt", ".md", ""))
    if kind == "mutate":
        return kind, _mutate(rng, base), suffix
    if kind == "truncate":
        return kind, base[: rng.randrange(len(base) + 1)], suffix
    if kind == "encode":
        text = base.decode("utf-8", errors="replace")
        codec = rng.choice(
            ("utf-16", "utf-16-le", "utf-32", "utf-32-be", "cp1252", "latin-1", "shift_jis", "koi8-r")
        )
        data = text.encode(codec, errors="replace")
        if codec.endswith(("-le", "-be")) and rng.random() < 0.5:
            data = "\ufeff".encode(codec) + data
        if rng.random() < 0.3:
            data = _mutate(rng, data)
        return f"{kind}:{codec}", data, suffix
    if kind == "deep":
        depth = rng.choice((100, 1000, 5000, 20000, 100000))
        tag = rng.choice(("div", "span", "b", "table", "ul", "p"))
        page = (
            "<html><body>"
            + f"<{tag}>" * depth
            + "Deep text here. " * 20
            + f"</{tag}>" * rng.choice((0, depth))
        )
        return kind, page.encode(), ".html"
    if kind == "wide":
        count = rng.choice((100, 1000, 5000, 20000))
        attrs = " ".join(f'a{i}="{i}"' for i in range(count))
        page = _article("Wide element", "Body text.").replace("<article>", f"<article {attrs}>", 1)
        return kind, page.encode(), ".html"
    if kind == "jsonld":
        depth = rng.choice((10, 100, 1000, 3000))
        nested = '{"@type":"NewsArticle","headline":"Deep","a":' * depth + "1" + "}" * depth
        page = _article("JSON-LD", "Body text.").replace(
            "</head>", f'<script type="application/ld+json">{nested}</script></head>', 1
        )
        return kind, page.encode(), ".html"
    if kind == "huge_line":
        size = rng.choice((100_000, 1_000_000, 5_000_000))
        line = "".join(rng.choice("abcdefgh ") if rng.random() < 0.5 else "x" for _ in range(1000)) * (
            size // 1000
        )
        return kind, ("A title\n\n" + line + "\n").encode(), rng.choice((".txt", ".html"))
    if kind == "controls":
        title = "".join(
            rng.choice(_CONTROLS) if rng.random() < 0.2 else ch
            for ch in "Harbour ferry returns after repairs"
        )
        body = "".join(
            rng.choice(_CONTROLS) if rng.random() < 0.05 else ch for ch in "The ferry sailed again today."
        )
        data = _article(title, body) if suffix == ".html" else f"{title}\n\n{body}\n" * 5
        return kind, data.encode("utf-8", errors="surrogatepass"), suffix
    if kind == "numbers":
        body = (
            f"The total was {_long_number(rng)} dollars, "
            f"or {_long_number(rng)}.{rng.randrange(100)} per cent."
        )
        return kind, _article("Numbers", body).encode(), ".html"
    digits = "".join(rng.choice(_DIGITS) for _ in range(rng.randrange(1, 12)))
    return kind, _article("Digits", f"It cost {digits} dinars on {digits[:2]} May.").encode(), ".html"


def speakable_lines(rng: random.Random, lines: list[str]) -> tuple[str, bytes]:
    """Lines for `speakable --lines`."""
    kind = rng.choice(("tn_mutate", "numbers", "digits", "controls", "random"))
    out = []
    for _ in range(rng.randrange(1, 5 if kind == "numbers" else 30)):  # numbers: seconds a line
        line = rng.choice(lines)
        if kind == "tn_mutate":
            line = _mutate(rng, line.encode(), (1, 2, 4, 8)).decode("utf-8", errors="replace")[:4000]
        elif kind == "numbers":
            line = f"{line} {_long_number(rng)} and {_long_number(rng)[: rng.randrange(1, 40)]}"
        elif kind == "digits":
            line = (
                line
                + " "
                + "".join(rng.choice(_DIGITS + "0123456789.,") for _ in range(rng.randrange(1, 20)))
            )
        elif kind == "controls":
            line = "".join(rng.choice(_CONTROLS) if rng.random() < 0.1 else ch for ch in line)
        else:
            line = "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 80)))
        out.append(line.replace("\n", " ").replace("\r", " "))
    return f"lines:{kind}", ("\n".join(out) + "\n").encode("utf-8", errors="surrogatepass")


# ---- a misbehaving HTTP server on 127.0.0.1 -----------------------------------------

_ANSWERS = {
    "ok": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + _article("Served", "Body.").encode(),
    "badstatus": b"HELLO\r\n\r\n",
    "headers": b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 150 + b"\r\nbody",
    "bigheader": b"HTTP/1.1 200 OK\r\nX: " + b"z" * 200_000 + b"\r\n\r\nbody",
    "redirect_bad": b"HTTP/1.1 302 Found\r\nLocation: http://[::1/\r\n\r\n",
    "redirect_loop": b"HTTP/1.1 302 Found\r\nLocation: /redirect_loop\r\n\r\n",
    "redirect_port": b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:abc/\r\n\r\n",
    "lying_length": b"HTTP/1.1 200 OK\r\nContent-Length: 99999\r\nContent-Type: text/html\r\n\r\n"
    b"<p>short</p>",
    "binary": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + bytes(range(256)) * 100,
    "charset": b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=nonsense-42\r\n\r\n"
    + _article("Caf\xe9", "B.").encode("latin-1"),
    "empty": b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
    "close": b"",
    "chunked_bad": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n",
    "status_999": b"HTTP/1.1 999 Weird\r\nContent-Length: 2\r\n\r\nhi",
}


def start_odd_server() -> int:
    """Threads on 127.0.0.1 answering /NAME with _ANSWERS[NAME]; /trickle sends a byte a second."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)

    def answer(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            try:
                request = conn.recv(65536).decode("latin-1")
                name = request.split(" ")[1].strip("/") if " " in request else ""
                if name == "trickle":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
                    for _ in range(40):
                        conn.sendall(b"a")
                        time.sleep(1)
                conn.sendall(_ANSWERS.get(name, b"HTTP/1.1 404 Not Found\r\n\r\n"))
            except OSError:
                pass

    def serve() -> None:
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def odd_url(rng: random.Random, port: int) -> tuple[str, str]:
    base = f"http://127.0.0.1:{port}"
    choice = rng.randrange(3)
    if choice == 0:
        name = rng.choice([*_ANSWERS, "trickle"] if rng.random() < 0.05 else list(_ANSWERS))
        return f"url:{name}", f"{base}/{name}"
    if choice == 1:
        return "url:malformed", rng.choice(
            [
                "http://[::1",
                "http://127.0.0.1:abc/",
                "http://a b/",
                "http://" + "h" * 300 + "/",
                "http://127.0.0.1:99999/",
                "http:///x",
                "https://[zz::1]/",
                "http://127.0.0.1:0/",
                "http://%41%42/",
                "http://\u00e9\u00e9.\u0000/",
                "http://127.0.0.1:" + "9" * 30 + "/",
                "http://user:pass@127.0.0.1:1/",
                "http://" + "a." * 200 + "b/",
                "https://127.0.0.1:1/x",
            ]
        )
    junk = "".join(chr(rng.randrange(33, 0x3000)) for _ in range(rng.randrange(1, 60)))
    return "url:random_path", f"{base}/{junk}"


# ---- workers ------------------------------------------------------------------------


def _worker(conn: Connection) -> None:
    from typer.testing import CliRunner

    from narrator.cli import app

    runner = CliRunner()
    while True:
        task = conn.recv()
        if task is None:
            return
        args, stdin = task
        result = runner.invoke(app, args, input=stdin)
        crash = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            crash = _crash_class(result.exc_info)
        lines = result.stdout.splitlines() if args[0] == "speakable" else []
        digits = sum(any(char.isdigit() for char in line) for line in lines)
        conn.send((result.exit_code, crash, (digits, len(lines))))


def _crash_class(exc_info: tuple) -> str:
    """'Type in innermost narrator frame (innermost frame)': which module owns the bug."""
    kind, exc, tb = exc_info
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if "/narrator/" in f.filename and "/.venv/" not in f.filename]
    owner = f"{Path(ours[-1].filename).relative_to(ROOT).as_posix()}:{ours[-1].name}" if ours else "?"
    last = frames[-1] if frames else None
    inner = f"{Path(last.filename).name}:{last.name}" if last else "?"
    return f"{kind.__name__} in {owner} (raised in {inner})\t{str(exc)[:100]}"


class Slot:
    """One worker process, replaced when it hangs or dies."""

    def __init__(self, context: mp.context.BaseContext) -> None:
        self.context = context
        self.start()

    def start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child,))  # narrate starts its own pool
        self.process.start()
        self.ps = psutil.Process(self.process.pid)

    def run(
        self, args: list[str], stdin: bytes | None, hang_s: float, fresh: bool = False
    ) -> tuple[str, int, tuple[int, int]]:
        """(outcome, peak RSS in bytes, (output lines keeping a digit, output lines)): outcome
        is 'exit N', 'traceback: ...', 'hang (N s CPU)' or 'died (code)'. `fresh` runs the
        input as a new `narrator` process instead of in this slot's worker."""
        if fresh:
            return run_process(args, stdin, hang_s)
        self.conn.send((args, stdin))
        cpu_before = sum(self.ps.cpu_times()[:2])
        peak = 0
        deadline = time.monotonic() + hang_s
        while time.monotonic() < deadline:
            if self.conn.poll(0.05):
                try:
                    code, crash, digits = self.conn.recv()
                except EOFError:
                    break
                return (f"traceback: {crash}" if crash else f"exit {code}"), peak, digits
            try:
                peak = max(peak, self.ps.memory_info().rss)
            except psutil.Error:
                break
            if not self.process.is_alive():
                break
        try:
            cpu = sum(self.ps.cpu_times()[:2]) - cpu_before
        except psutil.Error:
            cpu = 0.0
        # on a busy machine, wall time is not work done: the CPU seconds tell a real hang
        outcome = f"hang ({cpu:.0f} s CPU)" if self.process.is_alive() else f"died ({self.process.exitcode})"
        self.process.kill()
        self.process.join(5)
        self.start()
        return outcome, peak, (0, 0)


def run_process(args: list[str], stdin: bytes | None, hang_s: float) -> tuple[str, int, tuple[int, int]]:
    """Run `narrator ARGS` as its own process: a traceback is exit 1 with 'Traceback' on
    stderr; the process group is killed at the hang limit."""
    import subprocess

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [str(NARRATOR), *args],
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        ps = psutil.Process(process.pid)
        if stdin is not None:
            threading.Thread(target=_feed, args=(process, stdin), daemon=True).start()
        peak, cpu = 0, 0.0
        deadline = time.monotonic() + hang_s
        while process.poll() is None and time.monotonic() < deadline:
            try:
                peak = max(peak, ps.memory_info().rss)
                cpu = sum(ps.cpu_times()[:2])
            except psutil.Error:
                pass
            time.sleep(0.05)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return f"hang ({cpu:.0f} s CPU)", peak, (0, 0)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
        out.seek(0)
        lines = out.read().decode("utf-8", errors="replace").splitlines() if args[0] == "speakable" else []
    digits = sum(any(char.isdigit() for char in line) for line in lines), len(lines)
    if process.returncode == 1 and "Traceback" in stderr:
        last = stderr.strip().splitlines()[-1]
        return f"traceback: {last.split(':')[0]} in a narrator process\t{last[:100]}", peak, digits
    if process.returncode < 0:
        return f"died ({process.returncode})", peak, digits
    return f"exit {process.returncode}", peak, digits


def _keep(folder: Path, index: int, args: list[str], stdin: bytes | None, tmp: Path) -> None:
    """Keep a failing input and its command line, to replay it."""
    for path in tmp.glob(f"in{index}*"):
        shutil.copy(path, folder / path.name)
    if stdin is not None:
        (folder / f"in{index}.stdin").write_bytes(stdin)
    (folder / f"in{index}.args").write_text("\n".join(args) + "\n")


def _feed(process: object, data: bytes) -> None:
    try:
        process.stdin.write(data)  # type: ignore[attr-defined]
        process.stdin.close()  # type: ignore[attr-defined]
    except OSError:
        pass  # the command ended before reading all of it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--hang", type=float, default=30.0, help="seconds before an input counts as a hang")
    parser.add_argument(
        "--only", choices=["clean", "speakable", "url", "narrate"], help="one kind of input only"
    )
    parser.add_argument(
        "--minutes", type=float, default=0, help="stop taking inputs after this long (0: no limit)"
    )
    parser.add_argument(
        "--narrate-hang",
        type=float,
        default=120.0,
        help="the same for narrate, whose time grows with what there is to say (a 5,000-digit number)",
    )
    parser.add_argument("--keep", type=Path, help="copy each input that fails into this folder")
    options = parser.parse_args()
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)

    texts, lines = corpus(), tn_lines()
    port = start_odd_server()
    context = mp.get_context("spawn")
    tmp = Path(tempfile.mkdtemp(prefix="narrator-fuzz-"))
    os.environ["NARRATOR_CACHE"] = str(tmp / "cache")  # narrations render into the run's own cache
    feed = tmp / "fuzz.toml"
    feed.write_text(
        'title = "Fuzz"\ndescription = "Fuzz."\nauthor = "Fuzz"\nowner_email = "f@example.org"\n'
        'categories = ["News"]\nbase_url = "http://127.0.0.1:8000/fuzz/"\n'
    )

    def make_task(index: int) -> tuple[str, str, list[str], bytes | None, int]:
        """Input `index`, made when its turn comes (the big ones never sit on disk together)."""
        rng = random.Random(f"{options.seed}-{index}")
        roll = {"speakable": 0.0, "url": 0.3, None: rng.random()}.get(options.only, 0.5)
        if roll < 0.25:
            kind, data = speakable_lines(rng, lines)
            return "speakable", kind, ["speakable", "--lines"], data, len(data)
        if roll < 0.33:
            kind, url = odd_url(rng, port)
            return "clean", kind, ["clean", url], None, len(url)
        kind, data, suffix = generate(rng, texts)
        path = tmp / f"in{index}{suffix}"
        path.write_bytes(data)
        small = len(data) <= NARRATE_MAX_BYTES
        if options.only == "narrate" or options.only is None and small and rng.random() < NARRATE_SHARE:
            out = str(tmp / f"out{index}")
            return (
                "narrate",
                kind,
                ["narrate", str(path), "--voice", "tone", "--quiet", "--feed", str(feed), "--output", out],
                None,
                len(data),
            )
        return "clean", kind, ["clean", str(path)], None, len(data)

    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    crashes: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: dict[tuple[str, str], str] = {}
    peaks: list[tuple[int, str, int]] = []
    seconds: dict[str, list] = {}
    processes: collections.Counter[str] = collections.Counter()
    hang_cpu: list[float] = []
    kept = [0, 0]
    lock = threading.Lock()
    queue = list(reversed(range(options.count)))
    started = time.monotonic()
    stop_at = started + options.minutes * 60 if options.minutes else float("inf")
    signal.signal(signal.SIGTERM, lambda *_: queue.clear())  # finish the inputs running, then report

    def drive() -> None:
        slot = Slot(context)
        while True:
            with lock:
                if not queue or time.monotonic() > stop_at:
                    break
                index = queue.pop()
            target, kind, args, stdin, size = make_task(index)
            fresh = random.Random(f"{options.seed}-{index}-process").random() < SUBPROCESS_SHARE
            fresh = fresh and not any("\0" in arg for arg in args)  # no command line can hold a NUL
            began = time.monotonic()
            limit = options.narrate_hang if target == "narrate" else options.hang
            outcome, peak, (digits, lines_out) = slot.run(args, stdin, limit, fresh)
            took = time.monotonic() - began
            if options.keep and outcome.startswith(("traceback", "hang", "died")):
                _keep(options.keep, index, args, stdin, tmp)
                print(f"  finding {index}: {outcome}", file=sys.stderr, flush=True)
            for leftover in tmp.glob(f"*{index}*"):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
            with lock:
                timing = seconds.setdefault(f"{target} {kind.split(':')[0]}", [0, 0.0])
                timing[0] += 1
                timing[1] += took
                kept[0] += digits
                kept[1] += lines_out
                counts[
                    (
                        target,
                        outcome.split(" (")[0]
                        if outcome.startswith("hang")
                        else outcome
                        if not outcome.startswith("traceback")
                        else "traceback",
                    )
                ] += 1
                peaks.append((peak, f"{target} {kind}", size))
                if fresh:
                    processes[outcome.split(" (")[0].split(":")[0]] += 1
                if outcome.startswith(("traceback", "hang", "died")):
                    what, _, message = outcome.partition("\t")
                    if what.startswith("hang"):
                        what, message = "hang", what
                        hang_cpu.append(float(message.split("(")[1].split()[0]))
                    key = (target, f"{kind.split(':')[0]}: {what}")
                    crashes[key] += 1
                    examples.setdefault(key, f"{message} <- {' '.join(args)[:120]}")
                done = sum(counts.values())
                if done % 250 == 0:
                    print(
                        f"  {done}/{options.count} in {time.monotonic() - started:.0f} s",
                        file=sys.stderr,
                        flush=True,
                    )
        slot.conn.send(None)
        slot.process.join(30)

    threads = [threading.Thread(target=drive) for _ in range(options.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"{sum(counts.values())} of {options.count} inputs, seed {options.seed}, "
        f"{options.workers} workers, {elapsed:.0f} s, hang limit {options.hang:g} s "
        f"({options.narrate_hang:g} s for narrate)"
    )
    print("\nOutcomes by command:")
    for (target, outcome), n in sorted(counts.items()):
        print(f"  {target:10} {outcome:12} {n:6}")
    print(f"  of which run as their own `narrator` process: {dict(processes)}")
    if kept[1]:
        print(
            f"\nspeakable --lines output lines still holding a digit: "
            f"{kept[0]} of {kept[1]} ({kept[0] / kept[1]:.1%})"
        )
    tracebacks = sum(n for (t, o), n in crashes.items() if "traceback" in o)
    hangs = sum(n for (t, o), n in crashes.items() if ": hang" in o)
    print(f"\ntracebacks {tracebacks}, hangs {hangs}, died {sum(crashes.values()) - tracebacks - hangs}")
    if hang_cpu:
        print(f"  CPU seconds the hung inputs had used: {sorted(hang_cpu)}")
    for (target, what), n in crashes.most_common():
        print(f"  {n:5}  {target:9} {what}")
        print(f"         e.g. {examples[(target, what)]}")
    print("\nWall seconds by input class (count, total, mean):")
    for what, (n, total) in sorted(seconds.items(), key=lambda item: -item[1][1]):
        print(f"  {what:28} {n:6} {total:8.0f} {total / n:6.2f}")
    peaks.sort(reverse=True)
    print(f"\npeak worker memory {peaks[0][0] / 2**20:.0f} MB" if peaks else "")
    for peak, what, size in peaks[:5]:
        print(f"  {peak / 2**20:6.0f} MB  {what}  ({size / 2**20:.2f} MB input)")


if __name__ == "__main__":
    main()
