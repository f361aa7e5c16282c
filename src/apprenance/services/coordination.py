"""What a territory's coordinator works from: its learners with their badges, the coverage of
the four pillars and six vital functions, the activities waiting for a decision (unmapped
types; rejected lines for the instance's admins) and the awards waiting to be issued."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select

from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.services.directory import coverage, get_territory, list_learners
from apprenance.services.rejects import list_rejects
from apprenance.services.unmapped import list_unmapped

MAX_LISTED = 200


def unmapped_in(store: Store, catalog: Catalog, territories: Collection[str] | None
                ) -> list[dict[str, Any]]:
    """Unmapped activity groups, keeping only the activities of the given territories."""
    mine = None if territories is None else {
        x["learner"] for x in list_learners(store, territories=territories, limit=10**7)}
    groups = []
    for group in list_unmapped(store, catalog):
        doc = group.to_dict()
        if mine is not None:
            doc["activities"] = [a for a in doc["activities"] if a["participant"] in mine]
            doc["count"] = len(doc["activities"])
            doc["hours"] = round(sum(float(a["hours"]) for a in doc["activities"]), 2)
        if doc["count"]:
            groups.append(doc)
    return groups


def pending_awards(store: Store, territory: str) -> dict[str, int]:
    """Awards not yet issued per learner of the territory."""
    a, lc = t.awards.c, t.learners.c
    with store.transaction() as conn:
        rows = conn.execute(
            select(lc.participant, func.count()).select_from(t.awards)
                .join(t.learners, lc.id == a.learner_id)
            .where(lc.territory_id == territory, a.issued_at.is_(None),
                   lc.erased_at.is_(None)).group_by(lc.participant)).all()
    return {str(p): int(n) for p, n in rows}


def territory_overview(store: Store, catalog: Catalog, territory: str, lang: str, *,
                       with_rejects: bool) -> dict[str, Any]:
    info = get_territory(store, territory)
    held: dict[str, int] = {}
    a, lc = t.awards.c, t.learners.c
    with store.transaction() as conn:
        for participant, count in conn.execute(
                select(lc.participant, func.count()).select_from(t.awards)
                .join(t.learners, lc.id == a.learner_id)
                .where(lc.territory_id == territory).group_by(lc.participant)):
            held[str(participant)] = int(count)
    pending = pending_awards(store, territory)
    learners = [{**x, "badges": held.get(x["learner"], 0), "pending": pending.get(x["learner"], 0)}
                for x in list_learners(store, territories=[territory], limit=MAX_LISTED)]
    cover = coverage(store, territory)
    label = {c.notation: text(c.label, lang) for c in catalog.concepts.values()
             if c.scheme in ("pilier", "fonction")}
    return {
        "territory": info["id"], "name": info["name"], "learners": learners,
        "pillars": [{"id": k, "label": label.get(k, k), **v} for k, v in cover["pillars"].items()],
        "functions": [{"id": k, "label": label.get(k, k), **v}
                      for k, v in cover["functions"].items()],
        "unmapped": unmapped_in(store, catalog, [territory]),
        "rejects": [r.to_dict() for r in list_rejects(store, limit=MAX_LISTED)]
        if with_rejects else [],
        "pending": sum(pending.values()),
    }
