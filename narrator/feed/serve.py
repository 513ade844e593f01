"""Serve the output folder to podcast apps: Starlette's StaticFiles under uvicorn.

StaticFiles answers HEAD and byte ranges (206, Content-Range, Accept-Ranges), sends ETag
and Last-Modified, and refuses paths outside the folder, symlinks out of it included.
Around it: the podcast MIME types, CORS on chapters and transcripts (web players fetch
them from other origins), and nothing whose name starts with a dot (locks, stamps).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".xml": "application/rss+xml",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
CROSS_ORIGIN = (".json", ".vtt", ".srt", ".xml", ".jpg", ".png")


class _PodcastHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if any(part.startswith(".") for part in request.url.path.split("/")):
            return PlainTextResponse("Not Found", status_code=404)
        response = await call_next(request)
        if request.url.path.endswith(CROSS_ORIGIN):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = "Content-Length, Content-Range"
        return response


def make_app(output: Path) -> Starlette:
    """An ASGI app serving `output` read-only."""
    for suffix, media_type in MEDIA_TYPES.items():
        mimetypes.add_type(media_type, suffix)
    app = Starlette(routes=[Mount("/", app=StaticFiles(directory=output, follow_symlink=False))])
    app.add_middleware(_PodcastHeaders)
    return app


def feed_urls(output: Path, host: str, port: int) -> list[str]:
    """The subscribe URL of every feed in `output`."""
    return [f"http://{host}:{port}/{path.parent.name}/feed.xml" for path in sorted(output.glob("*/feed.xml"))]
