"""The mail of open recognition, queued in the transaction that has something to say, in
the recipient's language: the learner hears when the coordinator asks for more, accepts or
declines their request, and when a witness endorses; the witness gets the link to write
their endorsement (its secret kept in the job until it is sent, like an invitation's); the
territory's coordinators hear of a new request, of the learner's answer when they asked for
more, and of an endorsement given or withdrawn, with the link to the review page."""

from __future__ import annotations

from datetime import date, datetime

from apprenance.db import invitations_sql, mail_sql
from apprenance.db.engine import Connection
from apprenance.domain.catalog import Text, text
from apprenance.i18n import t
from apprenance.i18n.dates import date_text
from apprenance.services.mail.content import compose, hello, with_link
from apprenance.services.mail.queue import address_of


def lang_of(value: str | None) -> str:
    """fr or en (fr when unknown)."""
    return value if value in ("fr", "en") else "fr"


def to_learner(conn: Connection, *, request_id: int, learner_id: int, participant: str,
               name: str | None, lang: str | None, territory: str | None, step: str,
               badge: str, said: str | None, public_url: str, now: datetime,
               mark: str) -> bool:
    """Tell the learner about their request (``step``: more, accepted, declined, endorsed);
    the button signs them in on the request's page. False: a handle, no address."""
    address = address_of(participant)
    if address is None:
        return False
    lang = lang_of(lang)
    paragraphs = [hello(name, lang), t(f"recognition.mail.{step}.body", lang, badge=badge)]
    if said:
        paragraphs.append(f"«\u00a0{said}\u00a0»" if lang == "fr" else f"“{said}”")
    said_mail = compose(lang, subject=t(f"recognition.mail.{step}.subject", lang, badge=badge),
                         paragraphs=paragraphs, button=t("recognition.mail.open", lang),
                         public_url=public_url)
    return mail_sql.enqueue(conn, {
        "kind": f"request-{step}", "recipient": address, "lang": lang,
        "subject": said_mail.subject, "text_body": said_mail.text, "html_body": said_mail.html,
        "image": None, "territory_id": territory, "learner_id": learner_id,
        "dedupe_key": f"request:{request_id}:{step}:{mark}", "link_kind": "sign-in",
        "link_next": f"/portfolio/demandes/{request_id}", "link_days": 7}, now)


def to_witness(conn: Connection, *, endorsement_id: int, learner_id: int, witness: str,
               lang: str, learner_name: str, badge: str, territory: str | None, token: str,
               expires: date, public_url: str, now: datetime) -> bool:
    """Ask the witness to endorse, with their link (``/temoignage/{token}``). The job is the
    learner's mail (``learner_id``: in their export, gone with their erasure: it holds their
    name and badge)."""
    lang = lang_of(lang)
    paragraphs = [hello(None, lang),
                  t("recognition.mail.ask.body", lang, learner=learner_name, badge=badge),
                  t("recognition.mail.ask.no_account", lang, date=date_text(expires, lang))]
    said = compose(lang, subject=t("recognition.mail.ask.subject", lang, learner=learner_name),
                    paragraphs=paragraphs, button=t("recognition.mail.ask.button", lang),
                    public_url=public_url)
    return mail_sql.enqueue(conn, {
        "kind": "endorsement-ask", "recipient": witness, "lang": lang,
        "subject": said.subject, "text_body": said.text, "html_body": said.html,
        "image": None, "territory_id": territory, "learner_id": learner_id,
        "dedupe_key": f"endorsement:{endorsement_id}", "link_kind": "witness",
        "link_token": token, "link_next": None, "link_days": None}, now)


STAFF_STEPS = ("submitted", "answered", "endorsed", "withdrawn")


def to_coordinators(conn: Connection, *, request_id: int, learner_id: int,
                    territory: str | None, step: str, learner: str, badge: Text,
                    said: str | None, public_url: str, now: datetime, mark: str = "") -> int:
    """Tell each coordinator of ``territory`` (their accepted invitation's address, in its
    language) about the request (``step``: one of ``STAFF_STEPS``); the button opens the
    review page. The jobs are the learner's mail (``learner_id``: in their export, gone with
    their erasure: they hold their name and words). How many mails were queued (none: no
    territory, no coordinator address)."""
    assert step in STAFF_STEPS
    if territory is None:
        return 0
    place = mail_sql.territory_name(conn, territory) or territory
    page = f"{public_url}/territoires/{territory}/demandes#demande-{request_id}"
    queued = 0
    for address, wanted in invitations_sql.coordinator_addresses(conn, territory):
        lang = lang_of(wanted)
        name = text(badge, lang)
        paragraphs = [hello(None, lang), t(f"recognition.mail.staff.{step}.body", lang,
                                           learner=learner, badge=name, territory=place)]
        if said:
            paragraphs.append(f"«\u00a0{said}\u00a0»" if lang == "fr" else f"“{said}”")
        said_mail = compose(lang, subject=t(f"recognition.mail.staff.{step}.subject", lang,
                                            learner=learner, badge=name),
                            paragraphs=paragraphs, button=t("recognition.mail.staff.open", lang),
                            public_url=public_url)
        text_body, html_body = with_link(said_mail.text, said_mail.html, page)
        queued += mail_sql.enqueue(conn, {
            "kind": f"request-staff-{step}", "recipient": address, "lang": lang,
            "subject": said_mail.subject, "text_body": text_body, "html_body": html_body,
            "image": None, "territory_id": territory, "learner_id": learner_id,
            "dedupe_key": f"request:{request_id}:staff:{step}:{mark}:{address.casefold()}",
            "link_kind": None, "link_next": None, "link_days": None}, now)
    return queued
