import logging
import traceback

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from flask import Flask, jsonify
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)
app = FastAPI()
flask_app = Flask(__name__)


class ItemNotFound(Exception):
    pass


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception) -> JSONResponse:
    # ruleid: debug-enabled
    return JSONResponse(status_code=500, content={"detail": str(exc)})


async def fallback_handler(request: Request, exc: Exception) -> JSONResponse:
    # ruleid: debug-enabled
    return JSONResponse({"error": repr(exc), "path": request.url.path}, status_code=500)


app.add_exception_handler(Exception, fallback_handler)


@app.post("/orders")
async def create_order(payload: dict):
    try:
        return await place(payload)
    except Exception as e:
        # ruleid: debug-enabled
        raise HTTPException(status_code=500, detail=f"Order failed: {e}")


@app.get("/report")
def report():
    try:
        return build_report()
    except Exception:
        # ruleid: debug-enabled
        return JSONResponse({"trace": traceback.format_exc()}, status_code=500)


@app.get("/export")
async def export():
    try:
        return await build_export()
    except BaseException as err:
        body = {"ok": False}
        # ruleid: debug-enabled
        body["error"] = "".join(traceback.format_exception(err))
        return JSONResponse(body, status_code=500)


@flask_app.route("/sync", methods=["POST"])
def sync():
    try:
        run_sync()
    except Exception as exc:
        message = str(exc)
        # ruleid: debug-enabled
        return jsonify(error=message), 500
    return jsonify(ok=True)


@flask_app.errorhandler(500)
def server_error(error):
    # ruleid: debug-enabled
    return {"error": str(error)}, 500


# --- not flagged


@app.exception_handler(RequestValidationError)
async def validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    # ok: debug-enabled
    return JSONResponse(status_code=422, content={"detail": exc.errors(), "message": str(exc)})


@app.exception_handler(StarletteHTTPException)
async def http_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    # ok: debug-enabled
    return JSONResponse(status_code=exc.status_code, content={"detail": str(exc.detail)})


@app.exception_handler(ItemNotFound)
async def not_found(request: Request, exc: ItemNotFound) -> JSONResponse:
    # ok: debug-enabled
    return JSONResponse(status_code=404, content={"detail": str(exc)})


@app.get("/items/{item_id}")
async def get_item(item_id: int):
    try:
        return await load(item_id)
    except ValueError as e:
        # ok: debug-enabled
        raise HTTPException(status_code=400, detail=str(e))
    except IntegrityError as e:
        # ok: debug-enabled
        raise HTTPException(status_code=409, detail=f"Conflict: {e.orig}")
    except Exception as e:
        # ok: debug-enabled
        logger.exception("loading item %s failed: %s", item_id, str(e))
        # ok: debug-enabled
        traceback.print_exc()
        # ok: debug-enabled
        raise HTTPException(status_code=500, detail="Internal server error") from e


@app.get("/jobs")
def jobs():
    try:
        return run_jobs()
    except Exception:
        # ok: debug-enabled
        logger.error("jobs failed:\n%s", traceback.format_exc())
        # ok: debug-enabled
        return JSONResponse({"detail": "Internal server error"}, status_code=500)


def describe(exc: Exception) -> str:
    # ok: debug-enabled
    return f"{type(exc).__name__}: {exc}"


def worker():
    try:
        run_jobs()
    except Exception as e:
        # ok: debug-enabled
        print(f"worker failed: {e}")
        # ok: debug-enabled
        tb = traceback.format_exc()
        logger.warning(tb)


async def place(payload): ...
def build_report(): ...
async def build_export(): ...
def run_sync(): ...
async def load(item_id): ...
def run_jobs(): ...


class AuthMiddleware:
    @staticmethod
    def default_on_error(conn, exc: Exception):
        # An error callback for authentication failures, not a catch-all handler.
        # ok: debug-enabled
        return JSONResponse({"detail": str(exc)}, status_code=401)


@app.put("/items/{item_id}")
async def update_item(item_id: int, payload: dict):
    try:
        return await save(item_id, payload)
    except SQLAlchemyError as exc:
        # The driver's message carries the SQL statement and its parameters.
        # ruleid: debug-enabled
        raise HTTPException(status_code=500, detail=str(exc)) from exc
    except KeyError as exc:
        # ok: debug-enabled
        raise HTTPException(status_code=422, detail=f"missing field {exc}") from exc


async def save(item_id, payload): ...


@app.middleware("http")
async def catch_all(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception as e:
        error_message = f"Unexpected error: {str(e)}"
        # ok: debug-enabled
        logger.error(error_message)
        # ruleid: debug-enabled
        return JSONResponse(status_code=500, content={"detail": error_message})
