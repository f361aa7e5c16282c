"""The pages in a real browser: Debian's headless Chromium driven by Playwright, against a
real uvicorn server on 127.0.0.1 — sign-in link, portfolio (desktop and phone), share link
and its QR code, the verification page. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from apprenance.services.people import access
from browser_site import (
    chromium_profile,
    loopback,
    loopback_world,
    no_sideways_scroll,
    require_chromium,
    serve_process,
)
from conftest import REPO
from web_world import LEA

ARTIFACTS = REPO / "test-artifacts"

pytestmark = pytest.mark.slow


@dataclass
class Served:
    url: str
    home: Path
    tokens: dict[str, str]
    signin: str
    baked: bytes


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    port, url = loopback()
    world = loopback_world(tmp, url)
    assert world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                             json={}).json()["issued"] >= 1
    cred = next(c for c in world.client.get(f"/api/v1/learners/{LEA}/credentials",
                                            headers=world.headers("admin")).json()
                if c["format"] == "ob3")
    baked = world.client.get(f"/api/v1/credentials/{cred['id'].removeprefix('urn:uuid:')}/png",
                             headers=world.headers("admin")).content
    signin = access.create_sign_in_link(world.app.store, LEA, clock=world.app.clock)
    world.app.close()
    with serve_process(tmp / "home", port):
        yield Served(url, tmp / "home", world.tokens, f"{url}/connexion/{signin}", baked)


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with chromium_profile(tmp_path_factory.mktemp("chromium-profile"), locale="fr-FR",
                          viewport={"width": 1200, "height": 900}) as ctx:
        yield ctx


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_sign_in_then_portfolio(served: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(served.signin)
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.click("#signin-go")
    expect(page).to_have_url(f"{served.url}/portfolio")
    expect(page.locator("h1")).to_contain_text("Léa Marchand")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("ul.badges img").first).to_be_visible()
    assert page.locator("ul.downloads a").count() >= 5
    _shot(page, "portfolio")
    page.set_viewport_size({"width": 375, "height": 812})
    expect(page.locator("h1")).to_be_visible()
    no_sideways_scroll(page, "the page", limit=380)
    _shot(page, "portfolio-phone")
    page.close()


def test_share_link_and_qr(served: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(f"{served.url}/portfolio")
    page.fill("#days", "30")
    page.click("#share-new")
    expect(page.locator(".qr svg").first).to_be_visible()
    share = page.locator(".share-url").first.inner_text()
    _shot(page, "share")
    public = (context.browser.new_page(locale="fr-FR") if context.browser  # a stranger, in French
              else context.new_page())
    public.goto(share)
    expect(public.locator("h1")).to_contain_text("Portfolio partagé")
    assert LEA not in public.content()
    _shot(public, "shared-portfolio")
    page.click(".share form button")
    public.goto(share)
    expect(public.locator("h1")).to_contain_text("404")
    page.close()
    public.close()


def test_verification_page(served: Served, context: BrowserContext, tmp_path: Path) -> None:
    badge = tmp_path / "badge.png"
    badge.write_bytes(served.baked)
    page = context.new_page()
    page.goto(f"{served.url}/verifier")
    expect(page.get_by_label("Fichier à vérifier")).to_be_visible()
    page.set_input_files("#file", str(badge))
    page.click("#verify-form button[type=submit]")
    expect(page.locator("#verdict")).to_contain_text("authentique")
    _shot(page, "verify-ok")
    forged = tmp_path / "forged.json"
    forged.write_text('{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": '
                      '["VerifiableCredential"], "issuer": "did:key:z6Mk", '
                      '"credentialSubject": {}}', encoding="utf-8")
    page.set_input_files("#file", str(forged))
    page.click("#verify-form button[type=submit]")
    expect(page.locator("#verdict")).to_contain_text("n'est pas valide")
    _shot(page, "verify-bad")
    page.close()


@pytest.mark.parametrize(("lang", "headline", "plain"), [
    ("fr", "échec du contrôle «\u00a0signature\u00a0»", "La signature ne correspond pas"),
    ("en", "the “signature” check failed", "The signature does not match"),
])
def test_a_tampered_credential_names_the_signature(served: Served, context: BrowserContext,
                                                    tmp_path: Path, lang: str, headline: str,
                                                    plain: str) -> None:
    """Issue 19: the verdict a person reads names the check that failed, in the page's
    language, and never says "revoked" for a credential that is not."""
    import json

    from apprenance.credentials.images.unbake import unbake

    baked = unbake(served.baked)
    assert baked is not None
    credential = json.loads(baked.text)
    credential["credentialSubject"]["achievement"]["name"] = "Faux badge"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(credential), encoding="utf-8")
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{served.url}/verifier?lang={lang}")
    page.set_input_files("#file", str(forged))
    page.click("#verify-form button[type=submit]")
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text(headline)
    assert "révoqu" not in verdict.inner_text() and "revoked" not in verdict.inner_text()
    failed = page.locator("ul.checks li.failed")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text(plain)
    expect(page.locator("#facts")).to_contain_text("Faux badge")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    _shot(page, f"verify-tampered-{lang}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scroll(page, "the verification page", limit=395)
    _shot(page, f"verify-tampered-{lang}-390")
    page.close()
