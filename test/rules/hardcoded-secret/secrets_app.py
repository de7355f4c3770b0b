import hmac
import os
from datetime import datetime, timedelta, timezone

import boto3
import jwt
import psycopg
import redis
import stripe
from flask import Flask
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

app = Flask(__name__)

# ruleid: hardcoded-secret
SECRET_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
# ruleid: hardcoded-secret
app.secret_key = "dev-secret"
# ruleid: hardcoded-secret
app.config["JWT_SECRET_KEY"] = "super-secret-jwt"
# ruleid: hardcoded-secret
stripe.api_key = "sk_test_51HxYzAbCdEfGhIjKlMnOpQr"
# ruleid: hardcoded-secret
DATABASE_URL = "postgresql+asyncpg://app:Xk29!vq@db.internal:5432/shop"
# ruleid: hardcoded-secret
engine = create_async_engine("postgresql+asyncpg://shop:s3cr3tpw@localhost/shop", echo=False)
# ruleid: hardcoded-secret
cache = redis.Redis.from_url("redis://:r3d1s-pass@cache:6379/0")
# ruleid: hardcoded-secret
JWT_SECRET = os.getenv("JWT_SECRET", "change-me-in-production")
# ruleid: hardcoded-secret
DB_PASSWORD = os.environ.get("DB_PASSWORD", "hunter2")
# ruleid: hardcoded-secret
API_TOKEN = os.environ.get("API_TOKEN") or "tok_8f7a6b5c4d3e"

s3 = boto3.client(
    "s3",
    # ruleid: hardcoded-secret
    aws_access_key_id="AKIAZ7Q3N5RLX2WJ4K6M",
    # ruleid: hardcoded-secret
    aws_secret_access_key="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",
)

# ruleid: hardcoded-secret
serializer = URLSafeTimedSerializer("email-confirm-salt-and-key")

GITHUB = {
    # ruleid: hardcoded-secret
    "token": "ghp_R8x2Lq9ZtY7vB3nK5mW1pH6dF4jS0cA2eU8i",
    "org": "acme",
}


def connect():
    # ruleid: hardcoded-secret
    return psycopg.connect(host="db", dbname="shop", user="shop", password="Pg-2024-shop")


def sync_engine():
    return create_engine(
        "postgresql://shop@db/shop",
        # ruleid: hardcoded-secret
        connect_args={"password": "Pg-2024-shop"},
    )


def issue_token(user_id: int) -> str:
    payload = {"sub": str(user_id), "exp": datetime.now(timezone.utc) + timedelta(hours=1)}
    # ruleid: hardcoded-secret
    return jwt.encode(payload, "my-jwt-signing-key", algorithm="HS256")


def sign(body: bytes) -> str:
    # ruleid: hardcoded-secret
    return hmac.new(b"webhook-signing-secret", body, "sha256").hexdigest()


class StripeClient:
    def __init__(self) -> None:
        # ruleid: hardcoded-secret
        self.api_key = "rk_live_4eC39HqLyjWDarjtT1zdp7dc"


# ruleid: hardcoded-secret
SLACK_BOT = "xoxb-2048305012-4729384712-aZ9bY8cX7dW6eV5f"

# ruleid: hardcoded-secret
PRIVATE_KEY_PEM = """-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi7iA3hZ8rWrz1qL2s3Df6yN0Pq
-----END RSA PRIVATE KEY-----"""

app.config.from_mapping(
    # ruleid: hardcoded-secret
    SECRET_KEY="dev",
    # ok: hardcoded-secret
    SESSION_COOKIE_SECURE=True,
)
