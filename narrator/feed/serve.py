"""Serve the output folder to podcast apps and browsers: Starlette's StaticFiles under uvicorn.

StaticFiles answers HEAD and byte ranges (206, Content-Range, Accept-Ranges), sends ETag
and Last-Modified, and refuses paths outside the folder, symlinks out of it included.
Around it: the podcast MIME types, CORS on chapters and transcripts (web players fetch
them from other origins), and nothing whose name starts with a dot (locks, stamps). A
folder's index.html answers for the folder (the show page), and `/` lists the feeds.
"""

from __future__ import annotations

import mimetypes
import xml.etree.ElementTree as ET
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".xml": "application/rss+xml",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
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

    async def feeds(request: Request) -> Response:
        return HTMLResponse(feeds_page(output))

    files = StaticFiles(directory=output, follow_symlink=False, html=True)
    app = Starlette(routes=[Route("/", feeds, methods=["GET", "HEAD"]), Mount("/", app=files)])
    app.add_middleware(_PodcastHeaders)
    return app


def feeds_page(output: Path) -> str:
    """The feeds in `output`, each by its title, linked to its show page and its feed."""
    listed = []
    for path in sorted(output.glob("*/feed.xml")):
        try:
            title = ET.parse(path).findtext("channel/title") or path.parent.name
        except (ET.ParseError, OSError):
            title = path.parent.name
        listed.append(
            {"title": title, "page": f"/{path.parent.name}/", "feed": f"/{path.parent.name}/feed.xml"}
        )
    env = Environment(
        loader=PackageLoader("narrator.feed", "templates"), autoescape=select_autoescape(default=True)
    )
    return env.get_template("feeds.html").render(feeds=listed)


def feed_urls(output: Path, host: str, port: int) -> list[str]:
    """The subscribe URL of every feed in `output`."""
    return [f"http://{host}:{port}/{path.parent.name}/feed.xml" for path in sorted(output.glob("*/feed.xml"))]
