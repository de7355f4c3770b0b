import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger("app.errors")
app = FastAPI()


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception) -> JSONResponse:
    log.error("Unhandled error", exc_info=exc)
    # ruleid: debug-enabled
    return JSONResponse(status_code=500, content={"detail": "Internal server error"})
