"""RGAA / WCAG 2.1 AA basics on every page a person opens, in a real Chromium: axe-core finds
no serious or critical violation, every control is at least 44 px tall, nothing scrolls
sideways on a phone — in French and in English, at 1280 and 390 px.

The pages are read from the application's routes (every GET route answering HTML): a new page
without an entry in ``PAGES`` fails ``test_every_page_is_audited``."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.routing import iter_route_contexts
from playwright.sync_api import Browser, Page

from accessibility import AXE, axe_violations, overflows, small_targets
from apprenance.services.credential_page import set_public
from apprenance.services.people import access, invitations
from apprenance.web.app import create_app
from browser_site import chromium, loopback, loopback_world, require_chromium, serve_thread, sign_in
from conftest import REPO
from triage_world import SUGGESTED, add_unmapped
from web_world import LEA, World

ARTIFACTS = REPO / "test-artifacts" / "accessibility"
pytestmark = [pytest.mark.slow, pytest.mark.minutes]

# path template -> (who opens it, the concrete path; {SHARE} {SIGNIN} {INVITE} from the world)
PAGES: dict[str, tuple[str, str]] = {
    "/": ("public", "/"),
    "/connexion": ("public", "/connexion"),
    "/connexion/{token}": ("public", "/connexion/{SIGNIN}"),
    "/verify": ("public", "/verify"),
    "/verifier": ("public", "/verifier"),
    "/p/{token}": ("public", "/p/{SHARE}"),
    "/portfolio": ("learner", "/portfolio"),
    "/apprenants/{learner}": ("coordinator", f"/apprenants/{LEA}"),
    "/territoires/{territory}": ("coordinator", "/territoires/val-de-serre"),
    "/territoires/{territory}/attente": ("coordinator", "/territoires/val-de-serre/attente"),
    "/territoires/{territory}/journaux": ("coordinator", "/territoires/val-de-serre/journaux"),
    "/territoires/{territory}/rejets": ("coordinator", "/territoires/val-de-serre/rejets"),
    "/territoires/{territory}/attente/confirmer": (
        "coordinator", f"/territoires/val-de-serre/attente/confirmer?activite={SUGGESTED}"
                       "&type=mediation"),
    "/territoires/{territory}/badges": ("coordinator", "/territoires/val-de-serre/badges"),
    "/admin/coordinateurs": ("admin", "/admin/coordinateurs"),
    "/territoires/{territory}/description": ("coordinator",
                                             "/territoires/val-de-serre/description"),
    "/admin/territoires/nouveau": ("admin", "/admin/territoires/nouveau"),
    "/territoires/{territory}/sorties": ("coordinator", "/territoires/val-de-serre/sorties"),
    "/territoires/{territory}/courriels": ("coordinator",
                                           "/territoires/val-de-serre/courriels"),
    "/territoires/{territory}/certificats/{job}": (
        "coordinator", "/territoires/val-de-serre/certificats/{JOB}"),
    "/apprenants/{learner}/titres/{credential}/revoquer": (
        "coordinator", f"/apprenants/{LEA}/titres/{{CID}}/revoquer"),
    "/credentials/{credential}": ("public", "/credentials/{CID}"),
    "/credentials/{credential}/portefeuille": ("learner", "/credentials/{CID}/portefeuille"),
    # open recognition (issue 18): a request under review, endorsed by a witness
    "/portfolio/demandes": ("learner", "/portfolio/demandes"),
    "/portfolio/demandes/nouvelle": ("learner", "/portfolio/demandes/nouvelle"),
    "/portfolio/demandes/{request_id}": ("learner", "/portfolio/demandes/{REQUEST}"),
    "/territoires/{territory}/demandes": ("coordinator", "/territoires/val-de-serre/demandes"),
    "/temoignage/{token}": ("public", "/temoignage/{WITNESS}"),
    "/portfolio/journal": ("learner", "/portfolio/journal"),
    "/territoires/{territory}/journal": ("coordinator", "/territoires/val-de-serre/journal"),
}
EXTRA = [  # pages that are not a GET route of their own: an error page; the same page as
    ("learner", "/credentials/{CID}"),  # its owner sees it (switch, LinkedIn, downloads)
    ("public", "/credentials/{PUBLIC_CID}"),  # a public one: name, evidence, share links
    ("learner", "/credentials/{PUBLIC_CID}"),
    ("coordinator", "/territoires/autre"),
]


def html_pages(api: FastAPI) -> set[str]:
    return {str(r.path) for r in iter_route_contexts(api.routes)
            if r.methods and "GET" in r.methods
            and getattr(r.route, "response_class", None) is HTMLResponse}


@dataclass
class Site:
    url: str
    world: World
    values: dict[str, str]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    require_chromium("chromium or axe-core is missing: `make test` installs both", AXE)
    port, url = loopback()
    world = loopback_world(tmp_path_factory.mktemp("a11y"), url)
    world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"), json={})
    add_unmapped(world)  # the triage pages with their forms
    store, clock = world.app.store, world.app.clock
    values = {
        "SHARE": access.create_share_link(store, LEA, clock=clock)["token"],
        "SIGNIN": access.create_sign_in_link(store, LEA, clock=clock),
        "INVITE": invitations.invite(store, "marie@val.example.org", "val-de-serre",
                                     clock=clock).token,
    }
    api = create_app(world.app.settings, app=world.app)
    values["CID"] = next(str(c["id"]).removeprefix("urn:uuid:") for c in world.client.get(
        f"/api/v1/learners/{LEA}/credentials", headers=world.headers("admin")).json()
        if c["format"] == "ob3")
    values["PUBLIC_CID"] = next(str(c["id"]).removeprefix("urn:uuid:") for c in world.client.get(
        f"/api/v1/learners/{LEA}/credentials", headers=world.headers("admin")).json()
        if c["format"] == "ob3" and c["id"].removeprefix("urn:uuid:") != values["CID"])
    set_public(store, values["PUBLIC_CID"], access.Grant(role="learner", learner=LEA), True,
               clock=clock)  # its page shows the share links
    values["JOB"] = start_certificates(api, world)
    values["REQUEST"], values["WITNESS"] = badge_request(world)
    with closing(world.app), serve_thread(api, port):
        yield Site(url, world, values)


def badge_request(world: World) -> tuple[str, str]:
    """LEA's badge request with evidence, and the link of the witness she asked (issue 18)."""
    from apprenance.services.mail import queue as mail_queue
    from apprenance.services.recognition import journal, witnesses
    from apprenance.services.recognition import requests as asks

    app = world.app
    rid = asks.submit(app.store, app.catalog(), LEA, badge="mediation", clock=app.clock,
                      reason="J'ai animé la médiation du conseil de quartier.",
                      evidence=asks.Evidence("Trois réunions.", "https://example.org/cr"))
    witnesses.ask(app.store, app.catalog(), LEA, witness="marie@example.org", role="habitant",
                  lang="fr", request_id=rid, by=LEA, urls=app.urls, clock=app.clock)
    journal.add_note(app.store, LEA, day="2026-05-04", text="J'ai animé un débat.",
                     upload=None, clock=app.clock)
    [job] = [j for j in mail_queue.territory_mail(app.store, None)
             if j.kind == "endorsement-ask"]
    assert job.link_token
    return str(rid), job.link_token


def start_certificates(api: FastAPI, world: World) -> str:
    """A certificates batch of the territory in ``api``'s process, finished: its page's id."""
    from apprenance.services.certificates.gather import CertificateOptions
    from apprenance.services.certificates.territory_zip import CertificateJobs

    jobs = CertificateJobs(world.app.home / "exports" / "certificates")
    api.state.certificate_jobs = jobs
    job = jobs.start(world.app.store, world.app.catalog(), "val-de-serre",
                     options=CertificateOptions(lang="fr", public_url=world.app.settings
                                                .public_url), clock=world.app.clock)
    while job.state == "running":
        time.sleep(0.05)
    return job.id


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def _open(browser: Browser, site: Site, role: str, lang: str, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    page.goto(f"{site.url}/langue?lang={lang}&next=/")
    if role == "learner":
        link = access.create_sign_in_link(site.world.app.store, LEA, clock=site.world.app.clock)
        page.goto(f"{site.url}/connexion/{link}")
        page.click("#signin-go")
    elif role != "public":
        sign_in(page, site.url, site.world.tokens[role])
    return page


def test_every_page_is_audited(site: Site) -> None:
    api = create_app(site.world.app.settings, app=site.world.app)
    assert html_pages(api) - set(PAGES) == set(), "add the new pages to PAGES"
    assert set(PAGES) - html_pages(api) == set(), "a page in PAGES is no longer served"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_violation_small_target_or_sideways_scroll(
        site: Site, browser: Browser, lang: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, object] = {}
    by_role: dict[str, list[str]] = {}
    for role, path in [*PAGES.values(), *EXTRA]:
        by_role.setdefault(role, []).append(path.format(**site.values))
    for role, paths in by_role.items():
        page = _open(browser, site, role, lang, width)
        for path in paths:
            page.goto(site.url + path)
            assert page.evaluate("document.documentElement.lang") == lang, path
            name = path.strip("/").replace("/", "_")[:60] or "home"
            page.screenshot(path=str(ARTIFACTS / f"{name}-{lang}-{width}.png"), full_page=True)
            found = {"axe": axe_violations(page), "small": small_targets(page),
                     "overflow": overflows(page)}
            if any(found.values()):
                problems[f"{role} {path}"] = found
        page.context.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
