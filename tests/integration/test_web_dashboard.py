"""The dashboard section of the territory page: headline numbers, charts whose accessible
name lists their values (pillars, vital functions, projects x pillars) in the palette's
colours, the projects x vital functions table, the learners' closest badge, recent activity,
the activities to sort with their link; rejected rows counted for admins only (they are the
instance's). French and English; SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apprenance.domain.palette import FUNCTION_COLOUR, PILLAR_COLOURS
from triage_world import add_unmapped, browser
from web_world import World, build_world

PAGE = "/territoires/val-de-serre"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    built = build_world(tmp_path, db_url=db_url)
    add_unmapped(built)
    yield built
    built.app.close()


def _chart(html: str, ident: str) -> str:
    found = re.search(rf'<svg[^>]*id="{ident}".*?</svg>', html, re.S)
    assert found, ident
    return found.group(0)


def _name(svg: str) -> str:
    found = re.search(r'aria-label="([^"]+)"', svg)
    assert found and 'role="img"' in svg
    return found.group(1)


def test_the_territory_page_opens_on_its_dashboard(world: World) -> None:
    page = browser(world).get(PAGE)
    assert page.status_code == 200
    html = page.text
    figures = re.search(r'id="figures">(.*?)</ul>', html, re.S)
    assert figures
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", figures.group(1)))
    assert "21 heures reconnues" in flat and "14 apprenant·es" in flat
    assert "3 activités à classer" in flat and "/territoires/val-de-serre/attente" in html
    assert "0 ligne rejetée en attente" in flat  # the territory's own rejects
    assert "/territoires/val-de-serre/rejets" in figures.group(1)

    pillars = _chart(html, "chart-pillars")
    assert _name(pillars) == ("Heures par pilier\u00a0: Apprendre à connaître 2,1 h, Apprendre à "
                              "faire 9,8 h, Apprendre à vivre ensemble 9,1 h, Apprendre à être "
                              "0 h")
    for pillar in ("connaitre", "faire", "vivre-ensemble"):
        assert f'fill="{PILLAR_COLOURS[pillar]}"' in pillars
    functions = _chart(html, "chart-functions")
    assert "Se nourrir 21 h" in _name(functions) and f'fill="{FUNCTION_COLOUR}"' in functions
    projects = _chart(html, "chart-projects")
    assert _name(projects).startswith("Heures par projet et par pilier\u00a0: Légumerie partagée "
                                      "et cantines en circuit court (Apprendre à connaître 2,1 h")
    matrix = re.search(r'<table class="matrix".*?</table>', html, re.S)
    assert matrix and "Se nourrir" in matrix.group(0) and "<strong>21</strong>" in matrix.group(0)

    progress = re.search(r'id="learners-h".*?</table>', html, re.S)
    assert progress and "Médiation" in progress.group(0)
    assert 'aria-label="Médiation\u00a0: 1 condition remplie sur 2"' in progress.group(0)
    recent = re.search(r'id="recent">(.*?)</ol>', html, re.S)
    assert recent and "11/04/2026" in recent.group(1) and "atelier-mystere" in recent.group(1)
    assert html.count("<h1") == 1


def test_admins_see_the_rejects_waiting_and_english_reads(world: World) -> None:
    admin = browser(world, "admin")
    html = admin.get(PAGE).text
    assert "ligne rejetée en attente" in html
    english = admin.get(PAGE, params={"lang": "en"}).text
    assert 'aria-label="Hours per pillar: ' in english and "hours recognised" in english
    assert "Learners&#39; progress" in english or "Learners' progress" in english


def test_who_sees_the_dashboard(world: World) -> None:
    assert TestClient(browser(world).app).get(PAGE).status_code == 401
    assert browser(world, "other_coordinator").get(PAGE).status_code == 403


def test_roles_are_written_in_the_page_language(world: World) -> None:
    coordinator = browser(world)
    english = coordinator.get(PAGE, params={"lang": "en"}).text
    progress = re.search(r'id="learners-h".*?</table>', english, re.S)
    assert progress and "student-facilitator" in progress.group(0)
    assert ">etudiant<" not in progress.group(0)
    french = coordinator.get(PAGE, params={"lang": "fr"}).text
    assert "étudiant·e-facilitateur·rice" in french
