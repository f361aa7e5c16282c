"""Queueing mail: a badge issued (in the transaction that records the credential), a learner's
sign-in link (asked for on /connexion, or sent by a coordinator), a coordinator's invitation;
and what the queue holds (a territory's mail, counts, a retry).

Each job has a dedupe key, unique in the store: issuing again, a retry of a transaction or a
second click never queues the same message twice. A sign-in link request without an account
behind it queues nothing but answers the same (no account enumeration); requests are limited
per address (one per ``REQUEST_WINDOW``, ``REQUESTS_PER_HOUR`` an hour)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from apprenance.clock import Clock
from apprenance.db import mail_sql as sql
from apprenance.db import people_sql
from apprenance.db.engine import Connection
from apprenance.db.mail_sql import MailJob
from apprenance.db.store import Store
from apprenance.errors import InputError, NotFound
from apprenance.services.mail import content
from apprenance.services.people.invitations import NewInvitation, check_email

CLAIM_DAYS = 7  # the claim link of a "badge received" mail, from when it is sent
SIGN_IN_HOURS = 24  # a sign-in link asked for on /connexion
REQUEST_WINDOW = timedelta(minutes=10)
REQUESTS_PER_HOUR = 3


def address_of(participant: str) -> str | None:
    """The participant as an e-mail address, or None when it is a handle (no mail)."""
    try:
        return check_email(participant)
    except InputError:
        return None


def _lang(value: str | None) -> str:
    return value if value in ("fr", "en") else "fr"


def queue_badge_issued(conn: Connection, *, credential_id: str, learner_id: int,
                       participant: str, name: str | None, lang: str, badge_name: str,
                       issuer_name: str, territory: str | None, image: bytes | None,
                       public_url: str, now: datetime) -> bool:
    """Queue "you received the badge" in ``conn`` (the issuing transaction): the learner is
    told exactly when the credential is recorded, once. False: no address, or queued before."""
    address = address_of(participant)
    if address is None:
        return False
    lang = _lang(lang)
    place = sql.territory_name(conn, territory)
    if place and place.casefold() in issuer_name.casefold():
        place = None  # "Communauté de communes du Val de Serre (…)" says it already
    said = content.badge_issued(lang=lang, name=name, badge=badge_name, issuer=issuer_name,
                                territory=place,
                                public_url=public_url, days=CLAIM_DAYS)
    uuid = credential_id.removeprefix("urn:uuid:")
    return sql.enqueue(conn, {
        "kind": "badge-issued", "recipient": address, "lang": lang, "subject": said.subject,
        "text_body": said.text, "html_body": said.html, "image": image,
        "territory_id": territory, "learner_id": learner_id,
        "dedupe_key": f"badge-issued:{credential_id}", "link_kind": "sign-in",
        "link_next": f"/credentials/{uuid}", "link_days": CLAIM_DAYS}, now)


def _sign_in_values(contact: dict[str, Any], learner_id: int, address: str, *, public_url: str,
                    hours: int, dedupe: str) -> dict[str, Any]:
    lang = _lang(contact["lang"])
    said = content.sign_in(lang=lang, name=contact["name"], public_url=public_url, hours=hours)
    return {"kind": "sign-in", "recipient": address, "lang": lang, "subject": said.subject,
            "text_body": said.text, "html_body": said.html, "image": None,
            "territory_id": contact["territory_id"], "learner_id": learner_id,
            "dedupe_key": dedupe, "link_kind": "sign-in", "link_next": None,
            "link_days": None if hours == SIGN_IN_HOURS else hours // 24}


def request_sign_in(store: Store, email: str, *, public_url: str, clock: Clock) -> bool:
    """A learner asks for a new sign-in link. The caller answers the same whatever this
    returns (True: a mail was queued). Unknown addresses, handles and requests over the
    limit queue nothing; the work is the same lookups either way."""
    try:
        address = check_email(email)
    except InputError:
        return False
    now = clock()
    window = int(now.timestamp() // REQUEST_WINDOW.total_seconds())
    with store.transaction() as conn:
        found = people_sql.live_learner_home(conn, address)
        contact = sql.learner_contact(conn, found[0]) if found else None
        recent = sql.recent_count(conn, "sign-in", address, now - timedelta(hours=1))
        if found is None or contact is None or recent >= REQUESTS_PER_HOUR:
            return False
        return sql.enqueue(conn, _sign_in_values(
            contact, found[0], address, public_url=public_url, hours=SIGN_IN_HOURS,
            dedupe=f"sign-in:{found[0]}:{window}"), now)


@dataclass(frozen=True)
class QueuedLinks:
    queued: int
    without_address: list[str]  # learners whose identifier is no e-mail address


def queue_sign_in_links(store: Store, participants: list[str], *, public_url: str,
                        days: int, clock: Clock, batch: str) -> QueuedLinks:
    """A coordinator sends learners their sign-in links (valid ``days`` days from sending);
    ``batch``: what makes this sending one (a second click of the same form queues none)."""
    now = clock()
    queued, without = 0, []
    with store.transaction() as conn:
        for participant in participants:
            address = address_of(participant)
            found = people_sql.live_learner_home(conn, address) if address else None
            contact = sql.learner_contact(conn, found[0]) if found else None
            if address is None or found is None or contact is None:
                without.append(participant)
                continue
            queued += sql.enqueue(conn, _sign_in_values(
                contact, found[0], address, public_url=public_url, hours=days * 24,
                dedupe=f"sign-in:{found[0]}:batch:{batch}"), now)
    return QueuedLinks(queued, without)


def queue_invitation(store: Store, *, invitation_id: int, email: str, territory: str,
                     lang: str | None, token: str, expires: date, public_url: str,
                     clock: Clock) -> bool:
    """Mail a coordinator's invitation (its secret is kept until the job is over)."""
    with store.transaction() as conn:
        name = sql.territory_name(conn, territory) or territory
        said = content.invitation(lang=_lang(lang), territory=name, expires=expires,
                                  public_url=public_url)
        return sql.enqueue(conn, {
            "kind": "invitation", "recipient": email, "lang": _lang(lang),
            "subject": said.subject, "text_body": said.text, "html_body": said.html,
            "image": None, "territory_id": territory, "learner_id": None,
            "dedupe_key": f"invitation:{invitation_id}", "link_kind": "token",
            "link_token": token, "link_next": None, "link_days": None}, clock())


def mail_invitation(store: Store, new: NewInvitation, *, public_url: str,
                    clock: Clock) -> bool:
    """Queue the mail of an invitation just made (``invitations.invite``)."""
    inv = new.invitation
    return queue_invitation(store, invitation_id=inv.id, email=inv.email,
                            territory=inv.territory, lang=inv.lang, token=new.token,
                            expires=inv.expires_at.date(), public_url=public_url, clock=clock)


def territory_mail(store: Store, territory: str | None, *, status: str | None = None,
                   limit: int = 500) -> list[MailJob]:
    """The mail of a territory (every territory: None), failed and bounced first."""
    with store.transaction() as conn:
        return sql.list_jobs(conn, territory, status=status, limit=limit)


def counts(store: Store, territory: str | None) -> dict[str, int]:
    """How many jobs in each state (of a territory)."""
    with store.transaction() as conn:
        return sql.status_counts(conn, territory)


def retry(store: Store, job_id: int, *, clock: Clock, territory: str | None = None) -> MailJob:
    """Queue a failed or bounced job again (``territory``: only one of that territory)."""
    with store.transaction() as conn:
        if not sql.retry(conn, job_id, territory, clock()):
            raise NotFound(f"no failed or bounced mail {job_id}")
        job = sql.job_by_id(conn, job_id)
    assert job is not None
    return job
