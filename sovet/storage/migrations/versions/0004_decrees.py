"""decrees and their dissemination log

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decrees",
        sa.Column("org", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("body", sa.String(length=80), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("effective", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("org", "key"),
    )
    op.create_index("ux_decrees_number", "decrees", ["org", "body", "number"], unique=True)
    op.create_table(
        "decree_receipts",
        sa.Column("org", sa.String(length=80), nullable=False),
        sa.Column("decree", sa.String(length=80), nullable=False),
        sa.Column("body", sa.String(length=80), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("parent", sa.String(length=80), nullable=False),
        sa.Column("branch", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("conflict", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("org", "decree", "body"),
    )
    op.create_index("ix_decree_receipts_parent", "decree_receipts", ["org", "decree", "parent"])


def downgrade() -> None:
    op.drop_index("ix_decree_receipts_parent", table_name="decree_receipts")
    op.drop_table("decree_receipts")
    op.drop_index("ux_decrees_number", table_name="decrees")
    op.drop_table("decrees")
