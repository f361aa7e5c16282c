"""Awards review in the browser's forms (TestClient, SQLite and PostgreSQL): the coordinator
sees each pending award with the evidence that met each criterion, issues a selection (only
those are issued), holds one back with a reason (issued neither by the page, nor the API, nor
`apprenance issue`, which say how many were held), releases it; scoping, CSRF, and a hold
without a reason refused."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from apprenance.db import issuing_sql
from apprenance.db import learner_records_sql as records
from apprenance.db.issuing_tables import award_holds
from apprenance.errors import Conflict
from apprenance.services.issuing import review
from apprenance.services.issuing.issue import credentials_of, issue_award
from apprenance.services.privacy.report import erase_learner, export_learner
from apprenance.web.app import create_app
from web_world import LEA, World, build_world

PAGE = "/territoires/val-de-serre/badges"


def _session(world: World, role: str = "coordinator") -> tuple[TestClient, str]:
    """A browser signed in with ``role``'s API token, and its CSRF token."""
    client = TestClient(create_app(world.app.settings, app=world.app),
                        raise_server_exceptions=False)
    assert client.post("/connexion", data={"token": world.tokens[role]},
                       follow_redirects=False).status_code == 303
    home = client.get("/")
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', _plain(home))
    assert found, _plain(home)[:300]
    return client, found.group(1)


def _plain(response: Any) -> str:
    """The page's text with its no-break spaces (French typography, dates) as spaces."""
    return str(response.text).replace("\u00a0", " ")


def _awards(html: str) -> dict[str, int]:
    """badge title -> award id, of the awards waiting on the page."""
    return {title: int(award) for award, title in re.findall(
        r'<li class="award" id="award-(\d+)">\s*<h3>([^<]+)</h3>', html)}


def _held(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<li class="award held" id="award-(\d+)">', html)]


def _ob3_badges(world: World) -> list[str]:
    return sorted(c["badge"] for c in credentials_of(world.app.store, LEA)
                  if c["format"] == "ob3")


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> World:
    return build_world(tmp_path, db_url=db_url)


FAIRE = "Apprendre à faire — niveau 1 : premiers pas"
VIVRE = "Apprendre à vivre ensemble — niveau 1 : premiers pas"


def test_each_criterion_with_its_evidence_in_both_languages(world: World) -> None:
    client, _ = _session(world)
    page = client.get(PAGE)
    assert page.status_code == 200
    html = _plain(page)
    assert set(_awards(html)) == {FAIRE, VIVRE}
    assert html.count("<h1>") == 1 and "Léa Marchand" in html
    assert "critères remplis le 22 mars 2026" in html  # awards.awarded_on
    assert "9,8 h sur 8 h en Apprendre à faire" in html  # the i18n/progress.py sentence
    assert "9,8 h comptées (sur 18 h d&#39;activité) · 3 activités · projet : Légumerie " \
           "partagée et cantines en circuit court · 3 attestées" in html
    assert "Voir les 3 activités" in html and "Atelier cuisine" in html
    assert '<span class="state">rempli</span>' in html
    english = _plain(client.get(f"/langue?lang=en&next={PAGE}"))
    assert '<html lang="en">' in english
    assert "9.8 h counted (of 18 h of activity) · 3 activities" in english
    assert "criteria met on" in english and "See the 4 activities" in english
    assert "Tout délivrer" not in english and "Issue all (2)" in english


def test_issue_a_selection_issues_only_those(world: World) -> None:
    client, csrf = _session(world)
    ids = _awards(_plain(client.get(PAGE)))
    done = client.post(f"{PAGE}/delivrer", data={"csrf": csrf, "action": "selected",
                                                 "award": [str(ids[FAIRE])]})
    assert done.status_code == 200, _plain(done)[:500]
    assert "1 badge délivré." in _plain(done)
    assert _ob3_badges(world) == ["faire-1"]
    uid = re.search(r'href="/api/v1/credentials/([0-9a-f-]+)/json"', _plain(done))
    assert uid and client.get(f"/api/v1/credentials/{uid.group(1)}/json").status_code == 200
    assert f'href="/apprenants/{LEA}"' in _plain(done)
    assert set(_awards(_plain(done))) == {VIVRE}  # what is left to issue
    again = client.post(f"{PAGE}/delivrer", data={"csrf": csrf, "action": "selected",
                                                  "award": [str(ids[FAIRE])]})
    assert again.status_code == 200 and "Aucun badge délivré." in _plain(again)  # sent twice
    none = client.post(f"{PAGE}/delivrer", data={"csrf": csrf, "action": "selected"})
    assert none.status_code == 400 and "Cochez au moins un badge" in _plain(none)
    assert _ob3_badges(world) == ["faire-1"]


def test_a_held_award_is_issued_by_nobody_until_released(
        world: World, cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    client, csrf = _session(world)
    ids = _awards(_plain(client.get(PAGE)))
    held = client.post(f"{PAGE}/{ids[FAIRE]}/retenir", follow_redirects=False,
                       data={"csrf": csrf, "reason": "  attestation à vérifier  "})
    assert held.status_code == 303
    page = _plain(client.get(held.headers["location"]))
    assert "Badge retenu" in page and _held(page) == [ids[FAIRE]]
    assert "Raison : attestation à vérifier</p>" in page
    assert client.post(f"{PAGE}/{ids[FAIRE]}/retenir",
                       data={"csrf": csrf, "reason": "twice"}).status_code == 409
    with pytest.raises(Conflict, match="held back"):
        issue_award(world.app.store, world.app.catalog(), world.app.keys, ids[FAIRE],
                    urls=world.app.urls, clock=world.app.clock)

    # the command line (same store) skips it and says so, in words and in --json
    monkeypatch.setenv("APPRENANCE_PUBLIC_URL", "http://testserver")
    if world.app.settings.database_url:
        monkeypatch.setenv("APPRENANCE_DATABASE_URL", world.app.settings.database_url)
    home = world.app.home
    first = cli("--home", home, "issue", "--out", tmp_path / "out", "--badge", "faire-1")
    assert first.code == 0, first.err
    assert "1 award held back by a coordinator was not issued" in first.out
    listed = cli("--home", home, "issue", "--out", tmp_path / "out", "--badge", "faire-1",
                 "--json")
    assert listed.json()["held"] == 1 and listed.json()["issued"] == 0
    # the API and the page's "issue all" skip it too
    api = world.client.post("/api/v1/credentials/issue", headers=world.headers("coordinator"),
                            json={"learners": [LEA]}).json()
    assert api["held"] == 1 and [c["badge"] for c in api["credentials"]] == ["vivre-ensemble-1"]
    bulk = client.post("/territoires/val-de-serre/delivrer", data={"csrf": csrf})
    assert bulk.status_code == 200 and "Retenus, non délivrés : 1." in _plain(bulk)
    every = client.post(f"{PAGE}/delivrer", data={"csrf": csrf, "action": "all"})
    assert every.status_code == 200 and "1 badge retenu n&#39;a pas été délivré." in _plain(every)
    chosen = client.post(f"{PAGE}/delivrer", data={"csrf": csrf, "action": "selected",
                                                   "award": [str(ids[FAIRE])]})
    assert "Aucun badge délivré." in _plain(chosen) and "1 badge retenu" in _plain(chosen)
    assert _ob3_badges(world) == ["vivre-ensemble-1"]

    released = client.post(f"{PAGE}/{ids[FAIRE]}/liberer", data={"csrf": csrf},
                           follow_redirects=False)
    assert released.status_code == 303
    page = _plain(client.get(released.headers["location"]))
    assert "Badge libéré" in page and _held(page) == [] and set(_awards(page)) == {FAIRE}
    assert client.post(f"{PAGE}/{ids[FAIRE]}/liberer", data={"csrf": csrf}).status_code == 409
    after = cli("--home", home, "issue", "--out", tmp_path / "out", "--json")
    assert after.code == 0 and after.json()["issued"] == 1 and after.json()["held"] == 0
    assert _ob3_badges(world) == ["faire-1", "vivre-ensemble-1"]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_hold_without_a_reason_is_refused(world: World, reason: str | None) -> None:
    client, csrf = _session(world)
    award = _awards(_plain(client.get(PAGE)))[FAIRE]
    data = {"csrf": csrf} if reason is None else {"csrf": csrf, "reason": reason}
    refused = client.post(f"{PAGE}/{award}/retenir", data=data)
    assert refused.status_code == 400
    assert "Écrivez la raison pour laquelle vous retenez ce badge." in _plain(refused)
    assert f'id="reason-{award}"' in _plain(refused) and 'aria-invalid="true"' in _plain(refused)
    assert _held(_plain(refused)) == [] and set(_awards(_plain(refused))) == {FAIRE, VIVRE}
    long = client.post(f"{PAGE}/{award}/retenir", data={"csrf": csrf, "reason": "x" * 501})
    assert long.status_code == 400 and "au plus 500 caractères" in _plain(long)


def test_scoping_and_forged_forms(world: World) -> None:
    client, csrf = _session(world)
    award = _awards(_plain(client.get(PAGE)))[FAIRE]
    public = TestClient(create_app(world.app.settings, app=world.app),
                        raise_server_exceptions=False)
    assert public.get(PAGE).status_code == 401
    other, other_csrf = _session(world, "other_coordinator")
    assert other.get(PAGE).status_code == 403
    assert other.get("/territoires/autre/badges").status_code == 200
    for path in (f"{PAGE}/{award}/retenir", f"{PAGE}/{award}/liberer", f"{PAGE}/delivrer"):
        assert other.post(path, data={"csrf": other_csrf, "reason": "x", "action": "all"}
                          ).status_code == 403, path
    # an award of val-de-serre named under the other territory: not found there
    assert other.post(f"/territoires/autre/badges/{award}/retenir",
                      data={"csrf": other_csrf, "reason": "x"}).status_code == 404
    assert other.post("/territoires/autre/badges/delivrer",
                      data={"csrf": other_csrf, "award": [str(award)]}).status_code == 404
    admin, _ = _session(world, "admin")  # the admin may, on every territory
    assert admin.get(PAGE).status_code == 200
    # forged or missing CSRF tokens: refused, nothing done
    for data in ({"csrf": "0" * 32, "reason": "x"}, {"csrf": "forged", "action": "all"}):
        assert client.post(f"{PAGE}/{award}/retenir", data=data).status_code == 403
        assert client.post(f"{PAGE}/delivrer", data=data).status_code == 403
    assert client.post(f"{PAGE}/{award}/retenir", data={"reason": "x"}).status_code == 422
    api = world.client.post(f"{PAGE}/{award}/retenir", headers=world.headers("coordinator"),
                            data={"csrf": csrf, "reason": "x"})
    assert api.status_code == 403  # an API token does not carry the session's form
    page = _plain(client.get(PAGE))
    assert _held(page) == [] and _ob3_badges(world) == []


def test_an_export_shows_the_holds_an_erasure_blanks_their_reasons(world: World) -> None:
    client, csrf = _session(world)
    award = _awards(_plain(client.get(PAGE)))[FAIRE]
    client.post(f"{PAGE}/{award}/retenir", data={"csrf": csrf, "reason": "Léa doit signer"})
    exported = export_learner(world.app.store, LEA, clock=world.app.clock)
    assert [(h["award"], h["reason"], h["released_at"]) for h in exported["award_holds"]] \
        == [(award, "Léa doit signer", None)]  # what is held about her is hers to see
    report = erase_learner(world.app.store, world.app.keys, LEA, urls=world.app.urls,
                           clock=world.app.clock)
    assert report.to_dict()["hold_reasons_cleared"] == 1
    with world.app.store.transaction() as conn:
        rows = conn.execute(select(award_holds.c.reason, award_holds.c.released_at)
                            .where(award_holds.c.award_id == award)).all()
    assert [tuple(r) for r in rows] == [("", None)]  # still held, the reason gone
    page = _plain(client.get(PAGE))
    assert "Léa doit signer" not in page and "Léa Marchand" not in page


def test_a_hold_waits_for_an_issuing_run_that_claimed_the_award(world: World) -> None:
    """PostgreSQL: a hold sent while an issuing run holds the award (claimed, FOR UPDATE)
    waits for it, then finds it issued (409) rather than holding an issued award."""
    if world.app.store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writers take turns: nothing runs at the same time")
    store = world.app.store
    client, _ = _session(world)
    award = _awards(_plain(client.get(PAGE)))[FAIRE]
    outcome: list[BaseException | str] = []

    def hold_it() -> None:
        try:
            outcome.append(review.hold(store, "val-de-serre", award, "trop tard", by="test",
                                       clock=world.app.clock))
        except BaseException as exc:
            outcome.append(exc)

    with store.transaction() as run:  # what an issuing run does with its chunk
        claimed = records.awards_to_issue(run, learner=None, badge=None, award=award,
                                          limit=1, claim=True)
        assert [c.id for c in claimed] == [award]
        waiting = threading.Thread(target=hold_it)
        waiting.start()
        with store.engine.connect() as watch:  # until the hold waits on the award's lock
            for _ in range(2000):
                locked = watch.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query LIKE '%awards%'")).scalar_one()
                if locked or outcome:
                    break
                watch.rollback()
                threading.Event().wait(0.01)
        assert not outcome, "the hold did not wait for the issuing run"
        assert issuing_sql.mark_award_issued(run, award, world.app.clock())
    waiting.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], Conflict), outcome
    assert "already issued" in str(outcome[0])
