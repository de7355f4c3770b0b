import hashlib
import hmac

from fastapi import APIRouter, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import User
from app.schemas import LoginRequest, UserCreate

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(body: UserCreate, session: AsyncSession) -> dict:
    # ruleid: plaintext-password
    user = User(email=body.email, password=body.password)
    session.add(user)
    await session.commit()
    return {"id": user.id}


@router.post("/login")
async def login(body: LoginRequest, session: AsyncSession) -> dict:
    user = await session.get(User, body.email)
    # ruleid: plaintext-password
    if user is None or user.password != body.password:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Incorrect email or password")
    return {"id": user.id}


def check_api_login(user: User, password: str) -> bool:
    # ruleid: plaintext-password
    return hmac.compare_digest(user.password, password)


def fingerprint(password: str, salt: str) -> str:
    # ruleid: plaintext-password
    return hashlib.sha256((salt + password).encode()).hexdigest()


def set_password(user: User, new_password: str) -> None:
    # ruleid: plaintext-password
    user.password = new_password
