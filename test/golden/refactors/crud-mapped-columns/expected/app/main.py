"""The FastAPI application: settings, database, middleware and routers."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app import models  # noqa: F401  (registers every table on Base.metadata)
from app.body_limit import BodySizeLimitMiddleware
from app.content_type import JsonBodyMiddleware
from app.db import Base, engine
from app.errors import UnhandledErrorMiddleware, register_exception_handlers
from app.middleware import RequestLoggingMiddleware
from app.proxy import TrustedProxyMiddleware
from app.routers import auth, books
from app.settings import settings

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # Creates missing tables at startup; move to migrations (Alembic) once the schema settles.
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


app = FastAPI(title="library", version="0.1.0", lifespan=lifespan, debug=settings.debug)

# Innermost first: a 413, a 415 and an unexpected error's 500 are still logged with
# their request id and carry the CORS headers for an allowed origin.
app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
app.add_middleware(JsonBodyMiddleware)
app.add_middleware(UnhandledErrorMiddleware)
app.add_middleware(RequestLoggingMiddleware)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    # Browsers refuse credentials with a wildcard origin; never combine the two.
    allow_credentials="*" not in settings.cors_origins,
    allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
)
# Outermost: everything inside (logging, the login limits) sees the client address it settles on.
app.add_middleware(TrustedProxyMiddleware, trusted=settings.trusted_proxies)
register_exception_handlers(app)


@app.get("/health", tags=["health"], summary="Liveness check")
async def health() -> dict[str, str]:
    return {"status": "ok"}


app.include_router(auth.router)
app.include_router(books.router)
