import sqlite3

import asyncpg
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.security import hash_password

INSERT_USER = "INSERT INTO users (email, password) VALUES (%s, %s)"


def register(conn: sqlite3.Connection, email: str, password: str) -> None:
    cursor = conn.cursor()
    # ruleid: plaintext-password
    cursor.execute("INSERT INTO users (email, password) VALUES (?, ?)", (email, password))
    conn.commit()


def register_hashed(conn: sqlite3.Connection, email: str, password: str) -> None:
    hashed = hash_password(password)
    # ok: plaintext-password
    conn.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)", (email, hashed))


def change_password(cur, user_id: int, new_password: str) -> None:
    # ruleid: plaintext-password
    cur.execute("UPDATE users SET password = %s WHERE id = %s", (new_password, user_id))


def register_constant_sql(cur, email: str, pwd: str) -> None:
    # ruleid: plaintext-password
    cur.execute(INSERT_USER, [email, pwd])


async def register_pg(pool: asyncpg.Pool, email: str, password: str) -> int:
    async with pool.acquire() as conn:
        return await conn.fetchval(
            "INSERT INTO users(email, password) VALUES($1, $2) RETURNING id",
            email,
            # ruleid: plaintext-password
            password,
        )


def login(conn: sqlite3.Connection, email: str, password: str):
    # ruleid: plaintext-password
    row = conn.execute("SELECT id FROM users WHERE email = ? AND password = ?", (email, password)).fetchone()
    return row


def login_sqlalchemy(session: Session, email: str, password: str):
    query = text("SELECT id FROM users WHERE email = :email AND password = :password")
    # ruleid: plaintext-password
    return session.execute(query, {"email": email, "password": password}).first()


def audit(conn: sqlite3.Connection, user_id: int) -> None:
    # ok: plaintext-password
    conn.execute("INSERT INTO audit_log (user_id, action) VALUES (?, ?)", (user_id, "password_changed"))


def mark_changed(conn: sqlite3.Connection, user_id: int, password_changed_at) -> None:
    # ok: plaintext-password
    conn.execute("UPDATE users SET password_changed_at = ? WHERE id = ?", (password_changed_at, user_id))


def find_by_email(conn: sqlite3.Connection, email: str, password: str):
    # ok: plaintext-password
    row = conn.execute("SELECT id, password_hash FROM users WHERE email = ?", (email,)).fetchone()
    return row
