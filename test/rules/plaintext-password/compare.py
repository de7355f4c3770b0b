import hmac
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPBasic, HTTPBasicCredentials, OAuth2PasswordRequestForm
from flask import request
from passlib.context import CryptContext
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from app.models import User
from app.security import verify_password
from app.settings import settings

app = FastAPI()
security = HTTPBasic()
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
ph = PasswordHasher()


@app.post("/token")
def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()], db: Session):
    user = db.scalar(select(User).where(User.email == form_data.username))
    # ruleid: plaintext-password
    if user is None or user.password != form_data.password:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED)
    return {"access_token": user.email}


def login_flask(db: Session):
    username = request.form["username"]
    password = request.form["password"]
    user = db.query(User).filter_by(username=username).first()
    # ruleid: plaintext-password
    if user and hmac.compare_digest(user.password, password):
        return "ok"
    return "no"


def login_query(db: Session, username: str, password: str):
    # ruleid: plaintext-password
    return db.query(User).filter_by(username=username, password=password).first()


def login_select(db: Session, username: str, password: str):
    # ruleid: plaintext-password
    stmt = select(User).where(User.username == username, User.password == password)
    return db.scalar(stmt)


def check_row(row: dict, password: str) -> bool:
    stored_password = row["password"]
    # ruleid: plaintext-password
    return stored_password == password


def authenticate(db: Session, email: str, password: str):
    user = db.query(User).filter(User.email == email).first()
    # ok: plaintext-password
    if user and pwd_context.verify(password, user.hashed_password):
        return user
    # ok: plaintext-password
    if user and verify_password(password, user.hashed_password):
        return user
    # ok: plaintext-password
    if user and check_password_hash(user.password_hash, password):
        return user
    # ok: plaintext-password
    if user and ph.verify(user.password_hash, password):
        return user
    return None


@app.post("/register")
def register(body: dict):
    # ok: plaintext-password
    if body["password"] != body["confirm_password"]:
        raise HTTPException(status_code=400, detail="passwords do not match")
    # ok: plaintext-password
    if len(body["password"]) < 8:
        raise HTTPException(status_code=400, detail="too short")
    return {}


def change(current_password: str, new_password: str) -> None:
    # ok: plaintext-password
    if new_password == current_password:
        raise ValueError("the new password must differ from the current one")


@app.get("/admin")
def admin(credentials: Annotated[HTTPBasicCredentials, Depends(security)]):
    # ok: plaintext-password
    ok = secrets.compare_digest(credentials.password.encode(), settings.admin_password.encode())
    if not ok:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Basic"})
    return {"user": credentials.username}


def is_unusable(user: User) -> bool:
    # ok: plaintext-password
    return user.password == "!" or user.password is None


class Member(User):
    def check_password(self, password: str) -> bool:
        # ruleid: plaintext-password
        return self.password == password
