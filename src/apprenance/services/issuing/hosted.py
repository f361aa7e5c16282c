"""The documents this instance hosts at stable public URLs (``credentials.inputs.HostedUrls``),
built from the store on demand so that revocations show at once: OB 3.0 achievements, did:web
documents, status list credentials, OB 2.0 issuer, badge classes and images, revocation lists
and hosted assertions. One resolver serves the HTTP routes and the in-process fetcher of the
verification endpoint."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.credentials.formats import ob2, ob3
from apprenance.credentials.images.badge_png import badge_png, placeholder_png
from apprenance.credentials.images.hosted_images import (
    MEDIA_TYPES,
    artwork,
    artwork_lang,
    artwork_url,
    data_uri_image,
)
from apprenance.credentials.trust.did import did_web_document, did_web_from_url
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.credentials_sql import hosted_assertion
from apprenance.db.issuing_sql import IssuerRow, issuer_row, web_issuer_ids
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import NotFound
from apprenance.i18n import LANG_CHOICE, LANGS
from apprenance.services.issuing import endorsers
from apprenance.services.issuing.endorsers import with_endorsements_of
from apprenance.services.issuing.issuers import did_document, profile_of
from apprenance.services.issuing.revocation import ob2_revocations, status_list_document

JSONLD = "application/ld+json"
SHORT = "public, max-age=300"  # what revocation changes: status lists, assertions
LONG = "public, max-age=3600"
DAY = "public, max-age=86400"
_SLUG = r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}"
_ID = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,199}"


@dataclass(frozen=True)
class Hosted:
    """A hosted document: a JSON value or bytes, its media type and cache policy."""

    body: dict[str, Any] | bytes
    media_type: str
    cache: str


@dataclass(frozen=True)
class Sources:
    store: Store
    catalog: Catalog
    keys: KeyStore
    urls: HostedUrls


def _issuer_row(src: Sources, slug: str) -> IssuerRow:
    with src.store.transaction() as conn:
        row = issuer_row(conn, slug)
    if row is None:
        raise NotFound(f"no issuer {slug!r}")
    return row


def _badge(src: Sources, badge: str) -> Any:
    found = src.catalog.badges.get(badge)
    if found is None:
        raise NotFound(f"no badge {badge!r}")
    return found


def achievement(src: Sources, badge: str, lang: str) -> Hosted:
    b = _badge(src, badge)
    image = artwork_url(b, src.urls, lang)
    found = ob3.achievement(b, src.catalog, src.urls, lang, image=image)
    doc = ob3.achievement_document(with_endorsements_of(src.store, badge, lang, found))
    return Hosted(doc, JSONLD, SHORT)  # an endorsement withdrawn shows within minutes


def badge_artwork(src: Sources, badge: str, suffix: str) -> Hosted:
    """The badge's artwork file, at ``/images/badges/{badge}.svg`` (or ``.png``, as it is);
    ``/images/badges/{badge}.en.svg``: its English artwork (only where it has one)."""
    lang = None
    stem, dot, tag = badge.rpartition(".")
    if dot and tag in LANGS and badge not in src.catalog.badges:
        badge, lang = stem, tag
    b = _badge(src, badge)
    if lang is not None and artwork_lang(b, lang) is None:
        raise NotFound(f"no {lang} image for badge {badge!r}")
    found = artwork(b, lang)
    if found is None or found[0] != suffix:
        raise NotFound(f"no {suffix} image for badge {badge!r}")
    return Hosted(found[1], MEDIA_TYPES[suffix], DAY)


def issuer_image(src: Sources, slug: str, suffix: str) -> Hosted:
    """The issuer's image given as a ``data:`` URI, hosted (credentials point here)."""
    found = data_uri_image(_issuer_row(src, slug).image)
    if found is None or found[0] != suffix:
        raise NotFound(f"no {suffix} image for issuer {slug!r}")
    return Hosted(found[1], MEDIA_TYPES[suffix], DAY)


def issuer_did(src: Sources, slug: str) -> Hosted:
    return Hosted(did_document(src.store, src.keys, slug), "application/did+ld+json", LONG)


def instance_did(src: Sources) -> Hosted:
    """``/.well-known/did.json``: the instance's did:web, listing every key of its did:web
    issuers (each issuer's own document lives at ``/issuers/{id}/did.json``)."""
    did = did_web_from_url(src.urls.base)
    with src.store.transaction() as conn:
        slugs = web_issuer_ids(conn)
    keys = [k.public_multibase for s in slugs for k in src.keys.public_keys(s)]
    doc = did_web_document(did, keys)
    doc["alsoKnownAs"] = [did_web_from_url(src.urls.issuer_root(s)) for s in slugs]
    return Hosted(doc, "application/did+ld+json", LONG)


def status_list(src: Sources, slug: str, list_id: int) -> Hosted:
    doc = status_list_document(src.store, src.keys, src.urls, slug, list_id)
    return Hosted(doc, "application/vc+ld+json", SHORT)


def endorser_profile(src: Sources, slug: str) -> Hosted:
    """An endorser's OB 3.0 Profile (``/endorsers/{id}/profile.json``)."""
    return Hosted(endorsers.profile_document(src.store, slug), JSONLD, LONG)


def endorser_did(src: Sources, slug: str) -> Hosted:
    """An endorser's DID document (its did:key's, derived: ``/endorsers/{id}/did.json``)."""
    return Hosted(endorsers.did_document(src.store, slug), "application/did+ld+json", LONG)


def ob2_issuer(src: Sources, slug: str) -> Hosted:
    return Hosted(ob2.issuer_profile(profile_of(_issuer_row(src, slug)), src.urls), JSONLD, LONG)


def ob2_revocation_list(src: Sources, slug: str) -> Hosted:
    return Hosted(ob2_revocations(src.store, src.urls, slug), JSONLD, SHORT)


def ob2_badge_class(src: Sources, slug: str, badge: str, lang: str = "fr") -> Hosted:
    profile = profile_of(_issuer_row(src, slug))
    doc = ob2.badge_class(_badge(src, badge), src.catalog, profile, src.urls, lang)
    return Hosted(doc, JSONLD, LONG)


def badge_image_png(src: Sources, badge: str) -> Hosted:
    b = _badge(src, badge)
    png = badge_png(Path(b.image)) if b.image else placeholder_png()
    return Hosted(png, "image/png", DAY)


def ob2_assertion(src: Sources, uid: str) -> Hosted:
    """A hosted assertion; once revoked it says so (``revoked: true`` and the reason)."""
    url = src.urls.ob2_assertion(uid)
    with src.store.transaction() as conn:
        row = hosted_assertion(conn, url)
    assertion, revoked_at, reason = row if row is not None else (None, None, None)
    if assertion is None:
        raise NotFound(f"no assertion {uid}")
    doc = dict(assertion)
    if revoked_at is not None:
        doc = ob2.revoked_assertion(doc, str(reason or ""))
    return Hosted(doc, JSONLD, SHORT)


ROUTES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(rf"achievements/({_SLUG})\.({LANG_CHOICE})\.json"), achievement),
    (re.compile(rf"issuers/({_SLUG})/did\.json"), issuer_did),
    (re.compile(rf"issuers/({_SLUG})/status/([0-9]{{1,9}})\.json"),
     lambda s, slug, n: status_list(s, slug, int(n))),
    (re.compile(rf"issuers/({_SLUG})/ob2/profile\.json"), ob2_issuer),
    (re.compile(rf"issuers/({_SLUG})/ob2/revocations\.json"), ob2_revocation_list),
    (re.compile(rf"issuers/({_SLUG})/ob2/badges/({_SLUG})\.json"), ob2_badge_class),
    (re.compile(rf"issuers/{_SLUG}/ob2/badges/({_SLUG})\.png"), badge_image_png),
    (re.compile(rf"ob2/assertions/({_ID})\.json"), ob2_assertion),
    (re.compile(rf"images/badges/({_SLUG})(\.svg|\.png)"), badge_artwork),
    (re.compile(rf"issuers/({_SLUG})/image(\.svg|\.png)"), issuer_image),
    (re.compile(r"\.well-known/did\.json"), instance_did),
    (re.compile(rf"endorsers/({_SLUG})/profile\.json"), endorser_profile),
    (re.compile(rf"endorsers/({_SLUG})/did\.json"), endorser_did),
]


def resolve(src: Sources, path: str) -> Hosted:
    """The hosted document at ``path`` (relative to the public URL); ``NotFound`` otherwise."""
    for pattern, build in ROUTES:
        match = pattern.fullmatch(path.lstrip("/"))
        if match:
            result: Hosted = build(src, *match.groups())
            return result
    raise NotFound(f"nothing is hosted at /{path.lstrip('/')}")


__all__ = ["LANGS", "Hosted", "Sources", "resolve"]
