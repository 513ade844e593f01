"""Build feed.xml with feedgen and its podcast (iTunes) extension.

Only this module imports feedgen.
"""

from __future__ import annotations

from datetime import UTC

from feedgen.feed import FeedGenerator

from narrator.document import Episode
from narrator.feed.config import FeedConfig


def build_feed(config: FeedConfig, episodes: list[tuple[Episode, str]]) -> bytes:
    """RSS 2.0 with iTunes tags; `episodes` pairs each episode with its path under the feed."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.title(config.title)
    fg.description(config.description)
    fg.link(href=config.base_url + "feed.xml", rel="self")
    fg.link(href=config.base_url, rel="alternate")  # the channel's <link>: feedgen keeps the last
    fg.language(config.language)
    fg.author({"name": config.author})
    fg.generator("narrator")
    fg.podcast.itunes_author(config.author)
    fg.podcast.itunes_summary(config.description)
    fg.podcast.itunes_category(config.category)
    fg.podcast.itunes_explicit("yes" if config.explicit else "no")
    if config.artwork:
        fg.image(config.base_url + config.artwork, title=config.title, link=config.base_url)
        fg.podcast.itunes_image(config.base_url + config.artwork)
    for episode, relative in episodes:
        fe = fg.add_entry(order="append")
        fe.id(episode.guid)
        fe.guid(episode.guid, permalink=False)
        fe.title(episode.title)
        fe.description(episode.description)
        fe.enclosure(config.base_url + relative, str(episode.size), "audio/mpeg")
        if episode.published:
            when = episode.published
            fe.pubDate(when if when.tzinfo else when.replace(tzinfo=UTC))
        if episode.authors:
            fe.podcast.itunes_author(", ".join(episode.authors))
        fe.podcast.itunes_duration(round(episode.duration_ms / 1000))
        fe.podcast.itunes_summary(episode.description)
    return fg.rss_str(pretty=True)
