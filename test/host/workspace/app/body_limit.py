"""A request body size limit, enforced while the body arrives."""

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.middleware import request_id_of

# Plain numbers: the status constants for 413 and 422 were renamed across Starlette versions.
DETAIL = "Request body too large"


class RequestBodyTooLargeError(HTTPException):
    """Raised from receive(): FastAPI passes HTTPExceptions met while reading the body on unchanged."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail=DETAIL)


class BodySizeLimitMiddleware:
    """Pure ASGI middleware: a declared Content-Length over the limit is refused before
    the app runs; a body without one (chunked) is counted as it is received."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        # Length first: int() of thousands of digits is itself refused by Python.
        if declared.isdigit() and (len(declared) > 18 or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise RequestBodyTooLargeError()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except RequestBodyTooLargeError:
            # Read outside FastAPI's body parsing (a form, a stream): answer here, if still possible.
            if started:
                raise
            await self._refuse(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(status_code=413, content={"detail": DETAIL, "request_id": request_id_of(scope)})
        await response(scope, receive, send)
