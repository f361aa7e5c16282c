"""One issuing batch: from pending awards to signed, baked, written credentials.

Shared work is done once per batch: each achievement (badge x language), badge image (PNG
rendering), issuer signer, OB 2.0 badge class and issuer profile. Per award: load the
activities that earned it, build and sign the endorsements, the OB 3.0 credential, its
VC-JWT, the OB 2.0 assertion, bake the images and write every file.

A chunk is built in the transaction that claimed its awards and will record it: the status
lists its credentials point to (and the issuer's OB 2.0 revocation list) are written with its
files, before that transaction commits, so that a run killed after a commit leaves nothing
issued that a verifier cannot check.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from apprenance.credentials.formats import ob2, ob3
from apprenance.credentials.formats.endorsement import (
    Attestation,
    by_endorser,
    endorsement_credential,
)
from apprenance.credentials.formats.registry import Issued, written
from apprenance.credentials.images.badge_png import badge_png, placeholder_png
from apprenance.credentials.images.baking import SvgTemplate, prepare_svg
from apprenance.credentials.images.hosted_images import (
    artwork,
    artwork_lang,
    data_uri_image,
    hosted_profile,
)
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.jwt import sign_jwt
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import AwardFacts, EvidenceItem, HostedUrls, Recipient
from apprenance.db import learner_records_sql as records
from apprenance.db.engine import Connection
from apprenance.db.issuing_sql import status_list_bits
from apprenance.db.store import Store
from apprenance.domain.catalog import PILLARS, Badge, Catalog, text
from apprenance.i18n import LANGS
from apprenance.services.evidence.totals import effective_type
from apprenance.services.files import (
    badge_file,
    learner_folder,
    public_root,
    write_bytes,
    write_json,
)
from apprenance.services.issuing.endorsers import attached, hosted_documents
from apprenance.services.issuing.issuers import Signer, did_document, issuer_for, signer
from apprenance.services.issuing.revocation import (
    Allocator,
    ob2_revocations,
    status_list_credential,
)
from apprenance.services.recognition.in_credential import (
    Asked,
    asked_for,
    attestations_in,
    evidence_of,
)

PLACEHOLDER_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" '
                   b'height="200"><circle cx="100" cy="100" r="96" fill="#0f4c5c"/></svg>')


@dataclass(frozen=True)
class PendingAward:
    award_id: int
    learner_id: int
    badge: str
    awarded_at: datetime
    activity_ids: list[str]
    participant: str
    name: str | None
    lang: str
    territory: str | None
    awarded_on: date | None = None  # the day the evidence met the rule (None: awarded_at's)


def awarded_moment(award: PendingAward, rows: dict[str, Any]) -> datetime:
    """When the evidence met the rule (``awardedDate``): the latest activity of the award
    on the day it was met, or that day at midnight UTC; ``awarded_at`` (when the evaluation
    recorded it) for awards that know no such day."""
    if award.awarded_on is None:
        return award.awarded_at
    times = [rows[a]["occurred_at"] for a in award.activity_ids
             if a in rows and rows[a]["occurred_on"] == award.awarded_on]
    return max(times) if times else datetime.combine(award.awarded_on, time(), UTC)


@dataclass
class Built:
    award: PendingAward
    credential_id: str
    issuer: str
    signed: dict[str, Any]
    jwt: str
    ob2: dict[str, Any] | None  # None: the issuer has no email, which OB 2.0 requires
    endorsements: list[dict[str, Any]]
    status_list_id: int
    status_index: int
    status_url: str
    files: list[Path] = field(default_factory=list)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@dataclass
class Batch:
    store: Store
    catalog: Catalog
    keys: KeyStore
    urls: HostedUrls
    out: Path | None
    rng: random.Random
    now: datetime
    issuers_used: set[str] = field(default_factory=set)
    without_ob2: set[str] = field(default_factory=set)  # issuers without email: no OB 2.0
    written_public: list[Path] = field(default_factory=list)
    _signers: dict[str, Signer] = field(default_factory=dict)
    _achievements: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _images: dict[str, tuple[bytes, bytes, SvgTemplate]] = field(default_factory=dict)
    _hosted: set[str] = field(default_factory=set)
    _endorsed: dict[tuple[str, str], list[dict[str, Any]]] | None = None

    # --- shared, once per batch ------------------------------------------------------------

    def signer_for(self, slug: str) -> Signer:
        if slug not in self._signers:
            found = signer(self.store, self.keys, slug)
            # credentials point to the issuer's image, hosted once (no data: URI in each)
            self._signers[slug] = dataclasses.replace(
                found, profile=hosted_profile(found.profile, self.urls))
            self._publish_issuer(self._signers[slug])
            image = data_uri_image(found.profile.image)
            if image is not None:
                self._publish(self.urls.issuer_image(slug, image[0]), image[1])
        return self._signers[slug]

    def achievement(self, badge: Badge, lang: str) -> dict[str, Any]:
        key = (badge.id, lang)
        if key not in self._achievements:
            self._achievements[key] = self._endorsed_achievement(
                badge, lang, self._artwork(badge, lang))
            for other in LANGS:
                self._publish(self.urls.achievement(badge.id, other), lambda o=other: (
                    ob3.achievement_document(self._endorsed_achievement(
                        badge, o, self._artwork(badge, o)))))
        return self._achievements[key]

    def _endorsed_achievement(self, badge: Badge, lang: str,
                              image: str | None) -> dict[str, Any]:
        """The achievement, with the third parties' endorsements active when the batch began
        (``Achievement.endorsement``)."""
        if self._endorsed is None:
            self._endorsed = attached(self.store)
            if self._endorsed:  # the endorsers' profiles, beside the achievements
                for url, document in hosted_documents(self.store, self.urls):
                    self._publish(url, document)
        return ob3.with_endorsements(
            ob3.achievement(badge, self.catalog, self.urls, lang, image=image),
            self._endorsed.get((badge.id, lang), []))

    def _artwork(self, badge: Badge, lang: str) -> str | None:
        """The hosted URL of the artwork in ``lang`` (published once), by reference (issue
        19: not a data: URI in every credential); the English one where the badge has it."""
        found = artwork(badge, lang)
        if found is None:
            return None
        image = self.urls.badge_image(badge.id, found[0], artwork_lang(badge, lang))
        self._publish(image, found[1])
        return image

    def images(self, badge: Badge, lang: str = "fr") -> tuple[bytes, bytes, SvgTemplate]:
        """(PNG, SVG, SVG ready to bake) of the badge artwork in ``lang`` (the default
        artwork where the badge has none of that language)."""
        key = f"{badge.id}.{lang}"
        if key not in self._images:
            found = badge.image_for(lang)
            path = Path(found) if found else None
            svg = path.read_bytes() if path and path.suffix == ".svg" and path.is_file() \
                else PLACEHOLDER_SVG
            png = badge_png(path) if path else placeholder_png()
            self._images[key] = (png, svg, prepare_svg(svg))
        return self._images[key]

    def _publish(self, url: str, document: Any) -> None:
        """Write a hosted document once per batch (``document`` may be a thunk)."""
        if self.out is None or url in self._hosted:
            return
        self._hosted.add(url)
        value = document() if callable(document) else document
        target = public_root(self.out) / self.urls.path_of(url)
        if isinstance(value, bytes):
            self.written_public.append(write_bytes(target, value))
        else:
            self.written_public.append(write_json(target, value))

    def _publish_issuer(self, s: Signer) -> None:
        if s.profile.email:  # OB 2.0 requires the issuer's email: without it, no OB 2.0 form
            self._publish(self.urls.ob2_issuer(s.profile.slug),
                          lambda: ob2.issuer_profile(s.profile, self.urls))
            self._publish(self.urls.ob2_revocations(s.profile.slug),
                          lambda: ob2_revocations(self.store, self.urls, s.profile.slug))
        if s.profile.did.startswith("did:web:"):
            self._publish(f"{self.urls.issuer_root(s.profile.slug)}/did.json",
                          lambda: did_document(self.store, self.keys, s.profile.slug))

    # --- per award -------------------------------------------------------------------------

    def _publish_status(self, conn: Connection, slug: str, list_id: int) -> None:
        """The signed status list credential, read in ``conn`` (a list made by this chunk is
        not committed yet)."""
        url = self.urls.status_list(slug, list_id)
        if self.out is None or url in self._hosted:
            return
        found = status_list_bits(conn, list_id)
        assert found is not None  # drawn from in this transaction
        bits, updated_at = found
        self._publish(url, status_list_credential(self.signer_for(slug), self.urls, list_id,
                                                  bits, updated_at=updated_at))

    def _activities(self, conn: Connection,
                    ids: list[str]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        if not ids:
            return {}, {}
        rows: dict[str, Any] = records.activities_by_id(conn, ids)
        witnesses: dict[str, list[Any]] = defaultdict(list)
        for att in records.attestations_of(conn, ids):
            witnesses[att["activity_id"]].append(att)
        return rows, witnesses

    def facts(self, award: PendingAward, rows: dict[str, Any],
              witnesses: dict[str, list[Any]]) -> AwardFacts:
        hours = dict.fromkeys(PILLARS, 0.0)
        items = []
        for aid in award.activity_ids:
            row = rows.get(aid)
            if row is None or row["voided"]:
                continue
            kind = self.catalog.activity_types.get(effective_type(row))
            duration = float(row["duration_hours"])
            for pillar, weight in (kind.pillars if kind else {}).items():
                hours[pillar] = hours.get(pillar, 0.0) + duration * weight
            items.append(EvidenceItem(
                activity_id=aid, day=row["occurred_on"], hours=duration,
                label=text(kind.label, award.lang) if kind else str(row["activity_type"]),
                description=row["description"], url=row["evidence_url"],
                project=row["project_id"],
                witness_roles=tuple(str(w["witness_role"] or "") for w in witnesses[aid])))
        times = [rows[a]["occurred_at"] for a in award.activity_ids if a in rows]
        return AwardFacts(award.award_id, award.badge, awarded_moment(award, rows),
                          min(times) if times else None, max(times) if times else None,
                          {p: round(h, 4) for p, h in hours.items()}, tuple(items))

    def build(self, conn: Connection, part: list[PendingAward],
              problems: list[dict[str, Any]]) -> list[Built]:
        """Build, sign and write the credentials of a chunk of awards, in the transaction
        ``conn`` that claimed them (and draws their status indexes)."""
        slots: list[tuple[PendingAward, str, int, int]] = []
        allocators: dict[str, Allocator] = {}
        for award in part:
            if award.badge not in self.catalog.badges:
                problems.append({"learner": award.participant, "badge": award.badge,
                                 "error": "not-found",
                                 "message": f"badge {award.badge!r} is not in the catalog"})
                continue
            slug = issuer_for(conn, award.territory)
            allocator = allocators.setdefault(slug, Allocator(slug, self.rng, self.now))
            list_id, index = allocator.next(conn)
            slots.append((award, slug, list_id, index))
        for slug, list_id in sorted({(s[1], s[2]) for s in slots}):
            self._publish_status(conn, slug, list_id)
        rows, witnesses = self._activities(
            conn, sorted({a for s in slots for a in s[0].activity_ids}))
        asked = asked_for(conn, [s[0].award_id for s in slots])  # badge requests (issue 18)
        return [self._one(award, slug, list_id, index, rows, witnesses,
                          asked.get(award.award_id))
                for award, slug, list_id, index in slots]

    def _one(self, award: PendingAward, slug: str, list_id: int, index: int,
             rows: dict[str, Any], witnesses: dict[str, list[Any]],
             asked: Asked | None = None) -> Built:
        s = self.signer_for(slug)
        self.issuers_used.add(slug)
        badge = self.catalog.badges[award.badge]
        recipient = Recipient(award.participant, award.lang, award.name)
        facts = self.facts(award, rows, witnesses)
        credential_id = f"urn:uuid:{_uuid(self.rng)}"
        endorsements = [
            sign(endorsement_credential(
                credential_id=f"urn:uuid:{_uuid(self.rng)}", endorsed=credential_id,
                issuer=s.profile, attestations=group,
                badge_name=text(badge.name, award.lang), issued_at=self.now, lang=award.lang),
                s.key, s.verification_method, created=self.now)
            for group in by_endorser([*self._attestations(award, rows, witnesses),
                                      *(attestations_in(asked) if asked else [])])]
        status_url = self.urls.status_list(slug, list_id)
        unsigned = ob3.credential(
            credential_id=credential_id, issuer=s.profile, recipient=recipient, facts=facts,
            badge=badge, achievement_=self.achievement(badge, award.lang), urls=self.urls,
            issued_at=self.now, salt=f"{self.rng.getrandbits(128):032x}",
            status=ob3.status_entry(status_url, index), endorsements=endorsements,
            learner_evidence=evidence_of(asked, self.urls, award.lang,
                                         credential_id=credential_id,
                                         start=len(facts.evidence) + 1) if asked else None)
        signed = sign(unsigned, s.key, s.verification_method, created=self.now)
        token = sign_jwt(unsigned, s.key, s.verification_method, issued_at=self.now)
        ob2_salt = f"{self.rng.getrandbits(128):032x}"  # drawn even when unused: same ids
        assertion = ob2.assertion(
            uid=credential_id.removeprefix("urn:uuid:"), issuer=s.profile, recipient=recipient,
            facts=facts, badge=badge, urls=self.urls, issued_at=self.now,
            salt=ob2_salt) if s.profile.email else None
        if assertion is None:
            self.without_ob2.add(slug)
        built = Built(award, credential_id, slug, signed, token, assertion, endorsements,
                      list_id, index, status_url)
        if self.out is not None:
            built.files = self._write(built, badge)
        return built

    def _attestations(self, award: PendingAward, rows: dict[str, Any],
                      witnesses: dict[str, list[Any]]) -> list[Attestation]:
        found = []
        for aid in award.activity_ids:
            if aid not in rows:
                continue
            for w in witnesses.get(aid, []):
                found.append(Attestation(witness=str(w["witness"]), role=w["witness_role"],
                                         comment=w["comment"], day=rows[aid]["occurred_on"],
                                         activity_id=aid))
        return found

    def _write(self, built: Built, badge: Badge) -> list[Path]:
        assert self.out is not None
        folder = learner_folder(self.out, built.award.learner_id, built.award.participant)
        png, svg, template = self.images(badge, built.award.lang)
        issued = Issued(built.signed, built.jwt, built.ob2, png=lambda: png, svg=lambda: svg,
                        svg_template=template)
        files = [write_bytes(badge_file(folder, badge.id, f.suffix), f.file_bytes(issued))
                 for f in written("ob3")]
        if built.ob2 is None:
            return files
        s = self._signers[built.issuer]
        self._publish(self.urls.ob2_badge(built.issuer, badge.id), lambda: ob2.badge_class(
            badge, self.catalog, s.profile, self.urls, built.award.lang))
        self._publish(self.urls.ob2_badge_image(built.issuer, badge.id), png)
        self.written_public.append(write_json(
            public_root(self.out) / self.urls.path_of(built.ob2["id"]), built.ob2))
        return [*files, *(write_bytes(badge_file(folder, badge.id, f.suffix), f.file_bytes(issued))
                          for f in written("ob2"))]

