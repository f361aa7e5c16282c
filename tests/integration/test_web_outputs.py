"""The coordinator's outputs through the app (TestClient, SQLite and PostgreSQL): the
territory's certificates as one ZIP made in the background (one PDF per learner holding an
award, in the page's language, recorded for erasure), the credits CSV, sign-in links in bulk,
and revoking a credential from the learner's page with a required reason and a confirmation.
Scoping: another territory's coordinator 403, the public 401; forged forms 403."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient

from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.certificates.batch import file_names
from apprenance.services.certificates.territory_zip import learners_with_awards
from apprenance.services.issuing.clr_records import build_clr
from apprenance.services.issuing.issue import issue
from apprenance.web.app import create_app
from web_world import LEA, OTHER, World, build_world

T = "/territoires/val-de-serre"
HTML = {"Accept": "text/html"}


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    built = build_world(tmp_path, db_url=db_url)
    yield built
    built.app.close()


def _session(world: World, role: str, lang: str = "fr") -> TestClient:
    """A browser: a session opened with the role's API token, in ``lang``."""
    client = TestClient(create_app(world.app.settings, app=world.app),
                        raise_server_exceptions=False)
    signed = client.post("/connexion", data={"token": world.tokens[role]},
                         follow_redirects=False)
    assert signed.status_code == 303, signed.text
    client.get(f"/langue?lang={lang}&next=/", follow_redirects=False)
    return client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _wait(client: TestClient, job_url: str) -> dict[str, Any]:
    for _ in range(1200):  # a bound, not a timing assertion
        state: dict[str, Any] = client.get(f"{job_url}/etat").json()
        if state["state"] != "running":
            return state
        time.sleep(0.05)
    raise AssertionError(f"the batch never ended: {state}")


def test_the_territory_certificates_come_as_one_zip(world: World) -> None:
    browser = _session(world, "coordinator", "en")
    page = browser.get(f"{T}/sorties")
    assert page.status_code == 200 and 'id="certs-start"' in page.text
    assert "in English (the language of this page)" in page.text
    started = browser.post(f"{T}/certificats", data={"csrf": _csrf(page.text)},
                           follow_redirects=False)
    assert started.status_code == 303
    job_url = started.headers["location"]
    assert job_url.startswith(f"{T}/certificats/")
    running = browser.get(job_url)
    assert running.status_code == 200 and "Language of the certificates: English" in running.text
    state = _wait(browser, job_url)
    expected = learners_with_awards(world.app.store, "val-de-serre")
    assert LEA in expected and OTHER not in expected
    assert state["state"] == "done", state
    assert (state["total"], state["done"], state["written"], state["lang"]) == (
        len(expected), len(expected), len(expected), "en")
    done = browser.get(job_url)
    assert 'id="job-download"' in done.text
    got = browser.get(f"{job_url}/zip")
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    assert 'filename="certificats-val-de-serre-2026-09-15.zip"' in \
        got.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(got.content)) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(file_names(expected).values())
        assert all(archive.read(n).startswith(b"%PDF-") for n in names)
    # recorded for LEA's erasure, as the command line records what it writes
    export = world.client.get(f"/api/v1/learners/{LEA}/export", headers=world.headers("admin"))
    files = export.json()["recorded_files"]
    assert any(f["kind"] == "certificates" and f["shared"] and f["path"].endswith(".zip")
               for f in files), files
    # the page lists the last batch; another batch replaces the territory's one ZIP
    again = browser.get(f"{T}/sorties")
    assert 'id="certs-latest"' in again.text
    second = browser.post(f"{T}/certificats", data={"csrf": _csrf(again.text)},
                          follow_redirects=False).headers["location"]
    assert second != job_url and _wait(browser, second)["state"] == "done"
    folder = world.app.home / "exports" / "certificates"
    assert [p.name for p in folder.glob("*.zip")] == ["certificats-val-de-serre.zip"]
    # erasing LEA lists the ZIP (shared with others) for review, as for the CLI's shared files
    erased = world.client.post(f"/api/v1/learners/{LEA}/erase", headers=world.headers("admin"),
                               json={"confirm": True})
    assert erased.status_code == 200, erased.text
    assert "exports/certificates/certificats-val-de-serre.zip" in \
        erased.json()["files_to_review"]


def test_outputs_are_scoped_to_the_territory(world: World) -> None:
    mine = _session(world, "coordinator")
    csrf = _csrf(mine.get(f"{T}/sorties").text)
    job_url = mine.post(f"{T}/certificats", data={"csrf": csrf},
                        follow_redirects=False).headers["location"]
    job = job_url.rsplit("/", 1)[1]
    _wait(mine, job_url)
    other = _session(world, "other_coordinator")
    for path in ("/sorties", "/credits.csv", "/credits-competences.csv", "/credits.xlsx",
                 f"/certificats/{job}", f"/certificats/{job}/etat",
                 f"/certificats/{job}/zip"):
        assert other.get(T + path, headers=HTML).status_code == 403, path
    assert other.get(f"/territoires/autre/certificats/{job}/zip").status_code == 404
    public = TestClient(create_app(world.app.settings, app=world.app),
                        raise_server_exceptions=False)
    assert public.get(f"{T}/sorties", headers=HTML).status_code == 401
    assert public.get(f"{T}/certificats/{job}/zip").status_code == 401
    other_csrf = _csrf(other.get("/territoires/autre").text)
    assert other.post(f"{T}/certificats", data={"csrf": other_csrf}).status_code == 403
    assert other.post(f"{T}/liens", data={"csrf": other_csrf, "all": "true"}).status_code == 403


def test_forged_forms_are_refused(world: World) -> None:
    browser = _session(world, "coordinator")
    for path, data in ((f"{T}/certificats", {}), (f"{T}/liens", {"all": "true"})):
        assert browser.post(path, data={"csrf": "0" * 32, **data}).status_code == 403
        assert browser.post(path, data=data).status_code == 422  # no token at all
    # an API token is not a session: page forms refuse it
    token = world.headers("coordinator")
    assert world.client.post(f"{T}/certificats", headers=token,
                             data={"csrf": "x"}).status_code == 403


def test_the_credits_export_downloads_as_csv_and_xlsx(world: World) -> None:
    browser = _session(world, "coordinator")
    before = browser.get(f"{T}/credits.csv").content.decode("utf-8-sig")
    assert LEA not in before  # no signed credential yet: nothing a registrar could check
    keys, urls = KeyStore(world.app.home / "keys"), HostedUrls("http://testserver")
    issue(world.app.store, world.app.catalog(), keys, urls=urls, clock=world.app.clock)
    build_clr(world.app.store, world.app.catalog(), keys, LEA, pathway=None, urls=urls,
              clock=world.app.clock)
    page = browser.get(f"{T}/sorties").text
    for link in ("credits.csv", "credits-competences.csv", "credits.xlsx"):
        assert f'href="{T}/{link}?lang=fr"' in page, link
    got = browser.get(f"{T}/credits.csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "credits-val-de-serre.csv" in got.headers["content-disposition"]
    assert got.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Identifiant", "Nom"]  # the page's language
    people = {r[0] for r in rows[1:]}
    assert LEA in people and OTHER not in people
    url_at = rows[0].index("Adresse de vérification de la preuve")
    assert all(r[url_at].startswith("http") for r in rows[1:])
    english = browser.get(f"{T}/credits.csv?lang=en").content.decode("utf-8-sig")
    assert english.startswith("Identifier;Name;")
    competences = browser.get(f"{T}/credits-competences.csv?lang=en")
    assert competences.status_code == 200
    assert "credits-val-de-serre-competences.csv" in competences.headers["content-disposition"]
    assert competences.content.decode("utf-8-sig").startswith(
        "Identifier;Pathway (identifier);Competence (identifier)")
    book = browser.get(f"{T}/credits.xlsx?lang=en")
    assert book.status_code == 200 and book.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    workbook = openpyxl.load_workbook(io.BytesIO(book.content))
    assert workbook.sheetnames == ["Credits", "Competences"]
    sheet = list(workbook["Credits"].iter_rows(values_only=True))
    assert sheet[0][0] == "Identifier" and len(sheet) == len(rows)
    assert {r[0] for r in sheet[1:]} == people


def test_sign_in_links_in_bulk(world: World) -> None:
    browser = _session(world, "coordinator")
    page = browser.get(f"{T}/sorties")
    assert "transmettez vous-même" in page.text  # no e-mail yet: the page says so
    csrf = _csrf(page.text)
    shown = browser.post(f"{T}/liens", data={"csrf": csrf, "learners": [LEA], "days": "7",
                                             "format": "page"})
    assert shown.status_code == 201, shown.text[:300]
    links = re.findall(r'>http://testserver(/connexion/aps_[A-Za-z0-9_-]+)<', shown.text)
    assert len(links) == 1 and "valables jusqu" in shown.text
    learner = TestClient(create_app(world.app.settings, app=world.app))
    opened = learner.post(links[0], follow_redirects=False)
    assert (opened.status_code, opened.headers["location"]) == (303, "/portfolio")
    assert learner.post(links[0], follow_redirects=False).status_code == 401  # single use
    every = browser.post(f"{T}/liens", data={"csrf": csrf, "all": "true", "format": "csv"})
    assert every.status_code == 200 and every.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(every.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Personne", "Identifiant", "Lien de connexion", "Valable jusqu'au"]
    learners = world.client.get("/api/v1/learners?limit=1000",
                                headers=world.headers("coordinator")).json()
    assert sorted(r[1] for r in rows[1:]) == sorted(x["learner"] for x in learners)
    assert all("/connexion/aps_" in r[2] for r in rows[1:])
    none = browser.post(f"{T}/liens", data={"csrf": csrf, "format": "page"}, headers=HTML)
    assert none.status_code == 422 and "Choisissez au moins une personne" in none.text
    stranger = browser.post(f"{T}/liens", data={"csrf": csrf, "learners": [LEA, OTHER]})
    assert stranger.status_code == 403
    too_long = browser.post(f"{T}/liens", data={"csrf": csrf, "all": "true", "days": "90"})
    assert too_long.status_code == 422


def _lea_credential(world: World) -> str:
    issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                               json={})
    assert issued.status_code == 200, issued.text
    creds = world.client.get(f"/api/v1/learners/{LEA}/credentials",
                             headers=world.headers("admin")).json()
    return str(next(c["id"] for c in creds if c["format"] == "ob3")).removeprefix("urn:uuid:")


def test_revoke_from_the_learner_page_needs_a_reason(world: World) -> None:
    cid = _lea_credential(world)
    url = f"/apprenants/{LEA}/titres/{cid}/revoquer"
    browser = _session(world, "coordinator")
    learner_page = browser.get(f"/apprenants/{LEA}")
    assert f'href="/apprenants/lea.marchand%40example.org/titres/{cid}/revoquer"' \
        in learner_page.text
    form = browser.get(url)
    assert form.status_code == 200 and 'id="revoke-form"' in form.text
    csrf = _csrf(form.text)
    blank = browser.post(url, data={"csrf": csrf, "reason": "   ", "confirm": "yes"})
    assert blank.status_code == 422 and "Motif\u00a0: indiquez" in blank.text
    unconfirmed = browser.post(url, data={"csrf": csrf, "reason": "erreur de saisie"})
    assert unconfirmed.status_code == 422 and "cochez la case" in unconfirmed.text
    assert browser.post(url, data={"csrf": "f" * 32, "reason": "x", "confirm": "yes"}
                        ).status_code == 403
    other = _session(world, "other_coordinator")
    assert other.get(url, headers=HTML).status_code == 403
    lea = _session(world, "learner")
    assert lea.get(url, headers=HTML).status_code == 403
    public = TestClient(create_app(world.app.settings, app=world.app),
                        raise_server_exceptions=False)
    assert public.get(url, headers=HTML).status_code == 401
    state = world.client.get(f"/api/v1/credentials/{cid}", headers=world.headers("admin"))
    assert state.json()["revoked"] is False  # nothing above revoked it
    done = browser.post(url, data={"csrf": csrf, "reason": "Erreur de saisie des heures",
                                   "confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"].endswith(f"?revoque={cid}#titre-{cid}")
    state = world.client.get(f"/api/v1/credentials/{cid}", headers=world.headers("admin"))
    assert state.json()["revoked"] is True
    assert state.json()["revocation_reason"] == "Erreur de saisie des heures"
    shown = browser.get(done.headers["location"]).text
    assert 'id="revoked-now"' in shown and "est révoqué" in shown
    assert "révoqué le" in shown and "Erreur de saisie des heures" in shown
    assert f"/titres/{cid}/revoquer" not in shown  # nothing left to revoke there
    again = browser.post(url, data={"csrf": csrf, "reason": "again", "confirm": "yes"})
    assert again.status_code == 409


def test_the_jobs_of_a_process(world: World, tmp_path: Path) -> None:
    """A second start while a batch of the territory runs gives that batch; a job is not
    found through another territory; a batch that cannot write says so (no traceback)."""
    from datetime import UTC, datetime

    from apprenance.errors import NotFound
    from apprenance.services.certificates.gather import CertificateOptions
    from apprenance.services.certificates.territory_zip import CertificateJob, CertificateJobs

    store, catalog = world.app.store, world.app.catalog()
    options = CertificateOptions(lang="fr", public_url="http://testserver")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    jobs = CertificateJobs(blocked)
    busy = CertificateJob(id="busy-job-1", territory="val-de-serre", lang="fr", total=3,
                          started_at=datetime(2026, 9, 15, tzinfo=UTC))
    jobs._jobs[busy.id] = busy
    assert jobs.start(store, catalog, "val-de-serre", options=options,
                      clock=world.app.clock) is busy
    with pytest.raises(NotFound):
        jobs.get("busy-job-1", "autre")
    busy.state = "done"
    failing = jobs.start(store, catalog, "val-de-serre", options=options,
                         clock=world.app.clock)
    assert failing is not busy and jobs.latest("val-de-serre") is failing
    for _ in range(1200):
        if failing.state != "running":
            break
        time.sleep(0.05)
    state = failing.to_dict()
    assert state["state"] == "failed", state
    assert state["error"].startswith("cannot write the certificates (")
    assert state["failure"] == "disk"
    browser = _session(world, "coordinator")
    browser.app.state.certificate_jobs = jobs  # type: ignore[attr-defined]
    page = browser.get(f"{T}/certificats/{failing.id}")
    assert page.status_code == 200 and "le serveur ne peut pas écrire" in page.text


def test_another_worker_process_sees_the_job(world: World) -> None:
    """With ``serve --workers N`` the browser's next request may land in another process: it
    reads the job's file (counts only, nobody named); a job whose process stopped is seen as
    interrupted once its file is old."""
    import json
    import os

    from apprenance.errors import NotFound
    from apprenance.services.certificates.gather import CertificateOptions
    from apprenance.services.certificates.territory_zip import STALE, CertificateJobs

    folder = world.app.home / "exports" / "certificates"
    here, there = CertificateJobs(folder), CertificateJobs(folder)
    job = here.start(world.app.store, world.app.catalog(), "val-de-serre",
                     options=CertificateOptions(lang="en", public_url="http://testserver"),
                     clock=world.app.clock)
    for _ in range(1200):
        if job.state != "running":
            break
        time.sleep(0.05)
    seen = there.get(job.id, "val-de-serre")
    assert seen is not job
    assert {k: v for k, v in seen.to_dict().items() if k != "skipped"} == {
        k: v for k, v in job.to_dict().items() if k != "skipped"}
    assert seen.zip_path == folder / "certificats-val-de-serre.zip"
    written = (folder / ".jobs" / f"{job.id}.json").read_text(encoding="utf-8")
    assert LEA not in written and "lea" not in written
    with pytest.raises(NotFound):
        there.get(job.id, "autre")
    with pytest.raises(NotFound):
        there.get("../../../etc/passwd", "val-de-serre")
    lost = folder / ".jobs" / "lostjob01.json"
    lost.write_text(json.dumps({**json.loads(written), "id": "lostjob01", "state": "running"}),
                    encoding="utf-8")
    old = time.time() - STALE - 60
    os.utime(lost, (old, old))
    interrupted = there.get("lostjob01", "val-de-serre").to_dict()
    assert interrupted["state"] == "failed" and "interrupted" in interrupted["error"]
    assert interrupted["failure"] == "interrupted"
