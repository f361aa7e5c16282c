"""What an accepted badge request puts in its credential, read by the issuing batch: the
learner's evidence (OB 3.0 ``Evidence``: their words, their link, each file by name and
SHA-256) and the witnesses' endorsements given while it was under review (signed by the
issuer as ``EndorsementCredential``s, like attestations); and, for the badge's page, what
the request brought (``brought``: a badge no activity hour stands behind)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from apprenance.credentials.formats.endorsement import Attestation
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import recognition_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.store import Store
from apprenance.i18n import t
from apprenance.services.recognition.witnesses import attestation_of


@dataclass(frozen=True)
class Asked:
    """The request behind an award, and the endorsements it holds."""

    request: dict[str, Any]
    endorsements: list[dict[str, Any]] = field(default_factory=list)


def asked_for(conn: Connection, award_ids: Sequence[int]) -> dict[int, Asked]:
    """award id -> its request (only awards that a request made)."""
    found = sql.requests_for_awards(conn, award_ids)
    words = sql.endorsements_of_requests(conn, [int(r["id"]) for r in found.values()])
    return {award: Asked(r, [w for w in words if w["request_id"] == r["id"]
                             and w["status"] == "endorsed" and not w["endorsement_id"]])
            for award, r in found.items()}


def evidence_of(asked: Asked, urls: HostedUrls, lang: str, *, credential_id: str,
                start: int) -> list[dict[str, Any]]:
    """The learner's evidence as OB 3.0 ``Evidence`` entries, numbered from ``start``."""
    request = asked.request
    name = t("recognition.evidence.name", lang)
    out: list[dict[str, Any]] = []
    words = [str(i["text"]) for i in request["evidence"] if i["kind"] == "text"]
    links = [str(i["url"]) for i in request["evidence"] if i["kind"] == "link"]
    files = [i for i in request["evidence"] if i["kind"] == "file"]
    n = start
    entry: dict[str, Any] = {
        "id": links[0] if links else urls.evidence(credential_id, n), "type": ["Evidence"],
        "name": name, "genre": t("recognition.evidence.genre", lang),
        "description": str(request["reason"]),
        "narrative": "\n\n".join(words) or str(request["reason"])}
    out.append(entry)
    for link in links[1:]:
        n += 1
        out.append({"id": link, "type": ["Evidence"], "name": name,
                    "genre": t("recognition.evidence.genre", lang),
                    "narrative": t("recognition.evidence.link", lang)})
    for item in files:
        n += 1
        out.append({"id": urls.evidence(credential_id, n), "type": ["Evidence"],
                    "name": str(item["name"]), "genre": t("recognition.evidence.genre", lang),
                    "narrative": t("recognition.evidence.file", lang, name=item["name"],
                                   sha256=item["sha256"])})
    return out


def attestations_in(asked: Asked) -> list[Attestation]:
    return [attestation_of(w) for w in asked.endorsements]


def brought(store: Store, award_id: int | None) -> dict[str, int] | None:
    """What the learner's request behind ``award_id`` brought, counted (words, links, files;
    ``items``: all of them), or None when no request made the award."""
    if award_id is None:
        return None
    with store.transaction() as conn:
        found = sql.requests_for_awards(conn, [award_id]).get(award_id)
    if found is None:
        return None
    kinds = [str(i["kind"]) for i in found["evidence"]]
    return {"words": kinds.count("text"), "links": kinds.count("link"),
            "files": kinds.count("file"), "items": len(kinds)}
