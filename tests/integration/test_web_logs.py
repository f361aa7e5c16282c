"""The territory's logs pages (TestClient, SQLite and PostgreSQL): a coordinator sends a
semicolon CSV saved by French Excel in Windows-1252 with a bad row, sees the counts and the
rejected row, corrects it (the reject closes, the activity is stored once), sends the same
file again (duplicates, nothing twice), dismisses a reject with a reason; a file rejected
whole is an error; other territories' coordinators, the public and forged forms are
refused; the command line's ingest exits 1 on a file rejected whole, and its rejects belong
to the territory their rows name."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from apprenance.bootstrap import bundled
from apprenance.i18n import t
from apprenance.services.ingest.rejects import list_rejects
from conftest import CliResult
from logs_world import ALL_BAD_CSV, EXCEL_CSV, JSONL, csrf_of, session, upload, xapi_statements
from web_world import World, build_world

T = "val-de-serre"
LOGS = f"/territoires/{T}/journaux"
REJECTS = f"/territoires/{T}/rejets"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    built = build_world(tmp_path, db_url=db_url)
    yield built
    built.app.close()


def _open(world: World, territory: str = T) -> list[int]:
    return [r.id for r in list_rejects(world.app.store, territory=territory)]


def _stored(world: World, activity: str) -> int:
    from apprenance.services.people.directory import activity_owner

    try:
        activity_owner(world.app.store, activity)
    except Exception:  # NotFound: not stored
        return 0
    return 1


def _counts(page: str) -> dict[str, list[int]]:
    """File -> accepted, duplicates, unmapped, rejected, as the counts table shows them."""
    rows = re.findall(r'<th scope="row" class="file">([^<]+)</th>((?:\s*<td[^>]*>[^<]*</td>){4})',
                      page)
    return {html.unescape(name): [int(n) for n in re.findall(r">(\d+)</td>", cells)]
            for name, cells in rows}


def _text(page: str) -> str:
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", page))  # no-break spaces kept


def test_excel_csv_with_a_bad_row_then_correct_it(world: World) -> None:
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, LOGS)
    sent = upload(coord, T, csrf, ("activités.csv", EXCEL_CSV))
    assert sent.status_code == 200, sent.text
    page = _text(sent.text)
    assert t("logs.result.some_rejected", "fr", count=1) in page
    assert t("ingest.note.cp1252", "fr") in page  # the encoding was recognised
    assert _counts(sent.text) == {"activités.csv": [1, 0, 0, 1]}
    [reject] = _open(world)
    assert f'id="rejet-{reject}"' in sent.text and 'name="cell"' in sent.text
    assert "Réunion à la mairie" in page  # the raw row, decoded from Windows-1252
    assert _stored(world, "web-1") and not _stored(world, "web-2")

    again = upload(coord, T, csrf, ("activités.csv", EXCEL_CSV))  # the same file again
    assert again.status_code == 200
    assert _counts(again.text) == {"activités.csv": [0, 1, 0, 1]}
    assert _open(world) == [reject]  # the same reject, not a second one

    english = coord.get(f"{REJECTS}?lang=en")
    assert english.status_code == 200  # the reason, stored in French, read in English
    assert "that month has no day 30" in html.unescape(english.text), english.text
    form = re.findall(rf'id="c-{reject}-\d+" name="cell" value="([^"]*)"', sent.text)
    assert len(form) == 13 and form[1] == "2026-02-30"
    cells = [html.unescape(c) for c in form]
    cells[1] = "2026-02-27"
    fixed = coord.post(f"{REJECTS}/{reject}/corriger", data={"csrf": csrf, "cell": cells},
                       follow_redirects=False)
    assert fixed.status_code == 303, fixed.text
    assert fixed.headers["location"].endswith("done=fixed")
    assert _open(world) == [] and _stored(world, "web-2")
    assert t("logs.done.fixed", "fr") in _text(coord.get(fixed.headers["location"]).text)
    twice = coord.post(f"{REJECTS}/{reject}/corriger", data={"csrf": csrf, "cell": cells})
    assert twice.status_code == 404  # closed: nothing ingested twice
    third = upload(coord, T, csrf, ("activités.csv", EXCEL_CSV))
    assert third.status_code == 200 and _open(world) != []  # the file still has its bad row


def test_a_correction_rejected_again_replaces_its_reject(world: World) -> None:
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, LOGS)
    upload(coord, T, csrf, ("a.csv", EXCEL_CSV))
    [reject] = _open(world)
    cells = [html.unescape(c) for c in re.findall(
        r'name="cell" value="([^"]*)"', coord.get(REJECTS).text)]
    cells[1] = "2026-13-01"
    answer = coord.post(f"{REJECTS}/{reject}/corriger", data={"csrf": csrf, "cell": cells},
                        follow_redirects=False)
    assert answer.headers["location"].endswith("done=again")
    [new] = _open(world)
    assert new != reject
    short = coord.post(f"{REJECTS}/{new}/corriger", data={"csrf": csrf, "cell": ["x"]})
    assert short.status_code == 400 and "13" in short.text
    assert f'id="err-{new}"' in short.text and f'id="rejet-{new}"' in short.text


def test_a_file_rejected_whole_is_an_error(world: World) -> None:
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, LOGS)
    sent = upload(coord, T, csrf, ("tout-faux.csv", ALL_BAD_CSV), ("bon.csv", EXCEL_CSV))
    assert sent.status_code == 422
    page = _text(sent.text)
    assert t("logs.result.all_rejected", "fr", file="tout-faux.csv") in page
    assert 'class="failed"' in sent.text
    empty = upload(coord, T, csrf, ("vide.csv", b""))
    assert empty.status_code == 422
    assert t("logs.result.empty", "fr", file="vide.csv") in _text(empty.text)


def test_jsonl_row_corrected_as_text(world: World) -> None:
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, LOGS)
    sent = upload(coord, T, csrf, ("journal.jsonl", JSONL), format="jsonl")
    assert sent.status_code == 422  # its only row is rejected
    [reject] = _open(world)
    assert 'name="text"' in sent.text
    text = JSONL.decode().strip().replace('"duration": -2', '"duration": 2')
    fixed = coord.post(f"{REJECTS}/{reject}/corriger", data={"csrf": csrf, "text": text},
                       follow_redirects=False)
    assert fixed.headers["location"].endswith("done=fixed")
    assert _open(world) == [] and _stored(world, "web-j1")


def test_xapi_statement_corrected_as_text(world: World) -> None:
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, LOGS)
    sent = upload(coord, T, csrf, ("lrs.json", xapi_statements("PT2H", "deux heures")))
    assert sent.status_code == 200, sent.text
    assert _counts(sent.text) == {"lrs.json": [1, 0, 0, 1]}
    [reject] = _open(world)
    [text] = re.findall(rf'id="x-{reject}" name="text"[^>]*>([^<]*)</textarea>', sent.text)
    fixed_text = html.unescape(text).replace('"deux heures"', '"PT3H"')
    fixed = coord.post(f"{REJECTS}/{reject}/corriger", data={"csrf": csrf, "text": fixed_text},
                       follow_redirects=False)
    assert fixed.headers["location"].endswith("done=fixed")
    assert _open(world) == []
    again = upload(coord, T, csrf, ("lrs.json", xapi_statements("PT2H", "deux heures")))
    assert _counts(again.text)["lrs.json"][:2] == [0, 1]  # nothing stored twice


def test_dismiss_with_a_reason(world: World) -> None:
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, LOGS)
    upload(coord, T, csrf, ("a.csv", EXCEL_CSV))
    [reject] = _open(world)
    empty = coord.post(f"{REJECTS}/{reject}/ecarter", data={"csrf": csrf, "reason": " "})
    assert empty.status_code == 400 and _open(world) == [reject]
    done = coord.post(f"{REJECTS}/{reject}/ecarter", data={"csrf": csrf, "reason": "doublon"},
                      follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith("done=dismissed")
    assert _open(world) == []
    [row] = list_rejects(world.app.store, include_resolved=True, ids=[reject])
    assert row.dismissed_reason == "doublon" and row.territory == T


def test_scoping_and_forged_forms(world: World) -> None:
    coord = session(world, "coordinator")
    csrf = csrf_of(coord, LOGS)
    upload(coord, T, csrf, ("a.csv", EXCEL_CSV))
    [reject] = _open(world)
    other = session(world, "other_coordinator")
    other_csrf = csrf_of(other, "/territoires/autre/journaux")
    assert other.get(REJECTS).status_code == 403
    assert other.get(LOGS).status_code == 403
    assert f"rejet-{reject}" not in other.get("/territoires/autre/rejets").text
    assert other.post(f"{REJECTS}/{reject}/ecarter",
                      data={"csrf": other_csrf, "reason": "x"}).status_code == 403
    assert other.post(f"/territoires/autre/rejets/{reject}/ecarter",
                      data={"csrf": other_csrf, "reason": "x"}).status_code == 404
    assert upload(other, T, other_csrf, ("a.csv", EXCEL_CSV)).status_code == 403
    public = session(world, "public")
    assert public.get(REJECTS).status_code == 401 and public.get(LOGS).status_code == 401
    forged = coord.post(f"{REJECTS}/{reject}/ecarter", data={"csrf": "0" * 32, "reason": "x"})
    assert forged.status_code == 403
    assert upload(coord, T, "0" * 32, ("a.csv", EXCEL_CSV)).status_code == 403
    api = world.client.post(f"{REJECTS}/{reject}/ecarter", data={"csrf": csrf, "reason": "x"},
                            headers=world.headers("coordinator"))
    assert api.status_code == 403  # an API token is no session
    assert _open(world) == [reject]
    mine = world.client.get("/api/v1/rejects", headers=world.headers("coordinator")).json()
    assert [r["id"] for r in mine] == [reject]
    assert world.client.get("/api/v1/rejects",
                            headers=world.headers("other_coordinator")).json() == []
    assert world.client.post(f"/api/v1/rejects/{reject}/dismiss", json={"reason": "x"},
                             headers=world.headers("other_coordinator")).status_code == 404
    # the coordinator's territory page now lists their own reject
    assert f"rejet-{reject}" in coord.get(f"/territoires/{T}").text


def test_cli_ingest_exits_1_on_a_file_rejected_whole(
    cli: Callable[..., CliResult], home: Path, tmp_path: Path
) -> None:
    assert cli("--home", home, "init").code == 0
    assert cli("--home", home, "territory", bundled("examples") / "territory.yaml").code == 0
    bad = tmp_path / "tout-faux.csv"
    bad.write_bytes(ALL_BAD_CSV)
    result = cli("--home", home, "ingest", "--json", bad)
    assert result.code == 1, result.out + result.err
    assert result.json()["files"][0]["rejected"] == 1
    good = tmp_path / "bon.csv"
    good.write_bytes(EXCEL_CSV)
    mixed = cli("--home", home, "ingest", good)
    assert mixed.code == 0, mixed.err
    # ingested unscoped, each reject is the territory's its row names: its coordinator's
    listed = cli("--home", home, "rejects", "list", "--json").json()["rejects"]
    assert {r["territory"] for r in listed} == {T} and len(listed) == 2


def test_the_learners_are_evaluated_after_each_upload(world: World) -> None:
    """Evaluation runs after the ingest: nobody is left with evidence not yet evaluated, and
    a badge the new activities complete waits on the review page."""
    from apprenance.services.evaluation.evaluate import evaluate, list_awards

    coordinator = session(world, "coordinator")
    before = {a["badge"] for a in list_awards(world.app.store)
              if a["learner"] == "lea.marchand@example.org"}
    hours = "\r\n".join(
        [EXCEL_CSV.decode("cp1252").splitlines()[0]]
        + [f"soir-{i};2026-05-{10 + i};lea.marchand@example.org;Léa Marchand;etudiant;{T};"
           "legumerie-cantines;alimentation;atelier-participatif;Atelier du soir;6;;"
           for i in range(8)] + [""]).encode("cp1252")
    page = upload(coordinator, T, csrf_of(coordinator, LOGS), ("soirs.csv", hours))
    assert page.status_code == 200, page.text
    assert evaluate(world.app.store, world.app.catalog(), clock=world.app.clock).evaluated == 0
    after = {a["badge"] for a in list_awards(world.app.store)
             if a["learner"] == "lea.marchand@example.org"}
    assert after - before  # 48 more hours of workshops complete at least one badge
    assert 'id="new-awards"' in page.text and f"/territoires/{T}/badges" in page.text
