"""Tenants: suspension with its time and reason, and one tenant per municipality (kommunkod).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    shared = bind.execute(sa.text(
        "select kommunkod, string_agg(slug, ', ' order by slug) from tenants "
        "group by kommunkod having count(*) > 1")).all()
    if shared:
        listing = "; ".join(f"{code}: {slugs}" for code, slugs in shared)
        raise RuntimeError(f"several tenants share a kommunkod ({listing}); give each its own before migrating")
    op.add_column("tenants", sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("tenants", sa.Column("suspension_reason", sa.String(length=500), nullable=True))
    # Cities suspended before reasons were recorded keep their status, with a neutral reason.
    op.execute("update tenants set suspended_at = now(), suspension_reason = 'suspended before reasons were recorded' "
               "where status = 'suspended'")
    op.create_unique_constraint(op.f("uq_tenants_kommunkod"), "tenants", ["kommunkod"])
    op.create_check_constraint(
        op.f("ck_tenants_suspension_recorded"), "tenants",
        "(status = 'suspended') = (suspended_at IS NOT NULL AND suspension_reason IS NOT NULL) OR status = 'offboarded'",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_tenants_suspension_recorded"), "tenants", type_="check")
    op.drop_constraint(op.f("uq_tenants_kommunkod"), "tenants", type_="unique")
    op.drop_column("tenants", "suspension_reason")
    op.drop_column("tenants", "suspended_at")
