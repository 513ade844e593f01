"""Language as an ISO 639-1 code: from what the page declares, else detected."""

from __future__ import annotations

import re

_ENGLISH = frozenset(
    "the of and to a in is that for it on was with as be by at this are from or have an not but"
    " they his her were has had which their will would there been its said who more can about".split()
)
_WORD = re.compile(r"[a-zA-Z']+")


def language_code(declared: str | None) -> str | None:
    """'en-US', 'en_GB', 'EN' -> 'en'; None when nothing usable is declared."""
    if not declared:
        return None
    match = re.match(r"\s*([a-zA-Z]{2})(?:[-_]|$)", declared)
    return match.group(1).lower() if match else None


def detect_language(text: str) -> str:
    """Detect the language of `text`.

    Plainly English text (a fifth of its words among the commonest English words;
    other languages' texts score under a tenth) is recognised without loading a model;
    anything else goes to py3langid, whose model takes about 100 MB of memory.
    """
    words = _WORD.findall(text[:20000].lower())
    if len(words) >= 30 and sum(w in _ENGLISH for w in words) >= 0.2 * len(words):
        return "en"
    import py3langid

    code, _ = py3langid.classify(text[:5000])
    return str(code)
