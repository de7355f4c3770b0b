"""Test fixtures: a throwaway SQLite database, an app client and authenticated users."""

import asyncio
import atexit
import itertools
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

# Configure before the app is imported: a fresh database file per test run,
# removed when the run ends (or TEST_DATABASE_URL), a random signing key, and
# no auth rate limit in tests, and a known CORS origin.
if "TEST_DATABASE_URL" in os.environ:
    os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]
else:
    _db_dir = tempfile.mkdtemp(prefix="app-tests-")
    atexit.register(shutil.rmtree, _db_dir, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite+aiosqlite:///{_db_dir}/test.db"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
os.environ["AUTH_RATE_LIMIT"] = "100000"
# One browser origin the CORS tests can count on (tests/test_http.py).
os.environ["CORS_ORIGINS"] = "http://localhost:3000"

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from app.main import app  # noqa: E402
from app.manage import set_superuser  # noqa: E402


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def new_user_headers(client: TestClient, *, superuser: bool = False) -> dict[str, str]:
    """Register a fresh user (promoted as `python -m app.manage promote` does) and log in."""
    email = f"tester-{uuid4().hex[:12]}@example.com"
    password = secrets.token_urlsafe(16)
    response = client.post("/auth/register", json={"email": email, "password": password})
    assert response.status_code == 201, response.text
    if superuser:
        assert asyncio.run(set_superuser(email, True))
    response = client.post("/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture(scope="session")
def auth_headers(client: TestClient) -> dict[str, str]:
    return new_user_headers(client)


@pytest.fixture(scope="session")
def other_headers(client: TestClient) -> dict[str, str]:
    """A second, unrelated user: must not see or change the first one's owned rows."""
    return new_user_headers(client)


_superuser: dict[str, str] = {}


def superuser_headers_for(client: TestClient) -> dict[str, str]:
    """The run's one superuser (admin resources are written by it, also from other modules' helpers)."""
    if not _superuser:
        _superuser.update(new_user_headers(client, superuser=True))
    return _superuser


@pytest.fixture(scope="session")
def superuser_headers(client: TestClient) -> dict[str, str]:
    return superuser_headers_for(client)


def current_user_id(client: TestClient, headers: dict[str, str]) -> int:
    response = client.get("/auth/me", headers=headers)
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def unique_suffix() -> str:
    return uuid4().hex[:10]


# Starts at a clock-derived point (so reruns against a kept database rarely collide),
# small enough that dates derived from it stay in range.
_numbers = itertools.count((int(time.time()) % 50_000) * 20)


def unique_number() -> int:
    """Grows on every call, so unique numeric and date fields differ between rows."""
    return next(_numbers)


def _naive(text: str) -> datetime:
    """A UTC timestamp without its zone: SQLite drops zones, PostgreSQL keeps them."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)


def assert_fields_equal(actual: dict[str, Any], expected: dict[str, Any], kinds: dict[str, str]) -> None:
    """Compare a response with what was sent, per field kind (databases differ in decimal and time zone form)."""
    for name, value in expected.items():
        got = actual[name]
        kind = kinds.get(name, "exact")
        if value is None or kind == "exact":
            assert got == value, f"{name}: {got!r} != {value!r}"
        elif kind == "decimal":
            assert Decimal(str(got)) == Decimal(str(value)), f"{name}: {got!r} != {value!r}"
        elif kind == "float":
            assert abs(float(got) - float(value)) < 1e-9 * max(1.0, abs(float(value))), f"{name}: {got!r} != {value!r}"
        elif kind == "datetime":
            assert _naive(got) == _naive(value), f"{name}: {got!r} != {value!r}"
        elif kind == "uuid":
            assert str(got).lower() == str(value).lower(), f"{name}: {got!r} != {value!r}"
        else:
            raise AssertionError(f"unknown kind {kind} for {name}")
