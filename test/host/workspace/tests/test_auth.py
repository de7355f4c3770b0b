"""Registration, login, the bearer-token guard and the superuser role."""

import io
import secrets
from uuid import uuid4

import jwt
import pytest
from fastapi.testclient import TestClient

from app.manage import main
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
    for claims in ({"sub": str(user.json()["id"])}, {"sub": str(user.json()["id"]), "exp": 2**40}):
        forever = jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)
        response = client.get("/auth/me", headers={"Authorization": f"Bearer {forever}"})
        assert response.status_code == 401, claims


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
