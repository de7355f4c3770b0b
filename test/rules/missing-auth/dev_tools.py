# Routers the app mounts only for local runs and end-to-end tests
# (`if settings.ENVIRONMENT == "local":`) are never reachable in production.
# One mounted in production as well, or under a production check, stays checked.
from fastapi import APIRouter, FastAPI

from app.settings import settings

app = FastAPI()
private_router = APIRouter(prefix="/private")
debug_router = APIRouter(prefix="/debug")
seed_router = APIRouter(prefix="/seed")
admin_router = APIRouter(prefix="/ops")
maintenance_router = APIRouter(prefix="/maintenance")


# ok: missing-auth
@private_router.post("/users")
def create_test_user(email: str) -> dict:
    return {"email": email}


# ok: missing-auth
@debug_router.delete("/cache")
def clear_cache() -> None:
    return None


# ruleid: missing-auth
@seed_router.post("/orders")
def seed_orders() -> None:
    return None


# ruleid: missing-auth
@admin_router.post("/reindex")
def reindex() -> None:
    return None


# ruleid: missing-auth
@maintenance_router.post("/vacuum")
def vacuum() -> None:
    return None


if settings.ENVIRONMENT == "local":
    app.include_router(private_router)
    app.include_router(seed_router)

if settings.DEBUG:
    app.include_router(debug_router)

app.include_router(seed_router)

if settings.ENVIRONMENT != "local":
    app.include_router(admin_router)

if settings.ENVIRONMENT == "production":
    pass
else:
    app.include_router(maintenance_router)
