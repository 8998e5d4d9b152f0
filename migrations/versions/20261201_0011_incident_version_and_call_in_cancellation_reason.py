"""Incidents carry a version (edits are refused when someone else changed the incident first);
call-ins keep why they were cancelled.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.add_column("call_ins", sa.Column("cancellation_reason", sa.String(length=1000), nullable=True))
    # Call-ins cancelled before reasons were recorded keep their status, with a neutral reason.
    op.execute("update call_ins set cancellation_reason = 'cancelled before reasons were recorded' "
               "where status = 'cancelled'")
    op.create_check_constraint(op.f("ck_call_ins_cancellation_has_reason"), "call_ins",
                               "(status = 'cancelled') = (cancellation_reason IS NOT NULL)")


def downgrade() -> None:
    op.drop_constraint(op.f("ck_call_ins_cancellation_has_reason"), "call_ins", type_="check")
    op.drop_column("call_ins", "cancellation_reason")
    op.drop_column("incidents", "version")
