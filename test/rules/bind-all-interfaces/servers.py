import os

import uvicorn
from flask import Flask
from uvicorn import run as serve

from app.settings import settings

app = Flask(__name__)

WILDCARD = "0.0.0.0"
LOOPBACK = "127.0.0.1"


def main() -> None:
    # ruleid: bind-all-interfaces
    uvicorn.run("app.main:app", host="0.0.0.0", port=8000)


def via_alias() -> None:
    # ruleid: bind-all-interfaces
    serve("app.main:app", host='::')


def via_constant() -> None:
    # ruleid: bind-all-interfaces
    uvicorn.run("app.main:app", host=WILDCARD)


def flask_dev() -> None:
    # ruleid: bind-all-interfaces
    app.run(host="0.0.0.0", debug=False)


def config_object() -> uvicorn.Config:
    # ruleid: bind-all-interfaces
    return uvicorn.Config("app.main:app", host="0.0.0.0", port=8080)


def from_settings() -> None:
    # ok: bind-all-interfaces
    uvicorn.run("app.main:app", host=settings.host, port=settings.port)


def from_env() -> None:
    # ok: bind-all-interfaces
    uvicorn.run("app.main:app", host=os.environ["HOST"])


def from_env_with_loopback_default() -> None:
    # ok: bind-all-interfaces
    uvicorn.run("app.main:app", host=os.getenv("HOST", "127.0.0.1"))


def loopback() -> None:
    # ok: bind-all-interfaces
    uvicorn.run("app.main:app", host=LOOPBACK)


def comparisons(host: str) -> bool:
    # ok: bind-all-interfaces
    return host == "0.0.0.0"


# ok: bind-all-interfaces
ALL_INTERFACES = ["0.0.0.0", "::"]


def message() -> str:
    # ok: bind-all-interfaces
    return "do not bind to 0.0.0.0 in production"


def parameter(host: str = "0.0.0.0") -> None:
    # ok: bind-all-interfaces
    uvicorn.run("app.main:app", host=host)


def suppressed() -> None:
    uvicorn.run("app.main:app", host="0.0.0.0")  # backend-skill: ignore[bind-all-interfaces]


def not_a_server() -> None:
    # ok: bind-all-interfaces
    print("listening", host="0.0.0.0")
