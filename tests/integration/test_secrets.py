"""Secrets at rest and in use: API tokens, sign-in links and OAuth client secrets are stored
as their SHA-256 only and compared in constant time (a wrong token of the right length is
refused); a did:web issuer's rotation keeps the credentials signed before it verifying."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import access_tables as a
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.errors import Unauthenticated
from apprenance.services.issuing.issue import get_credential, issue
from apprenance.services.issuing.issuers import rotate_issuer
from apprenance.services.people import access
from conftest import FIXED_NOW
from web_world import LEA, build_world

CLOCK = fixed_clock(FIXED_NOW)


def _everything(store: Any) -> str:
    with store.transaction() as conn:
        return json.dumps({table.name: [dict(r) for r in conn.execute(select(table)).mappings()]
                           for table in t.metadata.sorted_tables}, default=str)


def _same_length_wrong(token: str) -> str:
    last = "A" if token[-1] != "A" else "B"
    return token[:-1] + last


def test_tokens_are_stored_hashed_and_a_wrong_one_of_the_same_length_is_refused(
        db_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = db_store
    token = access.create_token(store, role="admin", clock=CLOCK, label="ops")
    with store.transaction() as conn:
        stored = conn.execute(select(a.api_tokens.c.token_hash)).scalar_one()
    assert stored != token and stored == hashlib.sha256(token.encode()).hexdigest()
    assert token not in _everything(store)
    compared: list[tuple[str, str]] = []
    real = hmac.compare_digest

    def spy(x: Any, y: Any) -> bool:
        compared.append((str(x), str(y)))
        return real(x, y)

    monkeypatch.setattr(access.hmac, "compare_digest", spy)
    assert access.resolve_token(store, token, clock=CLOCK).role == "admin"
    assert compared == [(stored, stored)]  # the hashes, compared in constant time
    for wrong in (_same_length_wrong(token), token.upper(), token[:-1], ""):
        with pytest.raises(Unauthenticated):
            access.resolve_token(store, wrong, clock=CLOCK)


def test_sign_in_links_and_client_secrets_are_stored_hashed(db_store: Store) -> None:
    store = db_store
    with store.transaction() as conn:
        conn.execute(t.learners.insert().values(participant="ana@x.org", created_at=FIXED_NOW))
    link = access.create_sign_in_link(store, "ana@x.org", clock=CLOCK)
    client_id, secret = access.create_oauth_client(store, name="Backpack", role="learner",
                                                   learner="ana@x.org", clock=CLOCK)
    dump = _everything(store)
    assert link not in dump and secret not in dump
    with pytest.raises(Unauthenticated):
        access.oauth_token(store, client_id, _same_length_wrong(secret), None, clock=CLOCK)
    with pytest.raises(Unauthenticated):
        access.use_sign_in_link(store, _same_length_wrong(link), clock=CLOCK)
    granted, _ = access.oauth_token(store, client_id, secret, None, clock=CLOCK)
    assert access.resolve_token(store, granted, clock=CLOCK).client_id == client_id
    assert access.use_sign_in_link(store, link, clock=CLOCK).startswith("aps_")


def test_a_wrong_bearer_token_of_the_same_length_is_refused_over_http(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    token = world.tokens["admin"]
    ok = world.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200 and ok.json()["role"] == "admin"
    wrong = world.client.get("/api/v1/me", headers={
        "Authorization": f"Bearer {_same_length_wrong(token)}"})
    assert wrong.status_code == 401 and token not in wrong.text


def test_did_web_rotation_keeps_earlier_credentials_verifying(tmp_path: Path) -> None:
    """Credentials signed before a rotation verify against the issuer's did:web document
    (which lists every key), as do those signed after; the status list is signed anew."""
    world = build_world(tmp_path)
    app = world.app
    keys, urls = KeyStore(app.home / "keys"), HostedUrls("http://testserver")
    catalog = app.catalog()
    with app.store.transaction() as conn:
        badges = sorted(conn.execute(select(t.awards.c.badge_id)).scalars())
    assert len(badges) >= 2
    before = issue(app.store, catalog, keys, urls=urls, clock=app.clock, participant=LEA,
                   badge=badges[0], rng=random.Random(1)).issued
    rotate_issuer(app.store, keys, "val-de-serre", urls=urls, clock=app.clock)
    after = issue(app.store, catalog, keys, urls=urls, clock=app.clock, participant=LEA,
                  rng=random.Random(2)).issued
    assert before and after
    did = world.client.get("/issuers/val-de-serre/did.json").json()
    assert len(did["verificationMethod"]) == 2
    methods = set()
    for issued in (before[0], after[0]):
        credential = get_credential(app.store, issued.credential_id)["document"]
        methods.add(credential["proof"]["verificationMethod"])
        verdict = world.client.post("/api/v1/verify/credential", json=credential).json()
        assert verdict["verified"] is True, verdict
    assert len(methods) == 2  # signed with the old key, then the new one
