"""Listening pages: what writing them adds to publishing.

Narrates the seed page with the tone voice, then prints the episode page's size and render
time, and the time `rebuild` takes for a feed of N episodes (every page written, then
again with nothing changed) beside building feed.xml alone.

    .venv/bin/python bench/pages_speed.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from narrator.feed.builder import build_feed
from narrator.feed.config import load_feed
from narrator.feed.episodes import _files, rebuild
from narrator.feed.index import read_index, write_index
from narrator.feed.pages import Pages
from narrator.pipeline import NarrateOptions, narrate

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "npr-kherson-page-dump.txt"


def _ms(action, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main(count: int) -> None:
    if not SEED.exists():
        sys.exit("../shared not found")
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        toml = root / "show.toml"
        toml.write_text(
            'title = "Bench"\ndescription = "Pages bench."\nauthor = "Bench"\n'
            'owner_email = "bench@example.org"\n',
            encoding="utf-8",
        )
        episode = narrate(SEED, root / "out", NarrateOptions(feed=str(toml), voice="tone")).episode
        config = load_feed(str(toml))
        folder = root / "out" / config.name
        vtt = dict(episode.sidecars)["vtt"].read_text(encoding="utf-8")
        pages = Pages(config, folder)
        page = pages.episode(episode, vtt)
        render = _ms(lambda: pages.episode(episode, vtt), 20)
        cues = sum(b.cues for b in episode.blocks)
        size = len(page) / 1024
        print(f"episode page: {size:.1f} KB, {cues} sentences, rendered in {render:.1f} ms (median of 20)")
        many = [replace(episode, slug=f"{episode.slug}-{i}", guid=f"g{i}") for i in range(count)]
        for copy in many[1:]:
            (folder / "episodes" / f"{copy.slug}.mp3").write_bytes(b"")
        many = [replace(e, path=folder / "episodes" / f"{e.slug}.mp3") for e in many]
        write_index(folder, many)
        entries = [(e, _files(folder, e)) for e in read_index(folder)]
        feed = _ms(lambda: build_feed(config, entries, "cover.jpg"))
        first = _ms(lambda: rebuild(config, folder), 1)
        again = _ms(lambda: rebuild(config, folder))
        print(f"{count} episodes: feed.xml alone {feed:.0f} ms; rebuild writing every page {first:.0f} ms;")
        print(f"  rebuild with every page unchanged {again:.0f} ms (median of 5)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
