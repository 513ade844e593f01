"""Read back the WebVTT transcript the audio stage wrote beside an MP3: the listening page
sets its cues as the article's text, each with the time it is heard."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TIMING = re.compile(r"^(\d+):(\d\d):(\d\d)\.(\d{3}) --> (\d+):(\d\d):(\d\d)\.(\d{3})")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": "\u00a0", "&lrm;": "\u200e", "&rlm;": "\u200f"}


@dataclass(frozen=True)
class PageCue:
    """One sentence of the transcript and when it is heard (ms in the MP3)."""

    text: str
    start_ms: int
    end_ms: int

    @property
    def start(self) -> str:
        """The start in seconds, as media fragments and the page's script take it."""
        return f"{self.start_ms / 1000:.3f}"


def read_vtt(text: str) -> list[PageCue]:
    """The cues of a WebVTT file, in order; an empty list if it is not WebVTT."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        return []
    cues: list[PageCue] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip("\n").split("\n")
        for i, line in enumerate(lines):
            timing = _TIMING.match(line)
            if timing:
                start, end = _ms(timing.groups()[:4]), _ms(timing.groups()[4:])
                words = " ".join(lines[i + 1 :]).strip()
                if words:
                    cues.append(PageCue(_unescape(words), start, end))
                break
    return cues


def _ms(parts: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, millis = (int(p or 0) for p in parts)
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _unescape(text: str) -> str:
    """WebVTT's character references, the only markup our transcripts carry."""
    return re.sub("|".join(_ENTITIES), lambda m: _ENTITIES[m.group(0)], text)
