"""The shared portfolio on a phone, in a real Chromium (390 px wide, French then English): the
summary comes first, each badge's "Télécharger / Download" menu opens without JavaScript's
help and downloads the badge, the CLR downloads from the summary, nothing scrolls sideways
and every control is at least 44 px tall. Screenshots in test-artifacts/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, expect

from accessibility import small_targets
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
from web_world import LEA

ARTIFACTS = REPO / "test-artifacts"
pytestmark = pytest.mark.slow


@dataclass
class Shared:
    url: str  # the share link's page


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    require_chromium()
    port, url = loopback()
    world = loopback_world(tmp_path_factory.mktemp("shared-view"), url)
    assert world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                             json={}).status_code == 200
    assert world.client.post(f"/api/v1/learners/{LEA}/clr", headers=world.headers("admin"),
                             json={}).status_code == 200
    token = access.create_share_link(world.app.store, LEA, clock=world.app.clock)["token"]
    api = create_app(world.app.settings, app=world.app)
    with closing(world.app), serve_thread(api, port):
        yield Shared(f"{url}/p/{token}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize(("lang", "download", "summary"),
                         [("fr", "Télécharger", "En bref"), ("en", "Download", "At a glance")])
def test_the_shared_view_on_a_phone(shared: Shared, browser: Browser, lang: str,
                                    download: str, summary: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True,
                                  locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    page.goto(shared.url)
    assert page.evaluate("document.documentElement.lang") == lang  # the viewer's browser
    expect(page.locator("main h2").first).to_have_text(summary)
    menu = page.locator("li.badge details.menu").first
    expect(menu.locator("summary")).to_have_text(download)
    links = menu.locator("a")
    expect(links.first).to_be_hidden()  # closed until asked
    menu.locator("summary").click()
    expect(links.first).to_be_visible()
    assert links.count() == 5
    heights = [links.nth(i).bounding_box()["height"] for i in range(links.count())]  # type: ignore[index]
    assert min(heights) >= 43.5, heights  # a thumb's target, each one
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portfolio-shared-menu-{lang}-390.png"),
                    full_page=True)
    png = menu.locator("a", has_text="PNG")
    with page.expect_download() as got:
        png.click()
    path = got.value.path()
    assert got.value.suggested_filename.endswith(".png")
    assert path.read_bytes().startswith(b"\x89PNG")
    with page.expect_download() as got_clr:
        page.click("#clr-download")
    clr = json.loads(got_clr.value.path().read_text(encoding="utf-8"))
    assert "ClrCredential" in clr["type"]
    no_sideways_scroll(page, f"the shared view ({lang})")
    assert small_targets(page) == []
    context.close()
