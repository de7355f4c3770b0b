"""Management commands, run from a shell with access to the database.

python -m app.manage create-superuser EMAIL [--password-stdin]
python -m app.manage promote EMAIL
python -m app.manage demote EMAIL
"""

import argparse
import asyncio
import getpass
import sys

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool

from app import models  # noqa: F401  (registers every table on Base.metadata)
from app.db import Base
from app.models.user import User
from app.schemas.user import UserRegister
from app.security import hash_password
from app.settings import settings


def _engine() -> AsyncEngine:
    # Its own engine without a pool: usable from any event loop, next to a running app.
    return create_async_engine(settings.database_url, poolclass=NullPool)


async def set_superuser(email: str, value: bool) -> bool:
    """Grant or revoke the superuser role of a registered user; False when there is no such user."""
    engine = _engine()
    try:
        async with engine.begin() as connection:
            result = await connection.execute(
                update(User).where(User.email == email.lower()).values(is_superuser=value)
            )
        return result.rowcount > 0
    finally:
        await engine.dispose()


async def create_superuser(email: str, password: str) -> int:
    """Create a new user with the superuser role (tables are created if missing); returns its id."""
    account = UserRegister(email=email, password=password)
    engine = _engine()
    try:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with AsyncSession(engine, expire_on_commit=False) as session:
            if await session.scalar(select(User.id).where(User.email == account.email)) is not None:
                raise ValueError(f"{account.email} is already registered; use: python -m app.manage promote EMAIL")
            user = User(email=account.email, hashed_password=hash_password(account.password), is_superuser=True)
            session.add(user)
            await session.commit()
            return user.id
    finally:
        await engine.dispose()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password (again): "):
        raise ValueError("the passwords differ")
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.manage", description="Manage users and their roles.")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-superuser", help="create a new user with the superuser role")
    create.add_argument("email")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    commands.add_parser("promote", help="grant the superuser role to a registered user").add_argument("email")
    commands.add_parser("demote", help="revoke the superuser role").add_argument("email")
    args = parser.parse_args(argv)
    try:
        if args.command == "create-superuser":
            user_id = asyncio.run(create_superuser(args.email, _read_password(args.password_stdin)))
            print(f"created superuser {args.email.lower()} (id {user_id})")
            return 0
        granted = args.command == "promote"
        if not asyncio.run(set_superuser(args.email, granted)):
            print(f"error: no user {args.email.lower()}; register it first (POST /auth/register)", file=sys.stderr)
            return 1
        print(f"{args.email.lower()} is {'now' if granted else 'no longer'} a superuser")
        return 0
    except ValidationError as exc:
        print(f"error: {'; '.join(str(e['msg']) for e in exc.errors())}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
