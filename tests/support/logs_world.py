"""Helpers of the logs pages' tests: a signed-in browser session per role (an API token
posted to /connexion), the CSRF token of a page, and the log files they send — a semicolon
CSV saved by French Excel (Windows-1252) with a bad row, a file rejected whole, JSON Lines."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from web_world import LEA, World

HEADER = ("id;date;participant;nom;role;territoire;projet;fonction;activite;description;duree;"
          "temoin;preuve")
GOOD = (f"web-1;2026-05-04;{LEA};Léa Marchand;etudiant;val-de-serre;legumerie-cantines;"
        "alimentation;atelier-participatif;Épluchage des légumes à la légumerie;2,5;;")
BAD = (f"web-2;2026-02-30;{LEA};Léa Marchand;etudiant;val-de-serre;legumerie-cantines;"
       "alimentation;atelier-participatif;Réunion à la mairie;3;;")
EXCEL_CSV = "\r\n".join([HEADER, GOOD, BAD, ""]).encode("cp1252")
ALL_BAD_CSV = "\r\n".join([HEADER, BAD.replace("web-2", "web-9"), ""]).encode("cp1252")
JSONL = (b'{"id": "web-j1", "date": "2026-05-06", "participant": "lea.marchand@example.org", '
         b'"territory": "val-de-serre", "project": "legumerie-cantines", '
         b'"function": "alimentation", "activity": "atelier-participatif", "duration": -2}\n')
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def session(world: World, role: str) -> TestClient:
    """A client of its own holding the session cookie ``role``'s API token opens."""
    client = TestClient(world.client.app, raise_server_exceptions=False)
    if role != "public":
        answer = client.post("/connexion", data={"token": world.tokens[role]},
                             follow_redirects=False)
        assert answer.status_code == 303, answer.text
    return client


def csrf_of(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = CSRF.search(page.text)
    assert found, "no CSRF token on the page"
    return found.group(1)


def upload(client: TestClient, territory: str, csrf: str, *files: tuple[str, bytes],
           **form: Any) -> Any:
    return client.post(f"/territoires/{territory}/journaux", data={"csrf": csrf, **form},
                       files=[("files", (name, data, "text/csv")) for name, data in files])
JSONL_MIXED = JSONL.replace(b"web-j1", b"web-j0").replace(b'"duration": -2', b'"duration": 1') \
    + JSONL  # one good line, then the bad one


def xapi_statements(*durations: str) -> bytes:
    """xAPI statements of LEA in the example territory, one per duration given."""
    import json

    base = "https://w3id.org/apprenance/xapi"
    statements = [{
        "id": f"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0{i:02d}",
        "actor": {"objectType": "Agent", "name": "Léa Marchand", "mbox": f"mailto:{LEA}"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended",
                 "display": {"en-US": "attended"}},
        "object": {"objectType": "Activity", "id": f"{base}/activities/val-de-serre/x-{i}",
                   "definition": {"type": f"{base}/activity-types/atelier-participatif"}},
        "result": {"duration": duration},
        "context": {"contextActivities": {"grouping": [
            {"id": f"{base}/projects/legumerie-cantines"},
            {"id": f"{base}/territories/val-de-serre"}]},
            "extensions": {f"{base}/ext/function": "alimentation"}},
        "timestamp": f"2026-05-{10 + i:02d}T10:00:00+02:00", "version": "1.0.3",
    } for i, duration in enumerate(durations)]
    return json.dumps(statements, ensure_ascii=False, indent=1).encode("utf-8")
