"""Span classes of the English normaliser, one module per kind of written form.

Each module exports CLASSES, a list of SpanClass; narrator.speakable.normalise orders them
from the most specific to the least. Every class searches the original sentence.
"""

from __future__ import annotations

import re

DIGIT = re.compile(r"\d")
"""Trigger of the number classes: a sentence without a digit skips them."""


def needs(pattern: str) -> re.Pattern[str]:
    """A class's trigger (see SpanClass.trigger)."""
    return re.compile(pattern)
