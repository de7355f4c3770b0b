"""Odds and ends seen in real code bases: Django raw SQL, psycopg composition, aliases."""
import logging
from sqlite3 import connect as sqlite_connect

from django.db import connection
from django.db.models.expressions import RawSQL
from psycopg import sql

from app.models import Article

logger = logging.getLogger(__name__)

ARCHIVE_TABLE = "articles_archive"


def article_titles(author):
    # ruleid: sql-injection
    return Article.objects.raw(f"SELECT id, title FROM app_article WHERE author = '{author}'")


def article_titles_bound(author):
    # ok: sql-injection
    return Article.objects.raw("SELECT id, title FROM app_article WHERE author = %s", [author])


def annotate_score(qs, weight):
    # ruleid: sql-injection
    return qs.annotate(score=RawSQL("SELECT count(*) * " + weight + " FROM app_vote", ()))


def like_escape(term):
    with connection.cursor() as cursor:
        # ruleid: sql-injection
        cursor.execute("SELECT id FROM app_article WHERE title LIKE '%%%s%%'" % term)
        return cursor.fetchall()


def composed(conn, table: str, user_id: int):
    with conn.cursor() as cur:
        # ok: sql-injection
        cur.execute(sql.SQL("SELECT * FROM {} WHERE id = %s").format(sql.Identifier(table)), (user_id,))
        return cur.fetchone()


def local_db(path, name):
    db = sqlite_connect(path)
    stmt = "DELETE FROM notes WHERE title = '" + name + "'"
    logger.debug("running %s", stmt)
    # ruleid: sql-injection
    db.execute(stmt)


def log_only(user_id):
    query = f"SELECT * FROM users WHERE id = {user_id}"
    # ok: sql-injection
    logger.warning("slow query: %s", query)


def archive_constant(cursor):
    # ok: sql-injection
    cursor.execute("INSERT INTO " + ARCHIVE_TABLE + " SELECT * FROM app_article WHERE published < now() - interval '1 year'")


def keyed_columns(cursor, field: str, value: str):
    columns = {"title": "title", "slug": "slug"}
    if field in columns:
        # ok: sql-injection
        cursor.execute(f"SELECT id FROM app_article WHERE {columns[field]} = %s", [value])


def loop_over_constants(cursor):
    for table in ("app_article", "app_comment", "app_vote"):
        # ok: sql-injection
        cursor.execute(f"TRUNCATE {table}")


def loop_over_input(cursor, tables):
    for table in tables:
        # ruleid: sql-injection
        cursor.execute(f"TRUNCATE {table}")


def reassigned(cursor, raw: str):
    order = "ASC"
    if raw == "down":
        order = "DESC"
    # ok: sql-injection
    cursor.execute(f"SELECT * FROM app_article ORDER BY published {order}")

