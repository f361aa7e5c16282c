"""Issue 15, item 4: the portfolio's fixes, found by trying it. A revoked badge reads revoked
on every view (own, staff, shared) and leaves the certificates made afterwards; badges are
dated by the day the evidence met the rule; the page follows the learner's language, then the
browser's (the shared view: the viewer's browser first); the badge artwork exists in English;
one competence level, worded alike on the portfolio and the certificate; the shared view
names the issuer and the territory, offers the CLR and one download menu per badge."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from apprenance.bootstrap import bundled
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.domain.certificate import competence_level
from apprenance.i18n.levels import level_text
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from apprenance.services.people import access
from apprenance.services.people.territories import load_territory
from apprenance.services.portfolio import portfolio_for
from web_world import LEA, World, build_world

REASON = "Erreur de saisie du coordinateur"


def _issue(world: World) -> list[dict[str, object]]:
    done = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                             json={})
    assert done.status_code == 200, done.text
    creds = world.client.get(f"/api/v1/learners/{LEA}/credentials",
                             headers=world.headers("admin")).json()
    return [c for c in creds if c["format"] == "ob3"]


def _revoke(world: World, credential: dict[str, object]) -> None:
    cid = str(credential["id"]).removeprefix("urn:uuid:")
    done = world.client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": REASON},
                             headers=world.headers("admin"))
    assert done.status_code == 200, done.text


def _learner_speaks(world: World, tmp_path: Path, lang: str) -> None:
    """Léa's ``lang`` in the store, by loading the example territory with it changed."""
    text = (bundled("examples") / "territory.yaml").read_text(encoding="utf-8")
    text = re.sub(r'(participant: "lea\.marchand@example\.org"\n(?:    .*\n)*?    lang: )"fr"',
                  rf'\1"{lang}"', text, count=1)
    assert f'lang: "{lang}"' in text
    path = tmp_path / "territory.yaml"
    path.write_text(text, encoding="utf-8")
    load_territory(world.app.store, path, clock=world.app.clock)


def _signed_in(world: World) -> None:
    link = access.create_sign_in_link(world.app.store, LEA, clock=world.app.clock)
    assert world.client.post(f"/connexion/{link}", follow_redirects=False).status_code == 303


def _page(world: World, path: str, **options: object) -> str:
    """The page's HTML, its no-break spaces (dates keep their parts together) as spaces."""
    got = world.client.get(path, **options)  # type: ignore[arg-type]
    assert got.status_code == 200, (path, got.status_code)
    return got.text.replace("\xa0", " ")


def _badge_card(html: str, badge: str) -> str:
    found = re.search(rf'<li class="badge[^"]*" id="badge-{badge}">(.*?)</li>\s*(?=<li class|'
                      r"</ul>)", html, re.S)
    assert found, badge
    return found.group(1)


# --- 1. revoked everywhere; 2. dated by the activity -----------------------------------------


def test_a_revoked_badge_reads_revoked_on_every_view_and_leaves_the_certificate(
        tmp_path: Path, db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    creds = _issue(world)
    kept, gone = sorted(creds, key=lambda c: str(c["badge"]))[:2]
    _revoke(world, gone)
    store, catalog = world.app.store, world.app.catalog()
    doc = portfolio_for(store, catalog, LEA, "fr")
    by_id = {b["id"]: b for b in doc["badges"]}
    assert by_id[gone["badge"]]["revoked"] is True
    assert by_id[gone["badge"]]["revocation_reason"] == REASON
    assert by_id[gone["badge"]]["revoked_on"] == "2026-09-15"
    assert by_id[gone["badge"]]["formats"] == []  # nothing to download as if earned
    assert by_id[kept["badge"]]["revoked"] is False
    assert doc["earned"] == len(doc["badges"]) - 1

    share = access.create_share_link(store, LEA, clock=world.app.clock)["token"]
    views = {"shared": _page(world, f"/p/{share}"),
             "staff": _page(world, f"/apprenants/{LEA}", headers=world.headers("coordinator"))}
    _signed_in(world)
    views["own"] = _page(world, "/portfolio")
    for where, html in views.items():
        card = _badge_card(html, str(gone["badge"]))
        assert "révoqué le 15 septembre 2026" in card and REASON in card, where
        assert "obtenu le" not in card, where
        assert 'class="menu"' not in card, where  # no download menu for a revoked badge
        assert "obtenu le 22 mars 2026" in _badge_card(html, str(kept["badge"])), where

    data = gather_certificate(store, catalog, LEA, clock=world.app.clock,
                              options=CertificateOptions(lang="fr"))
    assert [b.id for b in data.badges] == [kept["badge"]]
    pdf = render_certificate(data, created=world.app.clock())
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    listed = " ".join(text.split("Badges et parcours obtenus")[-1].split())
    kept_name = catalog.badges[str(kept["badge"])].name["fr"]
    gone_name = catalog.badges[str(gone["badge"])].name["fr"]
    assert kept_name.split(" — ")[0] in listed
    assert gone_name.split(" — ")[0] not in listed
    world.app.close()


def test_the_shared_view_dates_badges_by_the_activity_not_the_issuing(tmp_path: Path) -> None:
    world = build_world(tmp_path)  # activities in March, issued on 15 September 2026
    _issue(world)
    share = access.create_share_link(world.app.store, LEA, clock=world.app.clock)["token"]
    html = _page(world, f"/p/{share}")
    for badge in portfolio_for(world.app.store, world.app.catalog(), LEA, "fr")["badges"]:
        card = _badge_card(html, badge["id"])
        assert "obtenu le 22 mars 2026 · émis le 15 septembre 2026" in card
    assert '<time datetime="2026-03-22">22 mars 2026</time> — badge obtenu' in html
    world.app.close()


# --- 3. the language of the page ----------------------------------------------------------


def test_the_portfolio_follows_the_learner_then_the_browser_unless_one_chose(
        tmp_path: Path, db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    _learner_speaks(world, tmp_path, "en")
    share = access.create_share_link(world.app.store, LEA, clock=world.app.clock)["token"]
    _signed_in(world)
    french_browser = {"Accept-Language": "fr-FR,fr;q=0.9"}
    english_browser = {"Accept-Language": "en-GB,en;q=0.9"}

    def lang_of(path: str, headers: dict[str, str] | None = None) -> str:
        found = re.search(r'<html lang="(\w+)"', world.client.get(path, headers=headers).text)
        assert found, path
        return found.group(1)

    # her own page: her language, before her browser's
    assert lang_of("/portfolio", french_browser) == "en"
    assert lang_of("/portfolio") == "en"
    # a recruiter opening her share link: their browser's language first, else hers
    world.client.cookies.clear()
    assert lang_of(f"/p/{share}", french_browser) == "fr"
    assert lang_of(f"/p/{share}") == "en"
    # staff read in their own language
    assert lang_of(f"/apprenants/{LEA}", {**french_browser, **world.headers("coordinator")}
                   ) == "fr"
    # the language switch wins everywhere
    switched = world.client.get("/langue?lang=fr&next=/", follow_redirects=False)
    assert switched.status_code == 303
    assert lang_of(f"/p/{share}", english_browser) == "fr"
    _signed_in(world)
    assert lang_of("/portfolio", english_browser) == "fr"
    world.app.close()


# --- 4. English artwork ---------------------------------------------------------------------


def test_badges_have_english_artwork_in_pages_credentials_and_baked_files(
        tmp_path: Path) -> None:
    world = build_world(tmp_path)
    french = world.client.get("/images/badges/faire-1.svg")
    english = world.client.get("/images/badges/faire-1.en.svg")
    assert french.status_code == english.status_code == 200
    assert english.headers["content-type"].startswith("image/svg+xml")
    assert "APPRENDRE À" in french.text and "LEARNING TO" not in french.text
    assert "LEARNING TO" in english.text and "APPRENDRE" not in english.text
    assert world.client.get("/images/badges/faire-1.de.svg").status_code == 404
    assert world.client.get("/images/badges/faire-1.fr.svg").status_code == 404
    hosted = world.client.get("/achievements/faire-1.en.json").json()
    assert hosted["image"]["id"].endswith("/images/badges/faire-1.en.svg")
    assert world.client.get("/achievements/faire-1.fr.json").json()["image"]["id"].endswith(
        "/images/badges/faire-1.svg")
    for lang, path in (("en", "/images/badges/faire-1.en.svg"),
                       ("fr", "/images/badges/faire-1.svg")):
        listed = world.client.get(f"/api/v1/badges/faire-1?lang={lang}",
                                  headers=world.headers("admin"))
        assert listed.status_code == 200 and listed.json()["image"] == path

    _learner_speaks(world, tmp_path, "en")  # her credentials are written in English
    [cred, *_] = _issue(world)
    cid = str(cred["id"]).removeprefix("urn:uuid:")
    doc = world.client.get(f"/api/v1/credentials/{cid}/json",
                           headers=world.headers("learner")).json()
    achievement = doc["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "en"
    assert achievement["image"]["id"].endswith(f"/images/badges/{cred['badge']}.en.svg")
    baked = world.client.get(f"/api/v1/credentials/{cid}/svg", headers=world.headers("learner"))
    assert baked.status_code == 200 and "LEARNING TO" in baked.text

    share = access.create_share_link(world.app.store, LEA, clock=world.app.clock)["token"]
    english_page = world.client.get(f"/p/{share}", headers={"Accept-Language": "en"}).text
    assert f'src="/images/badges/{cred["badge"]}.en.svg"' in english_page
    french_page = world.client.get(f"/p/{share}", headers={"Accept-Language": "fr"}).text
    assert f'src="/images/badges/{cred["badge"]}.svg"' in french_page
    world.app.close()


# --- 5. one competence level ----------------------------------------------------------------


def test_levels_are_the_certificates_and_read_alike(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    store, catalog = world.app.store, world.app.catalog()
    for lang in ("fr", "en"):
        doc = portfolio_for(store, catalog, LEA, lang)
        data = gather_certificate(store, catalog, LEA, clock=world.app.clock,
                                  options=CertificateOptions(lang=lang))
        on_certificate = {c.curie: c.level for c in data.competences}
        on_portfolio = {c["id"]: c["level"] for c in doc["competences"]}
        assert on_portfolio == on_certificate
        assert {c["level"] for c in doc["competences"]} >= {0, 1}  # both levels occur here
        assert all(c["level"] == competence_level(c["hours"]) for c in doc["competences"])
        share = access.create_share_link(store, LEA, clock=world.app.clock)["token"]
        html = _page(world, f"/p/{share}?lang={lang}")
        pdf = render_certificate(data, created=world.app.clock())
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        for level in {c.level for c in data.competences if c.level >= 1}:
            words = level_text(level, lang)
            assert words in html and words in text.replace("\n", " "), (lang, words)
    assert level_text(1, "fr") == "1 · premiers pas" and level_text(1, "en") == "1 · first steps"
    world.app.close()


# --- 6. the shared view ---------------------------------------------------------------------


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[World, str, str]]:
    world = build_world(tmp_path)
    _issue(world)
    clr = world.client.post(f"/api/v1/learners/{LEA}/clr", headers=world.headers("admin"),
                            json={})
    assert clr.status_code == 200, clr.text
    share = access.create_share_link(world.app.store, LEA, clock=world.app.clock)["token"]
    yield world, share, _page(world, f"/p/{share}")
    world.app.close()


def test_the_shared_view_names_issuer_and_territory_and_offers_the_clr(
        shared: tuple[World, str, str]) -> None:
    world, _share, html = shared
    assert "Badges délivrés par" in html
    assert "Communauté de communes du Val de Serre" in html
    assert "Territoire : " in html
    clr = re.search(r'id="clr-download" href="([^"]+)"', html)
    assert clr, "no CLR download"
    got = world.client.get(clr.group(1).replace("&amp;", "&"))
    assert got.status_code == 200
    assert "ClrCredential" in got.json()["type"]


def test_the_shared_view_has_a_download_menu_per_badge_and_a_summary_on_top(
        shared: tuple[World, str, str]) -> None:
    world, share, html = shared
    doc = portfolio_for(world.app.store, world.app.catalog(), LEA, "fr", public=True)
    menus = re.findall(r'<details class="menu">(.*?)</details>', html, re.S)
    assert len(menus) == len([b for b in doc["badges"] if not b["revoked"]]) > 0
    # every credential link sits in a menu, but the CLR button: no wall of technical links
    links = re.findall(r'href="/api/v1/credentials/[^"]+"', html)
    in_menus = sum(len(re.findall(r'href="/api/v1/credentials/', m)) for m in menus)
    assert len(links) == in_menus + 1
    for menu in menus:
        assert "<summary" in menu and "Télécharger" in menu
        href = re.search(r'href="([^"]+/png[^"]*)"', menu)
        assert href
        png = world.client.get(href.group(1).replace("&amp;", "&"))
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    for badge in doc["badges"]:
        assert f'href="/credentials/{badge["credential"]}?share={share}"' in \
            _badge_card(html, badge["id"])
    # the sections, the summary first
    order = [html.index(f'id="{s}"') for s in ("resume", "badges", "competences", "parcours")]
    assert order == sorted(order)
    summary = html[order[0]:order[1]]
    assert "badges obtenus" in summary and "21 h" in summary and "parcours achev" in summary
