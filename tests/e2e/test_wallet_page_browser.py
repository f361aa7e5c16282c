"""The wallet page as its learner sees it in Chromium, French and English, 1280 and 390 px
wide: sign in with the link, go from the badge's page to its wallet page, press "show the
QR codes", and find the two QR codes, the deep links and the transaction code, then, once a
wallet took it, the delivery with the wallet's DID; no serious axe-core violation, no target
under 44 px, no sideways scroll, before and after. Screenshots go to
test-artifacts/wallet/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser

from accessibility import AXE, axe_violations, overflows, small_targets
from apprenance.services.people import access
from browser_site import chromium, require_chromium
from conftest import REPO
from wallet_client import Oid4vciWallet
from wallet_world import WalletSite, wallet_site
from web_world import LEA

ARTIFACTS = REPO / "test-artifacts" / "wallet"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WalletSite]:
    require_chromium("chromium or axe-core is missing: `make test` installs both", AXE)
    with wallet_site(Path(tmp_path_factory.mktemp("wallet-page"))) as served:
        yield served


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_wallet_page_shows_both_ways_in_the_learners_language(
        site: WalletSite, browser: Browser, lang: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    page.goto(f"{site.url}/langue?lang={lang}&next=/")
    link = access.create_sign_in_link(site.world.app.store, LEA, clock=site.clock)
    page.goto(f"{site.url}/connexion/{link}")
    page.click("#signin-go")
    page.goto(f"{site.url}/credentials/{site.credentials[0]}")  # the badge's own page
    page.click("#wallet-open")
    assert page.url.endswith(f"/credentials/{site.credentials[0]}/portefeuille")
    problems: dict[str, object] = {}
    for state in ("before", "after"):
        if state == "after":
            page.click("#prepare")
            page.wait_for_selector("#qr-lcw svg")
        page.screenshot(path=str(ARTIFACTS / f"wallet-{state}-{lang}-{width}.png"),
                        full_page=True)
        found = {"axe": axe_violations(page), "small": small_targets(page),
                 "overflow": overflows(page)}
        if any(found.values()):
            problems[state] = found
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
    assert page.evaluate("document.documentElement.lang") == lang
    heading = page.text_content("h1") or ""
    assert heading == ("Mettre ce badge dans un portefeuille sur téléphone" if lang == "fr"
                       else "Put this badge in a phone wallet")
    assert page.get_attribute("#link-lcw", "href").startswith("dccrequest://request?request=")
    assert page.get_attribute("#link-oid", "href").startswith(
        "openid-credential-offer://?credential_offer=")
    assert len((page.text_content("#tx-code") or "").strip()) == 6
    assert page.locator(".qr.big svg title").count() == 2
    with httpx.Client(timeout=60) as phone:  # a wallet takes it: the page says so
        wallet = Oid4vciWallet(phone)
        wallet.receive(page.get_attribute("#link-oid", "href") or "",
                       (page.text_content("#tx-code") or "").strip(),
                       iat=site.clock().timestamp())
    page.goto(f"{site.url}/credentials/{site.credentials[0]}/portefeuille")
    delivered = page.text_content("ul.deliveries") or ""
    assert wallet.key.did in delivered
    assert ("Envoyé vers un portefeuille le 15\u00a0septembre 2026" if lang == "fr"
            else "Delivered to a wallet on 15\u00a0September 2026") in delivered
    page.screenshot(path=str(ARTIFACTS / f"wallet-delivered-{lang}-{width}.png"),
                    full_page=True)
    assert not overflows(page) and not small_targets(page)
    context.close()
