import os

import jwt
import psycopg
from fastapi import FastAPI
from app.settings import settings

app = FastAPI()

# ruleid: hardcoded-secret
SECRET_KEY = settings.secret_key
# ruleid: hardcoded-secret
DATABASE_URL = os.environ["DATABASE_URL"]


def connect():
    # ruleid: hardcoded-secret
    return psycopg.connect(host="db", user="shop", password=settings.db_password)


def decode(token: str) -> dict:
    # ruleid: hardcoded-secret
    return jwt.decode(token, settings.secret_key, algorithms=["HS256"])
