import asyncio
import logging
import os

from fastapi import FastAPI
from flask import Flask
from starlette.applications import Starlette

from app.settings import settings

# ruleid: debug-enabled
api = FastAPI(title="shop", debug=True)
# ruleid: debug-enabled
web = Starlette(debug=True, routes=[])

DEBUG = True
# ruleid: debug-enabled
admin = FastAPI(debug=DEBUG)

app = Flask(__name__)
# ruleid: debug-enabled
app.debug = True
# ruleid: debug-enabled
app.config["DEBUG"] = True
# ruleid: debug-enabled
app.config.update(DEBUG=True, TESTING=False)
# ruleid: debug-enabled
app.config.update({"DEBUG": True})


def create_app() -> Flask:
    flask_app = Flask(__name__)
    # ruleid: debug-enabled
    flask_app.config.from_mapping(SECRET_KEY=os.environ["SECRET_KEY"], DEBUG=True)
    return flask_app


if __name__ == "__main__":
    # Flagged even under __main__: `python app.py` is a deployment, and the debugger serves whoever reaches the port.
    # ruleid: debug-enabled
    app.run(host="127.0.0.1", port=5000, debug=True)

# --- not flagged

# ok: debug-enabled
prod = FastAPI(debug=settings.debug)
# ok: debug-enabled
staging = FastAPI(debug=os.getenv("APP_DEBUG") == "1")
# ok: debug-enabled
quiet = FastAPI(debug=False)
# ok: debug-enabled
logging.basicConfig(level=logging.DEBUG)
# ok: debug-enabled
app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"
# ok: debug-enabled
app.config["TESTING"] = True
# ok: debug-enabled
asyncio.run(asyncio.sleep(0), debug=True)
# ok: debug-enabled
DEBUG_SQL = True


class Worker:
    def __init__(self) -> None:
        # ok: debug-enabled
        self.debug = True


def serve() -> None:
    import uvicorn

    # ok: debug-enabled
    uvicorn.run("app.main:app", log_level="debug", reload=False)
