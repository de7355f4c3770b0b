"""Two app factories register the same routes on their own apps."""

from fastapi import FastAPI

from app.settings import settings


def create_public_app() -> FastAPI:
    app = FastAPI()

    # ok: duplicate-route
    @app.get("/")
    def index() -> dict[str, str]:
        return {"app": "public"}

    # ruleid: duplicate-route
    @app.get("/")
    def index_again() -> dict[str, str]:
        return {"app": "public"}

    return app


def create_admin_app() -> FastAPI:
    app = FastAPI()

    # ok: duplicate-route
    @app.get("/")
    def index() -> dict[str, str]:
        return {"app": "admin"}

    return app


api = FastAPI()

# ok: duplicate-route
@api.get("/debug")
def debug_info() -> dict[str, bool]:
    return {"debug": False}


if settings.debug:
    # ok: duplicate-route
    @api.get("/debug")
    def debug_info_verbose() -> dict[str, bool]:
        return {"debug": True}


def list_users() -> list[str]:
    return []


def list_users_cached() -> list[str]:
    return []


# ok: duplicate-route
api.add_api_route("/users", list_users, methods=["GET"])
# ok: duplicate-route
api.add_api_route("/users", list_users, methods=["POST"])
# ruleid: duplicate-route
api.add_api_route("/users", list_users_cached, methods=["GET"])
