"""One JSON error shape for every API error: `{"error": {"code": ..., "message": ...}}`.

The message says what went wrong and what to do, as the CLI's do
(chronicle.errors). Bad parameters answer 400 (a value the query refused)
or 422 (a value of the wrong type), never 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from chronicle.errors import ChronicleError

log = logging.getLogger(__name__)

# ChronicleError codes that are not the caller's bad argument.
_STATUS = {"not_found": 404, "store_locked": 503, "bad_store": 500, "store_version": 500, "unreadable": 500}

_HTTP_CODES = {
    400: ("bad_request", "the request could not be read — check its syntax"),
    401: ("unauthorized", "send `Authorization: Bearer <token>` with the server's token"),
    403: ("forbidden", "this operation is not allowed"),
    404: ("not_found", "check the address; the endpoints are listed at /docs"),
    405: ("method_not_allowed", "use the method /docs lists for this address"),
    413: ("too_large", "send less data per request"),
    415: ("unsupported_media_type", "send the content type /docs lists for this address"),
}


class ApiError(Exception):
    """An error the API answers with `status` and the common error shape."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None,
                   **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, **extra}}, status_code=status,
                        headers=headers)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "body"):
        kind = {"query": "query parameter", "path": "path parameter", "header": "header", "body": "body"}[parts[0]]
        return f"{kind} `{'.'.join(parts[1:])}`" if len(parts) > 1 else kind
    return "`" + ".".join(parts) + "`"


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" + (
        f" (got {e['input']!r})" if isinstance(e.get("input"), str | int | float) else "")
        for e in exc.errors()]
    return error_response(422, "bad_parameter", "; ".join(problems) + " — fix the value; /docs lists every "
                          "parameter and its type")


async def _chronicle(request: Request, exc: ChronicleError) -> JSONResponse:
    if exc.code == "bad_argument":  # the CLI's wording points at --help; here the fix is the parameter
        return error_response(400, "bad_parameter", f"invalid parameter: {exc.detail} — fix the value; /docs "
                              "lists every parameter")
    return error_response(_STATUS.get(exc.code, 500), exc.code, str(exc))


async def _api(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code, action = _HTTP_CODES.get(exc.status_code, ("http_error", "see /docs"))
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"nothing at {request.url.path}"
    return error_response(exc.status_code, code, f"{detail} — {action}", dict(exc.headers or {}) or None)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal", f"internal error ({type(exc).__name__}) — report it with the request "
                          "that caused it; the server goes on")


def install(app: FastAPI) -> None:
    """Route every kind of error to the common shape."""
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(ChronicleError, _chronicle)  # type: ignore[arg-type]
    app.add_exception_handler(ApiError, _api)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal)
