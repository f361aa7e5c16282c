"""A coordinator's whole day in a real Chromium, on SQLite and on PostgreSQL: the admin invites
them, they open the single-use sign-in link, land on their territory's dashboard, add a
newcomer by uploading the territory's description (YAML), send the week's logs (a French Excel
CSV with a mistake and an activity the catalog does not know), read what was accepted and
rejected, correct the rejected row, sort the unknown activity (with its confirmation), review
the awards with the evidence of each criterion, hold one back with a reason and issue the
others, revoke one credential with a reason, and download the territory's certificates as one
ZIP. Each step's screenshot goes to test-artifacts/walk/; docs/coordinators.md shows them
(``APPRENANCE_UPDATE_REFERENCES=1`` writes them again into docs/images/coordinators/)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from apprenance.bootstrap import bundled
from apprenance.services.people import invitations
from apprenance.web.app import create_app
from browser_site import chromium, loopback, require_chromium, serve_thread, walk_shot
from conftest import REPO
from web_world import LEA, build_world

ARTIFACTS = REPO / "test-artifacts" / "walk"
GUIDE = REPO / "docs" / "images" / "coordinators"  # the pictures of docs/coordinators.md
UPDATE = os.environ.get("APPRENANCE_UPDATE_REFERENCES") == "1"  # read before conftest clears it
T = "val-de-serre"
NEWCOMER = "nina.roux@example.org"
HEADER = ("id;date;participant;nom;role;territoire;projet;fonction;activite;description;duree;"
          "temoin;preuve")
ROWS = [
    f"semaine-1;2026-05-04;{LEA};Léa Marchand;etudiant;{T};legumerie-cantines;alimentation;"
    "atelier-participatif;Épluchage des légumes à la légumerie;2,5;;",
    f"semaine-2;2026-02-30;{LEA};Léa Marchand;etudiant;{T};legumerie-cantines;alimentation;"
    "atelier-participatif;Réunion à la mairie;3;;",
    f"semaine-3;2026-05-06;{LEA};Léa Marchand;etudiant;{T};legumerie-cantines;alimentation;"
    "porte-a-porte des voisins;Porte-à-porte pour la cantine;6;claire.lambert@example.org;",
]
EXCEL_CSV = "\r\n".join([HEADER, *ROWS, ""]).encode("cp1252")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium("Debian's chromium is missing: `make test` installs it")
    with chromium() as launched:
        yield launched


def _with_newcomer(description: str) -> str:
    """The example territory's description with one more learner (before the witnesses)."""
    head, witnesses = description.split("\nwitnesses:", 1)
    return (f"{head.rstrip()}\n  - participant: \"{NEWCOMER}\"\n    name: \"Nina Roux\"\n"
            f"    role: \"habitant\"\n    lang: \"fr\"\n\nwitnesses:{witnesses}")


def _shot(page: Page, db: str, step: str) -> None:
    """The step's pictures (``APPRENANCE_UPDATE_REFERENCES=1``: the guide's too)."""
    expect(page.locator("h1")).to_be_visible()
    walk_shot(page, artifacts=ARTIFACTS, guide=GUIDE, update=UPDATE, db=db, step=step)


def test_a_coordinator_walks_from_the_invitation_to_issued_badges(
        db_url: str, browser: Browser, tmp_path: Path) -> None:
    db = "postgresql" if db_url.startswith("postgresql") else "sqlite"
    port, url = loopback()
    world = build_world(tmp_path, public_url=url, db_url=db_url)
    store, clock = world.app.store, world.app.clock
    invited = invitations.invite(store, "marie.dupont@val.example.org", T, clock=clock,
                                 invited_by="admin", lang="fr")
    territory = tmp_path / "territoire.yaml"
    territory.write_text(_with_newcomer(
        (bundled("examples") / "territory.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    logs = tmp_path / "semaine-du-4-mai.csv"
    logs.write_bytes(EXCEL_CSV)
    pdfs: list[str] = []
    with closing(world.app), serve_thread(create_app(world.app.settings, app=world.app), port), \
            closing(browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                        accept_downloads=True)) as context:
        page = context.new_page()
        # 1. the invitation link: a page with one button (mail scanners do not spend it)
        page.goto(f"{url}/connexion/{invited.token}")
        _shot(page, db, "1-invitation")
        page.click("#signin-go")
        expect(page).to_have_url(f"{url}/territoires/{T}")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        # 2. the dashboard of the territory
        expect(page.locator("#chart-pillars")).to_be_visible()
        _shot(page, db, "2-tableau-de-bord")
        # 2b. a newcomer joins the territory: the description's YAML file uploaded, previewed
        page.click("#edit-description")
        page.set_input_files("#file", str(territory))
        page.click("#upload-go")
        expect(page.locator("#changes")).to_contain_text(NEWCOMER)
        _shot(page, db, "2b-territoire")
        page.click("#confirm-go")
        expect(page.locator("h1")).to_contain_text("Description enregistrée")
        page.goto(f"{url}/territoires/{T}")
        # 3. the week's logs, with a mistake and an unknown activity
        page.click("#logs-link")
        page.set_input_files("#files", [logs])
        _shot(page, db, "3-envoi")
        page.click("#logs-send")
        expect(page.locator("h1")).to_have_text("Résultat de l'envoi")
        expect(page.locator("#counts tbody tr td")).to_have_text(["2", "0", "1", "1"])
        expect(page.locator("tr.reject")).to_contain_text("Réunion à la mairie")
        _shot(page, db, "4-resultat")
        # 4. correct the rejected row where it is shown
        actions = page.locator("tr.reject-actions").first
        actions.locator("details.fix summary").click()
        actions.locator("input[aria-invalid=true]").fill("2026-02-27")
        _shot(page, db, "5-correction")
        actions.locator("details.fix button[type=submit]").click()
        expect(page.locator(".verdict.ok")).to_contain_text("rejet est clos")
        expect(page.locator("tr.reject")).to_have_count(0)
        # 5. sort the unknown activity: its suggested type is preselected (a door-to-door
        # round is a residents' survey), then a confirmation says what it will change
        page.goto(f"{url}/territoires/{T}/attente")
        form = page.locator("form:has(input[value='semaine-3'])")
        expect(form.locator("select")).to_have_value("enquete-habitants")
        _shot(page, db, "6-a-classer")
        form.locator("button[type=submit]").click()
        expect(page.locator("h1")).to_contain_text("Confirmer le classement")
        _shot(page, db, "7-confirmation")
        page.click("#confirm-go")
        expect(page.locator("h1")).to_contain_text("Classement enregistré")
        # 6. review the awards: the evidence of each criterion; hold one back, issue the rest
        page.goto(f"{url}/territoires/{T}")
        page.click("#review-awards")
        expect(page.locator("h1")).to_have_text("Badges à délivrer")
        first = page.locator("li.award").first
        expect(first.locator("li.criterion").first).to_be_visible()
        _shot(page, db, "8-badges-a-delivrer")
        first.locator("details.hold summary").click()
        first.locator("textarea").fill("Attestation de Claire à vérifier avec le porteur")
        first.locator("details.hold button[type=submit]").click()
        expect(page.locator("p.verdict.ok")).to_contain_text("Badge retenu")
        expect(page.locator("li.award.held")).to_have_count(1)
        page.click("#issue-all")
        expect(page.locator("section.verdict.ok h2")).to_contain_text("délivré")
        _shot(page, db, "9-badges-delivres")
        # 7. a credential issued by mistake is revoked from the learner's page, with a reason
        page.goto(f"{url}/apprenants/{LEA}")
        page.locator("a.revoke-open").first.click()
        page.fill("#reason", "Délivré par erreur : atelier compté deux fois")
        page.check("#confirm")
        _shot(page, db, "10-revocation")
        page.click("#revoke-go")
        expect(page.locator("#revoked-now")).to_be_visible()
        # 8. the territory's certificates as one ZIP, prepared in the background
        page.goto(f"{url}/territoires/{T}")
        page.click("#outputs-link")
        page.click("#certs-start")
        expect(page.locator("#job-download")).to_be_visible(timeout=90_000)
        _shot(page, db, "11-certificats")
        with page.expect_download() as got:
            page.click("#job-download")
        saved = got.value.path()
        with zipfile.ZipFile(io.BytesIO(Path(str(saved)).read_bytes())) as archive:
            pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    with store.transaction() as conn:
        from sqlalchemy import func, select

        from apprenance.db import tables as t
        from apprenance.db.issuing_tables import award_holds
        ids = {r[0] for r in conn.execute(select(t.activities.c.id)
                                          .where(t.activities.c.id.like("semaine-%")))}
        issued = conn.execute(select(func.count()).select_from(t.credentials)).scalar_one()
        held = conn.execute(select(func.count()).select_from(award_holds)).scalar_one()
        revoked = conn.execute(select(func.count()).select_from(t.credentials)
                               .where(t.credentials.c.revoked_at.is_not(None))).scalar_one()
        newcomer = conn.execute(select(t.learners.c.territory_id)
                                .where(t.learners.c.participant == NEWCOMER)).scalar_one()
    assert ids == {"semaine-1", "semaine-2", "semaine-3"}  # the corrected row stored once
    assert issued > 0 and held == 1 and revoked == 1 and newcomer == T
    assert pdfs and all(n.endswith(".pdf") for n in pdfs)
