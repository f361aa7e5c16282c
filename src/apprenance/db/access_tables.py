"""Tables of who may reach the service: API tokens and sessions, OAuth 2.0 clients, sign-in
links, share links, and the xAPI statements received by the LRS endpoint.

They live on the same ``MetaData`` as the other tables (``apprenance.db.tables``); only their
hashes are stored for secrets (tokens, client secrets, sign-in links): a stolen database
gives no way in. Share links are public by design (a learner publishes them), so their token
is kept to show the link again; revoking or expiry ends them.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Table, Text

from apprenance.db.tables import UtcDateTime, metadata

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),  # api | session | oauth
    Column("role", String(20), nullable=False),  # admin | coordinator | learner
    Column("territory_id", String(100)),
    Column("learner_id", Integer, ForeignKey("learners.id")),
    Column("client_id", String(100)),
    Column("scopes", JSON, nullable=False, default=list),
    Column("label", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
)

oauth_clients = Table(
    "oauth_clients",
    metadata,
    Column("client_id", String(100), primary_key=True),
    Column("secret_hash", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("role", String(20), nullable=False),  # coordinator | learner | admin
    Column("territory_id", String(100)),
    Column("learner_id", Integer, ForeignKey("learners.id")),
    Column("scopes", JSON, nullable=False, default=list),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
)

sign_in_links = Table(
    "sign_in_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
)

share_links = Table(
    "share_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token", String(64), nullable=False, unique=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
)
Index("ix_share_links_learner", share_links.c.learner_id)

xapi_statements = Table(
    "xapi_statements",
    metadata,
    Column("id", String(36), primary_key=True),  # the statement id (UUID, lower case)
    Column("content_hash", String(64), nullable=False),
    Column("statement", JSON, nullable=False),
    Column("version", String(20)),
    Column("stored_at", UtcDateTime, nullable=False),
)

invitations = Table(  # single-use sign-in links for staff: a coordinator of one territory
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("email", String(320), nullable=False),
    Column("role", String(20), nullable=False),  # coordinator
    Column("territory_id", String(100), ForeignKey("territories.id"), nullable=False),
    Column("lang", String(2)),
    Column("invited_by", Text),  # who asked: "admin", a token label, an e-mail
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
    Column("session_id", Integer, ForeignKey("api_tokens.id")),  # the session it opened
)
Index("ix_invitations_territory", invitations.c.territory_id)
