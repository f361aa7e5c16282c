"""Project names in the page's language, on SQLite and PostgreSQL: where the territory file
gives a project's name in French and English (``name: {fr, en}``), the English pages show
the English name (the learner's page and its timeline, the territory's dashboard, the
badges to issue); where it gives one name, that name stays on both."""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from web_world import LEA, World, build_world

FR = "Légumerie partagée et cantines en circuit court"
EN = "Shared vegetable hub and short-supply-chain school canteens"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    built = build_world(tmp_path, db_url=db_url)
    yield built
    built.app.close()


def _text(world: World, path: str, lang: str, role: str = "admin") -> str:
    got = world.client.get(f"{path}?lang={lang}", headers=world.headers(role))
    assert got.status_code == 200, (path, got.status_code, got.text[:300])
    return unescape(got.text)


@pytest.mark.parametrize("path", [f"/apprenants/{LEA}", "/territoires/val-de-serre",
                                  "/territoires/val-de-serre/badges"])
@pytest.mark.parametrize(("lang", "shown", "not_shown"), [("fr", FR, EN), ("en", EN, FR)])
def test_a_project_named_in_both_languages_is_named_in_the_page_s(
        world: World, path: str, lang: str, shown: str, not_shown: str) -> None:
    page = _text(world, path, lang)
    assert shown in page and not_shown not in page
    assert "legumerie-cantines" not in page.replace('"legumerie-cantines"', "")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_project_named_once_keeps_its_name(world: World, lang: str) -> None:
    assert "Jardin" in _text(world, "/territoires/autre", lang)
