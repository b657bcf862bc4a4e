"""Initial registry schema: rights, owner families, authorisations and the store's meta row.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Keys sort by code point on every database ("C" collation on PostgreSQL), like Python's sorted().
KEY = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "rights",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("office", sa.Text(), nullable=False),
        sa.Column("mark_text", sa.Text()),
        sa.Column("mark_type", sa.Text()),
        sa.Column("application_number", sa.Text()),
        sa.Column("registration_number", sa.Text()),
        sa.Column("owner_name", sa.Text()),
        sa.Column("owner_country", sa.Text()),
        sa.Column("owner_address", sa.Text()),
        sa.Column("owner_legal_form", sa.Text()),
        sa.Column("representative", JSON),
        sa.Column("goods_services", JSON, nullable=False),
        sa.Column("vienna_codes", JSON, nullable=False),
        sa.Column("locarno_class", sa.Text()),
        sa.Column("ipc_codes", JSON, nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("raw_status", sa.Text()),
        sa.Column("filed", sa.Date()),
        sa.Column("registered", sa.Date()),
        sa.Column("expires", sa.Date()),
        sa.Column("priority_date", sa.Date()),
        sa.Column("priority_country", sa.Text()),
        sa.Column("international_registration", sa.Text()),
        sa.Column("designated_offices", JSON, nullable=False),
        sa.Column("image", sa.Text()),
        sa.Column("owner_family", KEY),
        sa.Column("title", sa.Text()),
        sa.Column("description", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sqlite_with_rowid=False,  # clustered on id: one b-tree less to update, and id-order scans
    )
    op.create_index("ix_rights_owner_family", "rights", ["owner_family", "id"])
    op.create_index("ix_rights_office", "rights", ["office", "id"])
    op.create_index("ix_rights_status", "rights", ["status", "id"])

    op.create_table(
        "owner_families",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", JSON, nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
    )

    op.create_table(
        "authorisations",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("seller_id", KEY, nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("right_id", KEY),
        sa.Column("owner_family", KEY),
        sa.Column("territories", JSON, nullable=False),
        sa.Column("valid_from", sa.Date()),
        sa.Column("valid_until", sa.Date()),
        sa.Column("note", sa.Text()),
        sa.Column("content_hash", sa.Text(), nullable=False),
    )
    op.create_index("ix_authorisations_seller_id", "authorisations", ["seller_id", "id"])

    meta = op.create_table(
        "store_meta",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("store_uid", sa.Text(), nullable=False),
        sa.Column("rights_count", sa.BigInteger(), nullable=False),
        sa.Column("changes", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_store_meta_single_row"),
    )
    op.bulk_insert(meta, [{"id": 1, "store_uid": uuid.uuid4().hex[:8], "rights_count": 0, "changes": 0}])


def downgrade() -> None:
    op.drop_table("store_meta")
    op.drop_index("ix_authorisations_seller_id", table_name="authorisations")
    op.drop_table("authorisations")
    op.drop_table("owner_families")
    op.drop_index("ix_rights_status", table_name="rights")
    op.drop_index("ix_rights_office", table_name="rights")
    op.drop_index("ix_rights_owner_family", table_name="rights")
    op.drop_table("rights")
