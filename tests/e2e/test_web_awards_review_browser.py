"""Awards review in a real browser (Debian's headless Chromium, Playwright, `apprenance serve`
on 127.0.0.1): a coordinator signs in with their token, opens the badges to issue from the
territory page, reads the evidence of each criterion, holds one back (a blank reason is
refused, the field marked), issues a selection, switches to English, releases the held one
and issues all. Screenshots fr/en at 1280 and 390 px go to test-artifacts/; at every step
axe-core finds no serious violation, no control is under 44 px and nothing scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from accessibility import axe_violations, overflows, small_targets
from browser_site import Served, chromium, no_sideways_scroll, served_world, sign_in
from conftest import REPO

ARTIFACTS = REPO / "test-artifacts"
PAGE = "/territoires/val-de-serre/badges"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served_world(tmp_path_factory.mktemp("awards-browser")) as (url, world):
        yield Served(url, world.tokens["coordinator"])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def _check(page: Page, name: str, lang: str) -> None:
    """Screenshots at 1280 and 390 px; at each width no serious axe violation, no control
    under 44 px, no sideways scroll (scrollWidth <= 390 on the phone)."""
    ARTIFACTS.mkdir(exist_ok=True)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(ARTIFACTS / f"awards-{name}-{lang}-{width}.png"),
                        full_page=True)
        assert axe_violations(page) == [], (name, lang, width)
        assert small_targets(page) == [], (name, lang, width)
        assert not overflows(page), (name, lang, width)
        if width == 390:
            no_sideways_scroll(page, f"{name} {lang}: the page")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_coordinator_reviews_holds_issues_and_releases(served: Served,
                                                        browser: Browser) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, served.url, served.token)
    expect(page).to_have_url(f"{served.url}/territoires/val-de-serre")
    page.click("#review-awards")
    expect(page).to_have_url(f"{served.url}{PAGE}")
    expect(page.locator("h1")).to_have_text("Badges à délivrer")
    faire = page.locator("li.award", has=page.locator("h3", has_text="Apprendre à faire"))
    expect(faire.locator("p.who")).to_contain_text("Léa Marchand")
    expect(faire.locator("li.criterion.met")).to_contain_text("sur 8 h en Apprendre à faire")
    expect(faire.locator("p.facts")).to_contain_text("3 activités")
    faire.locator("li.criterion details summary").click()  # the activities behind it
    expect(faire.locator("li.criterion table")).to_contain_text("Atelier cuisine")
    _check(page, "review", "fr")

    # hold one back: a blank reason is refused (the field marked), then a real one
    faire.locator("details.hold summary").click()
    faire.locator("textarea").fill("   ")
    faire.locator("details.hold button[type=submit]").click()
    expect(page.locator("p.verdict.bad")).to_contain_text("Écrivez la raison")
    faire = page.locator("li.award", has=page.locator("h3", has_text="Apprendre à faire"))
    expect(faire.locator("textarea")).to_have_attribute("aria-invalid", "true")
    _check(page, "hold-refused", "fr")
    faire.locator("textarea").fill("Attestation de Claire à vérifier avec le porteur du projet")
    faire.locator("details.hold button[type=submit]").click()
    expect(page.locator("p.verdict.ok")).to_contain_text("Badge retenu")
    held = page.locator("li.award.held")
    expect(held).to_have_count(1)
    expect(held).to_contain_text("Attestation de Claire")

    # issue the selection: only the ticked badge
    vivre = page.locator("li.award:not(.held)", has=page.locator("h3",
                                                                  has_text="vivre ensemble"))
    vivre.locator("input[type=checkbox]").check()
    page.click("#issue-selected")
    result = page.locator("section.verdict.ok")
    expect(result.locator("h2")).to_have_text("1 badge délivré.")
    expect(result).to_contain_text("Apprendre à vivre ensemble")
    link = result.locator("a", has_text="certification (JSON)")
    expect(link).to_have_count(1)
    credential = str(link.get_attribute("href"))
    expect(page.locator("li.award:not(.held)")).to_have_count(0)
    expect(page.locator("li.award.held")).to_have_count(1)
    _check(page, "issued", "fr")

    # in English: the held badge, released, then issue all
    page.click("header.site a[hreflang=en]")
    expect(page.locator("h1")).to_have_text("Badges to issue")
    expect(page.locator("#held-h")).to_have_text("Held back (1)")
    _check(page, "held", "en")
    page.locator("li.award.held button[type=submit]").click()
    expect(page.locator("p.verdict.ok")).to_contain_text("Badge released")
    expect(page.locator("li.award:not(.held)")).to_have_count(1)
    _check(page, "released", "en")
    page.click("#issue-all")
    expect(page.locator("section.verdict.ok h2")).to_have_text("1 badge issued.")
    expect(page.locator("#pending-h")).to_have_text("Waiting (0)")
    _check(page, "all-issued", "en")
    assert page.request.get(served.url + credential).status == 200  # the session reads it
    context.close()
