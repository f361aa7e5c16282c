"""What a learner downloads: an issued credential as OB 3.0 JSON, VC-JWT, baked PNG or SVG,
OB 2.0 assertion, and the PDF certificate; and bulk issuing for a territory."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.images.badge_png import badge_png, placeholder_png
from apprenance.credentials.images.baking import bake_ob2, bake_ob3
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import coordination_sql as sql
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import NotFound, UnknownFormat
from apprenance.services.issuing.issue import IssueReport, get_credential, issue

FORMATS: dict[str, tuple[str, str]] = {  # format -> (media type, file suffix)
    "json": ("application/ld+json", ".ob3.json"),
    "jwt": ("application/jwt", ".ob3.jwt"),
    "png": ("image/png", ".png"),
    "svg": ("image/svg+xml", ".svg"),
    "ob2": ("application/ld+json", ".ob2.json"),
}
PLACEHOLDER_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
                   b'<circle cx="50" cy="50" r="48" fill="#1d5c8c"/></svg>')


@dataclass(frozen=True)
class Download:
    body: bytes
    media_type: str
    filename: str


def credential_owner(store: Store, credential_id: str) -> tuple[str, str | None]:
    """(participant, territory) of the learner a credential was issued to."""
    with store.transaction() as conn:
        owner = sql.credential_owner(conn, credential_id)
    if owner is None:
        raise NotFound(f"no credential {credential_id!r}")
    return owner


def _artwork(catalog: Catalog, badge: str | None, kind: str) -> bytes:
    found = catalog.badges.get(badge or "")
    path = Path(found.image) if found and found.image else None
    if kind == "png":
        return badge_png(path) if path else placeholder_png()
    if path is not None and path.suffix == ".svg" and path.is_file():
        return path.read_bytes()
    return PLACEHOLDER_SVG


def credential_file(store: Store, catalog: Catalog, credential_id: str, fmt: str) -> Download:
    """The credential in ``fmt``: json, jwt, png (baked), svg (baked) or ob2."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    cred = get_credential(store, credential_id)
    media, suffix = FORMATS[fmt]
    name = f"{cred['badge'] or 'credential'}{suffix}"
    if fmt == "json":
        body = json.dumps(cred["document"], ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "jwt":
        if not cred["jwt"]:
            raise NotFound("this credential has no VC-JWT form")
        body = (str(cred["jwt"]) + "\n").encode("ascii")
    elif fmt == "ob2":
        if not cred["ob2_assertion"]:
            raise NotFound("this credential has no Open Badges 2.0 form")
        body = json.dumps(cred["ob2_assertion"], ensure_ascii=False, indent=2).encode("utf-8")
    else:
        body = bake_ob3(_artwork(catalog, cred["badge"], fmt), cred["document"])
    return Download(body, media, name)


def ob2_baked(store: Store, catalog: Catalog, credential_id: str) -> Download:
    """The OB 2.0 assertion baked into the badge PNG (for OB 2.0 backpacks)."""
    cred = get_credential(store, credential_id)
    if not cred["ob2_assertion"]:
        raise NotFound("this credential has no Open Badges 2.0 form")
    text = json.dumps(cred["ob2_assertion"], ensure_ascii=False)
    body = bake_ob2(_artwork(catalog, cred["badge"], "png"), text)
    return Download(body, "image/png", f"{cred['badge']}.ob2.png")


def issue_for(store: Store, catalog: Catalog, keys: KeyStore, *, urls: HostedUrls,
              clock: Clock, participants: list[str],
              rng: random.Random | None = None) -> IssueReport:
    """Issue the pending awards of each learner given (bulk issuing for a territory), but
    those held back (counted in ``held``)."""
    total = IssueReport()
    for participant in participants:
        one = issue(store, catalog, keys, urls=urls, clock=clock, participant=participant,
                    rng=rng)
        total.issued.extend(one.issued)
        total.problems.extend(one.problems)
        total.held += one.held
    return total


def document_of(store: Store, credential_id: str) -> dict[str, Any]:
    """The signed OB 3.0 document of a credential."""
    document: dict[str, Any] = get_credential(store, credential_id)["document"]
    return document
