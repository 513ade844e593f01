"""ID3v2.3 tags and chapters, written with mutagen (the only module that imports it).

Our fields map to ID3 frames in one table, in the spec's own vocabulary (mutagen writes
them in their v2.3 form: several authors joined by "/", the date as TYER, TDAT and TIME,
text in UTF-16).

Version 2.3, not 2.4: libavformat (ffmpeg, ffprobe, mpv and other players built on it) reads
the size of a CHAP frame's title as a plain integer, while v2.4 writes it syncsafe, so in
a v2.4 tag any chapter title of 127 bytes or more (a long heading; about 42 characters of
Chinese or 63 of Russian) and every chapter after it lose their titles. v2.3 sizes are
plain integers, and v2.3 is what podcast apps and tag readers support most widely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from mutagen.id3 import (
    CHAP,
    CTOC,
    ID3,
    SYLT,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TPE1,
    USLT,
    CTOCFlags,
    Frame,
)

from narrator.audio.transcript import Cue
from narrator.document import Chapter


@dataclass(frozen=True)
class EpisodeTags:
    title: str
    authors: tuple[str, ...]
    show: str
    published: datetime | None
    language: str
    transcript: str
    """The full spoken text (USLT)."""
    cues: tuple[Cue, ...] = ()
    """Sentences with their start times (SYLT, synchronised text)."""


FRAMES: tuple[tuple[str, Callable[[EpisodeTags], Frame | None]], ...] = (
    ("TIT2", lambda t: TIT2(encoding=3, text=[t.title])),
    ("TPE1", lambda t: TPE1(encoding=3, text=list(t.authors)) if t.authors else None),
    ("TALB", lambda t: TALB(encoding=3, text=[t.show])),
    (
        "TDRC",
        lambda t: TDRC(encoding=3, text=[t.published.strftime("%Y-%m-%dT%H:%M:%S")]) if t.published else None,
    ),
    ("TCON", lambda t: TCON(encoding=3, text=["Podcast"])),
    ("USLT", lambda t: USLT(encoding=3, lang=_iso639_2(t.language), desc="", text=t.transcript)),
    (
        "SYLT",
        lambda t: (
            SYLT(
                encoding=3,
                lang=_iso639_2(t.language),
                format=2,
                type=1,
                desc="",
                text=[(c.text, c.start_ms) for c in t.cues],
            )
            if t.cues
            else None
        ),
    ),
)
"""Our field -> ID3 frame, in the order they are written."""


def id3_tag(tags: EpisodeTags, chapters: tuple[Chapter, ...]) -> bytes:
    """Our ID3v2.3 tag, chapters as CHAP frames under one CTOC: the head of the episode file.

    mutagen writes a tag's frames sorted by their size, so CHAP frames would come out of
    time order, and players built on libavformat (VLC, mpv) list chapters in file order.
    So the other frames are written as one tag, each CHAP frame alone, and the frames
    joined under one header in start order."""
    id3 = ID3()
    for _, make in FRAMES:
        frame = make(tags)
        if frame is not None:
            id3.add(frame)
    ids = [f"chp{i}" for i in range(len(chapters))]
    id3.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=[tags.title])],
        )
    )
    body = [_frames(id3)]
    for element_id, chapter in sorted(zip(ids, chapters, strict=True), key=lambda c: c[1].start_ms):
        alone = ID3()
        alone.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=[TIT2(encoding=3, text=[chapter.title])],
            )
        )
        body.append(_frames(alone))
    frames = b"".join(body)
    size = len(frames)
    syncsafe = bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))
    return b"ID3\x03\x00\x00" + syncsafe + frames  # the tag's own size is syncsafe in v2.3 too


def _frames(tag: ID3) -> bytes:
    """The frames of `tag` as ID3v2.3 writes them, without header or padding."""
    out = BytesIO()
    tag.update_to_v23()  # TDRC becomes TYER, TDAT and TIME (save alone would keep TDRC)
    tag.save(out, v2_version=3, padding=lambda _: 0)
    return out.getvalue()[10:]


def _iso639_2(code: str) -> str:
    return {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld"}.get(code, "und")
