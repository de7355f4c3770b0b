"""Raw DB-API access in a small Flask service (sqlite3 and psycopg)."""
import logging
import sqlite3
from typing import Literal

import psycopg
from flask import Flask, abort, request

app = Flask(__name__)
log = logging.getLogger(__name__)

USERS_TABLE = "users"
SORTABLE = {"name": "name", "created": "created_at", "email": "email"}
ALLOWED_STATUS = frozenset({"active", "disabled"})


def get_db() -> sqlite3.Connection:
    return sqlite3.connect("app.db")


@app.get("/users/<user_id>")
def get_user(user_id):
    conn = get_db()
    # ruleid: sql-injection
    row = conn.execute(f"SELECT id, email FROM users WHERE id = {user_id}").fetchone()
    return dict(row)


@app.get("/search")
def search():
    term = request.args.get("q", "")
    cur = get_db().cursor()
    # ruleid: sql-injection
    cur.execute("SELECT * FROM products WHERE name LIKE '%" + term + "%'")
    return cur.fetchall()


def find_by_email(cur, email: str):
    # ruleid: sql-injection
    cur.execute("SELECT * FROM users WHERE email = '%s'" % email)
    return cur.fetchone()


def find_by_name(cur, first: str, last: str):
    # ruleid: sql-injection
    cur.execute("SELECT * FROM users WHERE first = '{}' AND last = '{}'".format(first, last))
    return cur.fetchall()


def list_orders(cur, customer_id, status):
    query = "SELECT * FROM orders"
    query += f" WHERE customer_id = {customer_id}"
    if status:
        query += f" AND status = '{status}'"
    # ruleid: sql-injection
    cur.execute(query)
    return cur.fetchall()


def sorted_users(cur, sort: str):
    # ruleid: sql-injection
    cur.execute(f"SELECT * FROM users ORDER BY {sort}")
    return cur.fetchall()


def delete_rows(conn: psycopg.Connection, table: str, ids: list[int]):
    id_list = ",".join(str(i) for i in ids)
    with conn.cursor() as cur:
        # ruleid: sql-injection
        cur.execute(f"DELETE FROM {table} WHERE id IN ({id_list})")


def bulk_insert(conn, rows):
    values = ", ".join(f"('{r['name']}', {r['qty']})" for r in rows)
    # ruleid: sql-injection
    conn.executescript("INSERT INTO items (name, qty) VALUES " + values + ";")


def by_where(cur, where_clause):
    # ruleid: sql-injection
    cur.executemany(f"UPDATE items SET archived = 1 WHERE {where_clause}", [()])


def multi_line(cur, username):
    # ruleid: sql-injection
    cur.execute(f"""
        SELECT id, username, email
        FROM accounts
        WHERE username = '{username}'
    """)
    return cur.fetchone()


def with_repr(cur, name):
    # ruleid: sql-injection
    cur.execute(f"SELECT * FROM tags WHERE name = {name!r}")


# ---------------------------------------------------------------- not flagged


def bound_qmark(conn, user_id):
    # ok: sql-injection
    return conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()


def bound_format(cur, email):
    # ok: sql-injection
    cur.execute("SELECT * FROM users WHERE email = %s", (email,))


def bound_like(cur, term):
    pattern = f"%{term}%"
    # ok: sql-injection
    cur.execute("SELECT * FROM products WHERE name LIKE %s", (pattern,))


def constant_table(cur, user_id):
    # ok: sql-injection
    cur.execute(f"SELECT * FROM {USERS_TABLE} WHERE id = %s", (user_id,))


def constant_concat(cur):
    base = "SELECT id, email FROM users"
    query = base + " WHERE active = 1" + " ORDER BY id"
    # ok: sql-injection
    cur.execute(query)


def placeholders_for_in(conn, ids: list[int]):
    marks = ", ".join("?" for _ in ids)
    # ok: sql-injection
    return conn.execute(f"SELECT * FROM users WHERE id IN ({marks})", ids).fetchall()


def placeholders_multiplied(cur, ids):
    marks = ",".join(["%s"] * len(ids))
    # ok: sql-injection
    cur.execute("DELETE FROM sessions WHERE id IN (%s)" % marks, ids)


def allow_listed_sort(cur, sort: str):
    column = SORTABLE.get(sort, "created_at")
    # ok: sql-injection
    cur.execute(f"SELECT * FROM users ORDER BY {column}")


def guarded_status(cur, status: str):
    if status not in ALLOWED_STATUS:
        abort(400)
    # ok: sql-injection
    cur.execute(f"SELECT * FROM users WHERE status = '{status}'")


def guarded_inline(cur, direction: str):
    if direction not in {"asc", "desc"}:
        raise ValueError("bad direction")
    # ok: sql-injection
    cur.execute(f"SELECT * FROM users ORDER BY created_at {direction}")


def literal_param(cur, order: Literal["asc", "desc"] = "asc"):
    # ok: sql-injection
    cur.execute(f"SELECT * FROM users ORDER BY name {order}")


def numeric_only(cur, limit):
    # ok: sql-injection
    cur.execute(f"SELECT * FROM events ORDER BY id DESC LIMIT {int(limit)}")


def conditional_keyword(cur, descending: bool):
    direction = "DESC" if descending else "ASC"
    # ok: sql-injection
    cur.execute(f"SELECT * FROM events ORDER BY created_at {direction}")


def prose(user_id, table):
    # ok: sql-injection
    log.info(f"SELECT from {table} failed for user {user_id}")
    # ok: sql-injection
    print(f"select rows from {table} where owner = {user_id}")
    # ok: sql-injection
    raise LookupError(f"Could not SELECT user {user_id} FROM {table}")


def built_but_not_run(user_id):
    # ok: sql-injection
    debug = f"SELECT * FROM users WHERE id = {user_id}"
    return {"debug_query": debug}


class TaskRunner:
    def __init__(self, executor):
        self.executor = executor

    def submit(self, task_id, name):
        # ok: sql-injection
        self.executor.execute(f"task-{task_id}: update {name}")

    def announce(self, version):
        # ok: sql-injection
        self.executor.execute(f"Update available: {version} from the release channel")


def lower_case_sql(cur, email):
    # ruleid: sql-injection
    cur.execute(f"select id from users where email = '{email}'")


def static_format(cur):
    # ok: sql-injection
    cur.execute("SELECT * FROM {} WHERE deleted_at IS NULL".format(USERS_TABLE))


def filters(cur, name=None, email=None):
    clauses = ["deleted_at IS NULL"]
    params = []
    if name:
        clauses.append("name = ?")
        params.append(name)
    if email:
        clauses.append("email = ?")
        params.append(email)
    sql = "SELECT * FROM users WHERE " + " AND ".join(clauses)
    # ok: sql-injection
    cur.execute(sql, params)


def suppressed(cur, raw_sql_from_admin_console):
    cur.execute(f"EXPLAIN {raw_sql_from_admin_console}")  # backend-skill: ignore[sql-injection]
