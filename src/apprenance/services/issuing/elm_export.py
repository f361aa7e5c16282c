"""The Europass export of a learner's pathway (``apprenance export elm``, the download on the
learner's pages): an ELM 3 ``EuropeanDigitalCredential`` built from what the certificate
states (``certificates.gather``) and the catalog's micro-credential elements.

Unsigned by default: a European registrar's tools (the EDC viewer, the Europass wallet) want
the institution's eIDAS seal (JAdES), which only the institution can add (docs/universities.md).
``sign=True`` adds the issuer's Data Integrity proof (``eddsa-rdfc-2022``) instead, which
``apprenance verify`` checks but Europass does not.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.formats.elm import ElmActivity, ElmInput, ElmIssuer, elm_credential
from apprenance.credentials.images.badge_png import badge_png
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import KeyStore
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.errors import NotFound
from apprenance.i18n import t
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from apprenance.services.files import write_json
from apprenance.services.issuing.issuers import issuer_for, issuer_profile, signer


@dataclass
class ElmExport:
    credential_id: str
    learner: str
    pathway: str
    title: str
    signed: bool
    issuer: str
    document: dict[str, Any]
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"credential": self.credential_id, "learner": self.learner,
                "pathway": self.pathway, "title": self.title, "signed": self.signed,
                "issuer": self.issuer, "file": self.file, "document": self.document}


def build_elm(store: Store, catalog: Catalog, keys: KeyStore, participant: str, *,
              pathway: str | None, clock: Clock, lang: str | None = None,
              signed: bool = False, legal_id: str | None = None, out: Path | None = None,
              rng: random.Random | None = None, message_lang: str = "en",
              uploadable: bool = False) -> ElmExport:
    """The ELM credential of ``participant``'s ``pathway`` (default: the one earned last);
    ``lang``: of the texts that have one language only (default: the learner's);
    ``message_lang``: of the error saying there is no pathway; ``uploadable``: the file holds
    ``{"credential": ...}``, the form of the EC's "unsigned-uploadable" samples that the EDC
    tools take in for sealing."""
    rng = rng or random.SystemRandom()
    data = gather_certificate(store, catalog, participant, pathway=pathway,
                              options=CertificateOptions(lang=lang), clock=clock)
    lang = data.lang
    if data.pathway is None:
        which = f" {pathway}" if pathway else ""
        raise NotFound(t("elm.no_pathway", message_lang, learner=participant, which=which))
    badge = catalog.badges[data.pathway.id]
    with store.transaction() as conn:
        slug = issuer_for(conn, data.territory_id)
    who = signer(store, keys, slug) if signed else None
    profile = who.profile if who else issuer_profile(store, slug)
    now = clock()
    credential_id = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
    parts = [(catalog.badges[line.id], line.awarded_on) for line in data.badges
             if line.id in catalog.badges and line.id != badge.id]
    elm_input = ElmInput(
        credential_id=credential_id, issued_at=now, lang=lang,
        learner=data.learner, learner_name=data.name,
        issuer=ElmIssuer(id=profile.did, name=profile.name, country=profile.country,
                         url=profile.url, email=profile.email, legal_id=legal_id),
        pathway=badge, awarded_on=data.pathway.awarded_on, parts=parts,
        activities=[ElmActivity(p.name, p.hours) for p in data.projects if p.hours > 0],
        period_start=data.period_start, period_end=data.period_end,
        total_hours=data.total_hours,
        image_png=badge_png(Path(badge.image) if badge.image else None),
        ob3_credential=data.credential_id)
    document = elm_credential(elm_input, catalog)
    if who is not None:
        document = sign(document, who.key, who.verification_method, created=now)
    export = ElmExport(credential_id, data.learner, badge.id, text(badge.name, lang),
                       who is not None, profile.name, document)
    if out is not None:
        export.file = str(write_json(out, {"credential": document} if uploadable else document))
    return export
