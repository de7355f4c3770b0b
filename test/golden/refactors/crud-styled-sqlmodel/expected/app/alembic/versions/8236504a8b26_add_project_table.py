"""Add projects

Revision ID: 8236504a8b26
Revises: e2412789c190

"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

# revision identifiers, used by Alembic.
revision = "8236504a8b26"
down_revision = "e2412789c190"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("budget", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_project_code"), "project", ["code"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_project_code"), table_name="project")
    op.drop_table("project")
