"""The project's own hasher, written with a fast hash: the fix cannot call itself."""
import bcrypt
import hashlib


def hash_password(password: str) -> str:
    # ruleid: plaintext-password
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def verify_password(password: str, hashed_password: str) -> bool:
    # ruleid: plaintext-password
    return bcrypt.checkpw(password.encode(), hashed_password.encode())
