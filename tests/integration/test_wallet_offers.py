"""Wallet offers in the store (SQLite and PostgreSQL): single use when two wallets race for
one code or one offer, nonces good once and until they expire, and an erasure deletes the
learner's offers and deliveries (they name the holder's DID)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from apprenance.db import wallet_sql
from apprenance.errors import Conflict, NotFound, WalletRefused
from apprenance.services.issuing.issue import credentials_of, issue
from apprenance.services.issuing.revocation import revoke
from apprenance.services.people.access import digest
from apprenance.services.privacy.report import erase_learner
from apprenance.services.wallets import offers, oid4vci
from wallet_client import HolderKey
from web_world import LEA, OTHER, World, build_world


def _world(tmp_path: Path, db_url: str) -> tuple[World, str]:
    world = build_world(tmp_path, db_url=db_url)
    app = world.app
    issue(app.store, app.catalog(), app.keys, urls=app.urls, clock=app.clock, participant=LEA)
    uuid = next(c["id"] for c in credentials_of(app.store, LEA) if c["format"] == "ob3")
    return world, uuid.removeprefix("urn:uuid:")


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> tuple[World, str]:
    built = _world(tmp_path, db_url)
    yield built
    built[0].app.close()


def test_one_offer_delivers_once_and_a_code_buys_one_token(world: tuple[World, str]) -> None:
    w, uuid = world
    app = w.app
    opened = offers.open_offer(app.store, LEA, uuid, clock=app.clock)
    row = offers.live_offer(app.store, opened.offer, now=app.clock())
    now = app.clock()
    with app.store.transaction() as conn:
        first = wallet_sql.redeem_code(conn, row["id"], now, digest("t1"), now)
    with app.store.transaction() as conn:
        second = wallet_sql.redeem_code(conn, row["id"], now, digest("t2"), now)
    assert (first, second) == (True, False)
    holder = HolderKey().did
    delivered = offers.deliver(app.store, app.keys, row, holder, protocol="vcapi", now=now)
    assert delivered["credentialSubject"]["id"] == holder
    with pytest.raises(WalletRefused) as again:
        offers.deliver(app.store, app.keys, row, HolderKey().did, protocol="vcapi", now=now)
    assert again.value.protocol_code == "credential_request_denied"
    assert [d["holder_did"] for d in offers.deliveries_of(app.store, uuid)] == [holder]
    with pytest.raises(NotFound):
        offers.live_offer(app.store, opened.offer, now=now)


def test_nonces_are_good_once_and_until_they_expire(world: tuple[World, str]) -> None:
    app = world[0].app
    fresh = oid4vci.nonce(app.store, clock=app.clock)["c_nonce"]
    stale = oid4vci.nonce(app.store, clock=app.clock)["c_nonce"]
    now = app.clock()
    with app.store.transaction() as conn:
        assert wallet_sql.use_nonce(conn, digest(fresh), now)
        assert not wallet_sql.use_nonce(conn, digest(fresh), now)
        assert not wallet_sql.use_nonce(conn, digest(stale), now + oid4vci.NONCE_TTL)
        assert not wallet_sql.use_nonce(conn, digest("never-given"), now)


def test_only_the_owner_opens_an_offer_and_never_of_a_revoked_badge(
        world: tuple[World, str]) -> None:
    w, uuid = world
    app = w.app
    with pytest.raises(NotFound):
        offers.open_offer(app.store, OTHER, uuid, clock=app.clock)
    revoke(app.store, app.keys, f"urn:uuid:{uuid}", reason="test", urls=app.urls,
           clock=app.clock)
    with pytest.raises(Conflict):
        offers.open_offer(app.store, LEA, uuid, clock=app.clock)


def test_an_expired_offer_is_gone(world: tuple[World, str]) -> None:
    w, uuid = world
    app = w.app
    opened = offers.open_offer(app.store, LEA, uuid, clock=app.clock)
    later = app.clock() + offers.OFFER_TTL + timedelta(seconds=1)
    with pytest.raises(NotFound):
        offers.live_offer(app.store, opened.offer, now=later)


def test_an_erasure_deletes_the_learners_offers_and_deliveries(world: tuple[World, str],
                                                                tmp_path: Path) -> None:
    w, uuid = world
    app = w.app
    opened = offers.open_offer(app.store, LEA, uuid, clock=app.clock)
    row = offers.live_offer(app.store, opened.offer, now=app.clock())
    holder = HolderKey().did
    offers.deliver(app.store, app.keys, row, holder, protocol="oid4vci", now=app.clock())
    report = erase_learner(app.store, app.keys, LEA, urls=app.urls, clock=app.clock)
    assert report.to_dict()["wallet_offers_deleted"] == 1
    assert offers.deliveries_of(app.store, uuid) == []


def test_five_wrong_transaction_codes_spend_the_code(world: tuple[World, str]) -> None:
    w, uuid = world
    app = w.app
    opened = offers.open_offer(app.store, LEA, uuid, clock=app.clock)
    wrong = str((int(opened.tx_code) + 1) % 1_000_000).zfill(6)
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(WalletRefused) as refused:
            oid4vci.token(app.store, grant_type=oid4vci.PRE_AUTHORIZED, code=opened.code,
                          tx_code=wrong, clock=app.clock)
        assert f"({left} tries left)" in refused.value.message
    with pytest.raises(WalletRefused) as late:
        oid4vci.token(app.store, grant_type=oid4vci.PRE_AUTHORIZED, code=opened.code,
                      tx_code=opened.tx_code, clock=app.clock)
    assert late.value.protocol_code == "invalid_grant"
    assert "already used" in late.value.message
