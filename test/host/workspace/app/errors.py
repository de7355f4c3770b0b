"""Error handling: repository errors become HTTP errors, invalid input or a value the
database refuses a 422 that always renders; anything unexpected is logged with its
request id and answered with a 500 that leaks no internals. Every error body carries
the request id beside its detail."""

import logging
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal

from fastapi import FastAPI, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.middleware import request_id_of
from app.repositories.base import ConflictError, ReferenceNotFoundError

logger = logging.getLogger("app.errors")


def error_response(
    request: Request, status_code: int, detail: object, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """`{"detail": ..., "request_id": ...}`, the id also in the X-Request-ID header."""
    request_id = request_id_of(request.scope)
    return JSONResponse(
        status_code=status_code,
        content={"detail": detail, "request_id": request_id},
        headers={**(headers or {}), "X-Request-ID": request_id},
    )


@contextmanager
def repository_errors() -> Iterator[None]:
    """Translate repository errors raised inside the block into HTTP answers."""
    try:
        yield
    except ConflictError as exc:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    except ReferenceNotFoundError as exc:
        raise RequestValidationError(
            [{"type": "reference_not_found", "loc": ("body", exc.field), "msg": str(exc), "input": exc.value}]
        ) from exc


def _printable(value: object, depth: int = 0) -> object:
    """An input echoed in a 422, in a form JSON can carry: NaN, infinities, bytes and
    unpaired surrogates become text, and deep nesting is cut, so the answer always renders."""
    if depth > 20:
        return "..."
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {str(_printable(k, depth + 1)): _printable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(v, depth + 1) for v in value]
    return value


async def http_exception_handler(request: Request, exc: Exception) -> Response:
    # FastAPI's own handler, with the request id in the body.
    if not isinstance(exc, StarletteHTTPException):
        return await unhandled_exception_handler(request, exc)
    if exc.status_code < 200 or exc.status_code in {204, 205, 304}:
        return Response(status_code=exc.status_code, headers=exc.headers)
    return error_response(request, exc.status_code, jsonable_encoder(exc.detail), exc.headers)


async def validation_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return error_response(request, 422, jsonable_encoder(_printable(errors)))


def _is_data_error(exc: DBAPIError) -> bool:
    """The database refused a value (out of range for its column, a character it cannot
    store), as opposed to failing itself: SQLSTATE class 22, "data exception"."""
    if isinstance(exc, DataError):
        return True
    # asyncpg reports server data exceptions as a plain error carrying the SQLSTATE...
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate.startswith("22"):
        return True
    # ...and refuses an argument it cannot encode (a ValueError) before sending it.
    return isinstance(getattr(exc.orig, "__cause__", None), ValueError)


async def database_error_handler(request: Request, exc: Exception) -> JSONResponse:
    # A value the schemas let through but the database cannot store is the request's
    # fault: 422, not 500. Any other database failure is a 500 as before.
    if not isinstance(exc, DBAPIError) or not _is_data_error(exc):
        return await unhandled_exception_handler(request, exc)
    logger.warning("database refused a value on %s %s: %s", request.method, request.url.path, type(exc.orig).__name__)
    return error_response(request, 422, "A value is out of range or cannot be stored")


async def unhandled_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    response = error_response(request, status.HTTP_500_INTERNAL_SERVER_ERROR, "Internal server error")
    logger.error(
        "unhandled error on %s %s request_id=%s",
        request.method,
        request.url.path,
        response.headers["X-Request-ID"],
        exc_info=exc,
    )
    return response


class UnhandledErrorMiddleware:
    """Pure ASGI middleware, inside CORS and request logging: an unexpected exception
    becomes the generic 500 here, so that answer passes out through them and carries the
    CORS headers for an allowed origin. (Starlette's last-resort handler, which the
    Exception handler below still serves, sits outside every middleware.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                raise
            response = await unhandled_exception_handler(Request(scope, receive), exc)
            await response(scope, receive, send)


def register_exception_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_exception_handler)
    app.add_exception_handler(RequestValidationError, validation_exception_handler)
    app.add_exception_handler(DBAPIError, database_error_handler)
    app.add_exception_handler(Exception, unhandled_exception_handler)
