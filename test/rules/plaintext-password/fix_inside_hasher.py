"""The project's own hasher, written with a fast hash: the fix cannot call itself."""
import hashlib


def hash_password(password: str) -> str:
    # ruleid: plaintext-password
    return hashlib.md5(password.encode()).hexdigest()


def verify_password(password: str, hashed_password: str) -> bool:
    # ruleid: plaintext-password
    return hashlib.md5(password.encode()).hexdigest() == hashed_password
