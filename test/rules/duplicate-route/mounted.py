"""Routers included into one app: their prefixes decide what collides."""

from fastapi import APIRouter, FastAPI

app = FastAPI()
users = APIRouter(prefix="/users")
accounts = APIRouter(prefix="/users")
teams = APIRouter(prefix="/teams")
v1 = APIRouter()
internal = APIRouter()


# ok: duplicate-route
@app.get("/users")
def list_users_root() -> list[str]:
    return []


# ruleid: duplicate-route
@users.get("")
def list_users() -> list[str]:
    return []


# ok: duplicate-route
@users.get("/{user_id}")
def read_user(user_id: int) -> dict[str, int]:
    return {"id": user_id}


# ruleid: duplicate-route
@accounts.get("/{account_id}")
def read_account(account_id: int) -> dict[str, int]:
    return {"id": account_id}


# ok: duplicate-route
@teams.get("/{team_id}")
def read_team(team_id: int) -> dict[str, int]:
    return {"id": team_id}


# ok: duplicate-route
@v1.get("/teams/{team_id}")
def read_team_v1(team_id: int) -> dict[str, int]:
    return {"id": team_id}


# ok: duplicate-route
@internal.get("/users")
def internal_users() -> list[str]:
    return []


app.include_router(users)
app.include_router(accounts)
app.include_router(teams)
app.include_router(v1, prefix="/v1")
app.include_router(internal, prefix=INTERNAL_PREFIX)
