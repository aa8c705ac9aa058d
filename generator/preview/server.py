"""The preview's web app (Starlette): one page, its own script and style, the pictures, the web page
for the frame, the state as JSON and a stream of Server-Sent Events that says "something changed".

Safe by construction: every address is a fixed route whose variable part is looked up in a table in
memory (the preview's own files, pictures by their SHA-256, the web page's files by name) and never
joined to a path on disk, so ``../`` in any spelling finds nothing. Requests whose ``Host`` is not
the address being served are refused (a web page elsewhere cannot reach it by DNS rebinding). Only
GET and HEAD exist: the preview changes nothing.
"""

from __future__ import annotations

import asyncio
import os
import re
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sse_starlette import EventSourceResponse
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from generator import __version__
from generator.diagnostics import Diagnostic
from generator.kinds import Product
from generator.preview.engine import Engine, Preview, Selection

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
ASSETS = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
TITLES = {Product.LEAFLET: "Leaflet", Product.BROCHURE: "Brochure", Product.DECK: "Slides", Product.PAGE: "Web page"}
PAGE_WAIT_STEPS = 300  # a tenth of a second each: a page drawn for a followed link
_DIGEST = re.compile(r"[0-9a-f]{64}\.jpg")
# The preview's own page runs only its own script; the web page in the frame runs none.
_SHELL_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_PAGE_POLICY = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


class Broadcast:
    """Wakes every open event stream (one per tab) when the engine publishes, from any thread."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting: set[asyncio.Event] = set()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def notify(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake_all)

    def _wake_all(self) -> None:
        for event in self._waiting:
            event.set()

    def subscribe(self) -> asyncio.Event:
        event = asyncio.Event()
        self._waiting.add(event)
        return event

    def unsubscribe(self, event: asyncio.Event) -> None:
        self._waiting.discard(event)


def create_app(
    engine: Engine, broadcast: Broadcast, allowed_hosts: tuple[str, ...] = LOCAL_HOSTS, lifespan=None
) -> Starlette:
    shell = _shell()
    assets = {name: resources.files("generator.preview").joinpath("static", name).read_bytes() for name in ASSETS}

    async def home(request: Request) -> Response:
        return HTMLResponse(shell, headers={"Content-Security-Policy": _SHELL_POLICY, "Cache-Control": "no-store"})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return _missing()
        return Response(assets[name], media_type=ASSETS[name], headers={"Cache-Control": "no-cache"})

    async def picture(request: Request) -> Response:
        name = request.path_params["name"]
        picture = engine.picture(name[:-4]) if _DIGEST.fullmatch(name) else None
        if picture is None:
            return _missing()
        return Response(picture, media_type="image/jpeg", headers={"Cache-Control": "public, max-age=86400, immutable"})

    async def site_file(request: Request) -> Response:
        params = request.path_params
        selection = engine.find(f"{params['clinic']}/{params['condition']}/{params['language']}")
        if selection is None:
            return _missing("This address is not one of the preview's web pages.")
        data = engine.page_file(selection, params["name"])
        if data is None and params["name"] == "index.html":
            engine.draw_once(selection)  # a link to another language in the frame: draw it and wait
            for _ in range(PAGE_WAIT_STEPS):
                await asyncio.sleep(0.1)
                data = engine.page_file(selection, params["name"])
                if data is not None:
                    break
        if data is None:
            return _missing("This page is not drawn (yet): choose it on the left, or reload in a moment.")
        media = _media_type(params["name"])
        return Response(
            data, media_type=media, headers={"Content-Security-Policy": _PAGE_POLICY, "Cache-Control": "no-cache"}
        )

    async def state(request: Request) -> Response:
        selections = engine.selections()
        wanted = request.query_params.get("selection", "")
        selection = engine.find(wanted) if wanted else None
        if selection is None and selections:
            selection = selections[0]
        body: dict = {
            "version": engine.version,
            "selections": [_selection_json(s) for s in selections],
            "selection": None,
            "trouble": engine.trouble,
        }
        if selection is not None:
            body["selection"] = selection.key
            body.update(engine.read(selection, _preview_json))  # the pictures and marks of one moment
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def events(request: Request) -> Response:
        """ "Something changed", to one tab; ``?selection=`` says what the tab shows, so that is kept current."""

        selection = engine.find(request.query_params.get("selection", ""))

        async def stream():
            event = broadcast.subscribe()
            if selection is not None:
                engine.viewing(selection, +1)
            try:
                yield {"event": "update", "data": str(engine.version)}
                while True:
                    await event.wait()
                    event.clear()
                    await asyncio.sleep(0.01)  # one message for a burst of changes
                    event.clear()
                    yield {"event": "update", "data": str(engine.version)}
            finally:
                broadcast.unsubscribe(event)
                if selection is not None:
                    engine.viewing(selection, -1)

        return EventSourceResponse(stream(), ping=15, headers={"Cache-Control": "no-store"})

    routes = [
        Route("/", home),
        Route("/assets/{name}", asset),
        Route("/picture/{name}", picture),
        Route("/site/{clinic}/{condition}/{language}/{name}", site_file),
        Route("/api/state", state),
        Route("/events", events),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)), Middleware(_Hardened)]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


class _Hardened:
    """Headers every answer carries (no type guessing, no referrer leaving the machine), and no answer
    to a request another web site makes the browser send (``Sec-Fetch-Site: cross-site``)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if (b"sec-fetch-site", b"cross-site") in [(k.lower(), v.lower()) for k, v in scope.get("headers", [])]:
            await PlainTextResponse("The preview answers only its own pages.", status_code=403)(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def _missing(text: str = "Not found.") -> Response:
    return Response(text, status_code=404, media_type="text/plain; charset=utf-8")


def _media_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return {
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".woff2": "font/woff2",
        ".webp": "image/webp",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".svg": "image/svg+xml",
    }.get(suffix, "application/octet-stream")


def _shell() -> str:
    """The preview's page: a template with nothing from the content in it (that comes as JSON and
    is put in with textContent), so there is nothing to escape; autoescaped all the same."""

    env = Environment(
        loader=PackageLoader("generator.preview", "static"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )
    return env.get_template("preview.html").render(version=__version__)


def _selection_json(selection: Selection) -> dict:
    return {
        "key": selection.key,
        "clinic": selection.clinic,
        "condition": selection.condition,
        "language": selection.language,
    }


def _preview_json(preview: Preview) -> dict:
    selection = preview.selection
    products = []
    for product, shown in preview.shown.items():
        item: dict = {
            "id": str(product),
            "title": TITLES[product],
            "busy": shown.busy,
            "stale": shown.stale,
            "note": shown.note,
            "pictures": [],
            "outline": [list(s) for s in shown.outline],
        }
        if product is Product.PAGE:
            item["frame"] = f"/site/{selection.key}/index.html?v={shown.pictures[0][:16]}" if shown.pictures else None
        else:
            item["pictures"] = [
                {"src": f"/picture/{digest}.jpg", "changed": changed}
                for digest, changed in zip(shown.pictures, shown.changed)
            ]
        products.append(item)
    return {
        "status": preview.status,
        "seconds": round(preview.seconds, 3),
        "products": products,
        "diagnostics": [_diagnostic_json(d) for d in preview.diagnostics],
        "readability": preview.readability,
    }


def _diagnostic_json(diagnostic: Diagnostic) -> dict:
    location = diagnostic.location
    body = {**diagnostic.as_json(), "where": str(location), "editor": None, "path": None}
    if location.file:
        # abspath, not resolve(): a mapped network drive (H:) stays H:, as the editor knows it.
        absolute = Path(os.path.abspath(location.file))
        body["path"] = absolute.as_uri()
        spot = f":{location.line}:{max(location.col, 1)}" if location.line else ""
        written = absolute.as_posix()
        written = written if written.startswith("//") else "/" + written.lstrip("/")  # a UNC path keeps //
        body["editor"] = f"vscode://file{quote(written, safe='/:')}{spot}"
    return body
