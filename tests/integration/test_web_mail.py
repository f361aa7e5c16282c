"""Mail through the web, on SQLite and PostgreSQL, with a real SMTP server in the process:
badges issued from the back-office reach the learner's mailbox with a claim link that signs
in and lands on the badge's page; a lost link is asked for on /connexion with the same answer
for every address (a mail only for a known one); ``?suite=`` never leads off the site; a
coordinator mails sign-in links; an admin's invitation is mailed; a delivery report marks
its mail bounced on /territoires/{t}/courriels, where a coordinator retries it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apprenance.services.mail import bounces, queue, worker
from apprenance.services.people import access
from apprenance.services.privacy.report import erase_learner, export_learner
from apprenance.web.app import create_app
from mail_server import MailServer, smtp_server
from web_world import LEA, World, build_world

TERRITORY = "/territoires/val-de-serre"
JONAS = "jonas.weber@example.org"  # reads English
LINK = re.compile(r"http://testserver(/connexion/(ap[sc]_[A-Za-z0-9_-]+)(\?suite=[^\s\"<]+)?)")


@pytest.fixture
def server() -> Iterator[MailServer]:
    with smtp_server() as running:
        yield running


@pytest.fixture
def world(tmp_path: Path, db_url: str, server: MailServer) -> World:
    found = build_world(tmp_path, db_url=db_url)
    found.app.settings = found.app.settings.model_copy(update=server.settings())
    return found


def _client(world: World) -> TestClient:
    return TestClient(create_app(world.app.settings, app=world.app),
                      raise_server_exceptions=False)


def _session(world: World, role: str) -> tuple[TestClient, str]:
    client = _client(world)
    assert client.post("/connexion", data={"token": world.tokens[role]},
                       follow_redirects=False).status_code == 303
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text)
    assert found
    return client, found.group(1)


def _send(world: World) -> worker.SendReport:
    config = world.app.smtp()
    assert config is not None
    return worker.send_due(world.app.store, config, public_url=world.app.settings.public_url,
                           clock=world.app.clock)


def _text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _link(msg: EmailMessage) -> re.Match[str]:
    found = LINK.search(_text(msg))
    assert found, _text(msg)
    return found


def _plain(page: Any) -> str:
    return re.sub(r'name="csrf" value="[0-9a-f]+"', "", str(page.text))


def test_a_badge_issued_in_the_back_office_is_mailed_and_its_link_opens_the_badge(
        world: World, server: MailServer) -> None:
    client, csrf = _session(world, "coordinator")
    issued = client.post(f"{TERRITORY}/delivrer", data={"csrf": csrf}, follow_redirects=False)
    assert issued.status_code == 303 and "issued=0" not in issued.headers["location"]
    report = _send(world)
    assert report.sent and not report.failed
    mails = server.to(LEA)
    assert mails and all(m["Subject"].startswith("Vous avez reçu le badge") for m in mails)
    msg = mails[0]
    # the issuer names the territory already: not twice
    assert "Communauté de communes du Val de Serre vous a délivré le badge" in _text(msg)
    assert any(p.get_content_type() == "image/png" for p in msg.walk())
    found = _link(msg)
    assert found.group(3) and found.group(3).startswith("?suite=/credentials/")
    target = found.group(3).removeprefix("?suite=")
    learner = _client(world)
    page = learner.get(found.group(1))  # opening the link spends nothing
    assert page.status_code == 200 and "Voir mon badge" in page.text
    action = re.search(r'<form method="post" action="([^"]+)"', page.text)
    assert action and action.group(1).replace("&amp;", "&") == found.group(1)
    signed = learner.post(found.group(1), follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == target
    assert learner.get("/portfolio").status_code == 200  # signed in as the learner
    assert _client(world).post(found.group(1), follow_redirects=False).status_code == 401


@pytest.mark.parametrize("evil", ["//evil.example/x", "https://evil.example/", "/\\evil.example",
                                  "javascript:alert(1)", "/portfolio\r\nSet-Cookie: x=1"])
def test_suite_never_leads_off_the_site(world: World, evil: str) -> None:
    token = access.create_sign_in_link(world.app.store, LEA, clock=world.app.clock)
    client = _client(world)
    page = client.get(f"/connexion/{token}", params={"suite": evil})
    assert page.status_code == 200 and f'action="/connexion/{token}"' in page.text
    done = client.post(f"/connexion/{token}", params={"suite": evil}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/portfolio"


def test_a_lost_link_gets_the_same_answer_for_every_address(
        world: World, server: MailServer) -> None:
    client = _client(world)
    form = client.get("/connexion")
    assert 'action="/connexion/lien"' in form.text
    answers = {who: client.post("/connexion/lien", data={"email": who})
               for who in (JONAS, "nobody@example.org", "not-an-address", JONAS.upper())}
    assert {a.status_code for a in answers.values()} == {200}
    assert len({_plain(a) for a in answers.values()}) == 1  # nothing tells them apart
    assert 'id="request-sent"' in answers[JONAS].text
    for _ in range(4):  # asking again and again sends no more
        client.post("/connexion/lien", data={"email": JONAS})
    _send(world)
    assert [m["To"] for m in server.messages] == [JONAS]
    [msg] = server.messages
    assert msg["Subject"] == "Your sign-in link to apprenance" and "Hello" in _text(msg)
    found = _link(msg)
    assert found.group(3) is None
    signed = _client(world).post(found.group(1), follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == "/portfolio"


def test_a_coordinator_mails_sign_in_links_once_per_form(
        world: World, server: MailServer) -> None:
    client, csrf = _session(world, "coordinator")
    page = client.get(f"{TERRITORY}/sorties")
    assert 'id="links-mail"' in page.text
    mark = re.search(r'name="envoi" value="([^"]+)"', page.text)
    assert mark
    data = {"csrf": csrf, "all": "true", "days": "14", "format": "mail", "envoi": mark.group(1)}
    first = client.post(f"{TERRITORY}/liens", data=data, follow_redirects=False)
    count = int(first.headers["location"].rpartition("envoyes=")[2])
    assert first.status_code == 303 and count >= 2
    again = client.post(f"{TERRITORY}/liens", data=data, follow_redirects=False)
    assert again.headers["location"].endswith("envoyes=0")
    stranger = client.post(f"{TERRITORY}/liens", data={**data, "all": "", "envoi": "x",
                                                         "learners": "olga@autre.example.org"})
    assert stranger.status_code == 403
    _send(world)
    assert len(server.messages) == count
    assert "valable 14 jours" in _text(server.to(LEA)[0])
    shown = client.get(first.headers["location"])
    assert shown.status_code == 200 and 'id="mail-queued"' in shown.text


def test_an_invitation_is_mailed_and_its_secret_is_forgotten_once_sent(
        world: World, server: MailServer) -> None:
    client, csrf = _session(world, "admin")
    made = client.post("/admin/coordinateurs", data={
        "csrf": csrf, "email": "Nadia@Example.org", "territory": "val-de-serre", "lang": "en"})
    assert made.status_code == 201 and 'id="invite-mailed"' in made.text
    assert "on its way by mail" in made.text or "part par courriel" in made.text
    shown = re.search(r'id="invite-link" type="text" readonly value="([^"]+)"', made.text)
    assert shown
    _send(world)
    [msg] = server.to("nadia@example.org")
    assert msg["Subject"] == ("Invitation to coordinate Communauté de communes du Val de Serre "
                              "on apprenance")
    assert "http://testserver" + _link(msg).group(1) == shown.group(1)
    [job] = queue.territory_mail(world.app.store, "val-de-serre")
    assert job.status == "sent" and job.link_token is None and "apc_" not in job.text_body


def _dsn(message_id: str, recipient: str) -> bytes:
    return (
        "From: MAILER-DAEMON@mx.example.org\r\n"
        "To: bounces+999@testserver.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        "\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {message_id}\r\nTo: {recipient}\r\nSubject: x\r\n"
        "\r\n--B--\r\n").encode()


def test_a_bounce_is_shown_to_the_coordinator_who_retries_it(
        world: World, server: MailServer, tmp_path: Path) -> None:
    client, csrf = _session(world, "coordinator")
    client.post(f"{TERRITORY}/delivrer", data={"csrf": csrf})
    _send(world)
    msg = server.to(LEA)[0]
    report = tmp_path / "dsn.eml"
    report.write_bytes(_dsn(str(msg["Message-ID"]), LEA))
    first = bounces.record_bounces(world.app.store, [report], clock=world.app.clock)
    assert len(first.recorded) == 1 and first.recorded[0]["reason"].startswith("5.1.1")
    dashboard = client.get(TERRITORY)
    assert 'id="mail-failed-link"' in dashboard.text
    page = client.get(f"{TERRITORY}/courriels")
    assert page.status_code == 200
    rows = re.findall(r'<tr id="mail-(\d+)" data-status="(\w+)">', page.text)
    assert rows[0][1] == "bounced" and "550 5.1.1 user unknown" in page.text
    job = int(rows[0][0])
    other, other_csrf = _session(world, "other_coordinator")
    assert other.get(f"{TERRITORY}/courriels").status_code == 403
    assert other.post(f"/territoires/autre/courriels/{job}/reessayer",
                      data={"csrf": other_csrf}).status_code == 404
    retried = client.post(f"{TERRITORY}/courriels/{job}/reessayer", data={"csrf": csrf},
                          follow_redirects=False)
    assert retried.status_code == 303
    assert 'id="mail-retried"' in client.get(retried.headers["location"]).text
    assert len(_send(world).sent) == 1
    assert 'id="mail-failed-link"' not in client.get(TERRITORY).text


def test_a_learner_s_mail_is_in_their_export_and_gone_with_their_erasure(
        world: World, server: MailServer) -> None:
    client, csrf = _session(world, "coordinator")
    client.post(f"{TERRITORY}/delivrer", data={"csrf": csrf})
    _send(world)
    exported = export_learner(world.app.store, LEA, clock=world.app.clock)
    assert exported["mail"] and {m["status"] for m in exported["mail"]} == {"sent"}
    assert all(m["recipient"] == LEA and "text_body" not in m for m in exported["mail"])
    report = erase_learner(world.app.store, world.app.keys, LEA, urls=world.app.urls,
                           clock=world.app.clock)
    assert report.to_dict()["mail_deleted"] == len(exported["mail"])
    assert all(j.recipient != LEA for j in queue.territory_mail(world.app.store, None))
