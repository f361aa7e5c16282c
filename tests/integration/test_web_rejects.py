"""POST /api/v1/rejects/{id}/dismiss: an admin closes a rejected line by hand, with a reason."""

from __future__ import annotations

import pytest

from apprenance.bootstrap import bundled
from web_world import World, build_world

ERRORS = bundled("examples") / "activites-with-errors.csv"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("rejects"))


def test_admin_dismisses_a_reject_with_a_reason(world: World) -> None:
    admin = world.headers("admin")
    world.client.post("/api/v1/activities/upload", headers=admin,
                      files={"file": ("errors.csv", ERRORS.read_bytes(), "text/csv")})
    open_ones = world.client.get("/api/v1/rejects", headers=admin).json()
    first = open_ones[0]["id"]
    url = f"/api/v1/rejects/{first}/dismiss"
    assert open_ones[0]["territory"] == "val-de-serre"  # the territory its row names
    assert world.client.post(url, headers=world.headers("other_coordinator"),
                             json={"reason": "x"}).status_code == 404  # not theirs
    assert world.client.post(url, headers=world.headers("learner"),
                             json={"reason": "x"}).status_code == 403
    empty = world.client.post(url, headers=admin, json={"reason": ""})
    assert empty.status_code == 422
    done = world.client.post(url, headers=admin, json={"reason": "row of a test day"})
    assert done.status_code == 200, done.text
    assert done.json()["dismissed_reason"] == "row of a test day"
    blank = world.client.post(url + "?lang=fr", headers=admin, json={"reason": "   "})
    assert blank.status_code == 400 and "indiquez une raison" in blank.text
    after = world.client.get("/api/v1/rejects", headers=admin).json()
    assert first not in [r["id"] for r in after] and len(after) == len(open_ones) - 1
