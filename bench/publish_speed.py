"""Publishing one more episode into a feed that already has N-1: its cost as N grows.

A batch publishes as its episodes finish, so if one publish costs O(N) page renders a batch
of N costs O(N²). Narrates one of batch_speed's generated articles once (tone voice, about
1,000 words), publishes N-1 copies of it in one update, then times publishing the Nth,
N+1th and N+2th one at a time (median of the three), for each N. The copies share the
article's audio and transcript; each has its own slug, GUID and listening page.

    .venv/bin/python bench/publish_speed.py [N ...]      # default 10 100 300
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrator.document import Episode  # noqa: E402
from narrator.feed.config import FeedConfig, load_feed  # noqa: E402
from narrator.feed.episodes import publish, publish_many  # noqa: E402
from narrator.pipeline import NarrateOptions, narrate  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from batch_speed import article  # noqa: E402


def copy(episode: Episode, n: int) -> Episode:
    return replace(episode, slug=f"{episode.slug}-{n}", guid=f"copy-{n}", title=f"{episode.title} ({n})")


def nth_publish_ms(config: FeedConfig, folder: Path, episode: Episode, count: int) -> float:
    """Median time (ms) of publishing the count-th episode (and the two after it)."""
    publish_many(config, folder, [(copy(episode, n), {}) for n in range(1, count)])
    runs = []
    for n in range(count, count + 3):
        start = time.perf_counter()
        publish(config, folder, copy(episode, n))
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main(counts: list[int]) -> None:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        toml = root / "show.toml"
        toml.write_text(
            'title = "Bench"\ndescription = "Publishing bench."\nauthor = "Bench"\n'
            'owner_email = "bench@example.org"\n',
            encoding="utf-8",
        )
        config = load_feed(str(toml))
        source = root / "article.md"
        source.write_text(article(1, random.Random(3)), encoding="utf-8")
        print(f"one article of {len(source.read_text().split())} words")
        for count in counts:
            out = root / f"out-{count}"
            episode = narrate(source, out, NarrateOptions(feed=str(toml), voice="tone")).episode
            ms = nth_publish_ms(config, out / config.name, episode, count)
            print(f"publishing episode {count:>4}: {ms:7.1f} ms (median of 3)", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 100, 300])
