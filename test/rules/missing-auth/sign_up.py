# `POST /users` beside `POST /users/login` on the same router is sign-up (the
# RealWorld API shape): it must stay public. Other writes to the collection,
# a POST to a collection without a login route beside it, and a login route
# on another router do not make a route public.
from fastapi import APIRouter, Depends

from app.deps import CurrentUserDep, SessionDep

router = APIRouter(prefix="/api")
admin = APIRouter(prefix="/admin")


# ok: missing-auth
@router.post("/users")
async def create_account(session: SessionDep, payload: dict):
    return await create_user(session, payload)


# ok: missing-auth
@router.post("/users/login")
async def log_in(session: SessionDep, payload: dict):
    return await authenticate(session, payload)


# ok: missing-auth
@router.put("/user")
async def update_me(user: CurrentUserDep, session: SessionDep, payload: dict):
    return await update_user(session, user, payload)


# ruleid: missing-auth
@router.delete("/users")
async def delete_users(session: SessionDep):
    return await purge_users(session)


# ruleid: missing-auth
@router.post("/teams")
async def create_team(session: SessionDep, payload: dict):
    return await add_team(session, payload)


# ruleid: missing-auth
@admin.post("/users")
async def admin_create_user(session: SessionDep, payload: dict):
    return await create_user(session, payload)
