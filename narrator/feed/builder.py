"""Build feed.xml with feedgen: its podcast (iTunes) extension and our Podcasting 2.0
extension. Only this module imports feedgen.
"""

from __future__ import annotations

from datetime import UTC

from feedgen.feed import FeedGenerator

from narrator.document import Episode
from narrator.feed.config import FeedConfig
from narrator.feed.podcast_ns import (
    TRANSCRIPT_TYPES,
    PodcastIndexEntryExtension,
    PodcastIndexExtension,
    show_guid,
)


def build_feed(config: FeedConfig, episodes: list[tuple[Episode, dict[str, str]]], cover: str) -> bytes:
    """RSS 2.0 with iTunes and Podcasting 2.0 tags.

    `episodes` pairs each episode with the paths (under the feed folder) of its files by
    kind: "audio", "vtt", "srt", "chapters", "page" (its listening page); `cover` is the
    artwork's path there. An episode narrated from a web page names it in dc:source.
    """
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.load_extension("dc")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.title(config.title)
    fg.description(config.description)
    fg.link(href=config.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=config.link, rel="alternate")  # the channel's <link>: feedgen keeps the last
    fg.language(config.language)
    fg.author({"name": config.author, "email": config.owner_email})
    fg.generator("narrator")
    fg.image(config.base_url + cover, title=config.title, link=config.link)
    fg.podcast.itunes_author(config.author)
    fg.podcast.itunes_summary(config.description)
    fg.podcast.itunes_owner(name=config.owner_name, email=config.owner_email)
    fg.podcast.itunes_image(config.base_url + cover)
    fg.podcast.itunes_explicit("yes" if config.explicit else "no")
    fg.podcast.itunes_type("episodic")
    fg.podcast.itunes_category(
        [{"cat": main, "sub": sub} if sub else {"cat": main} for main, sub in config.categories]
    )
    fg.podcastindex.guid(show_guid(config.feed_url))
    for episode, files in episodes:
        fe = fg.add_entry(order="append")
        fe.id(episode.guid)
        fe.guid(episode.guid, permalink=False)
        fe.title(episode.title)
        fe.description(episode.description)
        if "page" in files:
            fe.link(href=config.base_url + files["page"])
        if episode.source_url:
            fe.dc.dc_source(episode.source_url)
        fe.enclosure(config.base_url + files["audio"], str(episode.size), "audio/mpeg")
        if episode.published:
            when = episode.published
            fe.pubDate(when if when.tzinfo else when.replace(tzinfo=UTC))
        if episode.authors:
            fe.podcast.itunes_author(", ".join(episode.authors))
        fe.podcast.itunes_duration(round(episode.duration_ms / 1000))
        fe.podcast.itunes_summary(episode.description)
        fe.podcast.itunes_episode_type("full")
        fe.podcast.itunes_explicit("yes" if config.explicit else "no")
        if "chapters" in files:
            inline = [(c.start_ms, c.title) for c in episode.chapters]
            fe.podcastindex.chapters(config.base_url + files["chapters"], inline)
        for kind, media_type in TRANSCRIPT_TYPES.items():
            if kind in files:
                language = episode.language or config.language  # the article's, not the show's
                fe.podcastindex.transcript(config.base_url + files[kind], media_type, language)
    return fg.rss_str(pretty=True)
