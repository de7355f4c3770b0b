"""A file in the middle of an edit: the tree has ERROR nodes."""
import sqlite3

SORT = {"name": "name", "new": "created_at DESC"}


def sorted_tags(cursor, name):
    # ok: sql-injection
    cursor.execute(f"SELECT * FROM tags ORDER BY {SORT[name]}")
    return cursor.fetchone(


def add_tag(cursor, name):
    # ok: sql-injection
    cursor.execute("INSERT INTO tags (name) VALUES (?)", (name,)

