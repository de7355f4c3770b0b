"""Flask-SQLAlchemy models: a property setter that hashes makes `user.password = ...` safe."""
from flask import Blueprint, flash, redirect, request
from flask_login import UserMixin, current_user
from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()
bp = Blueprint("auth", __name__)


class User(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True)
    password_hash = db.Column(db.String(256))

    @property
    def password(self):
        raise AttributeError("password is write-only")

    @password.setter
    def password(self, password):
        # ok: plaintext-password
        self.password_hash = generate_password_hash(password)

    def verify_password(self, password):
        # ok: plaintext-password
        return check_password_hash(self.password_hash, password)


class Customer(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True)
    pwd = db.Column(db.String(128))

    def check(self, pwd):
        # ruleid: plaintext-password
        return self.pwd == pwd


@bp.post("/register")
def register():
    # ok: plaintext-password
    user = User(email=request.form["email"], password=request.form["password"])
    db.session.add(user)
    # ruleid: plaintext-password
    customer = Customer(email=request.form["email"], pwd=request.form["password"])
    db.session.add(customer)
    db.session.commit()
    return redirect("/")


@bp.post("/password")
def change_password():
    # ok: plaintext-password
    current_user.password = request.form["new_password"]
    # ruleid: plaintext-password
    current_user.password_hash = request.form["new_password"]
    db.session.commit()
    flash("Password updated")
    return redirect("/")
