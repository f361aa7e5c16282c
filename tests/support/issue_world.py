"""A small issuing world for the tests: a catalog with artwork, learners with awards in a real
store, an issuer, and a loopback web server for the ``public/`` tree."""

from __future__ import annotations

import dataclasses
import functools
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.issuing.issue import IssueReport, issue
from apprenance.services.issuing.issuers import init_issuer
from builders import add_activity, tiny_catalog
from conftest import FIXED_NOW, REPO

ARTWORK = REPO / "badges" / "images"


def issuing_catalog() -> Catalog:
    cat = tiny_catalog()
    cat.badges["faire-1"] = dataclasses.replace(
        cat.badges["faire-1"], image=str(ARTWORK / "faire-1.svg"), valid_for="P2Y",
        alignments=("pilier:faire", "greencomp:4.2"), credits={"ects": 1.5},
        description={"fr": "Premier pas", "en": "First step"})
    cat.badges["duo"] = dataclasses.replace(cat.badges["duo"],
                                            image=str(ARTWORK / "co-conception.svg"))
    return cat


def seed(store: Store, cat: Catalog) -> None:
    """ana earns faire-1, alim and duo (attested by a resident); bob earns faire-1."""
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 1), hours=10,
                 witness="marie.dupont@village.fr", witness_role="habitant")
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 4, 2), hours=2,
                 project="p2", kind="journal")
    add_activity(store, cat, participant="bob@x.org", day=date(2025, 3, 3), hours=9)
    evaluate(store, cat, clock=fixed_clock(FIXED_NOW))


def open_store(db_url: str) -> Store:
    store = Store.open(db_url)
    store.init()
    return store


def make_issuer(store: Store, keys: KeyStore, urls: HostedUrls, *, slug: str = "collectif",
                did_method: str = "key", territory: str | None = None) -> None:
    init_issuer(store, keys, slug=slug, name="Collectif des Ressourceurs", urls=urls,
                clock=fixed_clock(FIXED_NOW), did_method=did_method, url="https://example.org",
                email="contact@example.org", territory=territory)


def run_issue(store: Store, cat: Catalog, keys: KeyStore, urls: HostedUrls, out: Path | None,
              seed_: int = 7, **kwargs: Any) -> IssueReport:
    return issue(store, cat, keys, urls=urls, clock=fixed_clock(FIXED_NOW), out=out,
                 rng=random.Random(seed_), **kwargs)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextmanager
def serve_folder(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (an ephemeral port); yields the base URL."""
    root.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
