"""A coordinator sorts unmapped activities and reads the dashboard in a real browser (Debian's
headless Chromium, Playwright) against a real ``apprenance serve``: signed in with an API
token, the territory page opens on its dashboard (French and English, 1280 and 390 px, no
sideways scroll), then the triage: no type preselected without a suggestion, a confirmation
that says what will change, the award shown at once, and the undo. Screenshots go to
test-artifacts/ (``triage-*``, ``dashboard-*``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from browser_site import Served, chromium_profile, no_sideways_scroll, served_world, sign_in
from conftest import REPO
from triage_world import PLAIN, SUGGESTED, add_unmapped

ARTIFACTS = REPO / "test-artifacts"
TERRITORY = "/territoires/val-de-serre"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served_world(tmp_path_factory.mktemp("triage"), add_unmapped) as (url, world):
        yield Served(url, world.tokens["coordinator"])


@pytest.fixture(scope="module")
def context(served: Served, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[BrowserContext]:
    with chromium_profile(tmp_path_factory.mktemp("chromium-profile"), locale="fr-FR",
                          viewport={"width": 1280, "height": 900}) as ctx:
        page = ctx.new_page()
        sign_in(page, served.url, served.token)
        expect(page).to_have_url(f"{served.url}{TERRITORY}")
        page.close()
        yield ctx


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_dashboard_on_a_desktop_and_a_phone(served: Served, context: BrowserContext,
                                                lang: str) -> None:
    page = context.new_page()
    page.goto(f"{served.url}{TERRITORY}?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    chart = page.locator("#chart-pillars")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    label = chart.get_attribute("aria-label") or ""
    assert ("9,8 h" if lang == "fr" else "9.8 h") in label
    expect(page.locator("#chart-projects")).to_be_visible()
    expect(page.locator("#recent li").first).to_be_visible()
    assert page.locator("h1").count() == 1
    _shot(page, f"dashboard-{lang}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("h1")).to_be_visible()
    no_sideways_scroll(page, page.url)
    box = chart.bounding_box()
    assert box and box["width"] >= 300, "the chart stays wide enough to read on a phone"
    _shot(page, f"dashboard-{lang}-390")
    page.close()


def test_assign_with_confirmation_then_undo(served: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(f"{served.url}{TERRITORY}")
    page.click("#triage-open")
    expect(page).to_have_url(f"{served.url}{TERRITORY}/attente")
    suggested = page.locator(f"form:has(input[value='{SUGGESTED}']) select")
    plain = page.locator(f"form:has(input[value='{PLAIN[0]}']) select")
    expect(suggested).to_have_value("mediation")
    expect(plain).to_have_value("")  # no suggestion: nothing chosen for the coordinator
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    _shot(page, "triage-fr-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scroll(page, page.url)
    _shot(page, "triage-fr-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator(f"form:has(input[value='{SUGGESTED}']) button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Confirmer le classement")
    expect(page.locator("#confirm-summary")).to_contain_text("Médiation")
    expect(page.locator("#adds-pillars")).to_contain_text("+7 h")
    expect(page.locator("#may-complete")).to_contain_text("Médiation")
    _shot(page, "triage-confirm-fr-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scroll(page, page.url)
    _shot(page, "triage-confirm-fr-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.click("#confirm-go")
    expect(page.locator("h1")).to_contain_text("Classement enregistré")
    expect(page.locator("#awarded")).to_contain_text("Médiation")
    _shot(page, "triage-done-fr-1280")
    page.locator("button.undo").first.click()
    expect(page.locator("h1")).to_contain_text("Classement annulé")
    expect(page.locator("#triage-result")).to_contain_text("de nouveau à classer")
    expect(page.locator("#withdrawn")).to_contain_text("Médiation")  # never issued
    _shot(page, "triage-undone-fr-1280")
    page.click(f"a[href='{TERRITORY}/attente']")
    expect(page.locator(f"form:has(input[value='{SUGGESTED}']) select")).to_have_value(
        "mediation")  # waiting again, with its suggestion
    page.close()


def test_the_triage_in_english_on_a_phone(served: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{served.url}/langue?lang=en&next={TERRITORY}/attente")  # remembered
    expect(page.locator("h1")).to_contain_text("Activities to sort")
    no_sideways_scroll(page, page.url)
    _shot(page, "triage-en-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    _shot(page, "triage-en-1280")
    page.locator("form:has(input[name='groupe']) select").select_option("animation")
    page.locator("form:has(input[name='groupe']) button[type=submit]").click()
    expect(page.locator("#confirm-summary")).to_contain_text("2 activities (3 h) will count")
    _shot(page, "triage-confirm-en-1280")
    page.close()
