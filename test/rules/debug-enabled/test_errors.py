import traceback

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient


def make_app() -> FastAPI:
    # ok: debug-enabled
    app = FastAPI(debug=True)

    @app.exception_handler(Exception)
    async def show(request: Request, exc: Exception) -> JSONResponse:
        # ok: debug-enabled
        return JSONResponse({"detail": str(exc), "trace": traceback.format_exc()}, status_code=500)

    return app


def test_errors_are_shown() -> None:
    client = TestClient(make_app(), raise_server_exceptions=False)
    assert client.get("/missing").status_code == 404
