"""Unmapped activities for the triage tests, added to a ``web_world`` world: one of LEA's
with a suggested type that completes the "mediation" badge once assigned (10 h, attested),
two of LEA's of another unknown type with no suggestion (a group), and one of OLGA's in the
other territory. Also signing a browser in with an API token and reading a form's CSRF."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import update

from apprenance.db import tables as t
from apprenance.web.app import create_app
from builders import add_activity
from web_world import LEA, OTHER, World

SUGGESTED = "odd-suggested"  # "mediation-voisins", suggested "mediation"
PLAIN = ("odd-plain-1", "odd-plain-2")  # "atelier-mystere", no suggestion
OLGA_ODD = "olga-odd"


def add_unmapped(world: World) -> None:
    store, catalog = world.app.store, world.app.catalog()
    add_activity(store, catalog, participant=LEA, day=date(2026, 4, 6), hours=10,
                 kind="mediation-voisins", project="legumerie-cantines",
                 function="alimentation", witness="claire.lambert@example.org",
                 witness_role="habitant", activity_id=SUGGESTED)
    for i, ident in enumerate(PLAIN):
        add_activity(store, catalog, participant=LEA, day=date(2026, 4, 10 + i), hours=1.5,
                     kind="atelier-mystere", project="legumerie-cantines",
                     activity_id=ident)
    add_activity(store, catalog, participant=OTHER, day=date(2026, 4, 12), hours=2,
                 kind="atelier-mystere", project="jardin", activity_id=OLGA_ODD)
    with store.transaction() as conn:
        conn.execute(update(t.activities).where(t.activities.c.id == SUGGESTED)
                     .values(suggested_type="mediation"))


def browser(world: World, role: str = "coordinator") -> TestClient:
    """A client holding a session of ``role`` (signed in with its API token)."""
    client = TestClient(create_app(world.app.settings, app=world.app),
                        raise_server_exceptions=False)
    opened = client.post("/connexion", data={"token": world.tokens[role]},
                         follow_redirects=False)
    assert opened.status_code == 303, opened.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html[:500]
    return found.group(1)
