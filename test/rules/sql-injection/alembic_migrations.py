"""Alembic revision: the operator runs it from the command line, so the values
it formats into SQL (rows it reads back, module constants) come from no request."""
from alembic import op
from slugify import slugify

revision = "c0bc938b058e"
down_revision = "0ab4f8f54bfa"

SCHEMA = "dispatch_core"
TABLE = "organization"


def upgrade():
    conn = op.get_bind()
    results = conn.execute(f"select id, name from {SCHEMA}.{TABLE}").fetchall()
    for r in results:
        slug = slugify(r[1], separator="_")
        # ok: sql-injection
        conn.execute(f"update {SCHEMA}.{TABLE} set slug = '{slug}' where id = {r[0]}")
    for status in ("open", "closed"):
        # ok: sql-injection
        op.execute(f"UPDATE workflow_instance SET status = '{status.capitalize()}' WHERE status = '{status}'")


def downgrade():
    conn = op.get_bind()
    for r in conn.execute("select id, status from workflow_instance").fetchall():
        # ok: sql-injection
        conn.execute(f"update workflow_instance set status = '{r[1].lower()}' where id = {r[0]}")
