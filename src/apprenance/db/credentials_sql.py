"""The statements on stored credentials (``credentials`` and what was issued with them): a
learner's credentials, one credential, the pages of the OB 3.0 API, the credentials a CLR or a
certificate bundles, hosted OB 2.0 assertions. Rows come back as plain dicts, keyed by column
name."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, update

from apprenance.db import tables as t
from apprenance.db.issuing_tables import credential_issuance


def learner_credentials(conn: Connection, learner: int) -> list[dict[str, Any]]:
    """id, format, issued_at, revoked_at, revocation_reason, award_id, issuer_id, badge_id,
    status_index of a learner's credentials, newest first."""
    c, ci = t.credentials.c, credential_issuance.c
    return [dict(r) for r in conn.execute(
        select(c.id, c.format, c.issued_at, c.revoked_at, c.revocation_reason, c.award_id,
               ci.issuer_id, ci.badge_id, ci.status_index)
        .outerjoin(credential_issuance, ci.credential_id == c.id)
        .where(c.learner_id == learner).order_by(c.issued_at.desc(), c.id)).mappings()]


def credential_with_issuance(conn: Connection, ids: Sequence[str]) -> dict[str, Any] | None:
    """id, format, document, issued_at, revoked_at, revocation_reason, jwt, ob2_assertion,
    issuer_id, badge_id of the first credential found among ``ids``, or None."""
    c, ci = t.credentials.c, credential_issuance.c
    row = conn.execute(
        select(c.id, c.format, c.document, c.issued_at, c.revoked_at, c.revocation_reason,
               ci.jwt, ci.ob2_assertion, ci.issuer_id, ci.badge_id)
        .outerjoin(credential_issuance, ci.credential_id == c.id)
        .where(c.id.in_(list(ids)))).mappings().first()
    return None if row is None else dict(row)


def credential_page(conn: Connection, formats: Sequence[str], *, learner: int | None,
                    territory: str | None, since: datetime | None, limit: int,
                    offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(total, page of documents) of the credentials in ``formats`` of a learner, of a
    territory's learners, or of everyone (both None), issued after ``since``; oldest first."""
    c, lc = t.credentials.c, t.learners.c
    query = select(c.document).join(t.learners, lc.id == c.learner_id) \
        .where(c.format.in_(list(formats)))
    if learner is not None:
        query = query.where(c.learner_id == learner)
    elif territory is not None:
        query = query.where(lc.territory_id == territory)
    if since is not None:
        query = query.where(c.issued_at > since)
    total = int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())
    rows = conn.execute(query.order_by(c.issued_at, c.id).limit(limit).offset(offset))
    return total, [dict(r[0]) for r in rows]


def credential_owner(conn: Connection, credential_id: str) -> tuple[int, str] | None:
    """(learner id, format) of a stored credential, or None."""
    c = t.credentials.c
    row = conn.execute(select(c.learner_id, c.format).where(c.id == credential_id)
                       ).one_or_none()
    return None if row is None else (int(row.learner_id), str(row.format))


def insert_credential(conn: Connection, *, credential_id: str, award: int | None,
                      learner: int, format: str, document: dict[str, Any],
                      issued_at: datetime) -> None:
    conn.execute(t.credentials.insert().values(
        id=credential_id, award_id=award, learner_id=learner, format=format,
        document=document, issued_at=issued_at))


def replace_document(conn: Connection, credential_id: str, document: dict[str, Any]) -> None:
    conn.execute(update(t.credentials).where(t.credentials.c.id == credential_id)
                 .values(document=document))


def held_credentials(conn: Connection, learner: int) -> list[dict[str, Any]]:
    """id, award_id, document, badge_id, issuer_id of a learner's issued, unrevoked OB 3.0
    credentials, oldest first."""
    c, ci = t.credentials.c, credential_issuance.c
    return [dict(r) for r in conn.execute(
        select(c.id, c.award_id, c.document, ci.badge_id, ci.issuer_id)
        .join(credential_issuance, ci.credential_id == c.id)
        .where(c.learner_id == learner, c.format == "ob3", c.revoked_at.is_(None))
        .order_by(c.issued_at, c.id)).mappings()]


def certificate_credentials(conn: Connection, learner: int,
                            pathway_award: int | None) -> list[tuple[str, int | None, Any]]:
    """(id, award_id, document) of the unrevoked credentials a certificate may point to: the
    learner's CLRs and those of ``pathway_award``, newest first."""
    c = t.credentials.c
    wanted = [and_(c.learner_id == learner, c.format.like("clr%"))]
    if pathway_award is not None:
        wanted.append(c.award_id == pathway_award)
    return [(str(r.id), r.award_id, r.document) for r in conn.execute(
        select(c.id, c.award_id, c.document)
        .where(c.revoked_at.is_(None), or_(*wanted))
        .order_by(c.issued_at.desc(), c.id)
    )]


def hosted_assertion(conn: Connection, ob2_id: str
                     ) -> tuple[dict[str, Any] | None, datetime | None, str | None] | None:
    """(OB 2.0 assertion, revoked_at, revocation_reason) of the assertion ``ob2_id``, or
    None."""
    ci, c = credential_issuance.c, t.credentials.c
    row = conn.execute(
        select(ci.ob2_assertion, c.revoked_at, c.revocation_reason)
        .join(t.credentials, c.id == ci.credential_id).where(ci.ob2_id == ob2_id)).one_or_none()
    return None if row is None else (row.ob2_assertion, row.revoked_at, row.revocation_reason)
