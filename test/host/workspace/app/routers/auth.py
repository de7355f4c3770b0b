"""Registration, token and current-user routes."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordRequestForm

from app.deps import CurrentUserDep, SessionDep
from app.errors import repository_errors
from app.models.user import User
from app.rate_limit import auth_rate_limit, login_lockout
from app.repositories.user import UserRepository
from app.schemas.common import error_responses
from app.schemas.user import Token, UserPublic, UserRegister
from app.security import DUMMY_HASH, create_access_token, hash_password, verify_password

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    summary="Register a user",
    dependencies=[Depends(auth_rate_limit)],
    responses=error_responses(409, 429),
)
async def register(payload: UserRegister, session: SessionDep) -> User:
    repo = UserRepository(session)
    if await repo.get_by_email(payload.email) is not None:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="Email already registered")
    # bcrypt is deliberately slow: keep it off the event loop.
    hashed = await run_in_threadpool(hash_password, payload.password)
    with repository_errors():
        return await repo.add(email=payload.email, hashed_password=hashed)


@router.post(
    "/token",
    summary="Log in with email and password (OAuth2 password form) to get a bearer token",
    dependencies=[Depends(auth_rate_limit)],
    responses=error_responses(401, 429),
)
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep) -> Token:
    # A locked account answers 429 before its password is even checked (app/rate_limit.py).
    login_lockout.check(form.username)
    user = await UserRepository(session).get_by_email(form.username)
    hashed = user.hashed_password if user is not None else DUMMY_HASH
    password_ok = await run_in_threadpool(verify_password, form.password, hashed)
    if user is None or not password_ok or not user.is_active:
        login_lockout.record_failure(form.username)
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect email or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Token(access_token=create_access_token(str(user.id)))


@router.get("/me", response_model=UserPublic, summary="The authenticated user", responses=error_responses(401))
async def read_me(current_user: CurrentUserDep) -> User:
    return current_user
