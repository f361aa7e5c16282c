"""A coordinator's logs in a real browser (Debian's headless Chromium, Playwright, a real
``apprenance serve``): sign in with an API token, send a semicolon CSV saved by French Excel
(Windows-1252) and a JSON Lines file at once (with the progress bar's script), read the
counts and the rejected rows, correct one row inline, send a file rejected whole without
JavaScript (the plain form), then the same pages in English, dismissing a reject. Screenshots
in French and English at 1280 and 390 px wide go to test-artifacts/, and no page scrolls
sideways on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_site import chromium, no_sideways_scroll, served_world, sign_in
from conftest import REPO
from logs_world import ALL_BAD_CSV, EXCEL_CSV, JSONL_MIXED

ARTIFACTS = REPO / "test-artifacts"
T = "val-de-serre"

pytestmark = pytest.mark.slow


@dataclass
class Served:
    url: str
    token: str
    files: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("logs-browser")
    files = tmp / "envoi"
    files.mkdir()
    (files / "activités-excel.csv").write_bytes(EXCEL_CSV)
    (files / "journal.jsonl").write_bytes(JSONL_MIXED)
    (files / "tout-faux.csv").write_bytes(ALL_BAD_CSV)
    with served_world(tmp) as (url, world):
        yield Served(url, world.tokens["coordinator"], files)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def _shots(page: Page, name: str, lang: str) -> None:
    """Screenshots at 1280 and 390 px wide; the page must not scroll sideways on a phone."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        expect(page.locator("h1")).to_be_visible()
        if width == 390:
            no_sideways_scroll(page, f"{name} ({lang})")
        page.screenshot(path=str(ARTIFACTS / f"logs-{name}-{lang}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(page: Page, served: Served) -> None:
    sign_in(page, served.url, served.token)
    expect(page).to_have_url(f"{served.url}/territoires/{T}")


def test_a_coordinator_sends_logs_and_corrects_a_row(served: Served, browser: Browser) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    _sign_in(page, served)
    _shots(page, "territory", "fr")  # the way in: a button on the territory page
    page.click("#logs-link")
    expect(page.locator("h1")).to_contain_text("Journaux d'activités")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    _shots(page, "upload", "fr")

    page.set_input_files("#files", [served.files / "activités-excel.csv",
                                    served.files / "journal.jsonl"])
    with page.expect_response(lambda r: r.request.resource_type == "xhr") as sent:
        page.click("#logs-send")
    assert sent.value.status == 200
    expect(page.locator("h1")).to_have_text("Résultat de l'envoi")
    counts = page.locator("#counts tbody tr")
    expect(counts).to_have_count(2)
    expect(counts.nth(0)).to_contain_text("activités-excel.csv")
    expect(counts.nth(0).locator("td")).to_have_text(["1", "0", "0", "1"])
    expect(counts.nth(1).locator("td")).to_have_text(["1", "0", "0", "1"])
    expect(page.locator("#verdicts")).to_contain_text("Windows-1252")
    expect(page.locator("tr.reject")).to_have_count(2)
    expect(page.locator("tr.reject").first).to_contain_text("Réunion à la mairie")
    _shots(page, "result", "fr")

    row = page.locator("tr.reject", has_text="Réunion à la mairie")
    actions = row.locator("xpath=following-sibling::tr[1]")
    actions.locator("details.fix summary").click()
    bad = actions.locator("input[aria-invalid=true]")
    expect(bad).to_have_value("2026-02-30")
    bad.fill("2026-02-27")
    _shots(page, "correct", "fr")
    actions.locator("details.fix button[type=submit]").click()
    expect(page).to_have_url(f"{served.url}/territoires/{T}/rejets?done=fixed")
    expect(page.locator(".verdict.ok")).to_contain_text("rejet est clos")
    expect(page.locator("tr.reject")).to_have_count(1)  # the JSON Lines row is left
    _shots(page, "rejects", "fr")
    context.close()


def test_without_javascript_a_file_rejected_whole_is_an_error(
    served: Served, browser: Browser
) -> None:
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    _sign_in(page, served)
    page.goto(f"{served.url}/territoires/{T}/journaux")
    page.set_input_files("#files", [served.files / "tout-faux.csv"])
    page.click("#logs-send")
    expect(page.locator("h1")).to_have_text("Résultat de l'envoi")
    expect(page.locator(".verdict.bad")).to_contain_text(
        "toutes les lignes de «\u00a0tout-faux.csv\u00a0» ont été rejetées")
    expect(page.locator("#counts tr.failed")).to_have_count(1)
    _shots(page, "all-rejected", "fr")
    context.close()


def test_the_same_pages_in_english(served: Served, browser: Browser) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    _sign_in(page, served)
    page.goto(f"{served.url}/territoires/{T}/journaux")
    expect(page.locator("h1")).to_contain_text("Activity logs")
    _shots(page, "upload", "en")
    page.set_input_files("#files", [served.files / "activités-excel.csv"])
    page.click("#logs-send")
    expect(page.locator("h1")).to_have_text("Upload result")
    expect(page.locator("#counts tbody tr td")).to_have_text(["0", "1", "0", "1"])
    _shots(page, "result", "en")
    page.goto(f"{served.url}/territoires/{T}/rejets")
    expect(page.locator("h1")).to_contain_text("Rejected rows")
    _shots(page, "rejects", "en")
    first = page.locator("tr.reject-actions").first
    first.locator("details.dismiss summary").click()
    first.locator("input[name=reason]").fill("Sent by mistake")
    first.locator("details.dismiss button[type=submit]").click()
    expect(page.locator(".verdict.ok")).to_have_text("Row dismissed.")
    context.close()
