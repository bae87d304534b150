"""instructions of constituencies to their delegates, and the motion a poll decides

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instructions",
        sa.Column("org", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("constituency", sa.String(length=80), nullable=False),
        sa.Column("motion", sa.String(length=80), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("binding", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("org", "key"),
    )
    op.create_index("ix_instructions_motion", "instructions", ["org", "motion", "constituency"])
    with op.batch_alter_table("polls") as batch:
        batch.add_column(sa.Column("motion", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("polls") as batch:
        batch.drop_column("motion")
    op.drop_index("ix_instructions_motion", table_name="instructions")
    op.drop_table("instructions")
