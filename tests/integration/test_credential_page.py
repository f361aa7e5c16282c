"""A credential's public page (``/credentials/{uuid}``, issue 15 item 3), on SQLite and
PostgreSQL: what the public, the learner, their coordinator, another coordinator and another
learner see; the learner's switch that makes the page public; LinkedIn's "Add to profile"
link read back parameter by parameter; the Open Graph tags; revoked and expired badges
computed live by the verifier."""

from __future__ import annotations

import re
import shutil
import struct
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from apprenance.bootstrap import bundled
from apprenance.clock import fixed_clock
from apprenance.db import learner_records_sql
from apprenance.i18n.dates import date_text
from apprenance.services.people import access
from apprenance.services.people.directory import learner_id
from conftest import FIXED_NOW
from credential_page_world import (
    credential_uuid,
    csrf_of,
    issue_lea,
    page_parts,
    session_client,
)
from web_world import LEA, OTHER, World, build_world

NAME = "Léa Marchand"
ANONYMOUS = "une personne apprenante du territoire"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    built = build_world(tmp_path, db_url=db_url)
    issue_lea(built)
    yield built
    built.app.close()


def _badge(world: World, lang: str = "fr") -> str:
    return world.app.catalog().badges["faire-1"].name[lang]  # with its narrow spaces


def _page(world: World, uid: str, role: str | None = None, query: str = "") -> str:
    response = world.client.get(f"/credentials/{uid}{query}",
                                headers=world.headers(role) if role else {})
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def _make_public(world: World, uid: str, public: bool = True) -> None:
    client = session_client(world)
    page = client.get(f"/credentials/{uid}")
    done = client.post(f"/credentials/{uid}/visibilite", follow_redirects=False,
                       data={"csrf": csrf_of(page.text), "public": "oui" if public else "non"})
    assert done.status_code == 303 and done.headers["location"].endswith("#visibilite")


def test_the_public_sees_the_badge_verified_but_not_the_learner(world: World) -> None:
    uid = credential_uuid(world)
    html = _page(world, uid)
    assert "Apprendre à faire — niveau 1" in html
    assert "Communauté de communes du Val de Serre" in html  # issuer and territory
    assert "Vérifié\u00a0: signé par Communauté de communes du Val de Serre, non révoqué." in html
    assert ANONYMOUS in html and NAME not in html and LEA not in html
    assert "Apprendre à faire</a>" in html  # the alignment, linked to its concept
    assert 'id="evidence-private"' in html and 'id="preuve-1"' not in html
    assert "linkedin.com" not in html and "/api/v1/credentials/" not in html  # no downloads
    assert 'id="visibility-toggle"' not in html
    parts = page_parts(html)
    assert parts.meta["robots"] == "noindex"
    assert not [x for x in parts.links if x.get("rel") == "alternate"]
    # the signed credential is not served to the public while the page is private
    assert world.client.get(f"/credentials/{uid}.json").status_code == 404


def test_open_graph_tags_name_the_badge_and_an_image_that_answers(world: World) -> None:
    uid = credential_uuid(world)
    meta = page_parts(_page(world, uid)).meta
    assert meta["og:title"] == _badge(world)
    assert meta["og:url"] == f"http://testserver/credentials/{uid}"
    assert "Communauté de communes du Val de Serre" in meta["og:description"]
    assert meta["twitter:card"] == "summary" and meta["twitter:image"] == meta["og:image"]
    image = urlsplit(meta["og:image"])
    assert image.scheme == "http" and image.netloc == "testserver"
    assert image.path.endswith(".png")
    fetched = world.client.get(image.path)
    assert fetched.status_code == 200 and fetched.headers["content-type"] == "image/png"
    assert fetched.content.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", fetched.content[16:24])  # the IHDR chunk
    assert (str(width), str(height)) == (meta["og:image:width"], meta["og:image:height"])


def test_the_owner_makes_the_page_public_and_the_public_then_sees_name_and_evidence(
        world: World) -> None:
    uid = credential_uuid(world)
    owner = session_client(world)
    mine = owner.get(f"/credentials/{uid}").text
    assert NAME in mine and 'id="visibility-toggle"' in mine
    assert 'id="linkedin-why"' in mine and 'id="linkedin-add"' not in mine  # private: why
    assert f"/api/v1/credentials/{uid}/json" in mine  # the owner's downloads
    assert owner.get(f"/api/v1/credentials/{uid}/png").content.startswith(b"\x89PNG")
    _make_public(world, uid)
    html = _page(world, uid)
    assert NAME in html and ANONYMOUS not in html
    assert "robots" not in page_parts(html).meta
    assert page_parts(html).meta["og:title"] == f"{NAME} — {_badge(world)}"
    document = world.client.get(f"/api/v1/credentials/{uid}/json",
                                headers=world.headers("admin")).json()
    fragments = [urlsplit(e["id"]).fragment for e in document["evidence"]]
    assert fragments and all(f'id="{f}"' in html for f in fragments)
    alternate = [x for x in page_parts(html).links if x.get("rel") == "alternate"]
    assert alternate and alternate[0]["type"] == "application/ld+json"
    served = world.client.get(urlsplit(alternate[0]["href"]).path)
    assert served.status_code == 200 and served.json() == document
    # and private again: the name goes
    _make_public(world, uid, public=False)
    assert NAME not in _page(world, uid)


def test_linkedin_add_to_profile_carries_the_certification(world: World) -> None:
    uid = credential_uuid(world)
    _make_public(world, uid)
    owner = session_client(world)
    anchors = page_parts(owner.get(f"/credentials/{uid}").text).anchors
    add = urlsplit(anchors["linkedin-add"])
    assert (add.scheme, add.netloc, add.path) == ("https", "www.linkedin.com", "/profile/add")
    params = {k: v[0] for k, v in parse_qs(add.query).items()}
    assert params == {
        "startTask": "CERTIFICATION_NAME",
        "name": _badge(world),
        "organizationName": "Communauté de communes du Val de Serre",
        "issueYear": "2026", "issueMonth": "3",  # the day the evidence met the rule
        "certUrl": f"http://testserver/credentials/{uid}", "certId": uid,
    }  # no expiration: the badge does not expire
    share = urlsplit(anchors["linkedin-share"])
    assert share.netloc == "www.linkedin.com" and share.path == "/sharing/share-offsite/"
    assert parse_qs(share.query)["url"] == [f"http://testserver/credentials/{uid}"]
    mail = anchors["mail-share"]
    assert mail.startswith("mailto:?")
    assert f"http://testserver/credentials/{uid}" in parse_qs(mail.removeprefix("mailto:?"))[
        "body"][0]
    # the public sees the share links, never the learner's "add to my profile"
    public = page_parts(_page(world, uid)).anchors
    assert "linkedin-share" in public and "linkedin-add" not in public


def test_staff_see_the_name_others_see_a_learner_of_the_territory(world: World) -> None:
    uid = credential_uuid(world)
    coordinator = _page(world, uid, "coordinator")
    assert NAME in coordinator and f"/api/v1/credentials/{uid}/json" in coordinator
    assert 'id="visibility-toggle"' not in coordinator  # only the learner switches
    assert "/revoquer" in coordinator
    for role in ("other_coordinator", "other_learner"):
        html = _page(world, uid, role)
        assert NAME not in html and ANONYMOUS in html, role
        assert f"/api/v1/credentials/{uid}/json" not in html, role
        assert world.client.get(f"/credentials/{uid}.json",
                                headers=world.headers(role)).status_code == 404


def test_only_the_owner_switches_the_page(world: World) -> None:
    uid = credential_uuid(world)
    olga = session_client(world, OTHER)
    page = olga.get(f"/credentials/{uid}")
    refused = olga.post(f"/credentials/{uid}/visibilite", follow_redirects=False,
                        data={"csrf": csrf_of(page.text), "public": "oui"})
    assert refused.status_code == 403
    assert NAME not in _page(world, uid)
    forged = session_client(world).post(f"/credentials/{uid}/visibilite",
                                        data={"csrf": "0" * 32, "public": "oui"})
    assert forged.status_code == 403
    assert NAME not in _page(world, uid)


def test_a_share_link_of_the_learner_shows_the_name(world: World) -> None:
    uid = credential_uuid(world)
    lea = access.create_share_link(world.app.store, LEA, clock=world.app.clock)["token"]
    olga = access.create_share_link(world.app.store, OTHER, clock=world.app.clock)["token"]
    assert NAME in _page(world, uid, query=f"?share={lea}")
    shared = world.client.get(f"/p/{lea}").text  # the shared portfolio links to the page
    assert f'href="/credentials/{uid}?share={lea}"' in shared
    assert NAME not in _page(world, uid, query=f"?share={olga}")


def test_a_revoked_badge_says_so_with_the_day_and_reason(world: World) -> None:
    uid = credential_uuid(world)
    _make_public(world, uid)
    assert 'id="linkedin-share"' in _page(world, uid)
    done = world.client.post(f"/api/v1/credentials/{uid}/revoke",
                             headers=world.headers("coordinator"),
                             json={"reason": "activité déclarée deux fois"})
    assert done.status_code == 200, done.text
    html = _page(world, uid)
    today = date(2026, 9, 15)
    assert f"Révoqué le {date_text(today, 'fr')} (activité déclarée deux fois)" in html
    assert 'class="verdict bad"' in html and "non révoqué" not in html
    assert 'id="linkedin-share"' not in html
    owner = session_client(world).get(f"/credentials/{uid}").text
    assert 'id="linkedin-add"' not in owner and 'id="linkedin-why"' in owner
    english = _page(world, uid, query="?lang=en")
    assert f"Revoked on {date_text(today, 'en')} (activité déclarée deux fois)" in english


def test_an_unknown_credential_is_404(world: World) -> None:
    missing = world.client.get("/credentials/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404


@pytest.fixture
def expiring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """A world whose faire-1 badge is valid one year (a catalog folder of its own)."""
    badges = tmp_path / "catalog" / "badges"
    shutil.copytree(bundled("badges"), badges)
    path = badges / "faire-1.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "valid_for: P1Y\n", encoding="utf-8")
    monkeypatch.setenv("APPRENANCE_CATALOG", str(tmp_path / "catalog"))
    built = build_world(tmp_path)
    issue_lea(built)
    yield built
    built.app.close()


def test_an_expired_badge_says_until_when_it_was_valid(expiring: World) -> None:
    uid = credential_uuid(expiring)
    _make_public(expiring, uid)
    owner = session_client(expiring)
    params = parse_qs(urlsplit(page_parts(owner.get(f"/credentials/{uid}").text)
                               .anchors["linkedin-add"]).query)
    assert (params["expirationYear"], params["expirationMonth"]) == (["2027"], ["9"])
    assert "Vérifié\u00a0: signé par" in _page(expiring, uid)
    expiring.app.clock = fixed_clock(FIXED_NOW + timedelta(days=400))  # a year and more on
    html = _page(expiring, uid)
    until = date_text(date(2027, 9, 15), "fr")
    assert f"Expiré\u00a0: ce badge était valable jusqu&#39;au {until}." in html
    assert 'class="verdict bad"' in html and 'id="linkedin-share"' not in html


def test_an_erased_learner_is_named_nowhere_even_on_a_page_made_public(world: World) -> None:
    uid = credential_uuid(world)
    _make_public(world, uid)
    assert NAME in _page(world, uid)
    erased = world.client.post(f"/api/v1/learners/{LEA}/erase", headers=world.headers("admin"),
                               json={"confirm": True})
    assert erased.status_code == 200, erased.text
    html = _page(world, uid)
    assert NAME not in html and LEA not in html and 'id="preuve-1"' not in html
    assert 'class="verdict bad"' in html  # erasure revokes the learner's credentials
    assert world.client.get(f"/credentials/{uid}.json").status_code == 404


def test_a_learner_without_a_name_is_not_shown_by_their_address(world: World) -> None:
    with world.app.store.transaction() as conn:
        learner_records_sql.set_learner_name(conn, learner_id(conn, LEA), None)
    uid = credential_uuid(world)
    _make_public(world, uid)
    html = _page(world, uid)
    assert LEA not in html and ANONYMOUS in html
    assert LEA in _page(world, uid, "coordinator")


def _evidence_list(html: str) -> str:
    found = re.search(r'<ol class="timeline evidence-list">(.*?)</ol>', html, re.S)
    assert found, "no evidence list on the page"
    return found.group(1)


@pytest.mark.parametrize(("lang", "project", "kind", "attested"), [
    ("fr", "Légumerie partagée et cantines en circuit court", "Atelier participatif",
     "attestée par\u00a0: habitant·e-entrepreneur·e"),
    ("en", "Shared vegetable hub and short-supply-chain school canteens",
     "Participatory workshop", "attested by: resident-entrepreneur")])
def test_the_evidence_names_projects_and_dates_in_the_page_s_language(
        world: World, lang: str, project: str, kind: str, attested: str) -> None:
    """The credential states its evidence with project ids and ISO dates, in its own
    language; its page writes them for people: the project's name and the date in the
    page's language (the English name where the territory file gives one). The signed
    credential is left as it is."""
    uid = credential_uuid(world)
    _make_public(world, uid)
    html = _page(world, uid, query=f"?lang={lang}")
    listed = _evidence_list(html)
    assert "legumerie-cantines" not in listed and not re.search(r"\d{4}-\d{2}-\d{2}<", listed)
    assert not re.search(r">[^<]*\d{4}-\d{2}-\d{2}", listed), listed
    assert project in listed and kind in listed and attested in listed, listed
    first = date(2026, 3, 1)
    assert f'<time datetime="{first.isoformat()}">{date_text(first, lang)}</time>' in listed
    colon = "\u00a0: " if lang == "fr" else ": "
    assert f"{'Projets' if lang == 'fr' else 'Projects'}{colon}{project}." in html
    document = world.client.get(f"/credentials/{uid}.json").json()
    stated = [e["narrative"] for e in document["evidence"]]
    assert all("legumerie-cantines" in s for s in stated) and stated[-1].startswith("2026-03-01")


def test_the_french_page_lets_no_sign_wrap_alone(world: World) -> None:
    """French typography: no plain space before : ; ! ? » (nor after «) in the page's text."""
    uid = credential_uuid(world)
    _make_public(world, uid)
    html = re.sub(r"<(script|style)\b.*?</\1>", "", _page(world, uid), flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    assert not re.findall(r".{0,30}(?: [:;!?»]|« ).{0,10}", text)
