"""Open recognition in Chromium, end to end (issue 18's "done"): Léa asks for a badge from
her portfolio with evidence (words, a link, a photo), asks a resident to endorse it; the
resident opens the link of the mail the real SMTP server received and endorses without an
account; the coordinator asks for more, Léa answers (the mail tells her), the coordinator
accepts; the issued credential carries Léa's evidence and the resident's endorsement, and
the DCC verifier verifies both; its page shows the resident's words. Léa and the
coordinator browse in French (``locale``: their browsers' Accept-Language); the resident's
browser asks for English, yet her page speaks French, the language Léa asked her in (her
mail's), until she picks English. Screenshots go to ``$APPRENANCE_SHOTS`` when it is set,
named by page, language and width, for people to look at (each checked to be in the
language its name says)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from apprenance.credentials.images.badge_png import placeholder_png
from apprenance.services.issuing.issue import credentials_of, get_credential
from apprenance.services.mail import worker
from apprenance.services.people import access
from apprenance.services.recognition import requests as asks
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
from external_verifiers import judge
from mail_server import MailServer, smtp_server
from web_world import LEA

SHOTS = os.environ.get("APPRENANCE_SHOTS")
RESIDENT = "marie.habitante@example.org"


def _shot(page: Page, name: str) -> None:
    lang = "fr" if "-fr-" in name else "en"
    assert page.locator("html").get_attribute("lang") == lang, f"{name}: not in {lang}"
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _review_is_laid_out(page: Page, rid: int) -> None:
    """The three decisions on one row at 1280 (stacked on a phone), and asking for an
    endorsement apart, under its own heading, below them (never beside a decision)."""
    boxes = [page.locator(f"#{b}-{rid}").bounding_box() for b in ("accept", "more", "decline")]
    ask = page.locator(f"#ask-{rid}-h").bounding_box()
    assert all(boxes) and ask is not None
    lowest = max(b["y"] + b["height"] for b in boxes if b)
    assert ask["y"] >= lowest, "the endorsement part sits among the decisions"
    if page.viewport_size and page.viewport_size["width"] >= 1000:
        assert len({round(b["y"]) for b in boxes if b}) == 1, "the decisions wrap"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium()
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def server() -> Iterator[MailServer]:
    with smtp_server() as running:
        yield running


def test_request_more_accept_endorse_and_verify(browser: Browser, server: MailServer,
                                                tmp_path: Path) -> None:
    port, url = loopback()
    world = loopback_world(tmp_path / "w", url)
    world.app.settings = world.app.settings.model_copy(update={
        "smtp_host": server.host, "smtp_port": server.port, "smtp_security": "none"})
    config = world.app.smtp()
    assert config is not None
    store, clock = world.app.store, world.app.clock

    def send() -> None:
        worker.send_due(store, config, public_url=url, clock=clock)

    photo = tmp_path / "atelier.png"
    photo.write_bytes(placeholder_png())
    held = asks.held_badges(store, LEA)
    api = create_app(world.app.settings, app=world.app)
    with serve_thread(api, port):
        lea = browser.new_context(viewport={"width": 390, "height": 900},
                                  locale="fr-FR").new_page()
        lea.goto(f"{url}/connexion/{access.create_sign_in_link(store, LEA, clock=clock)}")
        lea.click("#signin-go")
        lea.wait_for_url(f"{url}/portfolio")
        lea.click("#ask-badge")
        badge = lea.locator("#badge option").first.get_attribute("value")
        assert badge and badge not in held
        lea.select_option("#badge", badge)
        lea.fill("#reason", "J'ai animé trois ateliers cuisine avec les habitants.")
        lea.fill("#new-text", "Le 12 mars, vingt personnes ont cuisiné les légumes.")
        lea.fill("#new-link", "https://example.org/photos-atelier")
        lea.set_input_files("#new-files", str(photo))
        no_sideways_scroll(lea, "the new request page")
        _shot(lea, "request-new-fr-390")
        lea.click("#request-submit")
        lea.wait_for_url(re.compile(r".*/portfolio/demandes/\d+\?fait=envoyee"))
        rid = int(re.search(r"/demandes/(\d+)", lea.url).group(1))
        assert lea.locator("#request-state").get_attribute("data-status") == "submitted"
        lea.fill("#witness", RESIDENT)
        lea.select_option("#role", "habitant")
        lea.click("#witness-submit")
        lea.wait_for_url(re.compile(r".*fait=demande"))
        _shot(lea, "request-fr-390")

        # the resident: the link of the mail the SMTP server received, no account
        send()
        [ask] = server.to(RESIDENT)
        link = re.search(r"(http://127\.0\.0\.1:\d+/temoignage/apw_[A-Za-z0-9_-]+)",
                         _text(ask))
        assert link, _text(ask)
        marie = browser.new_context(viewport={"width": 1280, "height": 900},
                                    locale="en-US").new_page()
        marie.goto(f"{link.group(1)}?lang=en")  # what she would see in English
        _shot(marie, "witness-en-1280")
        marie.set_viewport_size({"width": 390, "height": 900})
        no_sideways_scroll(marie, "the witness page")
        _shot(marie, "witness-en-390")
        marie.goto(link.group(1))  # as the mail opens it: in French, the mail's language
        assert "Léa" in marie.locator(".lead").inner_text()
        marie.fill("#name", "Marie Habitante")
        marie.fill("#comment", "Léa a mené l'atelier cuisine de la légumerie, je l'ai vue.")
        _shot(marie, "witness-fr-390")
        marie.set_viewport_size({"width": 1280, "height": 900})
        _shot(marie, "witness-fr-1280")
        marie.click("#endorse-submit")
        marie.wait_for_url(re.compile(r".*fait=merci"))
        assert marie.locator("#witness-done").is_visible()

        # the coordinator asks for more
        coord = browser.new_context(viewport={"width": 1280, "height": 900},
                                    locale="fr-FR").new_page()
        sign_in(coord, url, world.tokens["coordinator"])
        for lang in ("en", "fr"):
            coord.set_viewport_size({"width": 1280, "height": 900})
            coord.goto(f"{url}/territoires/val-de-serre/demandes?lang={lang}")
            _review_is_laid_out(coord, rid)
            _shot(coord, f"review-{lang}-1280")
            coord.set_viewport_size({"width": 390, "height": 900})
            _review_is_laid_out(coord, rid)
            no_sideways_scroll(coord, "the review page")
            _shot(coord, f"review-{lang}-390")
        coord.set_viewport_size({"width": 1280, "height": 900})
        coord.goto(f"{url}/territoires/val-de-serre/demandes")
        card = coord.locator(f"#demande-{rid}")
        assert card.get_attribute("data-status") == "submitted"
        assert "atelier.png" in card.inner_text()
        coord.fill(f"#comment-{rid}", "Combien de séances, et avec qui ?")
        _shot(coord, "review-comment-fr-1280")
        coord.click(f"#more-{rid}")
        coord.wait_for_url(re.compile(r".*fait=more"))

        # Léa hears it by mail, answers
        send()
        more = [m for m in server.to(LEA) if "précisions" in str(m["Subject"])]
        assert more and "Combien de séances" in _text(more[0])
        lea.goto(f"{url}/portfolio/demandes/{rid}")
        assert lea.locator("#request-state").get_attribute("data-status") == "more"
        lea.fill("#reply", "Trois séances, avec l'association des parents d'élèves.")
        lea.click("#answer-submit")
        lea.wait_for_url(re.compile(r".*fait=repondu"))

        # the coordinator accepts: the badge is issued
        coord.goto(f"{url}/territoires/val-de-serre/demandes")
        coord.fill(f"#comment-{rid}", "Bravo, merci pour les précisions.")
        coord.click(f"#accept-{rid}")
        coord.wait_for_url(re.compile(r".*fait=accepted"))
        assert coord.locator(f"#demande-{rid}").get_attribute("data-status") == "accepted"
        lea.goto(f"{url}/portfolio/demandes/{rid}")
        assert lea.locator("#request-state").get_attribute("data-status") == "accepted"
        _shot(lea, "request-accepted-fr-390")

        [issued] = [c for c in credentials_of(store, LEA)
                    if c["format"] == "ob3" and c["badge"] == badge]
        document = get_credential(store, issued["id"])["document"]
        assert any(e.get("id") == "https://example.org/photos-atelier"
                   for e in document["evidence"])
        assert any("atelier.png" in e.get("narrative", "") for e in document["evidence"])
        [endorsement] = document["endorsement"]
        said = endorsement["credentialSubject"]["endorsementComment"]
        assert "Marie Habitante" in said and "légumerie" in said
        assert endorsement["credentialSubject"]["id"] == document["id"]
        verdicts = judge(tmp_path, {"badge": document, "endorsement": endorsement})
        assert verdicts["badge"]["verifierCore"]["verified"], verdicts["badge"]
        assert verdicts["endorsement"]["verifierCore"]["verified"], verdicts["endorsement"]

        # the badge's page shows the resident's words
        uid = issued["id"].removeprefix("urn:uuid:")
        lea.goto(f"{url}/credentials/{uid}")
        words = lea.locator("#temoignages").inner_text()
        assert "Marie Habitante" in words and "légumerie" in words
        no_sideways_scroll(lea, "the badge page")
        _shot(lea, "credential-witness-fr-390")
