"""Issue 14, item 2: the territory description in the browser — YAML upload or form, a preview
of what changes, confirmation, download (round trip: no change), problems named by line and
field in the page's language with nothing saved, and who may do what (SQLite, PostgreSQL)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apprenance.bootstrap import bundled
from apprenance.services.people import directory
from web_world import OTHER, World, build_world

T = "/territoires/val-de-serre/description"
NEW = "/admin/territoires/nouveau"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> World:
    return build_world(tmp_path, db_url=db_url)


def _signed_in(world: World, role: str, lang: str = "fr") -> TestClient:
    client = TestClient(world.client.app, raise_server_exceptions=False)
    client.cookies.set("apprenance_lang", lang)
    assert client.post("/connexion", data={"token": world.tokens[role]},
                       follow_redirects=False).status_code == 303
    return client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _document(html: str) -> str:
    found = re.search(r'name="document" value="([^"]*)"', html, re.S)
    assert found, html[:2000]
    return unescape(found.group(1))


def _learners(world: World, territory: str) -> dict[str, dict[str, object]]:
    return {x["learner"]: x for x in directory.list_learners(
        world.app.store, territories=[territory], limit=1000)}


def _form_fields(html: str) -> dict[str, str]:
    """The text inputs and selected options of the editor form, as a browser sends them."""
    form = html[html.index('class="editor"'):]
    fields = {unescape(n): unescape(v) for n, v in
              re.findall(r'<input id="[^"]*" name="([^"]+)"[^>]*value="([^"]*)"', form)}
    fields.update({n: v for n, v in re.findall(r'name="(id)" value="([^"]*)"', form)})
    for name, body in re.findall(r'<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>',
                                 form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    fields["csrf"] = _csrf(html)
    return fields


def test_download_then_upload_unchanged_is_no_change(world: World) -> None:
    coord = _signed_in(world, "coordinator")
    page = coord.get(T)
    assert page.status_code == 200
    yaml_text = coord.get(T + ".yaml")
    assert yaml_text.status_code == 200
    assert "attachment" in yaml_text.headers["content-disposition"]
    shown = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("val-de-serre.yaml", yaml_text.content)})
    assert shown.status_code == 200
    assert "Aucun changement" in shown.text
    assert 'id="confirm-go" disabled' in shown.text
    example = (bundled("examples") / "territory.yaml").read_bytes()  # the file it came from
    again = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("territory.yaml", example)})
    assert again.status_code == 200 and "Aucun changement" in again.text


def test_a_bad_line_is_named_and_nothing_changes(world: World) -> None:
    coord = _signed_in(world, "coordinator", "en")
    page = coord.get(T)
    head, _, learners = coord.get(T + ".yaml").text.partition("\nlearners:\n")
    text = head + "\nlearners:\n" + learners.replace("role: habitant", "role: pilote", 1)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "role: pilote" in x)
    before = _learners(world, "val-de-serre")
    shown = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("mine.yaml", text.encode())})
    assert shown.status_code == 422
    found = re.search(rf"mine\.yaml:{line}: learners\.\d+\.role: role among", shown.text)
    assert found, shown.text
    assert "Nothing was saved" in shown.text
    broken = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                        files={"file": ("b.yaml", b"id: val-de-serre\nname: [unclosed\n")})
    assert broken.status_code == 422 and "b.yaml:" in broken.text
    empty = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("e.yaml", b"")})
    assert empty.status_code == 422 and "e.yaml: the file is empty" in empty.text
    latin = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("l.yaml", "name: Légumes".encode("latin-1"))})
    assert latin.status_code == 422 and "not UTF-8" in latin.text
    assert _learners(world, "val-de-serre") == before


def test_the_form_adds_a_learner_after_a_preview_and_a_confirmation(world: World) -> None:
    coord = _signed_in(world, "coordinator")
    fields = _form_fields(coord.get(T).text)
    blank = next(i for i in range(50) if fields.get(f"learners-{i}-participant") == "")
    fields.update({f"learners-{blank}-participant": "nina@example.org",
                   f"learners-{blank}-name": "Nina Neuve", f"learners-{blank}-role": "habitant",
                   f"learners-{blank}-lang": "en", "action": "preview"})
    fields["projects-0-schemes"] += ", pcaet-bis"
    shown = coord.post(T, data=fields)
    assert shown.status_code == 200, shown.text
    assert "nina@example.org" in shown.text and "ajouté" in shown.text
    assert "legumerie-cantines" in shown.text and "modifié (schemes)" in shown.text
    assert "nina@example.org" not in _learners(world, "val-de-serre")  # not yet
    saved = coord.post(T + "/enregistrer", data={"csrf": _csrf(shown.text),
                                                 "document": _document(shown.text)})
    assert saved.status_code == 200
    assert "Description enregistrée" in saved.text and "nina@example.org" in saved.text
    nina = _learners(world, "val-de-serre")["nina@example.org"]
    assert (nina["name"], nina["role"], nina["lang"]) == ("Nina Neuve", "habitant", "en")
    project = directory.get_project(world.app.store, "legumerie-cantines")
    assert "pcaet-bis" in project["schemes"] and project["data"]["description"]["fr"]
    again = coord.post(T + "/fichier", data={"csrf": _csrf(saved.text)},
                       files={"file": ("x.yaml", coord.get(T + ".yaml").content)})
    assert "Aucun changement" in again.text


def test_the_form_names_a_bad_field_and_keeps_what_was_typed(world: World) -> None:
    coord = _signed_in(world, "coordinator", "en")
    fields = _form_fields(coord.get(T).text)
    blank = next(i for i in range(50) if fields.get(f"projects-{i}-id") == "")
    fields.update({f"projects-{blank}-id": "bad id", f"projects-{blank}-name": "Typed name",
                   "action": "preview"})
    shown = coord.post(T, data=fields)
    assert shown.status_code == 422
    assert f'id="projects-{blank}-id-err"' in shown.text
    assert "letters without accents" in shown.text
    assert 'value="bad id"' in shown.text and 'value="Typed name"' in shown.text
    more = coord.post(T, data={**fields, "action": "more"})
    assert more.status_code == 200 and 'value="Typed name"' in more.text


def test_a_learner_of_another_territory_is_flagged_and_stays(world: World) -> None:
    coord = _signed_in(world, "coordinator")
    text = coord.get(T + ".yaml").text + f"- participant: {OTHER}\n  name: Olga\n"
    page = coord.get(T)
    shown = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("t.yaml", text.encode())})
    assert shown.status_code == 200 and "reste dans ce territoire" in shown.text
    coord.post(T + "/enregistrer", data={"csrf": _csrf(shown.text),
                                         "document": _document(shown.text)})
    assert OTHER in _learners(world, "autre")
    assert OTHER not in _learners(world, "val-de-serre")


def test_an_admin_may_move_a_learner_a_coordinator_may_not(world: World) -> None:
    text = f"id: val-de-serre\nname: Val\nlearners:\n  - participant: {OTHER}\n"
    coord = _signed_in(world, "coordinator")
    page = coord.get(T)
    shown = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("t.yaml", text.encode())})
    assert 'id="move-learners"' not in shown.text
    assert coord.post(T + "/enregistrer", data={"csrf": _csrf(shown.text), "document": text,
                                                "move_learners": "true"}).status_code == 403
    assert OTHER in _learners(world, "autre")
    admin = _signed_in(world, "admin")
    page = admin.get(T)
    shown = admin.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("t.yaml", text.encode())})
    assert 'id="move-learners"' in shown.text
    saved = admin.post(T + "/enregistrer", data={"csrf": _csrf(shown.text), "document": text,
                                                 "move_learners": "true"})
    assert saved.status_code == 200 and "déplacé·e depuis le territoire autre" in saved.text
    assert OTHER in _learners(world, "val-de-serre")


def test_who_may_edit_and_create(world: World) -> None:
    coord = _signed_in(world, "coordinator")
    assert coord.get("/territoires/autre/description").status_code == 403
    assert coord.get("/territoires/autre/description.yaml").status_code == 403
    assert coord.get(NEW).status_code == 403
    assert TestClient(world.client.app).get(T).status_code == 401
    page = coord.get(T)
    other = b"id: autre\nname: Autre\n"
    refused = coord.post("/territoires/autre/description/fichier",
                         data={"csrf": _csrf(page.text)}, files={"file": ("a.yaml", other)})
    assert refused.status_code == 403
    wrong = coord.post(T + "/fichier", data={"csrf": _csrf(page.text)},
                       files={"file": ("a.yaml", other)})
    assert wrong.status_code == 422 and "pas «\u00a0val-de-serre\u00a0»" in wrong.text
    assert coord.post(T + "/enregistrer", data={"csrf": _csrf(page.text),
                                                "document": "id: autre\nname: X\n"}
                      ).status_code == 403
    assert coord.post(NEW + "/enregistrer", data={"csrf": _csrf(page.text),
                                                  "document": "id: neuf\nname: X\n"}
                      ).status_code == 403
    forged = coord.post(T + "/enregistrer", data={"csrf": "0" * 32,
                                                  "document": "id: val-de-serre\nname: X\n"})
    assert forged.status_code == 403
    assert directory.get_territory(world.app.store, "val-de-serre")["name"] != "X"


def test_an_admin_creates_a_territory(world: World) -> None:
    admin = _signed_in(world, "admin", "en")
    page = admin.get(NEW)
    assert page.status_code == 200
    fields = _form_fields(page.text)
    fields.update({"id": "plateau", "name": "Plateau", "projects-0-id": "four",
                   "projects-0-name": "Four à pain", "projects-0-functions": "alimentation",
                   "learners-0-participant": "Zoe@Example.org", "action": "preview"})
    shown = admin.post(NEW, data=fields)
    assert shown.status_code == 200, shown.text
    assert "Territory" in shown.text and "plateau" in shown.text
    saved = admin.post(NEW + "/enregistrer", data={"csrf": _csrf(shown.text),
                                                   "document": _document(shown.text)})
    assert saved.status_code == 200 and "Description saved: Plateau" in saved.text
    assert "zoe@example.org" in _learners(world, "plateau")
    assert directory.get_project(world.app.store, "four")["functions"] == ["alimentation"]
    assert admin.get("/territoires/autre/description").status_code == 200
