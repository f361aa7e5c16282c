"""The public page of one OB 3.0 credential (``/credentials/{uuid}``): the badge, its issuer
and territory, the dates, the competences it is aligned to, a summary of the evidence, the
verification result computed live, and, for its owner, the choice to make the page public.

Who sees what (docs/learners.md):

- anyone: the badge, the issuer and territory, the dates, the alignments, the evidence summary
  (hours per pillar and per function, activities, projects, attestations) and the verdict;
  the holder is "a learner of TERRITORY";
- when the learner made the page public (``public_at``), or the visitor holds one of the
  learner's live share links: also the learner's name and the evidence one by one (as the
  credential states it: the ids of its evidence point to this section);
- the learner (signed in) and the staff of their territory: all of it, plus the downloads;
  only the learner may make the page public or private again.

An erased learner's page names no one, whatever was chosen before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.credentials.verify.structure import parse_time
from apprenance.credentials.verify.verifier import Report
from apprenance.db import credential_pages_sql as sql
from apprenance.db import learner_records_sql as records
from apprenance.db.store import Store
from apprenance.domain.catalog import FUNCTIONS, PILLARS, Catalog, text
from apprenance.domain.roles import role_label
from apprenance.errors import NotFound, PermissionDenied, Unauthenticated
from apprenance.i18n import number, t
from apprenance.i18n.dates import date_text
from apprenance.services.evidence.totals import effective_type
from apprenance.services.people.access import Grant, resolve_share_link
from apprenance.services.people.territories import project_names
from apprenance.services.recognition import in_credential

Verify = Callable[[dict[str, Any]], Report]  # the signed document -> the live report


@dataclass(frozen=True)
class Viewer:
    """Who opens the page, as far as the page cares."""

    owner: bool = False  # the signed-in learner the credential was issued to
    staff: bool = False  # an admin, or a coordinator of the learner's territory
    shared: bool = False  # a visitor holding one of the learner's live share links

    @property
    def insider(self) -> bool:
        return self.owner or self.staff


def _row(store: Store, credential: str) -> dict[str, Any]:
    with store.transaction() as conn:
        row = sql.page_row(conn, [credential, f"urn:uuid:{credential}"])
    if row is None:
        raise NotFound(f"no credential {credential!r}")
    return row


def viewer_of(store: Store, row: dict[str, Any], grant: Grant, share: str | None, *,
              clock: Clock) -> Viewer:
    owner = grant.role == "learner" and grant.learner is not None \
        and grant.learner == row["participant"]
    staff = grant.role == "admin" or (grant.role == "coordinator" and grant.territory
                                      is not None and grant.territory == row["territory_id"])
    shared = False
    if share:
        try:
            shared = resolve_share_link(store, share, clock=clock) == row["participant"]
        except NotFound:
            shared = False
    return Viewer(owner=owner, staff=staff, shared=shared)


def _day(value: Any) -> date | None:
    moment = parse_time(value)
    return moment.date() if moment else None


def _concept(catalog: Catalog, curie: str, lang: str) -> str:
    concept = catalog.concepts.get(curie)
    return text(concept.label, lang) if concept else curie


def _alignments(catalog: Catalog, badge: Any, urls: HostedUrls, lang: str) -> list[dict[str, Any]]:
    out = []
    for curie in badge.alignments if badge else ():
        prefix, _, notation = curie.partition(":")
        scheme = catalog.schemes.get(prefix)
        out.append({"label": _concept(catalog, curie, lang), "code": notation,
                    "framework": text(scheme.title, lang) if scheme else prefix,
                    "url": urls.concept(curie)})
    return out


def evidence_summary(store: Store, catalog: Catalog, activity_ids: list[str],
                     lang: str) -> dict[str, Any]:
    """What the award's activities add up to: hours (as recorded and weighted per pillar, as
    the badge rule counts them), hours per function, the number of activities, the
    projects, and the activities attested by a witness (with the witnesses' roles)."""
    with store.transaction() as conn:
        rows = records.activities_by_id(conn, activity_ids) if activity_ids else {}
        attestations = records.attestations_of(conn, sorted(rows)) if rows else []
        live = [r for r in rows.values() if not r["voided"]]
    projects = project_names(store, (str(r["project_id"] or "") for r in live), lang)
    pillars: dict[str, float] = dict.fromkeys(PILLARS, 0.0)
    functions: dict[str, float] = defaultdict(float)
    for row in live:
        kind = catalog.activity_types.get(effective_type(row))
        hours = float(row["duration_hours"])
        for pillar, weight in (kind.pillars if kind else {}).items():
            pillars[pillar] = pillars.get(pillar, 0.0) + hours * weight
        if row["function"]:
            functions[str(row["function"])] += hours
    attested = {a["activity_id"] for a in attestations if a["activity_id"] in
                {r["id"] for r in live}}
    roles = sorted({str(a["witness_role"]) for a in attestations
                    if a["activity_id"] in attested and a["witness_role"]})
    return {
        "activities": len(live),
        "hours": round(sum(float(r["duration_hours"]) for r in live), 2),
        "pillars": [{"id": p, "label": _concept(catalog, f"pilier:{p}", lang),
                     "hours": round(pillars.get(p, 0.0), 2)} for p in PILLARS
                    if pillars.get(p, 0.0) > 0],
        "functions": [{"id": f, "label": _concept(catalog, f"fonction:{f}", lang),
                       "hours": round(functions[f], 2)} for f in
                      [*FUNCTIONS, *sorted(set(functions) - set(FUNCTIONS))] if functions.get(f)],
        "projects": sorted(projects.get(p, p) for p in
                           {str(r["project_id"]) for r in live if r["project_id"]}),
        "attested": len(attested),
        "witness_roles": [role_label(r, lang) for r in roles],
        "first": min((r["occurred_on"] for r in live), default=None),
        "last": max((r["occurred_on"] for r in live), default=None),
    }


def evidence_entries(document: dict[str, Any], urls: HostedUrls,
                     activities: Sequence[EvidenceActivity] = (), lang: str = "fr",
                     ) -> list[dict[str, Any]]:
    """The credential's evidence, each with its anchor on the page (``preuve-{n}``) and the
    link of its own when it is not this page. An entry that is one of the award's
    ``activities`` (same day, same type) is written the page's way: its type, date, hours,
    project and witnesses in ``lang``, the project by its name; the entry summing up the
    activities past ``MAX_EVIDENCE`` too. Any other entry is shown as the credential states
    it (the signed credential itself is never changed)."""
    page = urls.credential_page(str(document.get("id", "")))
    out = []
    pending = list(activities)  # newest first, the order of the credential's evidence
    for n, item in enumerate(document.get("evidence") or [], start=1):
        if not isinstance(item, dict):
            continue
        link = str(item.get("id") or "")
        entry: dict[str, Any] = {
            "anchor": f"preuve-{n}", "name": str(item.get("name") or ""), "day": None,
            "narrative": str(item.get("narrative") or ""),
            "description": str(item.get("description") or ""),
            "link": link if link.startswith("https://") and not link.startswith(page) else None}
        found = _stated(item, pending)
        if found is not None:
            entry.update(name=found.label, day=found.day, narrative=found.narrative(lang))
            pending = pending[pending.index(found) + 1:]
        elif pending and not link and _sums_up(item, pending):
            entry.update(name=t("ob3.more_name", lang), narrative=_more(pending, lang))
            pending = []
        out.append(entry)
    return out


def verdict_of(report: Report, row: dict[str, Any], now: datetime) -> str:
    """valid, revoked, expired, not_yet_valid or invalid (the store's revocation counts even
    when the verifier could not read the status list)."""
    if row["revoked_at"] is not None or report.status in ("revoked", "suspended"):
        return "revoked"
    if report.verified:
        return "valid"
    if report.window in ("expired", "not_yet_valid"):
        return str(report.window)
    return "invalid"


def credential_page(store: Store, catalog: Catalog, credential: str, lang: str, *,
                    grant: Grant, share: str | None, verify: Verify, urls: HostedUrls,
                    clock: Clock) -> dict[str, Any]:
    """Everything the page of ``credential`` (a uuid) shows to the caller of ``grant``."""
    row = _row(store, credential)
    viewer = viewer_of(store, row, grant, share, clock=clock)
    document: dict[str, Any] = row["document"]
    badge = catalog.badges.get(str(row["badge_id"] or ""))
    erased = row["erased_at"] is not None
    public = row["public_at"] is not None and not erased
    shows_learner = not erased and (public or viewer.shared or viewer.insider)
    report = verify(document)
    now = clock()
    territory = None
    if row["territory_id"]:
        with store.transaction() as conn:
            territory = records.territory_name(conn, str(row["territory_id"]))
    achievement = (document.get("credentialSubject") or {}).get("achievement") or {}
    found = document.get("issuer")
    issuer: dict[str, Any] = found if isinstance(found, dict) else {}
    uid = str(row["id"]).removeprefix("urn:uuid:")
    name = text(badge.name, lang) if badge else str(document.get("name") or uid)
    activity_ids = list(row["activity_ids"] or [])
    return {
        "id": uid, "credential_id": row["id"], "badge_id": row["badge_id"],
        "name": name,
        "description": text(badge.description, lang) if badge else str(
            document.get("description") or ""),
        "criteria": text(badge.criteria, lang) if badge and badge.criteria else str(
            (achievement.get("criteria") or {}).get("narrative") or ""),
        "kind": badge.kind if badge else "badge",
        "image": ((achievement.get("image") or {}).get("id")
                  if isinstance(achievement.get("image"), dict) else None),
        "image_png": urls.ob2_badge_image(str(row["issuer_id"]), str(row["badge_id"])),
        "issuer": {"name": row["issuer_name"] or issuer.get("name"),
                   "url": row["issuer_url"] or issuer.get("url"), "did": issuer.get("id")},
        "territory": {"id": row["territory_id"], "name": territory or row["territory_id"]},
        "awarded_on": _day(document.get("awardedDate")) or row["awarded_on"],
        "issued_on": _day(document.get("validFrom")) or row["issued_at"].date(),
        "valid_until": _day(document.get("validUntil")),
        "alignments": _alignments(catalog, badge, urls, lang),
        "summary": evidence_summary(store, catalog, activity_ids, lang),
        # a badge a request made (issue 18): what the learner brought, not "0 h"
        "request": in_credential.brought(store, row["award_id"]),
        "evidence": evidence_entries(
            document, urls, award_activities(store, catalog, activity_ids, lang,
                                             str(row["lang"] or "fr")), lang)
        if shows_learner else [],
        "evidence_count": len(document.get("evidence") or []),
        # a learner without a name is never shown by their address, but to insiders
        "holder": (row["name"] or (row["participant"] if viewer.insider else None))
        if shows_learner else None,
        "learner": row["participant"] if viewer.insider else None,
        "public": public, "public_since": row["public_at"], "erased": erased,
        "viewer": viewer,
        "revoked_at": row["revoked_at"], "revocation_reason": row["revocation_reason"],
        "report": report, "verdict": verdict_of(report, row, now), "checked_at": now,
        "url": urls.credential_page(uid), "json_url": f"{urls.credential_page(uid)}.json",
    }


def document_for(store: Store, credential: str, grant: Grant, share: str | None, *,
                 clock: Clock) -> dict[str, Any]:
    """The signed credential (``/credentials/{uuid}.json``) when its page is public, to the
    learner's share links, the learner and their staff; for anyone else the same 404 as an
    unknown credential."""
    row = _row(store, credential)
    viewer = viewer_of(store, row, grant, share, clock=clock)
    public = row["public_at"] is not None and row["erased_at"] is None
    if not (public or viewer.shared or viewer.insider):
        raise NotFound(f"no credential {credential!r}")
    document: dict[str, Any] = row["document"]
    return document


def set_public(store: Store, credential: str, grant: Grant, public: bool, *,
               clock: Clock) -> bool:
    """The learner makes their credential's page public (their name and evidence shown) or
    private again; nobody else may. Returns the page's new state."""
    if grant.role == "public":
        raise Unauthenticated("sign in with your link first")
    row = _row(store, credential)
    if grant.role != "learner" or grant.learner != row["participant"]:
        raise PermissionDenied("only the learner who holds this credential may change this")
    if row["erased_at"] is not None:
        raise PermissionDenied("this learner's data was erased")
    with store.transaction() as conn:
        sql.set_public(conn, str(row["id"]), clock() if public else None)
    return public


@dataclass(frozen=True)
class EvidenceActivity:
    """One activity of the award, as the page writes it (``lang``: the page's language;
    ``stated_label``: its type as the credential names it, in the credential's language)."""

    day: date
    label: str
    stated_label: str
    hours: float
    project: str | None
    roles: tuple[str, ...]

    def narrative(self, lang: str) -> str:
        parts = [f"{number(self.hours, lang)} h"]
        if self.project:
            parts.append(self.project)
        if self.roles:
            parts.append(t("ob3.attested", lang, roles=", ".join(self.roles)))
        return " · ".join(parts)


def _stated(item: dict[str, Any], pending: list[EvidenceActivity]) -> EvidenceActivity | None:
    """The first of ``pending`` the credential's entry ``item`` states (its narrative starts
    with the activity's ISO day, its name is the type)."""
    narrative = str(item.get("narrative") or "")
    for activity in pending:
        if narrative.startswith(activity.day.isoformat()) and \
                item.get("name") == activity.stated_label:
            return activity
    return None


def _sums_up(item: dict[str, Any], pending: list[EvidenceActivity]) -> bool:
    """Whether ``item`` is the entry summing up the activities past ``MAX_EVIDENCE``: it
    names the first and last days of what is left."""
    narrative = str(item.get("narrative") or "")
    return pending[-1].day.isoformat() in narrative and pending[0].day.isoformat() in narrative


def _more(rest: list[EvidenceActivity], lang: str) -> str:
    return t("ob3.more", lang, count=len(rest), hours=number(sum(a.hours for a in rest), lang),
             first=date_text(rest[-1].day, lang), last=date_text(rest[0].day, lang))


def award_activities(store: Store, catalog: Catalog, activity_ids: list[str], lang: str,
                     stated_lang: str) -> list[EvidenceActivity]:
    """The award's activities not voided, newest first (the order of the evidence of its
    credentials), written in ``lang``; ``stated_lang``: the credential's language."""
    if not activity_ids:
        return []
    with store.transaction() as conn:
        rows = records.activities_by_id(conn, activity_ids)
        attestations = records.attestations_of(conn, sorted(rows)) if rows else []
    roles: dict[str, list[str]] = defaultdict(list)
    for a in attestations:
        roles[str(a["activity_id"])].append(str(a["witness_role"] or ""))
    live = sorted((r for r in rows.values() if not r["voided"]),
                  key=lambda r: (r["occurred_on"], r["id"]), reverse=True)
    names = project_names(store, (str(r["project_id"] or "") for r in live), lang)
    out = []
    for row in live:
        kind = catalog.activity_types.get(effective_type(row))
        own = str(row["activity_type"])
        out.append(EvidenceActivity(
            day=row["occurred_on"], label=text(kind.label, lang) if kind else own,
            stated_label=text(kind.label, stated_lang) if kind else own,
            hours=float(row["duration_hours"]),
            project=names.get(str(row["project_id"] or ""), row["project_id"] or None),
            roles=tuple(dict.fromkeys(role_label(r, lang) if r else t("ob3.witness", lang)
                                      for r in roles[str(row["id"])]))))  # each role once
    return out
