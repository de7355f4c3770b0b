import base64
import hashlib
import hmac
import os
from hashlib import md5, sha1

import bcrypt

from app.models import User
from app.settings import settings

SALT = os.environ.get("PASSWORD_SALT", "")


def legacy_hash(password: str) -> str:
    # ruleid: plaintext-password
    return hashlib.md5(password.encode()).hexdigest()


def salted_hash(password: str, salt: str) -> str:
    # ruleid: plaintext-password
    return hashlib.sha256((salt + password).encode()).hexdigest()


def salted_fstring(password: str) -> str:
    # ruleid: plaintext-password
    return hashlib.sha512(f"{SALT}{password}".encode()).hexdigest()


def generic(pwd: str) -> str:
    # ruleid: plaintext-password
    return hashlib.new("sha256", pwd.encode()).hexdigest()


def imported(passwd: str) -> str:
    # ruleid: plaintext-password
    digest = sha1(passwd.encode()).hexdigest()
    return digest


def incremental(password: str) -> str:
    h = hashlib.sha256()
    h.update(SALT.encode())
    # ruleid: plaintext-password
    h.update(password.encode())
    return h.hexdigest()


def login(user: User, password: str) -> bool:
    # ruleid: plaintext-password
    return user.password_hash == md5(password.encode()).hexdigest()


def api_key_digest(token: str) -> str:
    # ok: plaintext-password
    return hashlib.sha256(token.encode()).hexdigest()


def reset_digest(password_reset_token: str) -> str:
    # ok: plaintext-password
    return hashlib.sha256(password_reset_token.encode()).hexdigest()


def etag(body: bytes) -> str:
    # ok: plaintext-password
    return hashlib.md5(body).hexdigest()


def gravatar(email: str) -> str:
    # ok: plaintext-password
    return "https://www.gravatar.com/avatar/" + hashlib.md5(email.strip().lower().encode()).hexdigest()


def sign(payload: bytes) -> str:
    # ok: plaintext-password
    return hmac.new(settings.secret_key.encode(), payload, hashlib.sha256).hexdigest()


def kdf(password: str, salt: bytes) -> bytes:
    # ok: plaintext-password
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def kdf_scrypt(password: str, salt: bytes) -> bytes:
    # ok: plaintext-password
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def prehash_then_bcrypt(password: str) -> bytes:
    # Long passwords: pre-hash so bcrypt's 72-byte limit never truncates.
    # ok: plaintext-password
    prehashed = base64.b64encode(hashlib.sha256(password.encode()).digest())
    return bcrypt.hashpw(prehashed, bcrypt.gensalt())


def prehash_inline(password: str) -> bytes:
    # ok: plaintext-password
    return bcrypt.hashpw(base64.b64encode(hashlib.sha256(password.encode()).digest()), bcrypt.gensalt())
