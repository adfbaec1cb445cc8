"""The FastAPI application: the HTTP API over one store, and the dashboard at `/`.

`create_app(store, settings)` builds it around a `Store` opened read-write by
the caller (`chronicle serve`): the app then owns the store's writes through
its `Writer` thread, and every request reads through a cursor of its own.
Routes are thin: they turn parameters into an `EventQuery` and call the one
query layer (chronicle.query) that `chronicle events` calls too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from chronicle import __version__
from chronicle.api import errors, routes
from chronicle.api.writer import Writer
from chronicle.store import Store

MAX_BODY = 32 * 1024 * 1024  # bytes of one POST /ingest: large enough for thousands of articles per request


@dataclass(frozen=True)
class Settings:
    """How the server behaves. `token` None turns POST /ingest off; CORS is off unless origins are listed."""

    token: str | None = None
    max_body: int = MAX_BODY
    cors_origins: tuple[str, ...] = ()


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The API and dashboard over `store` (opened read-write); closing the app stops its writer."""
    settings = settings or Settings()
    if store.read_only:
        raise ValueError("the server writes through POST /ingest: open the store read-write")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.writer.close()

    app = FastAPI(
        title="chronicle",
        version=__version__,
        summary="Structured, geolocated, evidence-linked political events from news: the event store over HTTP.",
        docs_url=None,  # served below from the bundled Swagger UI: no CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.writer = Writer(store)
    errors.install(app)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"])

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="chronicle API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    app.include_router(routes.router)
    from chronicle.dashboard import mount

    mount(app)
    return app
