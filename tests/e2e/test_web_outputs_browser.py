"""The coordinator's outputs in a real browser (Debian's headless Chromium, Playwright, a real
``apprenance serve``): sign in, open the outputs page, start the certificates batch, watch its
progress, download the ZIP; then revoke a credential from the learner's page with a reason.
In French, then in English, on SQLite and PostgreSQL; screenshots at 1280 and 390 px wide in
test-artifacts/, and no page scrolls sideways on a phone."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from accessibility import axe_violations, small_targets
from apprenance.services.certificates.territory_zip import learners_with_awards
from authz_world import DB_PARAMS, db_url_for
from browser_site import (
    chromium_profile,
    loopback,
    no_sideways_scroll,
    require_chromium,
    serve_process,
    sign_in,
)
from conftest import REPO
from live_server import server_env
from web_world import LEA, build_world

ARTIFACTS = REPO / "test-artifacts"
T = "/territoires/val-de-serre"

pytestmark = pytest.mark.slow


@dataclass
class Served:
    url: str
    token: str
    certified: int  # learners of the territory holding an award
    credentials: list[str]  # LEA's OB 3.0 credentials (ids without urn:uuid:)


@pytest.fixture(scope="module", params=DB_PARAMS)
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_chromium()
    tmp = tmp_path_factory.mktemp("outputs-browser")
    port, url = loopback()
    db_url = db_url_for(request, tmp)
    with pytest.MonkeyPatch.context() as env_patch:  # module scope: before conftest's env
        env_patch.setenv("APPRENANCE_ALLOW_LOCAL_URL", "1")  # a loopback URL, on purpose
        world = build_world(tmp, public_url=url, db_url=db_url)
        issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                                   json={})
    assert issued.status_code == 200 and issued.json()["issued"] >= 2, issued.text
    creds = [str(c["id"]).removeprefix("urn:uuid:") for c in world.client.get(
        f"/api/v1/learners/{LEA}/credentials", headers=world.headers("admin")).json()
        if c["format"] == "ob3"]
    certified = len(learners_with_awards(world.app.store, "val-de-serre"))
    world.app.close()
    with serve_process(tmp / "home", port, server_env(APPRENANCE_LANG="fr",
                                                      APPRENANCE_DATABASE_URL=db_url)):
        yield Served(url, world.tokens["coordinator"], certified, creds)


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with chromium_profile(tmp_path_factory.mktemp("chromium-profile"), locale="fr-FR",
                          viewport={"width": 1280, "height": 900}, accept_downloads=True) as ctx:
        yield ctx


def _shots(page: Page, name: str) -> None:
    """Screenshots at 1280 and 390 px wide; at 390 the page must not scroll sideways; at
    both, axe-core finds no serious violation and no control is under 44 px (the pages made
    by forms, such as the sign-in links, are not in test_accessibility's list of GET pages)."""
    ARTIFACTS.mkdir(exist_ok=True)
    # the page's stylesheet loaded (a click's navigation is not waited for to the end: on a
    # busy machine the audit could see the page unstyled, every control under 44 px)
    page.wait_for_load_state("load")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 390:
            no_sideways_scroll(page, f"{name}: the page")
        assert axe_violations(page) == [], name
        assert small_targets(page) == [], name
        page.screenshot(path=str(ARTIFACTS / f"outputs-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", {"start": "Préparer le ZIP des certificats", "ready": "Prêt",
            "revoked": "révoqué le", "reason": "Heures saisies deux fois"}),
    ("en", {"start": "Prepare the certificates ZIP", "ready": "Ready",
            "revoked": "revoked on", "reason": "Hours entered twice"}),
])
def test_certificates_zip_then_revoke(served: Served, context: BrowserContext, lang: str,
                                      words: dict[str, str]) -> None:
    page = context.new_page()
    sign_in(page, served.url, served.token)
    expect(page).to_have_url(f"{served.url}{T}")
    page.goto(f"{served.url}/langue?lang={lang}&next={T}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.click("#outputs-link")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#certs-start")).to_have_text(words["start"])
    _shots(page, f"page-{lang}")
    with page.expect_download() as credits:
        page.click("#credits-download")
    assert credits.value.suggested_filename == "credits-val-de-serre.csv"

    # sign-in links for two people, shown once to be passed on
    page.check("#who-1")
    page.check("#who-2")
    page.click("#links-show")
    expect(page.locator("#links .link-url")).to_have_count(2)
    _shots(page, f"links-{lang}")
    page.click("main p:first-child a")  # back to the outputs page
    expect(page.locator("#certs-start")).to_be_visible()

    # the batch: its page shows the progress, then (polled by outputs.js) the ZIP
    # the status route held back while the running page is looked at (else outputs.js may
    # reload it in the middle of the audit); let go, the script finds the batch over
    page.route("**/etat", lambda route: route.abort())
    page.click("#certs-start")
    expect(page).to_have_url(re.compile(re.escape(f"{served.url}{T}/certificats/")
                                        + r"[A-Za-z0-9_-]+$"))
    expect(page.locator("#job-state")).to_be_visible()
    first = page.locator("#job").get_attribute("data-state")
    assert first in ("running", "done")
    if first == "running":
        expect(page.locator("#job-progress")).to_be_visible()
        _shots(page, f"job-running-{lang}")
    page.unroute("**/etat")
    download_button = page.locator("#job-download")
    expect(download_button).to_be_visible(timeout=60_000)
    expect(page.locator("#job-state")).to_contain_text(words["ready"])
    _shots(page, f"job-done-{lang}")
    with page.expect_download() as got:
        download_button.click()
    saved = got.value.path()
    assert saved is not None
    with zipfile.ZipFile(io.BytesIO(Path(saved).read_bytes())) as archive:
        names = archive.namelist()
    assert len(names) == served.certified and all(n.endswith(".pdf") for n in names)

    # revoke one of LEA's credentials from her page, with a reason
    cid = served.credentials[0 if lang == "fr" else 1]
    page.goto(f"{served.url}/apprenants/{LEA}")
    page.click(f"#titre-{cid} a.revoke-open")
    expect(page.locator("#revoke-form")).to_be_visible()
    _shots(page, f"revoke-{lang}")
    page.click("#revoke-go")  # nothing filled in: the browser asks for the reason first
    expect(page.locator("#revoke-form")).to_be_visible()
    assert page.evaluate("document.querySelector('#reason').validity.valueMissing")
    page.fill("#reason", words["reason"])
    page.check("#confirm")
    page.click("#revoke-go")
    expect(page.locator("#revoked-now")).to_be_visible()
    revoked = page.locator(f"#titre-{cid} .revoked")
    expect(revoked).to_contain_text(words["revoked"])
    expect(revoked).to_contain_text(words["reason"])
    expect(page.locator(f"#titre-{cid} a.revoke-open")).to_have_count(0)
    page.locator(f"#titre-{cid}").scroll_into_view_if_needed()
    _shots(page, f"revoked-{lang}")
    page.close()
