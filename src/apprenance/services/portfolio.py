"""A learner's portfolio: badges held, the four pillars, competences with levels, the evidence
timeline, progress toward the next badges and the credentials to download, in one document
that the pages render (and the API returns)."""

from __future__ import annotations

from typing import Any

from apprenance.credentials.formats.registry import DOWNLOADS
from apprenance.db.store import Store
from apprenance.domain.catalog import FUNCTIONS, PILLARS, Catalog, text
from apprenance.services.evaluation.evaluate import list_awards
from apprenance.services.evidence.progress import evidence_for, progress_for
from apprenance.services.issuing.endorsers import endorsers_of_credentials
from apprenance.services.issuing.issue import credentials_of
from apprenance.services.people.directory import activities_of, get_learner

# weighted hours from which a competence reaches each level (documented in docs/api.md)
LEVELS: tuple[tuple[float, str], ...] = ((40.0, "expert"), (15.0, "confirmed"),
                                         (5.0, "practised"), (0.0, "discovered"))
NEXT_BADGES = 4
TIMELINE = 30


def level_of(hours: float) -> str:
    """The level a competence reaches with ``hours`` weighted hours."""
    return next(name for floor, name in LEVELS if hours >= floor)


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


def portfolio_for(store: Store, catalog: Catalog, participant: str, lang: str, *,
                  public: bool = False) -> dict[str, Any]:
    """Everything the portfolio page shows; ``public`` leaves out the evidence timeline,
    the progress and the contact details (what a share link opens)."""
    learner = get_learner(store, participant)
    evidence = evidence_for(store, catalog, participant)
    badges = []
    for award in list_awards(store, participant=participant):
        badge = catalog.badges.get(award["badge"])
        badges.append({
            # awarded: the day the evidence met the rule; issued: the day it was signed
            "id": award["badge"], "awarded_at": award["awarded_on"],
            "awarded_on": award["awarded_on"],
            "issued_on": award["issued_at"][:10] if award["issued_at"] else None,
            "name": text(badge.name, lang) if badge else award["badge"],
            "description": text(badge.description, lang) if badge else "",
            "kind": badge.kind if badge else "badge",
            "has_image": bool(badge and badge.image),
            "issued": award["issued"],
        })
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
          "hours": round(float(v["hours"]), 1), "level": level_of(float(v["hours"]))}
         for curie, v in evidence.get("competence", {}).items()),
        key=lambda c: (-float(c["hours"]), str(c["id"])))
    doc: dict[str, Any] = {
        "learner": learner["learner"] if not public else None,
        "name": learner["name"] or (learner["learner"] if not public else ""),
        "role": learner["role"], "territory": learner["territory"],
        "hours": evidence["hours"], "activities": evidence["activities"],
        "first_activity": evidence["first_activity"], "last_activity": evidence["last_activity"],
        "badges": badges, "has_pathway": any(b["kind"] == "pathway" for b in badges),
        "pillars": pillars, "functions": functions,
        "competences": competences,
        "credentials": _credentials_of(store, catalog, participant, lang),
    }
    if public:
        return doc
    progress = progress_for(store, catalog, participant, lang)
    doc["next_badges"] = [b for b in progress["badges"] if b["met"] or b["ready"]][:NEXT_BADGES]
    doc["timeline"] = activities_of(store, participant, limit=TIMELINE)
    for item in doc["timeline"]:
        kind = catalog.activity_types.get(str(item["activity_type"]))
        item["label"] = text(kind.label, lang) if kind else item["activity_type"]
    return doc
