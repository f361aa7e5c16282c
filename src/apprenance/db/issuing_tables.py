"""Tables of the issuing side: issuers, their status lists, and what was issued per credential.

They live on the same ``MetaData`` as the other tables (``apprenance.db.tables``). Private keys
are never stored here: they stay in the home folder (``credentials.keys.KeyStore``).

- ``issuers``: one per territory (or the collective): the profile credentials show, and the
  DID method (``key`` or ``web``) with the current DID.
- ``status_lists``: each issuer's Bitstring Status Lists (revocation), the raw bits kept here;
  the signed list credential is rebuilt from them on every change.
- ``award_holds``: awards a coordinator held back from issuing, with the reason; a hold
  released (``released_at``) no longer stops issuing (the rows stay: who held what, and why).
- ``credential_issuance``: for every issued credential (a ``credentials`` row holding the
  signed OB 3.0 document), its issuer, badge, status list index (unique per list: an index is
  never handed out twice, even to concurrent runs), its VC-JWT and its OB 2.0 assertion;
  ``public_at``: since when the learner shows their name and evidence on the credential's
  public page (``/credentials/{uuid}``; NULL: the page names no one, the default).
- ``endorsers``: third parties (a university, a partner territory) who endorse a badge or a
  pathway with their own key: their profile, their did:key, and whether the instance keeps
  the private key (``key_held``: ``instance``) or the endorser does (``external``).
- ``endorsements``: each signed ``EndorsementCredential`` of an endorser about the hosted
  achievement of a badge in one language (one row per language of one ``endorse``, sharing
  ``batch``); ``withdrawn_at`` set: no longer attached to what is issued after.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from apprenance.db.tables import UtcDateTime, metadata

issuers = Table(
    "issuers",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("name", Text, nullable=False),
    Column("url", Text),
    Column("email", Text),
    Column("description", Text),
    Column("image", Text),
    Column("territory_id", String(100)),
    Column("did_method", String(10), nullable=False),
    Column("did", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("rotated_at", UtcDateTime),
    Column("country", String(2), nullable=False, server_default="FR"),  # ISO 3166-1 alpha-2
)

status_lists = Table(
    "status_lists",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("issuer_id", String(100), ForeignKey("issuers.id"), nullable=False),
    Column("purpose", String(20), nullable=False),
    Column("size", Integer, nullable=False),
    Column("bits", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

credential_issuance = Table(
    "credential_issuance",
    metadata,
    Column("credential_id", String(200), ForeignKey("credentials.id"), primary_key=True),
    Column("issuer_id", String(100), ForeignKey("issuers.id"), nullable=False),
    Column("badge_id", String(100)),
    Column("lang", String(5)),
    Column("status_list_id", Integer, ForeignKey("status_lists.id")),
    Column("status_index", Integer),
    Column("jwt", Text),
    Column("ob2_id", Text),
    Column("ob2_assertion", JSON),
    Column("public_at", UtcDateTime),
    UniqueConstraint("status_list_id", "status_index", name="uq_credential_issuance_status"),
)

award_holds = Table(
    "award_holds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("award_id", Integer, ForeignKey("awards.id"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("held_by", Text),
    Column("held_at", UtcDateTime, nullable=False),
    Column("released_at", UtcDateTime),
    Column("released_by", Text),
)
Index("ix_award_holds_award", award_holds.c.award_id)

# Handing a credential to a phone wallet (VC-API exchange or OpenID4VCI pre-authorized code):
# one row per offer the learner opened. Every secret is stored as its SHA-256 only: the
# offer's (the interaction, exchange and credential-offer URLs), the pre-authorized code, the
# transaction code and the access token. An offer delivers once (``delivered_at``), to the
# holder DID its wallet proved, as a re-issued credential (``delivered_id``).
wallet_offers = Table(
    "wallet_offers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("credential_id", String(200), ForeignKey("credentials.id"), nullable=False),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("offer_hash", String(64), nullable=False, unique=True),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("tx_code_hash", String(64)),
    Column("tx_failures", Integer, nullable=False, server_default="0"),
    Column("challenge", String(100), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("code_used_at", UtcDateTime),
    Column("token_hash", String(64), unique=True),
    Column("token_expires_at", UtcDateTime),
    Column("delivered_at", UtcDateTime),
    Column("protocol", String(10)),
    Column("holder_did", Text),
    Column("delivered_id", String(200)),
)
Index("ix_wallet_offers_credential", wallet_offers.c.credential_id)

# The nonces of the OpenID4VCI nonce endpoint (``c_nonce``), hashed, each good once.
wallet_nonces = Table(
    "wallet_nonces",
    metadata,
    Column("nonce_hash", String(64), primary_key=True),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
)

endorsers = Table(
    "endorsers",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("name", Text, nullable=False),
    Column("url", Text),
    Column("email", Text),
    Column("country", String(2)),
    Column("did", Text, nullable=False),
    Column("public_multibase", Text, nullable=False),
    Column("key_held", String(10), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

endorsements = Table(
    "endorsements",
    metadata,
    Column("id", String(200), primary_key=True),  # the EndorsementCredential's id (urn:uuid)
    Column("batch", String(64), nullable=False),  # one ``endorse``: one row per language
    Column("endorser_id", String(100), ForeignKey("endorsers.id"), nullable=False),
    Column("badge_id", String(100), nullable=False),
    Column("lang", String(5), nullable=False),
    Column("comment", Text),
    Column("document", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("withdrawn_at", UtcDateTime),
    Column("withdrawn_reason", Text),
)
Index("ix_endorsements_badge", endorsements.c.badge_id, endorsements.c.lang)
