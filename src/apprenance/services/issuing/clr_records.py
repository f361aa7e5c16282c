"""CLR records: a learner's credentials for a pathway, bundled and signed (``apprenance clr``).

The record takes the learner's issued, unrevoked OB 3.0 credentials from the store: the
pathway's (when it was earned and issued) and those of its badges. Without ``pathway``, every
pathway the learner holds goes in, with every other badge credential. The CLR is signed by
the issuer of the pathway credential (else the learner's issuer) and stored (format ``clr``,
linked to the pathway award), so the PDF certificate and the API find it.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.formats.clr import clr_credential
from apprenance.credentials.images.hosted_images import hosted_profile
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls, Recipient
from apprenance.db import credentials_sql
from apprenance.db.learner_records_sql import learner_identity
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.errors import NotFound
from apprenance.i18n import t as msg
from apprenance.services.files import write_json
from apprenance.services.issuing.issuers import issuer_for, signer
from apprenance.services.people.directory import learner_id


@dataclass
class ClrRecord:
    credential_id: str
    learner: str
    pathways: list[str]
    credentials: int
    document: dict[str, Any]
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"credential": self.credential_id, "learner": self.learner,
                "pathways": self.pathways, "credentials": self.credentials, "file": self.file,
                "document": self.document}


def build_clr(store: Store, catalog: Catalog, keys: KeyStore, participant: str, *,
              pathway: str | None, urls: HostedUrls, clock: Clock, out: Path | None = None,
              rng: random.Random | None = None) -> ClrRecord:
    """Build, sign, store (and write to ``out``) the learner's CLR for ``pathway``."""
    rng = rng or random.SystemRandom()
    if pathway is not None and (pathway not in catalog.badges
                                or catalog.badges[pathway].kind != "pathway"):
        raise NotFound(f"no pathway {pathway!r} in the catalog")
    with store.transaction() as conn:
        lid = learner_id(conn, participant)
        known_as, _, learner_lang, territory = learner_identity(conn, lid)
        rows = credentials_sql.held_credentials(conn, lid)
        fallback_issuer = issuer_for(conn, territory)
    held = {str(r["badge_id"]): r for r in rows if r["badge_id"] in catalog.badges}
    if pathway is not None:
        if pathway not in held:
            raise NotFound(f"{participant} holds no issued credential for pathway {pathway!r}")
        chosen = [pathway]
    else:
        chosen = [b for b in held if catalog.badges[b].kind == "pathway"]
    if not held:
        raise NotFound(f"{participant} holds no issued credential yet (run `apprenance issue`)")
    pathways = [(catalog.badges[b], dict(held[b]["document"])) for b in chosen]
    parts = {b: dict(r["document"]) for b, r in held.items()
             if catalog.badges[b].kind != "pathway"}
    issuer = str(held[chosen[0]]["issuer_id"]) if chosen else fallback_issuer
    s = signer(store, keys, issuer)
    s = dataclasses.replace(s, profile=hosted_profile(s.profile, urls))
    lang = learner_lang or "fr"
    names = ", ".join(text(catalog.badges[b].name, lang) for b in chosen)
    now = clock()
    credential_id = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
    unsigned = clr_credential(
        credential_id=credential_id, issuer=s.profile,
        recipient=Recipient(known_as, lang),
        name=msg("clr.name", lang, pathways=names) if chosen else msg("clr.name_all", lang),
        description=msg("clr.description", lang, count=len(pathways) + len(parts)),
        pathways=pathways, parts=parts, issued_at=now,
        salt=f"{rng.getrandbits(128):032x}")
    signed = sign(unsigned, s.key, s.verification_method, created=now)
    with store.transaction() as conn:
        credentials_sql.insert_credential(
            conn, credential_id=credential_id,
            award=held[chosen[0]]["award_id"] if chosen else None,
            learner=lid, format="clr", document=signed, issued_at=now)
    record = ClrRecord(credential_id, known_as, chosen,
                       len(signed["credentialSubject"]["verifiableCredential"]), signed)
    if out is not None:
        record.file = str(write_json(out, signed))
    return record
