"""Coordinators join by invitation: ``apprenance coordinator invite`` (or the admin's page)
gives a single-use sign-in link; spending it opens a session scoped to one territory, which
writes through forms with their CSRF token; withdrawing the invitation ends that session."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apprenance.clock import fixed_clock
from apprenance.errors import InputError, NotFound, Unauthenticated
from apprenance.services.people import invitations
from apprenance.web.app import create_app
from conftest import FIXED_NOW, CliResult
from web_world import World, build_world

LINK = re.compile(r"http://testserver(/connexion/apc_[A-Za-z0-9_-]+)")


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(tmp_path)


def _client(world: World) -> TestClient:
    return TestClient(create_app(world.app.settings, app=world.app))


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html[:500]
    return found.group(1)


def test_the_command_prints_a_link_that_opens_one_territory_once(
        world: World, cli: Callable[..., CliResult]) -> None:
    home = ["--home", str(world.app.home), "--public-url", "http://testserver"]
    said = cli(*home, "--lang", "fr", "coordinator", "invite", "Marie@Val.example.org",
               "--territory", "val-de-serre")
    assert said.code == 0, said.err
    assert "marie@val.example.org" in said.out and "usage unique" in said.out
    path = LINK.search(said.out)
    assert path, said.out
    browser = _client(world)
    page = browser.get(path.group(1))
    assert page.status_code == 200 and 'id="signin-go"' in page.text  # a button, not a GET
    opened = browser.post(path.group(1), follow_redirects=False)
    assert (opened.status_code, opened.headers["location"]) == (303,
                                                                "/territoires/val-de-serre")
    assert browser.get("/territoires/val-de-serre").status_code == 200
    assert browser.get("/territoires/autre").status_code == 403
    assert browser.get("/admin/coordinateurs").status_code == 403
    again = _client(world).post(path.group(1), follow_redirects=False)
    assert again.status_code == 401  # single use
    listed = cli(*home, "coordinator", "list", "--json").json()
    [inv] = listed["invitations"]
    assert (inv["email"], inv["territory"], inv["state"]) == (
        "marie@val.example.org", "val-de-serre", "used")


def test_the_command_speaks_english_and_refuses_what_cannot_be(
        world: World, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())
    home = ["--home", str(world.app.home)]
    said = cli(*home, "--lang", "en", "coordinator", "invite", "marie@val.example.org",
               "--territory", "val-de-serre", "--days", "2")
    assert said.code == 0
    assert "single-use sign-in link, valid until 17\u00a0September 2026" in said.out
    unknown = cli(*home, "coordinator", "invite", "marie@val.example.org",
                  "--territory", "nowhere")
    assert unknown.code == 2 and "nowhere" in unknown.err and "Traceback" not in unknown.err
    bad = cli(*home, "coordinator", "invite", "not an address", "--territory", "val-de-serre")
    assert bad.code == 2 and "e-mail" in bad.err


def test_an_invitation_expires_and_a_withdrawn_one_ends_its_session(world: World) -> None:
    store = world.app.store
    late = invitations.invite(store, "late@x.org", "val-de-serre", clock=world.app.clock,
                              ttl=timedelta(days=1))
    with pytest.raises(Unauthenticated):
        invitations.accept(store, late.token, clock=fixed_clock(FIXED_NOW + timedelta(days=2)))
    assert invitations.invitations(
        store, clock=fixed_clock(FIXED_NOW + timedelta(days=2)))[0].state == "expired"
    new = invitations.invite(store, "marie@x.org", "val-de-serre", clock=world.app.clock,
                             lang="en")
    browser = _client(world)
    browser.post(f"/connexion/{new.token}")
    assert browser.cookies.get("apprenance_lang") == "en"  # the admin chose English
    page = browser.get("/territoires/val-de-serre")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    invitations.withdraw(store, new.invitation.id, clock=world.app.clock)
    assert browser.get("/territoires/val-de-serre").status_code == 401
    with pytest.raises(NotFound):
        invitations.withdraw(store, new.invitation.id, clock=world.app.clock,
                             territories=["autre"])
    with pytest.raises(InputError):
        invitations.invite(store, "a@b", "val-de-serre", clock=world.app.clock)


def test_an_admin_invites_from_the_browser_and_a_forged_form_is_refused(world: World) -> None:
    admin = _client(world)
    assert admin.post("/connexion", data={"token": world.tokens["admin"]},
                      follow_redirects=False).status_code == 303
    page = admin.get("/admin/coordinateurs")
    assert page.status_code == 200 and "Inviter" in page.text
    assert 'for="email"' in page.text and 'for="territory"' in page.text
    forged = admin.post("/admin/coordinateurs", data={
        "csrf": "0" * 32, "email": "paul@x.org", "territory": "val-de-serre"})
    assert forged.status_code == 403
    made = admin.post("/admin/coordinateurs", data={
        "csrf": _csrf(page.text), "email": "paul@x.org", "territory": "autre", "lang": ""})
    assert made.status_code == 201
    link = LINK.search(made.text)
    assert link and "paul@x.org" in made.text
    coordinator = _client(world)
    assert coordinator.post(link.group(1), follow_redirects=False).headers["location"] == \
        "/territoires/autre"
    listed = admin.get("/admin/coordinateurs")
    assert "utilisée" in listed.text and link.group(1) not in listed.text  # shown once
    [inv] = invitations.invitations(world.app.store, clock=world.app.clock)
    gone = admin.post(f"/admin/coordinateurs/{inv.id}/retirer",
                      data={"csrf": _csrf(listed.text)}, follow_redirects=False)
    assert gone.status_code == 303
    assert coordinator.get("/territoires/autre").status_code == 401
