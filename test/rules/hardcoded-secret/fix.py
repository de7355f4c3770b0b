import os

import jwt
import psycopg
from fastapi import FastAPI

app = FastAPI()

# ruleid: hardcoded-secret
SECRET_KEY = "a-long-dev-secret-key"
# ruleid: hardcoded-secret
DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://shop:Pg-2024@db/shop")


def connect():
    # ruleid: hardcoded-secret
    return psycopg.connect(host="db", user="shop", password="Pg-2024-shop")


def decode(token: str) -> dict:
    # ruleid: hardcoded-secret
    return jwt.decode(token, "another-literal-key", algorithms=["HS256"])
