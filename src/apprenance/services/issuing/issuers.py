"""Issuers: who signs the credentials (a territory, or the collective), with their keys.

Several issuers live in one store, one per territory; each has its own Ed25519 keys in the
home folder (``credentials.keys.KeyStore``: mode 0600, encrypted with the passphrase when set).

Identifier: ``did:key`` by default (needs no web server; a rotation gives a new did:key, and
credentials signed earlier keep verifying with their own). ``did:web`` when asked for (the
default when ``APPRENANCE_PUBLIC_URL`` is configured): ``did:web:<host>:issuers:<id>``, whose
document at ``{public_url}/issuers/<id>/did.json`` lists every key, the retired ones too, so
that earlier credentials still verify after a rotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.images.image_safety import check_image_uri
from apprenance.credentials.trust.did import did_key, did_key_vm, did_web_document, did_web_from_url
from apprenance.credentials.trust.keys import KeyStore, SigningKey
from apprenance.credentials.verify.inputs import HostedUrls, IssuerProfile
from apprenance.db import issuing_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.learner_records_sql import territory_exists
from apprenance.db.store import Store
from apprenance.errors import Conflict, InputError, NotFound

DID_METHODS = ("key", "web")


@dataclass(frozen=True)
class Signer:
    """What signing needs: the issuer's profile, its current key and verification method."""

    profile: IssuerProfile
    key: SigningKey
    verification_method: str


@dataclass(frozen=True)
class IssuerInfo:
    id: str
    name: str
    did: str
    did_method: str
    territory: str | None
    url: str | None
    email: str | None
    keys: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "did": self.did, "did_method": self.did_method,
                "territory": self.territory, "url": self.url, "email": self.email,
                "keys": self.keys}


def _did_for(method: str, slug: str, key: SigningKey, urls: HostedUrls) -> str:
    if method == "web":
        return did_web_from_url(urls.issuer_root(slug))
    return did_key(key.public_multibase)


def _info(row: sql.IssuerRow, keys: KeyStore) -> IssuerInfo:
    return IssuerInfo(
        id=row.id, name=row.name, did=row.did, did_method=row.did_method,
        territory=row.territory_id, url=row.url, email=row.email,
        keys=[k.to_dict() for k in keys.public_keys(row.id)],
    )


def init_issuer(
    store: Store,
    keys: KeyStore,
    *,
    slug: str,
    name: str,
    urls: HostedUrls,
    clock: Clock,
    did_method: str = "key",
    url: str | None = None,
    email: str | None = None,
    description: str | None = None,
    image: str | None = None,
    territory: str | None = None,
) -> IssuerInfo:
    """Create an issuer and its first key; ``Conflict`` when the id is taken."""
    if did_method not in DID_METHODS:
        raise InputError(f"unknown DID method {did_method!r} (key or web)")
    if image is not None:  # shown by every wallet: an https URL, or a safe PNG/SVG data: URI
        image = check_image_uri(image, where="the issuer's --image")
    with store.transaction() as conn:
        if sql.issuer_exists(conn, slug):
            raise Conflict(f"issuer {slug!r} already exists (use `apprenance issuer rotate`)")
        if territory is not None and not territory_exists(conn, territory):
            raise NotFound(f"no territory {territory!r}")
    now = clock()
    key = keys.create(slug, now=now)
    with store.transaction() as conn:
        sql.insert_issuer(conn, slug=slug, name=name, url=url, email=email,
                          description=description, image=image, territory=territory,
                          did_method=did_method, did=_did_for(did_method, slug, key, urls),
                          now=now)
        row = sql.issuer_row(conn, slug)
    assert row is not None
    return _info(row, keys)


def rotate_issuer(
    store: Store, keys: KeyStore, slug: str, *, urls: HostedUrls, clock: Clock
) -> IssuerInfo:
    """Add a new current key; the old ones stay listed (and in the did:web document)."""
    row = _row(store, slug)
    now = clock()
    key = keys.rotate(slug, now=now)
    with store.transaction() as conn:
        sql.set_issuer_did(conn, slug, _did_for(row.did_method, slug, key, urls), now)
        fresh = sql.issuer_row(conn, slug)
    assert fresh is not None
    return _info(fresh, keys)


def list_issuers(store: Store, keys: KeyStore) -> list[IssuerInfo]:
    with store.transaction() as conn:
        rows = sql.all_issuers(conn)
    return [_info(r, keys) for r in rows]


def _row(store: Store, slug: str) -> sql.IssuerRow:
    with store.transaction() as conn:
        row = sql.issuer_row(conn, slug)
    if row is None:
        raise NotFound(f"no issuer {slug!r} (create it with `apprenance issuer init`)")
    return row


def issuer_profile(store: Store, slug: str) -> IssuerProfile:
    """The public profile of issuer ``slug`` (name, URL...): what pages name it by."""
    return profile_of(_row(store, slug))


def profile_of(row: sql.IssuerRow) -> IssuerProfile:
    return IssuerProfile(slug=row.id, did=row.did, name=row.name, url=row.url, email=row.email,
                         description=row.description, image=row.image)


def signer(store: Store, keys: KeyStore, slug: str) -> Signer:
    """The issuer's profile and current key, ready to sign."""
    row = _row(store, slug)
    key = keys.current(slug)
    web = row.did_method == "web"
    method = f"{row.did}#{key.kid}" if web else did_key_vm(key.public_multibase)
    return Signer(profile_of(row), key, method)


def did_document(store: Store, keys: KeyStore, slug: str) -> dict[str, Any]:
    """The did:web document of an issuer (every key, oldest first); ``NotFound`` for did:key
    issuers (a did:key document is derived, never served)."""
    row = _row(store, slug)
    if row.did_method != "web":
        raise NotFound(f"issuer {slug!r} uses did:key: it has no document to serve")
    return did_web_document(row.did, [k.public_multibase for k in keys.public_keys(slug)])


def issuer_for(conn: Connection, territory: str | None) -> str:
    """The issuer of a learner: the one of their territory, else the only issuer, else the
    issuer without a territory (the collective)."""
    rows = sql.issuer_territories(conn)
    if not rows:
        raise NotFound("no issuer yet: create one with `apprenance issuer init`")
    for slug, where in rows:
        if territory is not None and where == territory:
            return str(slug)
    if len(rows) == 1:
        return str(rows[0][0])
    for slug, where in rows:
        if where is None:
            return str(slug)
    raise NotFound(f"no issuer for territory {territory!r} and no issuer for the whole store")
