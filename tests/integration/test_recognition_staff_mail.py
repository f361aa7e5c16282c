"""The coordinators hear of open recognition by mail (issue 18), on SQLite and PostgreSQL,
through a real SMTP server: a new badge request, the learner's answer when they were asked
for more, an endorsement given then withdrawn, each mailed, in the transaction that records
it, to every coordinator of the request's territory (the address of the invitation they
accepted, in its language) with the link to the review page; nobody else is mailed; the
mails are the learner's (in their export, gone with their erasure)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apprenance.credentials.images.badge_png import placeholder_png
from apprenance.services.mail import queue, worker
from apprenance.services.people import invitations
from apprenance.services.privacy.report import erase_learner, export_learner
from apprenance.services.recognition import requests as asks
from apprenance.web.app import create_app
from apprenance.web.auth import SESSION_COOKIE
from logs_world import csrf_of, session
from mail_server import MailServer, smtp_server
from web_world import LEA, World, build_world

T = "val-de-serre"
NADIA, JOHN = "nadia@example.org", "john@example.org"  # French, English: both accepted
PENDING, GONE, ELSEWHERE = "pending@example.org", "gone@example.org", "autre@example.org"


@pytest.fixture
def server() -> Iterator[MailServer]:
    with smtp_server() as running:
        yield running


@pytest.fixture
def world(tmp_path: Path, db_url: str, server: MailServer) -> World:
    found = build_world(tmp_path, db_url=db_url)
    found.app.settings = found.app.settings.model_copy(update=server.settings())
    return found


def _coordinator(world: World, email: str, territory: str, lang: str, *,
                 accepted: bool = True) -> str | None:
    made = invitations.invite(world.app.store, email, territory, clock=world.app.clock,
                              lang=lang)
    if not accepted:
        return None
    return invitations.accept(world.app.store, made.token, clock=world.app.clock).session


def _send(world: World) -> None:
    config = world.app.smtp()
    assert config is not None
    worker.send_due(world.app.store, config, public_url=world.app.settings.public_url,
                    clock=world.app.clock)


def _text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _html(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def test_coordinators_are_mailed_in_their_language_with_the_review_link(
        world: World, server: MailServer) -> None:
    nadia = _coordinator(world, NADIA, T, "fr")
    _coordinator(world, JOHN, T, "en")
    _coordinator(world, PENDING, T, "fr", accepted=False)
    _coordinator(world, GONE, T, "fr")
    [gone] = [i for i in invitations.invitations(world.app.store, clock=world.app.clock)
              if i.email == GONE]
    invitations.withdraw(world.app.store, gone.id, clock=world.app.clock)
    _coordinator(world, ELSEWHERE, "autre", "fr")
    badge = asks.requestable(world.app.catalog(), "fr", asks.held_badges(world.app.store,
                                                                          LEA))[0]
    learner = session(world, "learner")
    csrf = csrf_of(learner, "/portfolio/demandes/nouvelle")
    sent = learner.post("/portfolio/demandes", follow_redirects=False, data={
        "csrf": csrf, "badge": badge["id"], "reason": "J'ai animé trois ateliers cuisine."},
        files=[("files", ("atelier.png", placeholder_png(), "image/png"))])
    assert sent.status_code == 303, sent.text
    rid = int(re.search(r"/portfolio/demandes/(\d+)", sent.headers["location"]).group(1))
    # queued with the request, before any worker ran; a refused second request queues none
    assert sorted(j.recipient for j in queue.territory_mail(world.app.store, T)
                  if j.kind == "request-staff-submitted") == [JOHN, NADIA]
    again = learner.post("/portfolio/demandes", data={
        "csrf": csrf, "badge": badge["id"], "reason": "Encore."})
    assert again.status_code == 409
    _send(world)
    page = f"http://testserver/territoires/{T}/demandes#demande-{rid}"
    [fr] = server.to(NADIA)
    assert fr["Subject"] == f"Demande du badge «\u00a0{badge['name']}\u00a0» par Léa Marchand"
    assert fr["Content-Language"] == "fr"
    assert "Sa raison\u00a0:" in _text(fr)
    assert "«\u00a0J'ai animé trois ateliers cuisine.\u00a0»" in _text(fr)
    assert page in _text(fr) and f'href="{page}"' in _html(fr)
    assert "Examiner la demande" in _html(fr)
    [en] = server.to(JOHN)
    assert en["Content-Language"] == "en" and "Review the request" in _html(en)
    assert "Their reason:" in _text(en) and page in _text(en)
    assert [server.to(a) for a in (PENDING, GONE, ELSEWHERE)] == [[], [], []]
    # the link opens the review page for a coordinator signed in with their session
    coord = TestClient(create_app(world.app.settings, app=world.app),
                       raise_server_exceptions=False)
    assert nadia is not None
    coord.cookies.set(SESSION_COOKIE, nadia)
    review = coord.get(page.removeprefix("http://testserver"))
    assert review.status_code == 200 and f'id="demande-{rid}"' in review.text
    # asked for more, the learner answers: the coordinators read the answer
    decision = f"/territoires/{T}/demandes/{rid}/decision"
    assert coord.post(decision, follow_redirects=False, data={
        "csrf": csrf_of(coord, f"/territoires/{T}/demandes"), "action": "more",
        "comment": "Combien de personnes ?"}).status_code == 303
    answered = learner.post(f"/portfolio/demandes/{rid}/reponse", follow_redirects=False,
                            data={"csrf": csrf_of(learner, f"/portfolio/demandes/{rid}"),
                                  "reply": "Vingt personnes."})
    assert answered.status_code == 303, answered.text
    _send(world)
    [_, fr_answer] = server.to(NADIA)
    assert "a répondu" in fr_answer["Subject"]
    assert "«\u00a0Vingt personnes.\u00a0»" in _text(fr_answer)
    [_, en_answer] = server.to(JOHN)
    assert "answered" in en_answer["Subject"] and "“Vingt personnes.”" in _text(en_answer)
    # a witness endorses the request, then withdraws: the coordinators hear both
    asked = learner.post(f"/portfolio/demandes/{rid}/temoins", follow_redirects=False, data={
        "csrf": csrf_of(learner, f"/portfolio/demandes/{rid}"),
        "witness": "marie@example.org", "role": "habitant", "witness_lang": "fr"})
    assert asked.status_code == 303
    [ask] = [j for j in queue.territory_mail(world.app.store, T) if j.kind == "endorsement-ask"]
    witness = TestClient(world.client.app, raise_server_exceptions=False)
    assert witness.post(f"/temoignage/{ask.link_token}", follow_redirects=False, data={
        "comment": "Elle a tenu la cuisine.", "name": "Marie"}).status_code == 303
    assert witness.post(f"/temoignage/{ask.link_token}/retirer", follow_redirects=False
                        ).status_code == 303
    _send(world)
    subjects = [m["Subject"] for m in server.to(NADIA)[2:]]
    assert subjects == ["Un témoignage pour la demande de Léa Marchand",
                        "Un témoignage retiré\u00a0: demande de Léa Marchand"]
    assert [m["Subject"] for m in server.to(JOHN)] == [
        "Léa Marchand asks for the badge “Running a participatory workshop”",
        "Léa Marchand answered about “Running a participatory workshop”",
        "An endorsement for Léa Marchand's request",
        "An endorsement withdrawn: Léa Marchand's request"]
    assert [server.to(a) for a in (PENDING, GONE, ELSEWHERE)] == [[], [], []]
    # they hold Léa's name and words: her mail, in her export, gone with her erasure
    exported = export_learner(world.app.store, LEA, clock=world.app.clock)
    assert sum(m["kind"].startswith("request-staff-") for m in exported["mail"]) == 8
    erase_learner(world.app.store, world.app.keys, LEA, urls=world.app.urls,
                  clock=world.app.clock)
    assert not [j for j in queue.territory_mail(world.app.store, None)
                if j.kind.startswith("request-staff-")]


def test_the_witness_ask_mail_is_the_learners_in_her_export_gone_with_her_erasure(
        world: World, server: MailServer) -> None:
    """The mail asking a witness to endorse names the learner (and the badge): it is hers,
    sent or still waiting with its link's secret, and her erasure leaves none of it."""
    badge = asks.requestable(world.app.catalog(), "fr", asks.held_badges(world.app.store,
                                                                          LEA))[0]
    learner = session(world, "learner")
    sent = learner.post("/portfolio/demandes", follow_redirects=False, data={
        "csrf": csrf_of(learner, "/portfolio/demandes/nouvelle"), "badge": badge["id"],
        "reason": "J'ai animé trois ateliers cuisine."})
    assert sent.status_code == 303, sent.text
    rid = int(re.search(r"/portfolio/demandes/(\d+)", sent.headers["location"]).group(1))

    def ask(witness: str, lang: str) -> None:
        asked = learner.post(f"/portfolio/demandes/{rid}/temoins", follow_redirects=False,
                             data={"csrf": csrf_of(learner, f"/portfolio/demandes/{rid}"),
                                   "witness": witness, "role": "habitant",
                                   "witness_lang": lang})
        assert asked.status_code == 303, asked.text

    ask("marie@example.org", "fr")
    _send(world)  # Marie's mail goes out (being Léa's does not stop it), Paul's waits
    [to_marie] = server.to("marie@example.org")
    assert "Léa Marchand" in to_marie["Subject"] and "/temoignage/apw_" in _text(to_marie)
    ask("paul@example.org", "en")
    asks_queued = [j for j in queue.territory_mail(world.app.store, None)
                   if j.kind == "endorsement-ask"]
    assert sorted((j.recipient, j.status) for j in asks_queued) == [
        ("marie@example.org", "sent"), ("paul@example.org", "queued")]
    exported = export_learner(world.app.store, LEA, clock=world.app.clock)
    listed = sorted((m["recipient"], m["status"]) for m in exported["mail"]
                    if m["kind"] == "endorsement-ask")
    assert listed == [("marie@example.org", "sent"), ("paul@example.org", "queued")]
    assert "apw_" not in repr(exported["mail"])  # the link's secret is not in the export
    erase_learner(world.app.store, world.app.keys, LEA, urls=world.app.urls,
                  clock=world.app.clock)
    left = queue.territory_mail(world.app.store, None)
    assert not [j for j in left if j.kind == "endorsement-ask"]
    assert not [j for j in left if "Léa" in j.subject or "Marchand" in j.text_body]
