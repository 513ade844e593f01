"""The Podcasting 2.0 namespace as a feedgen extension: podcast:guid for the show,
podcast:chapters and podcast:transcript for each episode.

feedgen's own podcast extension writes iTunes tags only; this one is registered beside
it with `register_extension`, as feedgen's ext/ modules are.
"""

from __future__ import annotations

import uuid

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

from narrator.document import timecode

NAMESPACE = "https://podcastindex.org/namespace/1.0"
PSC_NAMESPACE = "http://podlove.org/simple-chapters"
"""Podlove Simple Chapters: the same chapters inline, for apps (gPodder among them) that
read them from the feed rather than from the JSON file."""
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The namespace's own UUIDv5 namespace for podcast:guid."""
TRANSCRIPT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip"}
CHAPTERS_TYPE = "application/json+chapters"


def show_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes, as the spec says."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(GUID_NAMESPACE, bare))


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


class PodcastIndexExtension(BaseExtension):
    def __init__(self) -> None:
        self._guid: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": NAMESPACE}

    def guid(self, value: str | None = None) -> str | None:
        if value is not None:
            self._guid = value
        return self._guid

    def extend_rss(self, rss_feed: etree._Element) -> etree._Element:
        channel = rss_feed[0]
        if self._guid:
            etree.SubElement(channel, _tag("guid")).text = self._guid
        return rss_feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    def __init__(self) -> None:
        self._chapters: str | None = None
        self._inline: list[tuple[int, str]] = []
        self._transcripts: list[tuple[str, str, str]] = []

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": NAMESPACE, "psc": PSC_NAMESPACE}

    def chapters(self, url: str, inline: list[tuple[int, str]] | None = None) -> None:
        """The JSON chapters file's URL, and the chapters as (start ms, title) to inline."""
        self._chapters = url
        self._inline = inline or []

    def transcript(self, url: str, media_type: str, language: str) -> None:
        self._transcripts.append((url, media_type, language))

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        if self._chapters:
            etree.SubElement(entry, _tag("chapters"), url=self._chapters, type=CHAPTERS_TYPE)
        if self._inline:
            psc = etree.SubElement(entry, f"{{{PSC_NAMESPACE}}}chapters", version="1.2")
            for start_ms, title in self._inline:
                etree.SubElement(psc, f"{{{PSC_NAMESPACE}}}chapter", start=timecode(start_ms), title=title)
        for url, media_type, language in self._transcripts:
            etree.SubElement(entry, _tag("transcript"), url=url, type=media_type, language=language)
        return entry
