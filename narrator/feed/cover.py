"""A cover for shows without artwork: 3000 x 3000 JPEG with the show's title, made with
Pillow, under 512 KB (Apple Podcasts' size and format rules)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

SIZE = 3000
MAX_BYTES = 512 * 1024
_BACKGROUND = (24, 52, 74)
_FOREGROUND = (250, 244, 230)
_ACCENT = (240, 176, 64)


def draw_cover(title: str) -> bytes:
    """The title in large type on a plain background, with a sound-wave motif."""
    from PIL import Image, ImageDraw  # imported here: most runs find the cover drawn

    image = Image.new("RGB", (SIZE, SIZE), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    for i, height in enumerate((300, 700, 1100, 800, 500, 900, 400)):
        x = 600 + i * 300
        draw.rounded_rectangle((x, 2300 - height // 2, x + 150, 2300 + height // 2), radius=75, fill=_ACCENT)
    font = _font(230)
    lines = textwrap.wrap(title, width=16)[:5]
    y = 350
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((SIZE - width) / 2, y), line, font=font, fill=_FOREGROUND)
        y += 290
    for quality in (85, 70, 55, 40):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True)
        if out.tell() <= MAX_BYTES:
            return out.getvalue()
    return out.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def ensure_cover(folder: Path, title: str) -> Path:
    """cover.jpg in the feed folder, drawn once for the show's title."""
    from narrator import atomic

    path = folder / "cover.jpg"
    stamp = folder / ".cover-title"
    if not path.exists() or not stamp.exists() or stamp.read_text(encoding="utf-8") != title:
        atomic.write_bytes(path, draw_cover(title))
        atomic.write_bytes(stamp, title.encode("utf-8"))
    return path
