"""The pause that ends a sentence, made long enough to be heard as one.

eSpeak NG ends a sentence with about 315 ms of silence, but Piper's "joe" with 110-200 ms,
hardly more than a comma: its sentences ran together. The speech engines give every
sentence at least SENTENCE_END_MS of silence after its last audible sample (tests/test_pause.py
measures it on the MP3); paragraphs and headings keep their longer pauses from the profile.
"""

from __future__ import annotations

from narrator.speech.cache import audible_span

SENTENCE_END_MS = 350


def with_sentence_end(pcm: bytes, rate: int, ms: int = SENTENCE_END_MS) -> bytes:
    """`pcm` (s16 mono) with digital silence added so that at least `ms` follow its last sound."""
    if not pcm.strip(b"\0"):
        return pcm  # no sound at all: the renderer reports it
    _, end = audible_span(pcm)
    wanted = round(ms * rate / 1000) - (len(pcm) // 2 - end)
    return pcm + b"\0\0" * wanted if wanted > 0 else pcm
