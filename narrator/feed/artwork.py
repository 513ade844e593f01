"""Check a show's own artwork against Apple Podcasts' rules before it is published."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from narrator.errors import FeedError


def check_artwork(path: Path) -> None:
    """Square, 1400 to 3000 pixels, JPEG or PNG, RGB: or a FeedError saying what is wrong."""
    if not path.is_file():
        raise FeedError(f"The show's artwork {path} does not exist.")
    try:
        with Image.open(path) as image:
            size, fmt, mode = image.size, image.format, image.mode
    except (UnidentifiedImageError, OSError) as exc:
        raise FeedError(f"The show's artwork {path} is not an image narrator can read.") from exc
    if fmt not in ("JPEG", "PNG"):
        raise FeedError(f"The show's artwork {path} is {fmt}; podcast apps want JPEG or PNG.")
    if size[0] != size[1] or not 1400 <= size[0] <= 3000:
        raise FeedError(
            f"The show's artwork {path} is {size[0]}x{size[1]}; it must be square, 1400 to 3000 px."
        )
    if mode != "RGB":
        raise FeedError(f"The show's artwork {path} is in {mode} colour; podcast apps want RGB.")
