"""What the tests of a credential's public page share: LEA's credentials issued in a web
world, the uuid of one, a client signed in by a learner's sign-in link (a session, as a
browser has), the CSRF token of a page, and the page's links and meta tags read from HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

from apprenance.services.people import access
from web_world import LEA, World


def issue_lea(world: World) -> None:
    issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                               json={"learners": [LEA]})
    assert issued.status_code == 200 and issued.json()["issued"], issued.text


def credential_uuid(world: World, badge: str = "faire-1", learner: str = LEA) -> str:
    """The uuid of ``learner``'s OB 3.0 credential for ``badge``."""
    listed = world.client.get(f"/api/v1/learners/{learner}/credentials",
                              headers=world.headers("admin")).json()
    return next(str(c["id"]).removeprefix("urn:uuid:") for c in listed
                if c["format"] == "ob3" and c["badge"] == badge)


def session_client(world: World, learner: str = LEA) -> TestClient:
    """A client of the same application with the session a learner's sign-in link opens."""
    client = TestClient(world.client.app, raise_server_exceptions=False)
    link = access.create_sign_in_link(world.app.store, learner, clock=world.app.clock)
    opened = client.post(f"/connexion/{link}", follow_redirects=False)
    assert opened.status_code == 303, opened.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.anchors: dict[str, str] = {}  # id -> href of the <a> with that id

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and "content" in values:
            key = values.get("property") or values.get("name")
            if key:
                self.meta[key] = values["content"]
        elif tag == "link":
            self.links.append(values)
        elif tag == "a" and values.get("id"):
            self.anchors[values["id"]] = values.get("href", "")


def page_parts(html: str) -> Any:
    """The page's meta tags (``meta``), ``<link>``s (``links``), and the links with an id
    (``anchors``), parsed."""
    parser = _Head()
    parser.feed(html)
    return parser
