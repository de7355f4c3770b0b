"""The HTTP edge: request ids, CORS headers on every answer (500s included), JSON-only bodies."""

import logging
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import app
from app.settings import settings

SANE_ID = "client-id_1.2"
OTHER_ORIGIN = "https://evil.example"
UNHANDLED_PATH = "/__tests__/unhandled-error"


def _fail() -> None:
    raise RuntimeError("internal detail: postgresql://user:secret@db/app")


@pytest.fixture(scope="module")
def failing_path() -> Iterator[str]:
    """A route that raises something no handler expects, for this module only."""
    app.add_api_route(UNHANDLED_PATH, _fail, methods=["GET"])
    yield UNHANDLED_PATH
    app.router.routes[:] = [route for route in app.router.routes if getattr(route, "path", None) != UNHANDLED_PATH]


def test_unexpected_error_is_a_generic_500_with_cors_headers(client: TestClient, failing_path: str) -> None:
    origin = settings.cors_origins[0]
    response = client.get(failing_path, headers={"Origin": origin, "X-Request-ID": SANE_ID})
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error", "request_id": SANE_ID}
    assert response.headers["x-request-id"] == SANE_ID
    assert response.headers["access-control-allow-origin"] == origin
    assert "secret" not in response.text


def test_other_origins_get_no_cors_headers(client: TestClient, failing_path: str) -> None:
    for path in (failing_path, "/health", "/no-such-route"):
        response = client.get(path, headers={"Origin": OTHER_ORIGIN})
        assert "access-control-allow-origin" not in response.headers, path


def test_request_id_is_kept_when_sane_and_replaced_when_not(client: TestClient) -> None:
    assert client.get("/health", headers={"X-Request-ID": SANE_ID}).headers["x-request-id"] == SANE_ID
    for bad in ("x" * 65, "has space", "semi;colon", ""):
        given = client.get("/health", headers={"X-Request-ID": bad}).headers["x-request-id"]
        assert given != bad and re.fullmatch("[0-9a-f]{32}", given), (bad, given)
    missing = client.get("/no-such-route", headers={"X-Request-ID": SANE_ID})
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found", "request_id": SANE_ID}


def test_request_log_line_names_the_request_id(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="app.requests"):
        client.get("/health", headers={"X-Request-ID": SANE_ID})
    assert any(f"request_id={SANE_ID}" in record.getMessage() for record in caplog.records)


def test_a_body_that_is_not_json_is_415(client: TestClient) -> None:
    body = b'{"email": "someone@example.com", "password": "long-enough"}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None):
        headers = {} if content_type is None else {"Content-Type": content_type}
        response = client.post("/auth/register", content=body, headers=headers)
        assert response.status_code == 415, (content_type, response.text)
        assert response.json()["request_id"] == response.headers["x-request-id"]
    # JSON with parameters and the +json types are read (then validated: 422 for an empty object).
    for content_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        assert client.post("/auth/register", content=b"{}", headers={"Content-Type": content_type}).status_code == 422
    # The OAuth2 token route reads its form; bodies are ignored on other methods.
    token = client.post("/auth/token", data={"username": "nobody@example.com", "password": "not-the-password"})
    assert token.status_code == 401
    assert client.request("GET", "/health", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 200
