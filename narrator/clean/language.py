"""Language as an ISO 639-1 code: from what the page declares, else detected."""

from __future__ import annotations

import re


def language_code(declared: str | None) -> str | None:
    """'en-US', 'en_GB', 'EN' -> 'en'; None when nothing usable is declared."""
    if not declared:
        return None
    match = re.match(r"\s*([a-zA-Z]{2})(?:[-_]|$)", declared)
    return match.group(1).lower() if match else None


def detect_language(text: str) -> str:
    """Detect the language of `text` with py3langid (a small, local model)."""
    import py3langid

    code, _ = py3langid.classify(text[:5000])
    return str(code)
