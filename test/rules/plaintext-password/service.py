import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ApiKey, User
from app.schemas import SignupRequest


class UserService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email))

    async def signup(self, data: SignupRequest) -> User:
        # ruleid: plaintext-password
        user = User(email=data.email, hashed_password=data.password.get_secret_value())
        self.session.add(user)
        await self.session.commit()
        return user

    async def authenticate(self, email: str, password: str) -> User | None:
        user = await self.get_by_email(email)
        # ruleid: plaintext-password
        if user is None or user.hashed_password != hashlib.sha256(password.encode()).hexdigest():
            return None
        return user

    async def login(self, email: str, password: str) -> User | None:
        # ok: plaintext-password
        return await self.authenticate(email, password)

    async def issue_api_key(self, user: User) -> str:
        raw_key = secrets.token_urlsafe(32)
        # ok: plaintext-password
        self.session.add(ApiKey(user_id=user.id, key_hash=hashlib.sha256(raw_key.encode()).hexdigest()))
        await self.session.commit()
        return raw_key

    async def file_checksum(self, path: str) -> str:
        with open(path, "rb") as fh:
            # ok: plaintext-password
            return hashlib.md5(fh.read()).hexdigest()
