"""What a learner downloads: an issued credential as OB 3.0 JSON, VC-JWT, baked PNG or SVG,
OB 2.0 assertion, and the PDF certificate; and bulk issuing for a territory."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.formats.registry import DOWNLOADS, FORMATS, Issued
from apprenance.credentials.images.badge_png import badge_png, placeholder_png
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import coordination_sql as sql
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import NotFound, UnknownFormat
from apprenance.services.issuing.issue import IssueReport, get_credential, issue

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


def _artwork(catalog: Catalog, badge: str | None, kind: str, lang: str | None = None) -> bytes:
    found = catalog.badges.get(badge or "")
    image = (found.image_for(lang) if lang else found.image) if found else None
    path = Path(image) if image else None
    if kind == "png":
        return badge_png(path) if path else placeholder_png()
    if path is not None and path.suffix == ".svg" and path.is_file():
        return path.read_bytes()
    return PLACEHOLDER_SVG


def credential_lang(document: Any) -> str | None:
    """The language a credential was written in (its achievement's ``inLanguage``)."""
    subject = document.get("credentialSubject") if isinstance(document, dict) else None
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    lang = achievement.get("inLanguage") if isinstance(achievement, dict) else None
    return lang if isinstance(lang, str) else None


def _issued(catalog: Catalog, cred: dict[str, Any]) -> Issued:
    """The stored credential, baked into the artwork of its own language."""
    lang = credential_lang(cred["document"])
    return Issued(cred["document"], str(cred["jwt"]) if cred["jwt"] else None,
                  cred["ob2_assertion"],
                  png=lambda: _artwork(catalog, cred["badge"], "png", lang),
                  svg=lambda: _artwork(catalog, cred["badge"], "svg", lang))


def credential_file(store: Store, catalog: Catalog, credential_id: str, fmt: str) -> Download:
    """The credential in ``fmt``: json, jwt, png (baked), svg (baked) or ob2 (``DOWNLOADS``)."""
    if fmt not in DOWNLOADS:
        raise UnknownFormat(f"unknown format {fmt!r} (one of {', '.join(DOWNLOADS)})")
    cred = get_credential(store, credential_id)
    found = FORMATS[fmt]
    name = f"{cred['badge'] or 'credential'}{found.suffix}"
    return Download(found.build(_issued(catalog, cred)), found.media_type, name)


def ob2_baked(store: Store, catalog: Catalog, credential_id: str) -> Download:
    """The OB 2.0 assertion baked into the badge PNG (for OB 2.0 backpacks)."""
    cred = get_credential(store, credential_id)
    found = FORMATS["ob2-png"]
    body = found.build(_issued(catalog, cred))
    return Download(body, found.media_type, f"{cred['badge']}{found.suffix}")


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
