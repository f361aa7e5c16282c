"""Open recognition through the web app (issue 18), on SQLite and PostgreSQL: a learner asks
for a badge with evidence (words, a link, a PNG), a witness endorses it through the link
their mail carries, the coordinator asks for more, the learner answers, the coordinator
accepts: the badge is issued with the learner's evidence and the witness's endorsement
inside; the witness then withdraws. Refusals name their field; nobody reaches another's
request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apprenance.credentials.images.badge_png import placeholder_png
from apprenance.services.issuing.issue import credentials_of, get_credential
from apprenance.services.mail import queue as mail_queue
from apprenance.services.recognition import requests as asks
from logs_world import csrf_of, session
from web_world import LEA, World, build_world

PNG = placeholder_png()
T = "val-de-serre"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> World:
    return build_world(tmp_path, db_url=db_url)


def _badge(world: World) -> str:
    held = asks.held_badges(world.app.store, LEA)
    return asks.requestable(world.app.catalog(), "fr", held)[0]["id"]


def _request(learner: TestClient, badge: str, **extra: Any) -> Any:
    csrf = csrf_of(learner, "/portfolio/demandes/nouvelle")
    data = {"csrf": csrf, "badge": badge, "reason": "J'ai animé trois ateliers cuisine.",
            "text": "Le 12 mars, 20 personnes.", "link": "https://example.org/photos",
            **extra}
    return learner.post("/portfolio/demandes", data=data, follow_redirects=False,
                        files=[("files", ("atelier.png", PNG, "image/png"))])


def _jobs(world: World, kind: str) -> list[Any]:
    return [j for j in mail_queue.territory_mail(world.app.store, None) if j.kind == kind]


def test_request_endorse_more_answer_accept_then_withdraw(world: World) -> None:
    badge = _badge(world)
    learner = session(world, "learner")
    sent = _request(learner, badge)
    assert sent.status_code == 303, sent.text
    rid = int(re.search(r"/portfolio/demandes/(\d+)", sent.headers["location"]).group(1))
    page = learner.get(f"/portfolio/demandes/{rid}")
    assert 'data-status="submitted"' in page.text and "atelier.png" in page.text
    listed = learner.get("/portfolio/demandes?lang=en")
    assert f'data-request="{rid}" data-status="submitted"' in listed.text
    assert "Waiting for the coordinator" in listed.text
    # the learner asks a resident; the mail holds the link's secret, the store only its hash
    csrf = csrf_of(learner, f"/portfolio/demandes/{rid}")
    asked = learner.post(f"/portfolio/demandes/{rid}/temoins", follow_redirects=False,
                         data={"csrf": csrf, "witness": "Marie.Habitante@example.org",
                               "role": "habitant", "witness_lang": "en"})
    assert asked.status_code == 303, asked.text
    [ask] = _jobs(world, "endorsement-ask")
    assert ask.lang == "en" and "asks you for an endorsement" in ask.subject
    token = ask.link_token
    assert token and token.startswith("apw_")
    witness = TestClient(world.client.app, raise_server_exceptions=False)
    opened = witness.get(f"/temoignage/{token}?lang=en")
    assert opened.status_code == 200 and "Endorse" in opened.text
    # without a choice of theirs, the page speaks the language they were asked in
    as_mailed = witness.get(f"/temoignage/{token}", headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in as_mailed.text
    chosen = witness.get(f"/temoignage/{token}?lang=fr", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in chosen.text
    assert witness.post(f"/temoignage/{token}", data={"comment": ""}).status_code == 400
    done = witness.post(f"/temoignage/{token}", follow_redirects=False,
                        data={"comment": "She ran the kitchen workshop.", "name": "Marie"})
    assert done.status_code == 303
    assert witness.get(f"/temoignage/wrong{token[5:]}").status_code == 404
    # the coordinator asks for more: a question is required
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, f"/territoires/{T}/demandes")
    path = f"/territoires/{T}/demandes/{rid}/decision"
    assert coord.post(path, data={"csrf": csrf, "action": "more"}).status_code == 400
    more = coord.post(path, data={"csrf": csrf, "action": "more", "comment": "Combien ?"},
                      follow_redirects=False)
    assert more.status_code == 303
    [mail] = _jobs(world, "request-more")
    assert mail.recipient == LEA and "Combien ?" in mail.text_body
    assert coord.post(path, data={"csrf": csrf, "action": "accept"}).status_code == 409
    # the learner answers, with one more link
    csrf = csrf_of(learner, f"/portfolio/demandes/{rid}")
    answered = learner.post(f"/portfolio/demandes/{rid}/reponse", follow_redirects=False,
                            data={"csrf": csrf, "reply": "Vingt personnes.",
                                  "link": "https://example.org/liste"})
    assert answered.status_code == 303, answered.text
    accepted = coord.post(path, data={"csrf": csrf_of(coord, f"/territoires/{T}/demandes"),
                                      "action": "accept", "comment": "Bravo"},
                          follow_redirects=False)
    assert accepted.status_code == 303, accepted.text
    issued = [c for c in credentials_of(world.app.store, LEA)
              if c["format"] == "ob3" and c["badge"] == badge]
    assert len(issued) == 1
    doc = get_credential(world.app.store, issued[0]["id"])["document"]
    mine = [e for e in doc["evidence"] if e["name"] == "Preuve apportée par l'apprenant"]
    assert mine and mine[0]["id"] == "https://example.org/photos"
    assert mine[0]["description"] == "J'ai animé trois ateliers cuisine."
    assert any("atelier.png" in e["narrative"] for e in doc["evidence"])
    assert any(e["id"] == "https://example.org/liste" for e in doc["evidence"])
    [endorsement] = doc["endorsement"]
    said = endorsement["credentialSubject"]["endorsementComment"]
    assert "Marie" in said and "She ran the kitchen workshop." in said
    assert "habitante@" not in str(endorsement).lower()  # never the witness's address
    assert _jobs(world, "request-accepted") and _jobs(world, "badge-issued")
    # its page says what the request brought, not "0 h" of activities
    uid = issued[0]["id"].removeprefix("urn:uuid:")
    shown = learner.get(f"/credentials/{uid}?lang=en").text
    assert 'data-born="request"' in shown and "<strong>0 h</strong>" not in shown
    assert "reviewed and accepted by the coordinator" in shown
    assert re.search(r"<strong>1</strong>account by the learner", shown)
    assert re.search(r"<strong>2</strong>links given", shown)
    assert re.search(r"<strong>1</strong>file attached", shown)
    assert 'data-status="accepted"' in learner.get(f"/portfolio/demandes/{rid}").text
    # the witness withdraws through the same link
    assert witness.post(f"/temoignage/{token}/retirer", follow_redirects=False
                        ).status_code == 303
    assert 'data-witness-status="withdrawn"' in learner.get(f"/portfolio/demandes/{rid}").text


def test_refusals_name_the_field_and_keep_nothing(world: World) -> None:
    badge = _badge(world)
    learner = session(world, "learner")
    no_reason = _request(learner, badge, reason="  ")
    assert no_reason.status_code == 400 and "Dites pourquoi" in no_reason.text
    bad_link = _request(learner, badge, link="javascript:alert(1)")
    assert bad_link.status_code == 400 and "http://" in bad_link.text
    csrf = csrf_of(learner, "/portfolio/demandes/nouvelle")
    fake = learner.post("/portfolio/demandes", data={"csrf": csrf, "badge": badge,
                                                     "reason": "x"},
                        files=[("files", ("fake.png", PNG[:30], "image/png"))])
    assert fake.status_code == 400 and "fake.png" in fake.text
    assert asks.requests_of(world.app.store, LEA) == []
    assert _request(learner, "no-such-badge").status_code == 400


def test_nobody_reaches_another_learners_request(world: World) -> None:
    learner = session(world, "learner")
    sent = _request(learner, _badge(world))
    rid = int(re.search(r"/portfolio/demandes/(\d+)", sent.headers["location"]).group(1))
    other = session(world, "other_learner")
    assert other.get(f"/portfolio/demandes/{rid}").status_code == 404
    assert other.get(f"/portfolio/demandes/{rid}/fichiers/1").status_code == 404
    assert learner.get(f"/portfolio/demandes/{rid}/fichiers/1").status_code == 200
    elsewhere = session(world, "other_coordinator")
    assert elsewhere.get(f"/territoires/{T}/demandes").status_code == 403
    forged = elsewhere.post(f"/territoires/autre/demandes/{rid}/temoins", data={
        "csrf": csrf_of(elsewhere, "/territoires/autre/demandes"), "witness": "w@example.org"})
    assert forged.status_code == 404  # not a request of their territory
    coord = session(world, "coordinator")
    asked = coord.post(f"/territoires/{T}/demandes/{rid}/temoins", follow_redirects=False,
                       data={"csrf": csrf_of(coord, f"/territoires/{T}/demandes"),
                             "witness": "elu@mairie.example.org", "role": "elu"})
    assert asked.status_code == 303
    assert [j.recipient for j in _jobs(world, "endorsement-ask")] == ["elu@mairie.example.org"]
    assert elsewhere.get("/territoires/autre/demandes").status_code == 200
    assert f"demande-{rid}" not in elsewhere.get("/territoires/autre/demandes").text


def test_erasure_clears_the_requests_words_files_and_witness_links(world: World) -> None:
    from apprenance.services.privacy.report import erase_learner
    from apprenance.services.recognition import witnesses

    learner = session(world, "learner")
    sent = _request(learner, _badge(world))
    rid = int(re.search(r"/portfolio/demandes/(\d+)", sent.headers["location"]).group(1))
    app = world.app
    witnesses.ask(app.store, app.catalog(), LEA, witness="marie@example.org",
                  role="habitant", lang="fr", request_id=rid, by=LEA, urls=app.urls,
                  clock=app.clock)
    [ask] = _jobs(world, "endorsement-ask")
    erase_learner(app.store, app.keys, LEA, urls=app.urls, clock=app.clock)
    witness = TestClient(world.client.app, raise_server_exceptions=False)
    assert witness.get(f"/temoignage/{ask.link_token}").status_code == 404
    coord = session(world, "coordinator")
    page = coord.get(f"/territoires/{T}/demandes").text
    assert "ateliers cuisine" not in page and "atelier.png" not in page
    assert coord.get(f"/territoires/{T}/demandes/{rid}/fichiers/1").status_code == 404


def test_an_issued_badge_endorsed_on_its_own_then_withdrawn(world: World) -> None:
    issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                               json={"learners": [LEA]})
    assert issued.status_code == 200
    cid = next(c["id"] for c in credentials_of(world.app.store, LEA) if c["format"] == "ob3")
    uid = cid.removeprefix("urn:uuid:")
    learner = session(world, "learner")
    csrf = csrf_of(learner, f"/credentials/{uid}")
    asked = learner.post(f"/credentials/{uid}/temoins", follow_redirects=False,
                         data={"csrf": csrf, "witness": "elu@mairie.example.org", "role": "elu"})
    assert asked.status_code == 303, asked.text
    other = session(world, "other_learner")
    refused = other.post(f"/credentials/{uid}/temoins", data={
        "csrf": csrf_of(other, "/portfolio/demandes"), "witness": "x@example.org"})
    assert refused.status_code == 404
    [ask] = _jobs(world, "endorsement-ask")
    witness = TestClient(world.client.app, raise_server_exceptions=False)
    done = witness.post(f"/temoignage/{ask.link_token}", follow_redirects=False,
                        data={"comment": "Il a présenté le projet au conseil municipal.",
                              "name": "Paul, maire"})
    assert done.status_code == 303
    standalone = [c for c in credentials_of(world.app.store, LEA)
                  if c["format"] == "endorsement" and not c["revoked"]]
    docs = [get_credential(world.app.store, c["id"])["document"] for c in standalone]
    mine = [d for d in docs if d["credentialSubject"]["id"] == cid
            and "conseil municipal" in d["credentialSubject"]["endorsementComment"]]
    assert len(mine) == 1 and "proof" in mine[0]
    page = witness.get(f"/credentials/{uid}").text
    assert "Paul, maire" in page and "conseil municipal" in page
    assert witness.post(f"/temoignage/{ask.link_token}/retirer").status_code == 200
    revoked = get_credential(world.app.store, mine[0]["id"])
    assert revoked["revoked"]
    assert 'data-witness-status="withdrawn"' in witness.get(f"/credentials/{uid}").text


def test_a_declared_badge_is_issued_on_the_learners_word_and_says_so(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from apprenance.services.evaluation.evaluate import evaluate

    base = world.app.catalog()
    template = next(b for b in base.badges.values() if b.credits.get("ects")) \
        if any(b.credits.get("ects") for b in base.badges.values()) else base.badges["mediation"]
    declared = dataclasses.replace(template, id="engagement-declare", kind="declared",
                                   credits={}, rule=base.badges["mediation"].rule)
    catalog = dataclasses.replace(base, badges={**base.badges, declared.id: declared})
    monkeypatch.setattr(world.app, "catalog", lambda: catalog)
    learner = session(world, "learner")
    form = learner.get("/portfolio/demandes/nouvelle").text
    assert 'id="declared-help"' in form
    sent = _request(learner, declared.id)
    assert sent.status_code == 303, sent.text
    rid = int(re.search(r"/portfolio/demandes/(\d+)", sent.headers["location"]).group(1))
    assert 'data-status="accepted"' in learner.get(f"/portfolio/demandes/{rid}").text
    [issued] = [c for c in credentials_of(world.app.store, LEA) if c["badge"] == declared.id]
    doc = get_credential(world.app.store, issued["id"])["document"]
    subject = doc["credentialSubject"]
    assert subject["achievement"]["achievementType"] == "ext:SelfDeclared"
    assert "Badge déclaratif" in doc["description"] and "creditsEarned" not in subject
    page = learner.get(f"/credentials/{issued['id'].removeprefix('urn:uuid:')}").text
    assert "Badge déclaratif" in page
    assert 'data-born="declared"' in page and "<strong>0 h</strong>" not in page
    assert "sur la seule déclaration de l&#39;apprenant, sans heure" in page
    # the rules never award it: only the learner's declaration does
    report = evaluate(world.app.store, catalog, clock=world.app.clock, everyone=True)
    assert all(a.badge != declared.id for a in report.awards)
