"""Error handling: repository errors become HTTP errors; anything unexpected
is logged with its request id and answered with a 500 that leaks no internals."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import uuid4

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

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
    app.add_exception_handler(Exception, unhandled_exception_handler)
