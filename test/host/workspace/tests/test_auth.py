"""Registration, login, the bearer-token guard, login limits and the superuser role."""

import io
import secrets
from collections.abc import Iterator
from uuid import uuid4

import jwt
import pytest
from fastapi.testclient import TestClient

from app.manage import main
from app.proxy import client_address, parse_networks
from app.rate_limit import auth_rate_limit, login_lockout
from app.security import ALGORITHM
from app.settings import settings


def test_register_login_and_me(client: TestClient) -> None:
    email = f"someone-{uuid4().hex[:8]}@example.com"
    password = secrets.token_urlsafe(16)
    response = client.post("/auth/register", json={"email": email, "password": password})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["email"] == email
    assert "password" not in body and "hashed_password" not in body

    again = client.post("/auth/register", json={"email": email, "password": password})
    assert again.status_code == 409

    token = client.post("/auth/token", data={"username": email, "password": password})
    assert token.status_code == 200, token.text
    assert token.json()["token_type"] == "bearer"
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == email


def test_wrong_password_is_rejected(client: TestClient) -> None:
    email = f"someone-{uuid4().hex[:8]}@example.com"
    client.post("/auth/register", json={"email": email, "password": secrets.token_urlsafe(16)})
    response = client.post("/auth/token", data={"username": email, "password": "not-the-password"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_missing_or_forged_token_is_401(client: TestClient) -> None:
    assert client.get("/auth/me").status_code == 401
    forged = client.get("/auth/me", headers={"Authorization": "Bearer not.a.token"})
    assert forged.status_code == 401
    assert forged.headers["www-authenticate"] == "Bearer"


def test_token_without_expiry_is_401(client: TestClient) -> None:
    email = f"someone-{uuid4().hex[:8]}@example.com"
    user = client.post("/auth/register", json={"email": email, "password": secrets.token_urlsafe(16)})
    assert user.status_code == 201, user.text
    # Signed with the real key, but never expiring (or with no issue time): refused.
    subject = str(user.json()["id"])
    for claims in ({"sub": subject}, {"sub": subject, "exp": 2**40}, {"iat": 0, "exp": 2**40}):
        forever = jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)
        response = client.get("/auth/me", headers={"Authorization": f"Bearer {forever}"})
        assert response.status_code == 401, claims


def test_issued_tokens_carry_exp_iat_and_sub(auth_headers: dict[str, str]) -> None:
    token = auth_headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, settings.secret_key, algorithms=[ALGORITHM])
    assert {"exp", "iat", "sub"} <= claims.keys()
    assert claims["exp"] > claims["iat"]


@pytest.fixture
def small_login_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """3 requests per address, 2 failures per account, counted afresh for one test."""
    monkeypatch.setattr(auth_rate_limit, "limit", 3)
    monkeypatch.setattr(auth_rate_limit, "_hits", {})
    monkeypatch.setattr(login_lockout, "max_failures", 2)
    monkeypatch.setattr(login_lockout, "_failures", {})
    yield


def test_forwarded_for_from_an_untrusted_peer_does_not_dodge_the_rate_limit(
    client: TestClient, small_login_limits: None
) -> None:
    statuses = []
    for i in range(4):
        form = {"username": f"nobody-{i}@example.com", "password": "not-the-password"}
        response = client.post("/auth/token", data=form, headers={"X-Forwarded-For": f"203.0.113.{i}"})
        statuses.append(response.status_code)
    assert statuses == [401, 401, 401, 429]


def test_forwarded_for_is_read_from_trusted_proxies_only() -> None:
    proxies = parse_networks(["10.0.0.0/8", "::1"])
    assert client_address("10.1.2.3", "198.51.100.7", proxies) == "198.51.100.7"
    # The rightmost hop that is not a proxy: anything left of it was written by the client.
    assert client_address("10.1.2.3", "1.2.3.4, 198.51.100.7, 10.9.9.9", proxies) == "198.51.100.7"
    assert client_address("::1", "198.51.100.7", proxies) == "198.51.100.7"
    assert client_address("192.0.2.1", "198.51.100.7", proxies) == "192.0.2.1"
    assert client_address("10.1.2.3", None, proxies) == "10.1.2.3"
    assert client_address("192.0.2.1", "198.51.100.7", []) == "192.0.2.1"


def test_repeated_failures_lock_the_account(client: TestClient, small_login_limits: None) -> None:
    # This test is about the account, not the address (the fixture restores the limit).
    auth_rate_limit.limit = 100
    email = f"someone-{uuid4().hex[:8]}@example.com"
    password = secrets.token_urlsafe(16)
    assert client.post("/auth/register", json={"email": email, "password": password}).status_code == 201
    wrong = {"username": email, "password": "not-the-password"}
    right = {"username": email.upper(), "password": password}
    assert client.post("/auth/token", data=wrong).status_code == 401
    # A success in between clears nothing.
    assert client.post("/auth/token", data=right).status_code == 200
    assert client.post("/auth/token", data=wrong).status_code == 401
    locked = client.post("/auth/token", data=right)
    assert locked.status_code == 429, locked.text
    request_id = locked.headers["x-request-id"]
    assert locked.json() == {"detail": "Too many requests; try again later", "request_id": request_id}
    assert int(locked.headers["retry-after"]) >= 1
    # Other accounts are not affected.
    assert client.post("/auth/token", data={"username": "nobody@example.com", "password": "x"}).status_code == 401


def test_invalid_registration_is_422(client: TestClient) -> None:
    assert client.post("/auth/register", json={"email": "not-an-email", "password": "longenough"}).status_code == 422
    assert client.post("/auth/register", json={"email": "a@example.com", "password": "short"}).status_code == 422


def test_registration_cannot_grant_superuser(client: TestClient, auth_headers: dict[str, str]) -> None:
    email = f"someone-{uuid4().hex[:8]}@example.com"
    body = {"email": email, "password": secrets.token_urlsafe(16), "is_superuser": True}
    assert client.post("/auth/register", json=body).status_code == 422
    assert client.get("/auth/me", headers=auth_headers).json()["is_superuser"] is False


def test_manage_promotes_and_demotes(client: TestClient, superuser_headers: dict[str, str]) -> None:
    assert client.get("/auth/me", headers=superuser_headers).json()["is_superuser"] is True
    email = f"someone-{uuid4().hex[:8]}@example.com"
    assert main(["promote", email]) == 1  # not registered
    client.post("/auth/register", json={"email": email, "password": secrets.token_urlsafe(16)})
    assert main(["promote", email.upper()]) == 0
    assert main(["demote", email]) == 0


def test_manage_creates_a_superuser(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    email = f"admin-{uuid4().hex[:8]}@example.com"
    password = secrets.token_urlsafe(16)
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["create-superuser", email, "--password-stdin"]) == 2  # too short: nothing created
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["create-superuser", email, "--password-stdin"]) == 0
    token = client.post("/auth/token", data={"username": email, "password": password})
    assert token.status_code == 200, token.text
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    assert me.json()["is_superuser"] is True
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["create-superuser", email, "--password-stdin"]) == 2  # already registered
