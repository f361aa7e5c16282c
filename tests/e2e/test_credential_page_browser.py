"""A credential's public page in a real Chromium: a visitor opens it and reads "a learner of
the territory", the learner signs in with their link, opens the same page, makes it public
(the form, no script needed) and finds LinkedIn's "Add to profile" link; the visitor then
reads the learner's name and follows an evidence id of the credential to its entry on the
page; the "copy link" button (the one small script) copies the page's address. Screenshots in
French and English, at 1280 and 390 px, go to test-artifacts/credential-page/."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from apprenance.services.people import access
from apprenance.web.app import create_app
from browser_site import (
    chromium,
    loopback,
    loopback_world,
    no_sideways_scroll,
    require_chromium,
    serve_thread,
)
from conftest import REPO
from credential_page_world import credential_uuid, issue_lea
from web_world import World

ARTIFACTS = REPO / "test-artifacts" / "credential-page"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World, str]]:
    require_chromium()
    port, url = loopback()
    world = loopback_world(tmp_path_factory.mktemp("credential-page"), url)
    issue_lea(world)
    uid = credential_uuid(world)
    api = create_app(world.app.settings, app=world.app)
    with closing(world.app), serve_thread(api, port):
        yield url, world, uid


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def _visitor(browser: Browser, url: str, lang: str = "fr", width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    page.goto(f"{url}/langue?lang={lang}&next=/")
    return page


def _owner(browser: Browser, url: str, world: World, lang: str = "fr",
           width: int = 1280) -> Page:
    page = _visitor(browser, url, lang, width)
    link = access.create_sign_in_link(world.app.store, "lea.marchand@example.org",
                                      clock=world.app.clock)
    page.goto(f"{url}/connexion/{link}")
    page.click("#signin-go")
    page.wait_for_url(f"{url}/portfolio")
    return page


def test_visitor_then_owner_makes_it_public(site: tuple[str, World, str],
                                            browser: Browser) -> None:
    url, world, uid = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    visitor = _visitor(browser, url)
    visitor.goto(f"{url}/credentials/{uid}")
    assert "personne apprenante du territoire" in visitor.inner_text("#holder")
    assert "Vérifié\u00a0: signé par" in visitor.inner_text("#verdict")
    assert visitor.locator("#linkedin-share").count() == 0
    visitor.screenshot(path=str(ARTIFACTS / "private-visitor-fr-1280.png"), full_page=True)

    owner = _owner(browser, url, world)
    owner.click(f"#titre-{uid} a[href='/credentials/{uid}']")  # from the portfolio
    owner.wait_for_url(f"{url}/credentials/{uid}")
    assert owner.inner_text("#holder") == "Léa Marchand"
    assert "privée" in owner.inner_text("#visibility-state")
    assert owner.locator("#linkedin-why").is_visible()
    owner.click("#visibility-toggle")
    owner.wait_for_url(f"{url}/credentials/{uid}#visibilite")
    assert "publique depuis" in owner.inner_text("#visibility-state")
    add = urlsplit(owner.get_attribute("#linkedin-add", "href") or "")
    params = parse_qs(add.query)
    assert add.netloc == "www.linkedin.com" and params["startTask"] == ["CERTIFICATION_NAME"]
    assert params["certUrl"] == [f"{url}/credentials/{uid}"] and params["certId"] == [uid]
    owner.screenshot(path=str(ARTIFACTS / "public-owner-fr-1280.png"), full_page=True)

    visitor.reload()
    assert visitor.inner_text("#holder") == "Léa Marchand"
    document = world.client.get(f"/api/v1/credentials/{uid}/json",
                                headers=world.headers("admin")).json()
    evidence = document["evidence"][0]["id"]
    visitor.goto(evidence)  # an evidence id of the credential: its entry on the page
    entry = visitor.locator(f"#{urlsplit(evidence).fragment}")
    assert entry.is_visible() and document["evidence"][0]["name"] in entry.inner_text()
    visitor.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    visitor.click("#copy-link")
    # the button says so once the clipboard has taken the link (a promise: waited for)
    expect(visitor.locator("#copy-link")).to_have_text("Lien copié")
    assert visitor.evaluate("navigator.clipboard.readText()") == f"{url}/credentials/{uid}"
    visitor.context.close()
    owner.click("#visibility-toggle")  # private again
    assert "privée" in owner.inner_text("#visibility-state")
    owner.context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_reads_on_a_phone_and_a_desktop(site: tuple[str, World, str],
                                                 browser: Browser, lang: str,
                                                 width: int) -> None:
    url, world, uid = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for who in ("visitor", "owner"):
        page = _owner(browser, url, world, lang, width) if who == "owner" else _visitor(
            browser, url, lang, width)
        page.goto(f"{url}/credentials/{uid}")
        assert page.evaluate("document.documentElement.lang") == lang
        heading = page.inner_text("h1")
        assert heading == world.app.catalog().badges["faire-1"].name[lang]
        if width == 390:
            no_sideways_scroll(page, f"the credential page ({who}, {lang})")
        page.screenshot(path=str(ARTIFACTS / f"{who}-{lang}-{width}.png"), full_page=True)
        page.context.close()
