"""A batch's sources: files, URLs, folders and list files, as one list in order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from narrator.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown")
"""The files of a folder that are taken as articles."""


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def expand(sources: Sequence[str], list_file: Path | None = None) -> list[str]:
    """Every source named, in order, once: a folder gives its article files (sorted, not
    its subfolders), a list file one source a line (blank lines and `#` comments skipped,
    relative paths taken from the list's folder). Local paths come back absolute, so a
    worker elsewhere finds them on the shared storage."""
    named = [*(_listed(list_file) if list_file else []), *sources]
    found: list[str] = []
    for source in named:
        if is_url(source):
            found.append(source)
            continue
        path = Path(source).absolute()
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
            found.extend(str(p) for p in files) if files else found.append(str(path))
        else:
            found.append(str(path))
    return list(dict.fromkeys(found))


_COMMENT = re.compile(r"(?:^|\s)#")
"""A comment starts with `#` at the start of a line or after a space (a URL's own #fragment stays)."""


def _listed(list_file: Path) -> list[str]:
    try:
        lines = list_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"Cannot read the list {list_file}: {getattr(exc, 'strerror', None) or exc}."
        ) from None
    out = []
    for line in lines:
        entry = _COMMENT.split(line, 1)[0].strip()
        if entry:
            out.append(entry if is_url(entry) or Path(entry).is_absolute() else str(list_file.parent / entry))
    return out
