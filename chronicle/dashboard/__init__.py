"""The dashboard: a static single page (plain ES modules, no build step) served at `/` by `chronicle serve`.

Everything it needs ships in `static/` (the world map is world-atlas
TopoJSON, vendored by `frontend/`), so it works with no network. The page
builds its DOM with textContent only: article text is data and never runs.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

# Defence in depth behind textContent: no inline script, nothing from other origins.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def mount(app: FastAPI) -> None:
    """Serve the page at `/` and its files under `/static`."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={
            "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})
