import smtplib
from dataclasses import dataclass

import httpx
import requests
from decouple import config
from pydantic import SecretStr
from requests.auth import HTTPBasicAuth

# ruleid: hardcoded-secret
SECRET_KEY = config("SECRET_KEY", default="django-insecure-3k!x9")
# ok: hardcoded-secret
DEBUG = config("DEBUG", default=False, cast=bool)


@dataclass
class MailConfig:
    host: str = "smtp.example.com"
    # ruleid: hardcoded-secret
    password: str = "secret"
    # ok: hardcoded-secret
    username: str = "noreply@example.com"


class PaymentGateway:
    # ruleid: hardcoded-secret
    api_key: SecretStr = SecretStr("pk_9fA2kLm0QzT7xVb3")

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def charge(self, amount: int) -> dict:
        response = await self.client.post(
            "https://pay.example.com/charges",
            # ruleid: hardcoded-secret
            headers={"Authorization": "Bearer 7d9f0c1e2b3a4f5e6d7c8b9a"},
            json={"amount": amount},
        )
        return response.json()


def fetch_report() -> bytes:
    # ruleid: hardcoded-secret
    return requests.get("https://reports.example.com/daily", auth=("reports", "R3ports!2024"), timeout=10).content


def fetch_legacy() -> bytes:
    # ruleid: hardcoded-secret
    return requests.get("https://legacy.example.com", auth=HTTPBasicAuth("svc", "legacy-pass-77"), timeout=10).content


def send_mail(message: str) -> None:
    with smtplib.SMTP("smtp.example.com", 587) as server:
        # ruleid: hardcoded-secret
        server.login("noreply@example.com", "app-pass-9x8y")
        server.sendmail("noreply@example.com", ["ops@example.com"], message)


# ruleid: hardcoded-secret
def connect_db(host: str, user: str = "app", password: str = "app-db-pass") -> None: ...


# ruleid: hardcoded-secret
SERVICE_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZXJ2aWNlIn0.Qk1f8vJ3mZ6pL0sT9wX2yR4uE7iO5aN1"

# --- not flagged


def authenticated(client: httpx.Client, token: str) -> httpx.Response:
    # ok: hardcoded-secret
    return client.get("/me", headers={"Authorization": f"Bearer {token}"})


def masked(user: dict) -> dict:
    # ok: hardcoded-secret
    return {**user, "password": "********"}


def signup(password: str = "", confirm_password: str | None = None) -> None:
    # ok: hardcoded-secret
    data = {"type": "password", "label": "Password"}
    print(data)


# ok: hardcoded-secret
ERRORS = {"password_too_short": "The password must have at least 12 characters"}
# ok: hardcoded-secret
HEADERS = {"Authorization": "Bearer"}
# ok: hardcoded-secret
PASSWORD_FIELD = "password"
# ok: hardcoded-secret
FORGOT_PASSWORD_TEMPLATE = "emails/forgot_password.html"
