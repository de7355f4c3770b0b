"""A file in the middle of an edit: the tree has ERROR nodes."""
import sqlite3


def sorted_tags(cursor, name):
    # ruleid: sql-injection
    cursor.execute(f"SELECT * FROM tags ORDER BY {name}")
    return cursor.fetchone(


def add_tag(cursor, name):
    # ok: sql-injection
    cursor.execute("INSERT INTO tags (name) VALUES (?)", (name,)

