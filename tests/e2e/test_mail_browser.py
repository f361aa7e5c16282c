"""Mail in Chromium, end to end: a badge is issued, the learner's mailbox (a real SMTP server)
holds the message; its HTML, opened in the browser with its inline image, shows the badge and
a button whose link signs the learner in and lands on the badge's page. The coordinator's mail
page shows the bounce; /connexion asks for a new link. Screenshots go to
``$APPRENANCE_SHOTS`` when it is set (fr/en, 1280/390), for people to look at."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from apprenance.services.mail import worker
from apprenance.web.app import create_app
from browser_site import (
    chromium,
    loopback,
    loopback_world,
    no_sideways_scroll,
    require_chromium,
    serve_thread,
    sign_in,
)
from mail_server import MailServer, as_a_mail_reader_shows_it, smtp_server
from web_world import LEA

SHOTS = os.environ.get("APPRENANCE_SHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium()
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def server() -> Iterator[MailServer]:
    with smtp_server() as running:
        yield running


def test_the_badge_mail_opens_the_badge_in_the_browser(
        browser: Browser, server: MailServer, tmp_path_factory: pytest.TempPathFactory) -> None:
    port, url = loopback()
    world = loopback_world(tmp_path_factory.mktemp("mail"), url)
    world.app.settings = world.app.settings.model_copy(update={
        "smtp_host": server.host, "smtp_port": server.port, "smtp_security": "none"})
    issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                               json={})
    assert issued.status_code == 200
    config = world.app.smtp()
    assert config is not None
    server.refuse_next("550 5.1.1 no such mailbox")  # one fails, for the mail page
    worker.send_due(world.app.store, config, public_url=url, clock=world.app.clock)
    mails = server.to(LEA)
    assert mails
    api = create_app(world.app.settings, app=world.app)
    with serve_thread(api, port):
        for lang, width in (("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.set_content(as_a_mail_reader_shows_it(mails[0]))
            assert page.locator("img").evaluate("i => i.naturalWidth") > 0
            no_sideways_scroll(page, "the badge mail", limit=width)
            _shot(page, f"mail-badge-{width}")
            page.goto(f"{url}/langue?lang={lang}&next=/connexion")
            page.fill("#email", "nobody@example.org")
            page.click("#request-go")
            # the form posts and the next page loads: waited for, not read at once
            expect(page.locator("#request-sent")).to_be_visible()
            _shot(page, f"connexion-{lang}-{width}")
            sign_in(page, url, world.tokens["coordinator"])
            page.goto(f"{url}/territoires/val-de-serre/courriels")
            assert page.locator('tr[data-status="failed"]').count() == 1
            no_sideways_scroll(page, "the mail page", limit=width)
            _shot(page, f"courriels-{lang}-{width}")
            context.close()
        context = browser.new_context()
        page = context.new_page()
        page.set_content(as_a_mail_reader_shows_it(mails[0]))
        href = page.locator("a").first.get_attribute("href")
        assert href and href.startswith(f"{url}/connexion/aps_")
        target = re.search(r"\?suite=(/credentials/[0-9a-f-]+)", href)
        assert target
        page.goto(href)
        page.click("#signin-go")
        page.wait_for_url(f"{url}{target.group(1)}")
        page.goto(f"{url}/portfolio")
        assert "Léa" in page.locator("h1").inner_text()
        context.close()
