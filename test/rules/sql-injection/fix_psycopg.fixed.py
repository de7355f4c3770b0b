import psycopg2


def connect(dsn: str):
    return psycopg2.connect(dsn)


def discounted(conn, category, percent):
    with conn.cursor() as cur:
        # ruleid: sql-injection
        cur.execute("SELECT name, price * 0.9 FROM items WHERE category = %s AND discount >= %s AND tag LIKE 'sale%%'", (category, percent))
        return cur.fetchall()


def update_email(conn, user_id, email):
    sql = "UPDATE users SET email = %s WHERE id = %s"
    with conn.cursor() as cur:
        # ruleid: sql-injection
        cur.execute(sql, (email, user_id))
    conn.commit()
