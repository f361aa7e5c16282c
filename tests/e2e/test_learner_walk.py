"""A learner receives a badge, in a real Chromium, on SQLite and on PostgreSQL: the territory
issues it, the learner's mailbox (a real SMTP server) holds the message in her language with the
badge's image; its claim link signs her in and opens the badge's page, verified live; she makes
the page public and LinkedIn's "add to profile" appears; from the page she sends the badge to
two phone wallets — the Learner Credential Wallet's VC-API exchange (run with the DCC
libraries it signs with) and an OpenID4VCI 1.0 wallet written from the spec — and each
credential received verifies with the DCC verifier; a recruiter then reads the public page.
Each step's screenshot goes to test-artifacts/learner-walk/; docs/learners.md shows them
(``APPRENANCE_UPDATE_REFERENCES=1`` writes them again into docs/images/learners/)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from apprenance.services.mail import worker
from apprenance.web.app import create_app
from browser_site import (
    chromium,
    loopback,
    loopback_world,
    require_chromium,
    serve_thread,
    walk_shot,
)
from conftest import REPO
from external_verifiers import judge
from mail_server import MailServer, as_a_mail_reader_shows_it, smtp_server
from wallet_client import Oid4vciWallet, lcw_exchange
from web_world import LEA

ARTIFACTS = REPO / "test-artifacts" / "learner-walk"
GUIDE = REPO / "docs" / "images" / "learners"  # the pictures of docs/learners.md
UPDATE = os.environ.get("APPRENANCE_UPDATE_REFERENCES") == "1"  # read before conftest clears it

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium("Debian's chromium is missing: `make test` installs it")
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def mailbox() -> Iterator[MailServer]:
    with smtp_server() as running:
        yield running


def _shot(page: Page, db: str, step: str) -> None:
    walk_shot(page, artifacts=ARTIFACTS, guide=GUIDE, update=UPDATE, db=db, step=step)


def _verified(tmp: Path, credential: dict[str, Any], name: str) -> None:
    verdicts = judge(tmp, {name: credential})[name]
    assert verdicts["verifierCore"]["verified"], verdicts  # signature, issuer, status list


def test_a_learner_receives_her_badge_by_mail_and_takes_it_to_her_wallets(
        db_url: str, browser: Browser, mailbox: MailServer, tmp_path: Path) -> None:
    db = "postgresql" if db_url.startswith("postgresql") else "sqlite"
    port, url = loopback()
    world = loopback_world(tmp_path, url, db_url=db_url)
    app = world.app
    app.settings = app.settings.model_copy(update={
        "smtp_host": mailbox.host, "smtp_port": mailbox.port, "smtp_security": "none"})
    config = app.smtp()
    assert config is not None
    before = len(mailbox.to(LEA))
    # the territory issues the badges Léa earned; the queue sends the mail
    issued = world.client.post("/api/v1/credentials/issue",
                               headers=world.headers("coordinator"), json={})
    assert issued.status_code == 200, issued.text
    worker.send_due(app.store, config, public_url=url, clock=app.clock)
    mails = mailbox.to(LEA)[before:]
    assert mails, "no mail reached Léa's mailbox"
    mail = mails[0]
    assert mail.get_content_type() in ("multipart/alternative", "multipart/related",
                                       "multipart/mixed")
    assert mail.get_body(preferencelist=("plain",)) is not None
    assert "badge" in str(mail["Subject"]).lower()
    with closing(app), serve_thread(create_app(app.settings, app=app), port), \
            closing(browser.new_context(locale="fr-FR",
                                        viewport={"width": 1280, "height": 900})) as context:
        page = context.new_page()
        # 1. the mail, as her mail reader shows it: the badge's image and a claim button
        page.set_content(as_a_mail_reader_shows_it(mail))
        assert page.locator("img").first.evaluate("i => i.naturalWidth") > 0
        _shot(page, db, "1-courriel")
        claim = page.locator("a").first.get_attribute("href")
        assert claim and claim.startswith(f"{url}/connexion/")
        found = re.search(r"\?suite=/credentials/([0-9a-f-]{36})", claim)
        assert found, claim
        uuid = found.group(1)
        # 2. the claim link: one button (mail scanners do not spend the link)
        page.goto(claim)
        _shot(page, db, "2-connexion")
        page.click("#signin-go")
        expect(page).to_have_url(f"{url}/credentials/{uuid}")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        # 3. her badge's page, verified live
        expect(page.locator("#verification")).to_have_class(re.compile(r"\bok\b"))
        expect(page.locator("#verdict")).to_contain_text("Vérifié")
        _shot(page, db, "3-badge")
        # 4. she makes the page public: LinkedIn's "add to profile" appears
        expect(page.locator("#linkedin-why")).to_be_visible()
        page.click("#visibility-toggle")
        expect(page.locator("#linkedin-add")).to_be_visible()
        add = page.locator("#linkedin-add").get_attribute("href") or ""
        asked = parse_qs(urlsplit(add).query)
        assert asked["startTask"] == ["CERTIFICATION_NAME"]
        assert asked["certUrl"] == [f"{url}/credentials/{uuid}"]
        assert asked["certId"][0].endswith(uuid)
        _shot(page, db, "4-linkedin")
        # 5. the wallets: the page prepares both offers, their QR codes and links
        page.click("#wallet-open")
        expect(page).to_have_url(f"{url}/credentials/{uuid}/portefeuille")
        page.click("#prepare")
        expect(page.locator("#qr-lcw svg")).to_be_visible()
        expect(page.locator("#qr-oid svg")).to_be_visible()
        _shot(page, db, "5-portefeuille")
        lcw_link = page.locator("#link-lcw").get_attribute("href") or ""
        # the Learner Credential Wallet: the VC-API exchange, DID authentication, the badge
        run = lcw_exchange(lcw_link)
        answer = run["steps"][1]
        assert answer["status"] == 200, answer
        from_lcw = answer["body"]["verifiablePresentation"]["verifiableCredential"][0]
        assert from_lcw["credentialSubject"]["id"] == run["holder"]
        _verified(tmp_path, from_lcw, "lcw")
        # an OpenID4VCI wallet (an offer is spent once delivered: a new one for the second)
        page.goto(f"{url}/credentials/{uuid}/portefeuille")
        page.click("#prepare")
        oid_link = page.locator("#link-oid").get_attribute("href") or ""
        tx_code = page.locator("#tx-code").inner_text().strip()
        assert oid_link.startswith("openid-credential-offer://") and len(tx_code) == 6
        with httpx.Client(timeout=60) as phone:
            wallet = Oid4vciWallet(phone)
            from_oid = wallet.receive(oid_link, tx_code, iat=app.clock().timestamp())
        assert from_oid["credentialSubject"]["id"] == wallet.key.did
        _verified(tmp_path, from_oid, "oid4vci")
        # 6. the page says where the badge went
        page.goto(f"{url}/credentials/{uuid}/portefeuille")
        expect(page.locator("#delivered-h")).to_be_visible()
        expect(page.locator("main")).to_contain_text(wallet.key.did)
        _shot(page, db, "6-livre")
        # 7. a recruiter opens the public page: her name, the issuer, the verdict
        with closing(browser.new_context(locale="en-GB",
                                         viewport={"width": 1280, "height": 900})) as other:
            visitor = other.new_page()
            visitor.goto(f"{url}/credentials/{uuid}")
            expect(visitor.locator("#holder")).to_contain_text("Léa")
            expect(visitor.locator("#verification")).to_have_class(re.compile(r"\bok\b"))
            _shot(visitor, db, "7-vu-par-un-recruteur")
