"""Find and read the project's TOML definitions (voices/*.toml, feeds/*.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from narrator.errors import NarratorError

_BUNDLED = (Path(__file__).resolve().parents[1], Path(__file__).resolve().parent)
"""Where the bundled voices/ and feeds/ are: the top of a checkout, or inside the installed
package (pyproject maps them there), so an installed narrator has them too."""


def find(folder: str, name: str, error: type[NarratorError]) -> Path:
    """`name` as a path to a .toml file, else `<folder>/<name>.toml` in the current folder
    (a user's own definitions win) or among the bundled ones."""
    direct = Path(name)
    if direct.suffix == ".toml":
        if direct.is_file():
            return direct
        raise error(f"There is no {folder[:-1]} file at {direct}.")
    for root in (Path.cwd(), *_BUNDLED):
        candidate = root / folder / f"{name}.toml"
        if candidate.is_file():
            return candidate
    known = sorted({p.stem for root in (Path.cwd(), *_BUNDLED) for p in (root / folder).glob("*.toml")})
    raise error(f"Unknown {folder[:-1]} '{name}'; known: {', '.join(known) or 'none'}.")


def load(path: Path, error: type[NarratorError]) -> dict[str, Any]:
    """Parse a TOML file, turning syntax errors into one sentence."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path} is not valid TOML: {exc}.") from exc
