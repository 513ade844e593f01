"""Span classes of the English normaliser, one module per kind of written form.

Each module exports lists of SpanClass (CLASSES, and where a module's classes rank apart,
named lists such as ORDINALS or FOOTNOTES); narrator.speakable.normalise orders them from
the most specific to the least. Every class searches the original sentence; french.py
holds the French classes.
"""

from __future__ import annotations

import re

DIGIT = re.compile(r"\d")
"""Trigger of the number classes: a sentence without a digit skips them."""


def needs(pattern: str) -> re.Pattern[str]:
    """A class's trigger (see SpanClass.trigger)."""
    return re.compile(pattern)
