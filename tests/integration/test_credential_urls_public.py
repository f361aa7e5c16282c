"""Every URL a freshly issued credential names answers the public (issue 15, item 5): the
OB 3.0 credential and the OB 2.0 assertion of an award are read, every URL on this
instance's host they name is fetched anonymously over HTTP from the served application, and
so are the URLs the JSON documents fetched name in turn. None may answer 401, 403 or 404
(URLs of other hosts, such as the JSON-LD contexts, are left out)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from apprenance.web.app import create_app
from browser_site import loopback, loopback_world, serve_thread
from credential_page_world import credential_uuid, issue_lea
from web_world import World

MAX_FETCHES = 200


def urls_in(value: Any) -> set[str]:
    """Every http(s) URL among the strings of a JSON value."""
    if isinstance(value, dict):
        return set().union(*(urls_in(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(urls_in(v) for v in value)) if value else set()
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return {value}
    return set()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    port, url = loopback()
    world = loopback_world(tmp_path_factory.mktemp("public-urls"), url)
    issue_lea(world)
    api = create_app(world.app.settings, app=world.app)
    with closing(world.app), serve_thread(api, port):
        yield url, world


def _crawl(base: str, start: set[str]) -> dict[str, int]:
    """The status of every URL on ``base``'s host reached from ``start`` (fragments cut)."""
    host = urlsplit(base).netloc
    seen: dict[str, int] = {}
    todo = sorted(start)
    with httpx.Client(timeout=30.0, follow_redirects=False) as http:
        while todo and len(seen) < MAX_FETCHES:
            url = todo.pop().split("#", 1)[0]
            if urlsplit(url).netloc != host or url in seen:
                continue
            response = http.get(url)  # anonymous: no token, no cookie
            seen[url] = response.status_code
            if "json" in response.headers.get("content-type", ""):
                todo.extend(sorted(urls_in(response.json()) - set(seen)))
    return seen


def _documents(world: World, uid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    admin = world.headers("admin")
    ob3 = world.client.get(f"/api/v1/credentials/{uid}/json", headers=admin)
    ob2 = world.client.get(f"/api/v1/credentials/{uid}/ob2", headers=admin)
    assert ob3.status_code == 200 and ob2.status_code == 200
    return ob3.json(), ob2.json()


def test_every_url_in_fresh_credentials_answers_the_public(served: tuple[str, World]) -> None:
    base, world = served
    uid = credential_uuid(world)
    ob3, ob2 = _documents(world, uid)
    named = urls_in(ob3) | urls_in(ob2)
    evidence = [e["id"] for e in ob3["evidence"]] + [e["id"] for e in ob2["evidence"]]
    assert evidence and all(e.startswith(f"{base}/credentials/{uid}#preuve-") for e in evidence)
    statuses = _crawl(base, named)
    assert f"{base}/credentials/{uid}" in statuses  # the evidence section's page
    assert len(statuses) >= 8, statuses  # achievement, status list, DID, badge class ...
    refused = {u: s for u, s in statuses.items() if s in (401, 403, 404)}
    assert refused == {}, json.dumps(refused, indent=1)
    assert set(statuses.values()) == {200}, statuses


def test_the_crawl_would_catch_an_api_url(served: tuple[str, World]) -> None:
    """What evidence ids used to name (an activity in the API) answers 401 to the public:
    the crawl above reports such a URL."""
    base, _ = served
    found = _crawl(base, {f"{base}/api/v1/activities/lea-0"})
    assert found == {f"{base}/api/v1/activities/lea-0": 401}


def test_every_credential_of_the_learner_names_public_urls_only(
        served: tuple[str, World]) -> None:
    base, world = served
    listed = world.client.get("/api/v1/learners/lea.marchand@example.org/credentials",
                              headers=world.headers("admin")).json()
    uids = [str(c["id"]).removeprefix("urn:uuid:") for c in listed if c["format"] == "ob3"]
    assert len(uids) >= 2
    named: set[str] = set()
    for uid in uids:
        ob3, ob2 = _documents(world, uid)
        named |= urls_in(ob3) | urls_in(ob2)
    statuses = _crawl(base, named)
    assert set(statuses.values()) == {200}, statuses
