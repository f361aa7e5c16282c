"""Issue 14, item 2 in a real Chromium: a coordinator opens their territory's description,
downloads it, uploads a file with a wrong line (named, nothing saved), adds a learner through
the form (a wrong address is named beside its field, what was typed is kept), sees the
preview, confirms and is told what changed — in French and English, on a desktop (1280 px)
and a phone (390 px, no sideways scrolling), with axe-core's verdict on each state of the
page. Screenshots go to test-artifacts/territory/."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from accessibility import AXE, axe_violations
from apprenance.services.people import directory
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
from web_world import World

ARTIFACTS = REPO / "test-artifacts" / "territory"
pytestmark = [pytest.mark.slow, pytest.mark.minutes]


@dataclass
class Site:
    url: str
    world: World


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    require_chromium("chromium or axe-core is missing: `make test` installs both", AXE)
    port, url = loopback()
    world = loopback_world(tmp_path_factory.mktemp("territory"), url)
    with closing(world.app), serve_thread(create_app(world.app.settings, app=world.app), port):
        yield Site(url, world)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def _check(page: Page, name: str, width: int) -> None:
    """Screenshot, no sideways scrolling on a phone, no serious axe violation."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    if width <= 390:
        no_sideways_scroll(page, f"{name}: the page")
    assert axe_violations(page) == [], name


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_a_coordinator_edits_the_territory(site: Site, browser: Browser, lang: str,
                                           width: int, tmp_path: Path) -> None:
    words = {"fr": ("Modifier la description", "Rien n'a été enregistré", "Voir les changements",
                    "ajouté", "Description enregistrée"),
             "en": ("Edit the territory description", "Nothing was saved", "See the changes",
                    "added", "Description saved")}[lang]
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  locale="fr-FR" if lang == "fr" else "en-GB",
                                  accept_downloads=True)
    page = context.new_page()
    page.goto(f"{site.url}/langue?lang={lang}&next=/connexion")
    page.fill("#token", site.world.tokens["coordinator"])
    page.click("form.stack button[type=submit]")
    page.get_by_role("link", name=words[0]).click()
    expect(page.locator("h1")).to_contain_text("Val de Serre")
    tag = f"{lang}-{width}"
    _check(page, f"editor-{tag}", width)

    with page.expect_download() as download:
        page.click("a[download]")
    original = Path(download.value.path()).read_text("utf-8")
    head, _, learners = original.partition("\nlearners:\n")
    bad = tmp_path / "territoire.yaml"
    bad.write_text(head + "\nlearners:\n" + learners.replace("lang: fr", "lang: de", 1),
                   "utf-8")
    page.set_input_files("#file", str(bad))
    page.click("#upload-go")
    expect(page.locator("#problemes")).to_contain_text(words[1])
    expect(page.locator("#problemes")).to_contain_text("territoire.yaml:")
    expect(page.locator("#problemes")).to_contain_text(".lang")
    _check(page, f"upload-error-{tag}", width)

    page.goto(f"{site.url}/territoires/val-de-serre/description")
    email = f"nina-{tag}@example.org"
    blank = page.locator("input[name^=learners-][name$=-participant][value='']").first
    row = str(blank.get_attribute("name")).split("-")[1]
    blank.fill("nina at example")
    page.fill(f"#learners-{row}-name", f"Nina {tag}")
    page.select_option(f"#learners-{row}-role", "habitant")
    page.select_option(f"#learners-{row}-lang", lang)
    page.get_by_role("button", name=words[2]).click()
    expect(page.locator(f"#learners-{row}-participant-err")).to_be_visible()
    expect(page.locator(f"#learners-{row}-participant")).to_have_value("nina at example")
    expect(page.locator(f"#learners-{row}-name")).to_have_value(f"Nina {tag}")
    _check(page, f"form-error-{tag}", width)
    page.click(f"#problemes a[href='#learners-{row}-participant']")
    expect(page.locator(f"#learners-{row}-participant")).to_be_focused()
    page.fill(f"#learners-{row}-participant", email)
    page.get_by_role("button", name=words[2]).click()
    expect(page.locator("#changes")).to_contain_text(email)
    expect(page.locator("#changes")).to_contain_text(words[3])
    _check(page, f"preview-{tag}", width)
    assert email not in {x["learner"] for x in directory.list_learners(
        site.world.app.store, territories=["val-de-serre"], limit=1000)}

    page.click("#confirm-go")
    expect(page.locator("h1")).to_contain_text(words[4])
    expect(page.locator("#changes")).to_contain_text(email)
    _check(page, f"saved-{tag}", width)
    found = directory.get_learner(site.world.app.store, email)
    assert (found["territory"], found["role"], found["lang"]) == ("val-de-serre", "habitant",
                                                                  lang)
    context.close()
