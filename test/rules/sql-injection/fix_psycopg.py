import psycopg2


def connect(dsn: str):
    return psycopg2.connect(dsn)


def discounted(conn, category, percent):
    with conn.cursor() as cur:
        # ruleid: sql-injection
        cur.execute(f"SELECT name, price * 0.9 FROM items WHERE category = '{category}' AND discount >= {percent} AND tag LIKE 'sale%'")
        return cur.fetchall()


def update_email(conn, user_id, email):
    sql = "UPDATE users SET email = '{}' WHERE id = {}".format(email, user_id)
    with conn.cursor() as cur:
        # ruleid: sql-injection
        cur.execute(sql)
    conn.commit()
