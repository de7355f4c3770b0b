"""Error handling: repository errors become HTTP errors, invalid input or a value the
database refuses a 422 that always renders; anything unexpected is logged with its
request id and answered with a 500 that leaks no internals."""

import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from uuid import uuid4

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError

from app.repositories.base import ConflictError, ReferenceNotFoundError

logger = logging.getLogger("app.errors")


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


async def validation_exception_handler(_request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse(
        status_code=422,
        content={"detail": jsonable_encoder(_printable(errors))},
    )


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
    return JSONResponse(status_code=422, content={"detail": "A value is out of range or cannot be stored"})


async def unhandled_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    request_id = getattr(request.state, "request_id", None) or uuid4().hex
    logger.error(
        "unhandled error on %s %s request_id=%s",
        request.method,
        request.url.path,
        request_id,
        exc_info=exc,
    )
    return JSONResponse(
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        content={"detail": "Internal server error", "request_id": request_id},
        headers={"X-Request-ID": request_id},
    )


def register_exception_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_exception_handler)
    app.add_exception_handler(DBAPIError, database_error_handler)
    app.add_exception_handler(Exception, unhandled_exception_handler)
