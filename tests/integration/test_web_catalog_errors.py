"""A broken catalog file, seen from the web app: the page that needs the catalog answers 422
with every problem (file, line, field) in the reader's language (their language cookie);
never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from apprenance.web.deps import LANG_COOKIE
from conftest import REPO
from logs_world import session
from web_world import World, build_world

BROKEN = REPO / "tests" / "data" / "catalog" / "broken" / "mapping.yaml"


@pytest.fixture
def world(tmp_path: Path) -> World:
    found = build_world(tmp_path)
    catalog = tmp_path / "catalog"
    (catalog / "mappings").mkdir(parents=True)
    (catalog / "mappings" / "broken.yaml").write_text(BROKEN.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    found.app.settings = found.app.settings.model_copy(update={"catalog": catalog})
    return found


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("fr", ["Le catalogue n&#39;est pas valide (11 erreur(s))\u00a0:",
            "broken.yaml:8: activities.bad-sum.pillars: les poids des piliers font 0.9"],
     "pillar weights"),
    ("en", ["The catalog is not valid (11 error(s)):",
            "broken.yaml:8: activities.bad-sum.pillars: pillar weights sum to 0.9"],
     "les poids des piliers"),
])
def test_a_page_tells_the_catalog_errors_in_the_readers_language(
        world: World, lang: str, said: list[str], not_said: str) -> None:
    learner = session(world, "learner")
    learner.cookies.set(LANG_COOKIE, lang)
    page = learner.get("/portfolio", headers={"Accept": "text/html"})
    assert page.status_code == 422, page.text
    for text in said:
        assert text in page.text
    assert not_said not in page.text and "Traceback" not in page.text
