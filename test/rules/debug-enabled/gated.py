import os
import traceback

import uvicorn
from fastapi import FastAPI as API
from fastapi import Request
from fastapi.responses import JSONResponse, PlainTextResponse

from app.settings import settings

# ruleid: debug-enabled
app = API(debug=True)

# ok: debug-enabled
dev_app = API(debug=True) if os.getenv("APP_ENV") == "development" else API()

if settings.environment == "local":
    # ok: debug-enabled
    app = API(debug=True)


class ErrorHandlers:
    def __init__(self, logger) -> None:
        self.logger = logger

    async def unhandled(self, request: Request, exc: Exception) -> PlainTextResponse:
        # ruleid: debug-enabled
        return PlainTextResponse(f"{type(exc).__name__}: {exc}", status_code=500)


handlers = ErrorHandlers(None)
app.add_exception_handler(Exception, handlers.unhandled)


@app.get("/health/db")
async def db_health():
    try:
        await ping()
    except Exception as e:
        if settings.debug:
            # ok: debug-enabled
            return JSONResponse({"error": str(e), "trace": traceback.format_exc()}, status_code=500)
        # ruleid: debug-enabled
        return JSONResponse({"status": "down", "reason": repr(e)}, status_code=503)
    return {"status": "ok"}


async def ping() -> None: ...


if __name__ == "__main__":
    # ruleid: debug-enabled
    uvicorn.run(app, host="127.0.0.1", debug=True)
