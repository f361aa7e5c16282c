"""The mail queue on SQLite and PostgreSQL, with a real SMTP server in the process: issuing
queues one mail per credential (never twice), the worker sends it in the learner's language
(plain text + HTML, the badge inline, a claim link), a 4xx is retried after a backoff on the
fake clock, a 5xx fails for good, a job whose worker was killed is sent once its lease ran
out, attempts stop at the maximum, a retry queues a failed job again."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import update

from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import mail_sql
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.services.mail import queue, worker
from apprenance.services.mail.transport import SmtpConfig
from apprenance.services.people import access
from conftest import FIXED_NOW
from issue_world import issuing_catalog, make_issuer, run_issue, seed
from mail_server import MailServer, smtp_server

PUBLIC = "https://badges.example.org"


class Clock:
    """A fake clock the test moves forward."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def server() -> MailServer:
    with smtp_server() as running:
        yield running  # type: ignore[misc]


def _config(server: MailServer, **kw: object) -> SmtpConfig:
    return SmtpConfig(host=server.host, port=server.port, security="none",
                      sender="Apprenance <badges@example.org>",
                      bounce_address="bounces+{id}@example.org", timeout=10, **kw)  # type: ignore[arg-type]


def _issued(db_store: Store, tmp_path: Path) -> dict[str, int]:
    """Issue the world's badges; how many each learner got."""
    cat = issuing_catalog()
    seed(db_store, cat)
    with db_store.transaction() as conn:  # bob reads English
        conn.execute(update(t.learners).where(t.learners.c.participant == "bob@x.org")
                     .values(lang="en", name="Bob Builder"))
    keys, urls = KeyStore(tmp_path / "keys"), HostedUrls(PUBLIC)
    make_issuer(db_store, keys, urls)
    report = run_issue(db_store, cat, keys, urls, None)
    assert report.issued and not report.problems
    got = [c.learner for c in report.issued]
    return {who: got.count(who) for who in got}


def _jobs(store: Store) -> list[mail_sql.MailJob]:
    return queue.territory_mail(store, None)


def _html(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def _text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def test_issuing_queues_one_mail_per_badge_and_the_worker_sends_them(
        db_store: Store, tmp_path: Path, server: MailServer) -> None:
    got = _issued(db_store, tmp_path)
    total = sum(got.values())
    jobs = _jobs(db_store)
    assert sorted(j.recipient for j in jobs) == (["ana@x.org"] * got["ana@x.org"]
                                                 + ["bob@x.org"] * got["bob@x.org"])
    assert {j.status for j in jobs} == {"queued"} and all(j.kind == "badge-issued" for j in jobs)
    assert all("{{link}}" in j.text_body and j.image for j in jobs)  # no secret stored
    # issuing again issues nothing and queues nothing
    cat = issuing_catalog()
    again = run_issue(db_store, cat, KeyStore(tmp_path / "keys"), HostedUrls(PUBLIC), None)
    assert not again.issued and len(_jobs(db_store)) == total

    clock = Clock(FIXED_NOW)
    report = worker.send_due(db_store, _config(server), public_url=PUBLIC, clock=clock)
    assert len(report.sent) == total and not report.retried and not report.failed
    assert {j.status for j in _jobs(db_store)} == {"sent"}
    bobs = server.to("bob@x.org")
    assert len(bobs) == got["bob@x.org"]
    bob = bobs[0]
    assert bob["Subject"].startswith("You received the badge")
    assert bob["Content-Language"] == "en" and bob.get_content_type() == "multipart/alternative"
    assert "Hello Bob Builder," in _text(bob) and "issued you the badge" in _text(bob)
    html = _html(bob)
    assert 'src="cid:badge"' in html and "http://" not in html.replace(PUBLIC, "")
    [image] = [p for p in bob.walk() if p.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<badge>"
    assert image.get_payload(decode=True).startswith(b"\x89PNG")
    link = re.search(rf"{PUBLIC}/connexion/(aps_[A-Za-z0-9_-]+)\?suite=(/credentials/[0-9a-f-]+)",
                     _text(bob))
    assert link is not None and f'href="{link.group(0)}"' in html
    ana = server.to("ana@x.org")
    assert len(ana) == got["ana@x.org"]
    assert all(m["Subject"].startswith("Vous avez reçu le badge") for m in ana)
    assert all("Bonjour" in _text(m) for m in ana)
    # the envelope sender names the job (VERP), the Message-ID was recorded
    assert all(r.envelope_from.startswith("bounces+") for r in server.received)
    assert bob["Message-ID"] in {j.message_id for j in _jobs(db_store)}
    # the claim link signs bob in (once)
    session = access.use_sign_in_link(db_store, link.group(1), clock=clock)
    assert access.resolve_token(db_store, session, clock=clock).learner == "bob@x.org"


def test_a_4xx_is_retried_after_a_backoff_and_a_5xx_fails(
        db_store: Store, tmp_path: Path, server: MailServer) -> None:
    total = sum(_issued(db_store, tmp_path).values())
    clock = Clock(FIXED_NOW)
    config = _config(server)
    server.refuse_next("451 4.3.0 try again later", times=total - 1)
    server.refuse_next("550 5.1.1 no such user")
    report = worker.send_due(db_store, config, public_url=PUBLIC, clock=clock)
    assert len(report.retried) == total - 1 and len(report.failed) == 1 and not report.sent
    failed = queue.territory_mail(db_store, None, status="failed")
    assert [j.last_error for j in failed] == ["550 5.1.1 no such user"]
    waiting = queue.territory_mail(db_store, None, status="queued")
    assert all(j.next_attempt_at == FIXED_NOW + timedelta(minutes=1) for j in waiting)
    assert all(j.last_error == "451 4.3.0 try again later" and j.attempts == 1 for j in waiting)
    # not due yet: nothing is tried
    assert not worker.send_due(db_store, config, public_url=PUBLIC, clock=clock).sent
    server.refuse_next("421 4.7.0 busy", times=total - 1)
    clock.now += timedelta(minutes=1)
    again = worker.send_due(db_store, config, public_url=PUBLIC, clock=clock)
    assert len(again.retried) == total - 1
    assert {j.next_attempt_at for j in queue.territory_mail(db_store, None, status="queued")} \
        == {clock.now + timedelta(minutes=2)}  # the second wait is twice the first
    clock.now += timedelta(minutes=2)
    last = worker.send_due(db_store, config, public_url=PUBLIC, clock=clock)
    assert len(last.sent) == total - 1 and len(server.messages) == total - 1
    # the failed one, retried by hand, goes
    queue.retry(db_store, failed[0].id, clock=clock)
    assert len(worker.send_due(db_store, config, public_url=PUBLIC, clock=clock).sent) == 1


def test_attempts_stop_at_the_maximum(db_store: Store, tmp_path: Path,
                                      server: MailServer) -> None:
    total = sum(_issued(db_store, tmp_path).values())
    clock = Clock(FIXED_NOW)
    config = _config(server, max_attempts=2)
    server.refuse_next("452 4.2.2 mailbox full", times=2 * total)
    worker.send_due(db_store, config, public_url=PUBLIC, clock=clock)
    clock.now += timedelta(hours=1)
    report = worker.send_due(db_store, config, public_url=PUBLIC, clock=clock)
    assert len(report.failed) == total
    assert all(j.status == "failed" and j.attempts == 2 and "after 2 attempts" in (j.last_error
               or "") for j in _jobs(db_store))


def test_a_killed_worker_s_job_is_sent_once_its_lease_ran_out(
        db_store: Store, tmp_path: Path, server: MailServer) -> None:
    total = sum(_issued(db_store, tmp_path).values())
    clock = Clock(FIXED_NOW)
    with db_store.transaction() as conn:  # a worker claims two jobs, then is killed
        claimed = mail_sql.claim(conn, clock(), clock() + worker.LEASE, 2)
    assert len(claimed) == 2
    first = worker.send_due(db_store, _config(server), public_url=PUBLIC, clock=clock)
    assert len(first.sent) == total - 2 and {c.id for c in claimed}.isdisjoint(first.sent)
    clock.now += worker.LEASE
    second = worker.send_due(db_store, _config(server), public_url=PUBLIC, clock=clock)
    assert sorted(second.sent) == sorted(c.id for c in claimed)
    assert len(server.messages) == total
    assert all(j.status == "sent" and j.attempts == (2 if j.id in second.sent else 1)
               for j in _jobs(db_store))
    # the killed worker's late answer changes nothing
    with db_store.transaction() as conn:
        assert not mail_sql.mark_failed(conn, claimed[0].id, claimed[0].lease_until,
                                        clock(), "late")


def test_a_server_that_does_not_answer_is_a_temporary_failure(
        db_store: Store, tmp_path: Path) -> None:
    total = sum(_issued(db_store, tmp_path).values())
    with smtp_server() as gone:
        config = _config(gone)
    report = worker.send_due(db_store, config, public_url=PUBLIC, clock=Clock(FIXED_NOW))
    assert len(report.retried) == total
    assert all("127.0.0.1" in (j.last_error or "") for j in _jobs(db_store))


def test_the_same_dedupe_key_queues_once(db_store: Store) -> None:
    values = {"kind": "sign-in", "recipient": "a@x.org", "lang": "fr", "subject": "s",
              "text_body": "t", "html_body": "h", "dedupe_key": "k1"}
    with db_store.transaction() as conn:
        assert mail_sql.enqueue(conn, values, FIXED_NOW)
        assert not mail_sql.enqueue(conn, {**values, "subject": "other"}, FIXED_NOW)
    [job] = _jobs(db_store)
    assert job.subject == "s"
