"""Endorsers: third parties (a university, a partner territory) who endorse a badge or a
pathway with their own key, and their endorsements.

An endorser's identifier is the did:key of its Ed25519 key: any verifier resolves it offline,
from the identifier itself, and the instance that issues the badges cannot swap the key behind
it (a did:web hosted by the issuer's instance would let the issuer speak for the endorser).
Its key pair lives in its own key store (``HOME/endorser-keys/ID``: mode 0600, encrypted with
the passphrase, like the issuers' keys), or with the endorser (``init --public-key``: the
instance registers the public key only, and ``endorse --key FILE`` signs with the file, which
is read for that signature and never stored).

``endorse`` signs one ``EndorsementCredential`` per language of the hosted achievement (each
names the achievement in its language, as the credentials issued in that language do); every
credential issued after carries the active ones in ``Achievement.endorsement``. ``withdraw``
ends that (credentials issued before keep what they were issued with).
"""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from apprenance.clock import Clock
from apprenance.credentials.formats.institution_endorsement import (
    EndorserProfile,
    clean_comment,
    endorsement_credential,
    endorser_names,
)
from apprenance.credentials.formats.ob3 import with_endorsements
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.did import did_key, did_key_document, did_key_vm
from apprenance.credentials.trust.keys import KeyStore, SigningKey
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import endorsers_sql as sql
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.errors import Conflict, InputError, NotFound, SigningError
from apprenance.i18n import LANGS

KEY_HELD = ("instance", "external")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@dataclass(frozen=True)
class EndorserInfo:
    id: str
    name: str
    did: str
    url: str | None
    email: str | None
    country: str | None
    key_held: str
    public_multibase: str
    profile_url: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Endorsed:
    """The outcome of one ``endorse``: the signed endorsement in each language."""

    endorser: str
    badge: str
    batch: str
    ids: dict[str, str]  # language -> EndorsementCredential id
    unchanged: bool  # the same endorsement was active already: nothing signed

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def root_url(urls: HostedUrls, endorser: str) -> str:
    return f"{urls.base}/endorsers/{quote(endorser)}"


def profile_of(row: sql.EndorserRow) -> EndorserProfile:
    return EndorserProfile(id=row.id, did=row.did, name=row.name, url=row.url,
                           email=row.email, country=row.country)


def _info(row: sql.EndorserRow, urls: HostedUrls) -> EndorserInfo:
    return EndorserInfo(row.id, row.name, row.did, row.url, row.email, row.country,
                        row.key_held, row.public_multibase,
                        f"{root_url(urls, row.id)}/profile.json")


def init_endorser(store: Store, keys: KeyStore, *, slug: str, name: str, urls: HostedUrls,
                  clock: Clock, url: str | None = None, email: str | None = None,
                  country: str | None = None, public_key: str | None = None) -> EndorserInfo:
    """Register an endorser and make its key pair (or, with ``public_key``: a Multikey, the
    endorser keeps its private key); ``Conflict`` when the id is taken."""
    if not _SLUG.match(slug):
        raise InputError(f"invalid endorser id {slug!r} (letters, digits, . _ -)")
    if not name.strip():
        raise InputError("the endorser needs a --name")
    if country is not None:
        country = country.strip().upper()
        if not _COUNTRY.match(country):
            raise InputError(f"--country: an ISO 3166 two-letter code (FR, DE ...), not "
                             f"{country!r}")
    if url is not None and not url.startswith(("https://", "http://")):
        raise InputError(f"--url: an http(s) address, not {url!r}")
    with store.transaction() as conn:
        if sql.endorser_row(conn, slug) is not None:
            raise Conflict(f"endorser {slug!r} already exists")
    now = clock()
    if public_key is None:
        multibase, held = keys.create(slug, now=now).public_multibase, "instance"
    else:
        multibase, held = public_key, "external"
    row = sql.EndorserRow(id=slug, name=name.strip(), url=url, email=email, country=country,
                          did=did_key(multibase), public_multibase=multibase, key_held=held,
                          created_at=now)
    with store.transaction() as conn:
        sql.insert_endorser(conn, row)
    return _info(row, urls)


def list_endorsers(store: Store, urls: HostedUrls) -> list[EndorserInfo]:
    with store.transaction() as conn:
        return [_info(r, urls) for r in sql.all_endorsers(conn)]


def _row(store: Store, slug: str) -> sql.EndorserRow:
    with store.transaction() as conn:
        row = sql.endorser_row(conn, slug)
    if row is None:
        raise NotFound(f"no endorser {slug!r} (register it with `apprenance endorser init`)")
    return row


def _signing_key(row: sql.EndorserRow, keys: KeyStore, key: SigningKey | None) -> SigningKey:
    if key is None:
        if row.key_held == "external":
            raise SigningError(f"endorser {row.id!r} keeps its own key: sign with --key FILE")
        key = keys.load(row.id, row.public_multibase)
    if key.public_multibase != row.public_multibase:
        raise SigningError(f"this key is not the key of endorser {row.id!r} ({row.did})")
    return key


def endorse(store: Store, keys: KeyStore, catalog: Catalog, *, endorser: str, badge: str,
            urls: HostedUrls, clock: Clock, comment: str | None = None,
            key: SigningKey | None = None, rng: random.Random | None = None) -> Endorsed:
    """Sign the endorser's endorsement of ``badge`` (one per language) with the endorser's
    key (its stored one, or ``key``: a file it keeps). The same comment again: unchanged; a
    new comment replaces the active endorsement (the old one is withdrawn)."""
    found = catalog.badges.get(badge)
    if found is None:
        raise NotFound(f"no badge or pathway {badge!r} in the catalog")
    row = _row(store, endorser)
    said = clean_comment(comment)
    with store.transaction() as conn:
        active = sql.endorsements_of(conn, badge=badge, endorser=endorser, active_only=True)
    if active and all(a.comment == said for a in active) and \
            {a.lang for a in active} == set(LANGS):
        return Endorsed(endorser, badge, active[0].batch, {a.lang: a.id for a in active}, True)
    signing = _signing_key(row, keys, key)
    draw = rng or random.SystemRandom()
    now = clock()
    batch = f"{draw.getrandbits(64):016x}"
    profile = profile_of(row)
    rows = []
    for lang in LANGS:
        credential_id = f"urn:uuid:{uuid.UUID(int=draw.getrandbits(128), version=4)}"
        unsigned = endorsement_credential(
            credential_id=credential_id, achievement_id=urls.achievement(badge, lang),
            endorser=profile, badge_name=text(found.name, lang) or badge, comment=said,
            issued_at=now, lang=lang)
        signed = sign(unsigned, signing, did_key_vm(row.public_multibase), created=now)
        rows.append(sql.EndorsementRow(
            id=credential_id, batch=batch, endorser_id=endorser, badge_id=badge, lang=lang,
            comment=said, document=signed, created_at=now, withdrawn_at=None,
            withdrawn_reason=None))
    with store.transaction() as conn:
        sql.withdraw(conn, endorser=endorser, badge=badge, now=now, reason="replaced")
        sql.insert_endorsements(conn, rows)
    return Endorsed(endorser, badge, batch, {r.lang: r.id for r in rows}, False)


def withdraw(store: Store, *, endorser: str, badge: str, clock: Clock,
             reason: str | None = None) -> int:
    """Withdraw the endorser's endorsement of ``badge``; ``NotFound`` when none is active."""
    _row(store, endorser)
    with store.transaction() as conn:
        count = sql.withdraw(conn, endorser=endorser, badge=badge, now=clock(),
                             reason=(reason or "").strip() or None)
    if not count:
        raise NotFound(f"endorser {endorser!r} has no active endorsement of {badge!r}")
    return count


def endorsements(store: Store, *, badge: str | None = None,
                 endorser: str | None = None) -> list[dict[str, Any]]:
    """The endorsements (one entry per ``endorse``, its languages together), oldest first."""
    with store.transaction() as conn:
        rows = sql.endorsements_of(conn, badge=badge, endorser=endorser)
        names = {r.id: r.name for r in sql.all_endorsers(conn)}
    grouped: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = grouped.setdefault(r.batch, {
            "endorser": r.endorser_id, "endorser_name": names.get(r.endorser_id),
            "badge": r.badge_id, "comment": r.comment, "created_at": r.created_at.isoformat(),
            "withdrawn_at": r.withdrawn_at.isoformat() if r.withdrawn_at else None,
            "withdrawn_reason": r.withdrawn_reason, "credentials": {}})
        entry["credentials"][r.lang] = r.id
    return list(grouped.values())


def attached(store: Store) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The signed endorsements to attach, by (badge, language)."""
    with store.transaction() as conn:
        return sql.active_documents(conn)


def hosted_documents(store: Store, urls: HostedUrls) -> list[tuple[str, dict[str, Any]]]:
    """(URL, document) of the profile and DID document of every endorser with an active
    endorsement: what an issuing run writes in its ``public/`` tree beside the achievements."""
    with store.transaction() as conn:
        active = {r.endorser_id for r in sql.endorsements_of(conn, active_only=True)}
        rows = [r for r in sql.all_endorsers(conn) if r.id in active]
    out: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        root = root_url(urls, row.id)
        out += [(f"{root}/profile.json", profile_of(row).document()),
                (f"{root}/did.json", did_key_document(row.did))]
    return out


def with_endorsements_of(store: Store, badge: str, lang: str,
                         achievement: dict[str, Any]) -> dict[str, Any]:
    """``achievement`` with the active endorsements of ``badge`` in ``lang`` attached."""
    return with_endorsements(achievement, attached(store).get((badge, lang), []))


def profile_document(store: Store, slug: str) -> dict[str, Any]:
    """The endorser's public OB 3.0 Profile."""
    return profile_of(_row(store, slug)).document()


def did_document(store: Store, slug: str) -> dict[str, Any]:
    """The endorser's DID document (derived from its did:key: served for convenience, never
    needed by a verifier)."""
    return did_key_document(_row(store, slug).did)


def known_endorsers(store: Store) -> dict[str, str]:
    """The endorsers this instance knows: DID -> name."""
    with store.transaction() as conn:
        return {r.did: r.name for r in sql.all_endorsers(conn)}


def endorsers_of_credentials(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """For each credential of ``ids``, the names of the third parties whose endorsement its
    achievement carries (as issued: an endorsement made later is not in it)."""
    with store.transaction() as conn:
        documents = sql.credential_documents(conn, ids)
    return {cid: endorser_names(doc) for cid, doc in documents.items()}
