"""A served world for the wallet tests: the web world on a loopback URL, Léa's badges issued,
its clock movable (offers expire), served by uvicorn in a thread; and Léa's browser-less
session (an ``httpx`` client signed in) that opens offers from her wallet page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from apprenance.services.issuing.issue import credentials_of, issue
from apprenance.web.app import create_app
from browser_site import loopback, loopback_world, serve_thread
from conftest import FIXED_NOW
from web_world import LEA, World


class MovableClock:
    """A clock the test moves forward."""

    def __init__(self, at: datetime) -> None:
        self.now = at

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class WalletSite:
    url: str
    world: World
    clock: MovableClock
    credentials: list[str]  # Léa's OB 3.0 credential UUIDs

    def session(self, role: str = "learner") -> httpx.Client:
        """A client signed in (session cookie) with the token of ``role``."""
        client = httpx.Client(base_url=self.url, timeout=60)
        done = client.post("/connexion", data={"token": self.world.tokens[role]})
        assert done.status_code == 303, done.text
        return client


@dataclass
class OpenedPage:
    html: str
    lcw_link: str
    oid_link: str
    tx_code: str
    lcw_qr: str
    oid_qr: str


def _find(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.S)
    assert found is not None, f"{pattern} not in the page"
    return html.unescape(found.group(1))


def csrf_of(page: str) -> str:
    return _find(r'name="csrf" value="([^"]+)"', page)


def open_offer(client: httpx.Client, uuid: str) -> OpenedPage:
    """Open Léa's wallet page of ``uuid``, press "show the QR codes", read what it shows."""
    path = f"/credentials/{uuid}/portefeuille"
    page = client.get(path)
    assert page.status_code == 200, page.text
    shown = client.post(path, data={"csrf": csrf_of(page.text)})
    assert shown.status_code == 200, shown.text
    text = shown.text
    return OpenedPage(text, _find(r'id="link-lcw" href="([^"]+)"', text),
                      _find(r'id="link-oid" href="([^"]+)"', text),
                      _find(r'id="tx-code">(\d{6})<', text),
                      _find(r'id="qr-lcw">(.*?)</div>', text),
                      _find(r'id="qr-oid">(.*?)</div>', text))


@contextmanager
def wallet_site(tmp: Path, db_url: str | None = None) -> Iterator[WalletSite]:
    port, url = loopback()
    world = loopback_world(tmp, url, db_url=db_url)
    clock = MovableClock(FIXED_NOW)
    world.app.clock = clock
    app = world.app
    issue(app.store, app.catalog(), app.keys, urls=app.urls, clock=clock, participant=LEA)
    uuids = [c["id"].removeprefix("urn:uuid:") for c in credentials_of(app.store, LEA)
             if c["format"] == "ob3"]
    assert uuids, "Léa has no badge to send"
    try:
        with serve_thread(create_app(app.settings, app=app), port):
            yield WalletSite(url, world, clock, uuids)
    finally:
        app.close()
