"""The normaliser's tables (tables/<language>.toml): units, currencies, abbreviations,
symbols. Data, so that a new unit or currency is a line, not a rule."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

_FOLDER = Path(__file__).with_name("tables")


def load_table(language: str) -> dict[str, Any]:
    """The tables of `language`; empty when we have none for it."""
    path = _FOLDER / f"{language}.toml"
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


EN = load_table("en")
"""English: read once at import (the rules modules build their patterns from it)."""
