import sqlite3

DB_PATH = "inventory.db"
TABLE = "products"


def product(product_id):
    conn = sqlite3.connect(DB_PATH)
    # ruleid: sql-injection
    return conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()


def by_name(conn, name):
    # ruleid: sql-injection
    return conn.execute(f"SELECT * FROM {TABLE} WHERE name = ?", (name,)).fetchall()


def search(conn, term: str, limit: int):
    # ruleid: sql-injection
    return conn.execute("SELECT * FROM products WHERE name LIKE ? LIMIT ?", (f"%{term}%", limit)).fetchall()


def rename(conn, product_id, new_name):
    # ruleid: sql-injection
    conn.execute("UPDATE products SET name = ? WHERE id = ?", (new_name, product_id))
    conn.commit()


def add(conn, sku, qty):
    # ruleid: sql-injection
    conn.execute("INSERT INTO stock (sku, qty) VALUES (?, ?)", (sku, qty))


def by_owner(conn, owner_id, status):
    query = "SELECT * FROM orders WHERE owner_id = "
    query += "? AND status = ?"
    # ruleid: sql-injection
    return conn.execute(query, (owner_id, status)).fetchall()


def price_range(conn, low, high):
    # formatting with :.2f raises for anything but a number
    # ok: sql-injection
    return conn.execute(f"SELECT * FROM products WHERE price BETWEEN {low:.2f} AND {high:.2f}").fetchall()


def sorted_products(conn, column):
    # the column is a name, not a value: no rewrite is offered
    # ruleid: sql-injection
    return conn.execute(f"SELECT * FROM products ORDER BY {column}").fetchall()
