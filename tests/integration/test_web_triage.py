"""The coordinator's triage of unmapped activities in the browser's forms (TestClient): the
suggested type preselected only when there is one, an empty choice refused by name, a
confirmation page that changes nothing and says what will, the assignment followed at once
by the evaluation (the award appears), the group assignment, the undo, and who may do it
(the other territory's coordinator 403, the public 401, a forged form 403). SQLite and
PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apprenance.services.evaluation.evaluate import list_awards
from apprenance.services.ingest import triage
from apprenance.services.ingest.coordination import unmapped_in
from triage_world import OLGA_ODD, PLAIN, SUGGESTED, add_unmapped, browser, csrf_of
from web_world import LEA, World, build_world

BASE = "/territoires/val-de-serre/attente"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    built = build_world(tmp_path, db_url=db_url)
    add_unmapped(built)
    yield built
    built.app.close()


@pytest.fixture
def coordinator(world: World) -> TestClient:
    return browser(world)


def _select_after(html: str, activity: str) -> str:
    """The <select> of the form that carries ``activity``."""
    found = re.search(rf'name="activite" value="{activity}">.*?(<select.*?</select>)', html,
                      re.S)
    assert found, html[:2000]
    return found.group(1)


def _selected(select: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)" selected', select)


def _unmapped_ids(world: World) -> set[str]:
    groups = unmapped_in(world.app.store, world.app.catalog(), ["val-de-serre"])
    return {str(a["id"]) for g in groups for a in g["activities"]}


def _badges(world: World) -> set[str]:
    return {a["badge"] for a in list_awards(world.app.store, participant=LEA)}


def test_the_suggestion_is_preselected_only_when_there_is_one(coordinator: TestClient) -> None:
    page = coordinator.get(BASE)
    assert page.status_code == 200
    assert _selected(_select_after(page.text, SUGGESTED)) == ["mediation"]
    for ident in PLAIN:  # no suggestion: the empty "choose a type" option, never a default
        select = _select_after(page.text, ident)
        assert _selected(select) == [""] and "choisir un type" in select
        assert "required" in select
    group = re.search(r'name="groupe" value="atelier-mystere">.*?(<select.*?</select>)',
                      page.text, re.S)
    assert group and _selected(group.group(1)) == [""]
    assert OLGA_ODD not in page.text  # the other territory's activity is not listed


def test_an_empty_choice_is_refused_by_name_and_changes_nothing(
        world: World, coordinator: TestClient) -> None:
    refused = coordinator.get(f"{BASE}/confirmer", params={"activite": PLAIN[0], "type": ""})
    assert refused.status_code == 422
    assert 'id="triage-error"' in refused.text and "champ «\u00a0type\u00a0»" in refused.text
    posted = coordinator.post(f"{BASE}/classer", data={
        "csrf": csrf_of(refused.text), "activite": PLAIN[0], "type": ""})
    assert posted.status_code == 422 and "rien n'a été classé" in posted.text.replace(
        "&#39;", "'")
    old_route = coordinator.post(f"/territoires/val-de-serre/activites/{PLAIN[0]}/type",
                                 data={"csrf": csrf_of(refused.text), "type": ""})
    assert old_route.status_code == 422
    assert PLAIN[0] in _unmapped_ids(world)


def test_confirm_then_assign_awards_at_once_then_undo(world: World,
                                                     coordinator: TestClient) -> None:
    before = _badges(world)
    assert "mediation" not in before
    confirm = coordinator.get(f"{BASE}/confirmer",
                              params={"activite": SUGGESTED, "type": "mediation"})
    assert confirm.status_code == 200
    text = confirm.text
    assert "Une activité (10 h) comptera comme «\u00a0Médiation\u00a0»" in text
    assert "Apprendre à vivre ensemble\u00a0: <strong>+7 h</strong>" in text
    assert "Se nourrir\u00a0: <strong>+10 h</strong>" in text
    may = re.search(r'id="may-complete">(.*?)</ul>', text, re.S)
    assert may and "Médiation" in may.group(1) and LEA in may.group(1)
    assert SUGGESTED in _unmapped_ids(world) and _badges(world) == before  # nothing yet

    done = coordinator.post(f"{BASE}/classer", data={
        "csrf": csrf_of(text), "activite": SUGGESTED, "type": "mediation"})
    assert done.status_code == 200, done.text[:500]
    awarded = re.search(r'id="awarded">(.*?)</ul>', done.text, re.S)
    assert awarded and "Médiation" in awarded.group(1)
    assert "mediation" in _badges(world)  # evaluated at once, not "next time"
    assert SUGGESTED not in _unmapped_ids(world)
    listed = coordinator.get(BASE).text
    assert f"/activites/{SUGGESTED}/annuler" in listed  # the undo stays at hand

    undone = coordinator.post(f"/territoires/val-de-serre/activites/{SUGGESTED}/annuler",
                              data={"csrf": csrf_of(done.text)})
    assert undone.status_code == 200
    assert "de nouveau à classer" in undone.text
    withdrawn = re.search(r'id="withdrawn">(.*?)</section>', undone.text, re.S)
    assert withdrawn and "Médiation" in withdrawn.group(1)  # never issued: taken back
    assert 'id="kept"' not in undone.text
    assert SUGGESTED in _unmapped_ids(world) and _badges(world) == before
    again = coordinator.post(f"/territoires/val-de-serre/activites/{SUGGESTED}/annuler",
                             data={"csrf": csrf_of(done.text)})
    assert again.status_code == 400  # nothing to undo any more


def test_an_issued_award_stays_when_its_activity_is_undone(world: World,
                                                           coordinator: TestClient) -> None:
    page = coordinator.get(BASE)
    coordinator.post(f"{BASE}/classer", data={
        "csrf": csrf_of(page.text), "activite": SUGGESTED, "type": "mediation"})
    issued = coordinator.post("/territoires/val-de-serre/delivrer",
                              data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert issued.status_code == 303
    undone = coordinator.post(f"/territoires/val-de-serre/activites/{SUGGESTED}/annuler",
                              data={"csrf": csrf_of(page.text)})
    kept = re.search(r'id="kept">(.*?)</section>', undone.text, re.S)
    assert kept and "Médiation" in kept.group(1) and "déjà délivré" in kept.group(1)
    assert "mediation" in _badges(world)


def test_every_activity_of_one_unknown_type_at_once(world: World,
                                                    coordinator: TestClient) -> None:
    confirm = coordinator.get(f"{BASE}/confirmer",
                              params={"groupe": "atelier-mystere", "type": "animation"})
    assert confirm.status_code == 200
    assert "2 activités (3 h) compteront comme" in confirm.text
    hidden = re.findall(r'name="activite" value="([^"]+)"', confirm.text)
    assert sorted(hidden) == sorted(PLAIN)  # OLGA's, in the other territory, is not among them
    done = coordinator.post(f"{BASE}/classer", data={
        "csrf": csrf_of(confirm.text), "activite": list(PLAIN), "type": "animation"})
    assert done.status_code == 200 and "2 activités comptent maintenant" in done.text
    assert not set(PLAIN) & _unmapped_ids(world)
    assert len(triage.assigned_in(world.app.store, "val-de-serre")) == 2
    olga = unmapped_in(world.app.store, world.app.catalog(), ["autre"])
    assert [a["id"] for g in olga for a in g["activities"]] == [OLGA_ODD]


def test_english_pages(coordinator: TestClient) -> None:
    page = coordinator.get(BASE, params={"lang": "en"})
    assert "Activities to sort" in page.text and "choose a type" in page.text
    confirm = coordinator.get(f"{BASE}/confirmer", params={
        "activite": SUGGESTED, "type": "mediation", "lang": "en"})
    assert "One activity (10 h) will count as" in confirm.text
    assert "Learning to live together: <strong>+7 h</strong>" in confirm.text


def test_who_may_sort(world: World, coordinator: TestClient) -> None:
    public = TestClient(coordinator.app)
    assert public.get(BASE).status_code == 401
    assert public.get(f"{BASE}/confirmer", params={
        "activite": SUGGESTED, "type": "mediation"}).status_code == 401
    other = browser(world, "other_coordinator")
    assert other.get(BASE).status_code == 403
    other_page = other.get("/territoires/autre/attente")
    assert other_page.status_code == 200
    forged = other.post(f"{BASE}/classer", data={
        "csrf": csrf_of(other_page.text), "activite": SUGGESTED, "type": "mediation"})
    assert forged.status_code == 403
    # OLGA's activity through this territory's pages: refused, by URL or hidden field
    page = coordinator.get(BASE)
    assert coordinator.get(f"{BASE}/confirmer", params={
        "activite": OLGA_ODD, "type": "animation"}).status_code == 403
    assert coordinator.post(f"{BASE}/classer", data={
        "csrf": csrf_of(page.text), "activite": [PLAIN[0], OLGA_ODD],
        "type": "animation"}).status_code == 403
    assert coordinator.post(f"/territoires/autre/activites/{OLGA_ODD}/annuler",
                            data={"csrf": csrf_of(page.text)}).status_code == 403
    # a forged form (no or a wrong CSRF token) changes nothing
    for csrf in ("", "0" * 32):
        refused = coordinator.post(f"{BASE}/classer", data={
            "csrf": csrf, "activite": SUGGESTED, "type": "mediation"})
        assert refused.status_code in (403, 422)
    assert coordinator.post(f"{BASE}/classer", data={
        "csrf": "0" * 32, "activite": SUGGESTED, "type": "mediation"}).status_code == 403
    api = TestClient(coordinator.app).post(
        f"{BASE}/classer", headers=world.headers("coordinator"),
        data={"csrf": csrf_of(page.text), "activite": SUGGESTED, "type": "mediation"})
    assert api.status_code == 403  # page forms are for sessions, not API tokens
    assert SUGGESTED in _unmapped_ids(world) and set(PLAIN) <= _unmapped_ids(world)
    assert "mediation" not in _badges(world)
