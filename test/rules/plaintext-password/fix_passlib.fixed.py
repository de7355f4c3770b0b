"""A module with its own passlib context: the project hasher still wins (without one, the fixes call pwd_context)."""
import hashlib

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from passlib.context import CryptContext

from .models import User
from app.security import hash_password, verify_password

app = Flask(__name__)
db = SQLAlchemy(app)
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")


@app.route("/register", methods=["POST"])
def register():
    username = request.form.get("username")
    password = request.form.get("password")
    # ruleid: plaintext-password
    user = User(username=username, password=hash_password(password))
    db.session.add(user)
    db.session.commit()
    return {"id": user.id}, 201


@app.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(username=request.form["username"]).first()
    # ruleid: plaintext-password
    if user and verify_password(request.form["password"], user.password):
        return {"ok": True}
    return {"ok": False}, 401


def digest(pw: str) -> str:
    # ruleid: plaintext-password
    return hash_password(pw)
