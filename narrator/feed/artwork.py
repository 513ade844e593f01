"""Check a show's own artwork against Apple Podcasts' rules before it is published."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from narrator.errors import FeedError


def check_artwork(path: Path) -> None:
    """Square, 1400 to 3000 pixels, JPEG or PNG, RGB: or a FeedError saying what is wrong."""
    problem = artwork_problem(path)
    if problem:
        raise FeedError(f"The show's {problem}.")


def artwork_problem(path: Path) -> str | None:
    """What is wrong with the artwork at `path`, as a clause ('artwork X must be JPEG or PNG
    (it is GIF)') that a message listing several bad fields can join; None when nothing is."""
    if not path.is_file():
        return f"artwork {path} does not exist"
    try:
        with Image.open(path) as image:
            size, fmt, mode = image.size, image.format, image.mode
    except (UnidentifiedImageError, OSError):
        return f"artwork {path} must be an image narrator can read"
    if fmt not in ("JPEG", "PNG"):
        return f"artwork {path} must be JPEG or PNG for podcast apps (it is {fmt})"
    if size[0] != size[1] or not 1400 <= size[0] <= 3000:
        return f"artwork {path} must be square, 1400 to 3000 px (it is {size[0]}x{size[1]})"
    if mode != "RGB":
        return f"artwork {path} must be in RGB colour for podcast apps (it is {mode})"
    return None
