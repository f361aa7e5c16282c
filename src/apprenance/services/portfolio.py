"""A learner's portfolio: badges held (a badge whose credentials were all revoked is shown
revoked, never earned), the four pillars, competences with levels (the certificate's: one
function, ``domain.certificate.competence_level``), the evidence timeline, progress toward the
next badges and the credentials to download, with who issued them and the territory, in one
document that the pages render (and the API returns)."""

from __future__ import annotations

from typing import Any

from apprenance.credentials.formats.registry import DOWNLOADS
from apprenance.credentials.images.hosted_images import artwork_path
from apprenance.db.store import Store
from apprenance.domain.catalog import FUNCTIONS, PILLARS, Catalog, text
from apprenance.domain.certificate import competence_level
from apprenance.errors import NotFound
from apprenance.services.evaluation.evaluate import list_awards
from apprenance.services.evidence.progress import evidence_for, progress_for
from apprenance.services.issuing.endorsers import endorsers_of_credentials
from apprenance.services.issuing.issue import credentials_of
from apprenance.services.issuing.issuers import issuer_profile
from apprenance.services.issuing.revocation import revoked_badges
from apprenance.services.people.directory import activities_of, get_learner, get_territory
from apprenance.services.people.territories import project_names

NEXT_BADGES = 4
TIMELINE = 30


def _concept_label(catalog: Catalog, curie: str, lang: str) -> str:
    concept = catalog.concepts.get(curie)
    return text(concept.label, lang) if concept else curie


def _credentials_of(store: Store, catalog: Catalog, participant: str,
                    lang: str) -> list[dict[str, Any]]:
    """The learner's issued badges, with the formats they can be downloaded in."""
    out = []
    held = credentials_of(store, participant)
    endorsed = endorsers_of_credentials(store, [str(c["id"]) for c in held])
    for cred in held:
        if cred["format"] not in ("ob3", "clr"):
            continue
        badge = catalog.badges.get(str(cred["badge"]))
        name = "CLR" if cred["format"] == "clr" else text(badge.name, lang) if badge \
            else cred["badge"]
        out.append({**cred, "name": name,
                    "id_path": str(cred["id"]).removeprefix("urn:uuid:"),
                    "formats": list(DOWNLOADS) if cred["format"] == "ob3" else ["json"],
                    "endorsers": endorsed.get(str(cred["id"]), [])})
    return out


def _issuers(store: Store, credentials: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Who issued the learner's credentials (name and web address), each once."""
    out: list[dict[str, str]] = []
    for slug in dict.fromkeys(str(c["issuer"]) for c in credentials if c.get("issuer")):
        try:
            profile = issuer_profile(store, slug)
        except NotFound:  # an issuer deleted since: its credentials still name it by id
            out.append({"id": slug, "name": slug, "url": ""})
            continue
        out.append({"id": slug, "name": profile.name or slug, "url": profile.url or ""})
    return out


def _territory_name(store: Store, territory: str | None) -> str | None:
    if territory is None:
        return None
    try:
        return str(get_territory(store, territory)["name"] or territory)
    except NotFound:
        return territory


def portfolio_for(store: Store, catalog: Catalog, participant: str, lang: str, *,
                  public: bool = False) -> dict[str, Any]:
    """Everything the portfolio page shows; ``public`` leaves out the evidence timeline,
    the progress and the contact details (what a share link opens)."""
    learner = get_learner(store, participant)
    evidence = evidence_for(store, catalog, participant)
    credentials = _credentials_of(store, catalog, participant, lang)
    revoked = revoked_badges(credentials)
    # the newest OB 3.0 credential of each badge: what its public page shows
    latest = {str(c["badge"]): c for c in reversed(credentials) if c["format"] == "ob3"}
    badges = []
    for award in list_awards(store, participant=participant):
        badge = catalog.badges.get(award["badge"])
        gone = revoked.get(award["badge"])
        cred = latest.get(award["badge"])
        badges.append({
            # awarded: the day the evidence met the rule; issued: the day it was signed
            "id": award["badge"], "awarded_at": award["awarded_on"],
            "awarded_on": award["awarded_on"],
            "issued_on": award["issued_at"][:10] if award["issued_at"] else None,
            "name": text(badge.name, lang) if badge else award["badge"],
            "description": text(badge.description, lang) if badge else "",
            "kind": badge.kind if badge else "badge",
            "has_image": bool(badge and badge.image),
            "image": artwork_path(badge, lang) if badge else None,
            "issued": award["issued"],
            "revoked": gone is not None,
            "revoked_on": gone.revoked_at.date().isoformat() if gone else None,
            "revocation_reason": gone.reason if gone else None,
            "credential": cred["id_path"] if cred else None,
            "formats": cred["formats"] if cred and not gone else [],
        })
    earned = [b for b in badges if not b["revoked"]]
    pillar_hours = evidence.get("pillar", {})
    pillars = [{"id": p, "label": _concept_label(catalog, f"pilier:{p}", lang),
                "hours": round(float(pillar_hours.get(p, {}).get("hours", 0.0)), 1)}
               for p in PILLARS]
    function_hours = evidence.get("function", {})
    functions = [{"id": f, "label": _concept_label(catalog, f"fonction:{f}", lang),
                  "hours": round(float(function_hours.get(f, {}).get("hours", 0.0)), 1)}
                 for f in FUNCTIONS]
    competences = sorted(
        ({"id": curie, "label": _concept_label(catalog, curie, lang),
          "hours": round(float(v["hours"]), 1), "level": competence_level(float(v["hours"]))}
         for curie, v in evidence.get("competence", {}).items()),
        key=lambda c: (-float(c["hours"]), str(c["id"])))
    doc: dict[str, Any] = {
        "learner": learner["learner"] if not public else None,
        "name": learner["name"] or (learner["learner"] if not public else ""),
        "role": learner["role"], "territory": learner["territory"],
        "territory_name": _territory_name(store, learner["territory"]),
        "hours": evidence["hours"], "activities": evidence["activities"],
        "first_activity": evidence["first_activity"], "last_activity": evidence["last_activity"],
        "badges": badges, "earned": len(earned),
        "pathways": [b for b in earned if b["kind"] == "pathway"],
        "has_pathway": any(b["kind"] == "pathway" for b in earned),
        "pillars": pillars, "functions": functions,
        "competences": competences,
        "credentials": credentials,
        "issuers": _issuers(store, credentials),
        "clr": next((c for c in credentials if c["format"] == "clr" and not c["revoked"]),
                    None),
    }
    if public:
        return doc
    progress = progress_for(store, catalog, participant, lang)
    doc["next_badges"] = [b for b in progress["badges"] if b["met"] or b["ready"]][:NEXT_BADGES]
    doc["timeline"] = activities_of(store, participant, limit=TIMELINE)
    projects = project_names(store, (str(i["project"] or "") for i in doc["timeline"]), lang)
    for item in doc["timeline"]:
        kind = catalog.activity_types.get(str(item["activity_type"]))
        item["label"] = text(kind.label, lang) if kind else item["activity_type"]
        item["project_name"] = projects.get(str(item["project"] or ""), item["project"])
    return doc
