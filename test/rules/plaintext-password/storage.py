from datetime import UTC, datetime

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import models
from app.db import get_session
from app.deps import CurrentUserDep
from app.models import Account
from app.security import hash_password

router = APIRouter(prefix="/users", tags=["users"])


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(unique=True)
    password: Mapped[str]
    password_changed_at: Mapped[datetime | None]

    def __init__(self, email: str, password: str) -> None:
        self.email = email
        # ruleid: plaintext-password
        self.password = password


class UserCreate(BaseModel):
    email: EmailStr
    # ok: plaintext-password
    password: str = Field(min_length=8, max_length=72)


class PasswordChange(BaseModel):
    current_password: str
    new_password: str = Field(min_length=8)


@router.post("", status_code=status.HTTP_201_CREATED)
async def register(body: UserCreate, session: AsyncSession = Depends(get_session)) -> dict:
    # ruleid: plaintext-password
    user = User(email=body.email, password=body.password)
    session.add(user)
    await session.commit()
    return {"id": user.id}


@router.post("/v2", status_code=status.HTTP_201_CREATED)
async def register_v2(body: UserCreate, session: AsyncSession = Depends(get_session)) -> dict:
    # ok: plaintext-password
    user = User(email=body.email, password=hash_password(body.password))
    session.add(user)
    await session.commit()
    return {"id": user.id}


def create_user(db, user: "UserCreate"):
    fake_hashed_password = user.password + "notreallyhashed"
    # ruleid: plaintext-password
    db_user = models.User(email=user.email, hashed_password=user.password + "notreallyhashed")
    # ok: plaintext-password
    other = models.User(email=user.email, hashed_password=hash_password(user.password))
    db.add(db_user)
    db.commit()
    return db_user, other, fake_hashed_password


def create_account(db, payload: UserCreate) -> Account:
    # ruleid: plaintext-password
    account = Account(email=payload.email, hashed_password=payload.password)
    db.add(account)
    return account


@router.put("/me/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(body: PasswordChange, current_user: CurrentUserDep, session: AsyncSession = Depends(get_session)) -> None:
    # ruleid: plaintext-password
    current_user.password = body.new_password
    # ok: plaintext-password
    current_user.password_changed_at = datetime.now(UTC)
    await session.commit()


@router.put("/me/password/v2", status_code=status.HTTP_204_NO_CONTENT)
async def change_password_v2(body: PasswordChange, current_user: CurrentUserDep, session: AsyncSession = Depends(get_session)) -> None:
    new_hash = hash_password(body.new_password)
    # ok: plaintext-password
    current_user.password = new_hash
    await session.commit()


async def reset_password(session: AsyncSession, user_id: int, form) -> None:
    secret = form.password.data
    user = await session.get(User, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    # ruleid: plaintext-password
    user.password = secret
    await session.commit()


async def set_password_core(session: AsyncSession, user_id: int, password: str) -> None:
    # ruleid: plaintext-password
    stmt = update(User).where(User.id == user_id).values(password=password)
    await session.execute(stmt)


async def import_users(session: AsyncSession, rows: list[dict]) -> None:
    for entry in rows:
        # ruleid: plaintext-password
        await session.execute(insert(User).values(email=entry["email"], password=entry["password"]))


async def rehash(session: AsyncSession, email: str, password: str) -> None:
    password = hash_password(password)
    # ok: plaintext-password
    await session.execute(insert(User).values(email=email, password=password))


def reset_token(user: User, raw_token: str) -> None:
    import hashlib

    # ok: plaintext-password
    user.password_reset_token = hashlib.sha256(raw_token.encode()).hexdigest()
    # ok: plaintext-password
    user.password = None


def disable_login(user: User) -> None:
    # ok: plaintext-password
    user.password = "!"


def legacy_import(session, email: str, password: str) -> None:
    import base64

    # ruleid: plaintext-password
    session.add(User(email=email, password=base64.b64encode(password.encode()).decode()))


def test_register_hashes(client, session) -> None:
    payload = {"email": "a@example.com", "password": "correct horse battery"}
    client.post("/users", json=payload)
    user = session.query(User).one()
    # ok: plaintext-password
    assert user.password != payload["password"]
    # ok: plaintext-password
    assert UserCreate(email="b@example.com", password=payload["password"]).password
