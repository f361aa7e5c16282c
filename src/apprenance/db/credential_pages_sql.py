"""The statements of the credentials' public pages (``services.credential_page``): what one
OB 3.0 credential's page shows (the credential, what was issued with it, its learner, award,
issuer and territory) and the learner's choice to show their name and evidence there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from apprenance.db import tables as t
from apprenance.db.issuing_tables import credential_issuance, issuers


def page_row(conn: Connection, ids: Sequence[str]) -> dict[str, Any] | None:
    """The first OB 3.0 credential found among ``ids``, with what its page shows: id,
    document, issued_at, revoked_at, revocation_reason, public_at, badge_id, lang, ob2_id;
    the learner (learner_id, participant, name, learner_lang, territory_id, erased_at); the
    award (award_id, awarded_on, activity_ids); the issuer (issuer_id, issuer_name,
    issuer_url); or None."""
    c, ci, lc, a, i = (t.credentials.c, credential_issuance.c, t.learners.c, t.awards.c,
                       issuers.c)
    row = conn.execute(
        select(c.id, c.document, c.issued_at, c.revoked_at, c.revocation_reason,
               ci.public_at, ci.badge_id, ci.lang, ci.ob2_id,
               c.learner_id, lc.participant, lc.name, lc.lang.label("learner_lang"),
               lc.territory_id, lc.erased_at,
               c.award_id, a.awarded_on, a.activity_ids,
               ci.issuer_id, i.name.label("issuer_name"), i.url.label("issuer_url"))
        .join(credential_issuance, ci.credential_id == c.id)
        .outerjoin(t.learners, lc.id == c.learner_id)
        .outerjoin(t.awards, a.id == c.award_id)
        .outerjoin(issuers, i.id == ci.issuer_id)
        .where(c.id.in_(list(ids)), c.format == "ob3")).mappings().first()
    return None if row is None else dict(row)


def set_public(conn: Connection, credential_id: str, since: datetime | None) -> bool:
    """Make the page public since ``since`` (None: private again); False when there is no
    such issued credential. Making public a page that already is keeps its first day."""
    ci = credential_issuance.c
    query = update(credential_issuance).where(ci.credential_id == credential_id)
    if since is not None:
        query = query.where(ci.public_at.is_(None))
    changed = conn.execute(query.values(public_at=since)).rowcount
    if changed:
        return True
    return conn.execute(select(ci.credential_id).where(ci.credential_id == credential_id)
                        ).first() is not None
