"""Document stores and Django-style managers."""
import redis
from django.contrib.auth import get_user_model
from flask import Flask, request
from motor.motor_asyncio import AsyncIOMotorClient
from werkzeug.security import generate_password_hash

from myapp.models import Member
from myapp.settings import settings

app = Flask(__name__)
mongo = AsyncIOMotorClient(settings.mongo_url)
db = mongo.shop
cache = redis.Redis(host=settings.redis_host, password=settings.redis_password)

fake_users_db: dict[str, dict] = {}


async def signup(email: str, password: str) -> None:
    # ruleid: plaintext-password
    await db.users.insert_one({"email": email, "password": password})


async def change(email: str, new_password: str) -> None:
    # ruleid: plaintext-password
    await db.users.update_one({"email": email}, {"$set": {"password": new_password}})


async def signup_hashed(email: str, password: str) -> None:
    # ok: plaintext-password
    await db.users.insert_one({"email": email, "password": generate_password_hash(password)})


def register_in_memory(username: str, password: str) -> None:
    # ruleid: plaintext-password
    fake_users_db[username] = {"username": username, "password": password}


@app.post("/members")
def create_member():
    data = request.get_json()
    # ruleid: plaintext-password
    member = Member.objects.create(username=data["username"], password=data["password"])
    return {"id": member.id}


@app.post("/members/v2")
def create_member_v2():
    data = request.get_json()
    User = get_user_model()
    # ok: plaintext-password
    user = User.objects.create_user(data["username"], data["email"], data["password"])
    # ok: plaintext-password
    user.set_password(data["password"])
    return {"id": user.id}


@app.post("/members/v3")
async def create_member_v3():
    form = request.form
    # ruleid: plaintext-password
    member = await Member.create(email=form["email"], pwd=form["pwd"])
    return {"id": member.id}


def connect_cache() -> redis.Redis:
    # ok: plaintext-password
    return redis.Redis(host=settings.redis_host, password=settings.redis_password, db=0)


def smtp_login(smtp, user: str, password: str) -> None:
    # ok: plaintext-password
    smtp.login(user, password)


class MailClient:
    def __init__(self, host: str, username: str, password: str) -> None:
        self.host = host
        self.username = username
        # ok: plaintext-password
        self.password = password


def cache_session(session_id: str, password_hash: str) -> None:
    # ok: plaintext-password
    cache.hset(f"session:{session_id}", mapping={"password_hash": password_hash})
