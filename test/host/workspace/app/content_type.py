"""Request bodies are JSON: a POST, PUT or PATCH whose body has another media type (or none)
is answered 415 before anything parses it, instead of a 422 or 400 that blames the fields.
The OAuth2 token route reads its login form; add other form or upload routes to FORM_PATHS."""

import re

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.middleware import request_id_of

DETAIL = "Unsupported media type: send the request body as application/json"
BODY_METHODS = frozenset(("POST", "PUT", "PATCH"))
FORM_PATHS = frozenset(("/auth/token",))
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
# application/json and the structured-syntax suffix application/*+json (RFC 6839).
_JSON_MEDIA_TYPE = re.compile(r"^application/([a-z0-9!#$&^_.-]+\+)?json$")


def _has_body(headers: dict[bytes, bytes]) -> bool:
    length = headers.get(b"content-length")
    if length is not None:
        return bool(length.strip(b" 0"))
    return b"transfer-encoding" in headers


def accepts(media_type: str, path: str) -> bool:
    """Whether a body of this Content-Type (parameters such as charset ignored) is read at path."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return bool(_JSON_MEDIA_TYPE.fullmatch(essence)) or (essence == FORM_MEDIA_TYPE and path in FORM_PATHS)


class JsonBodyMiddleware:
    """Pure ASGI middleware: only the headers are read; requests without a body pass."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in BODY_METHODS:
            headers = dict(scope["headers"])
            media_type = headers.get(b"content-type", b"").decode("latin-1")
            if _has_body(headers) and not accepts(media_type, scope["path"]):
                response = JSONResponse(status_code=415, content={"detail": DETAIL, "request_id": request_id_of(scope)})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
