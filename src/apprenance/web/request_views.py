"""A badge request as its pages show it (the learner's and the coordinator's): the badge's
name, the state in words, the evidence, the exchange in order with who said what."""

from __future__ import annotations

from typing import Any

from apprenance.domain.catalog import Catalog, text

STATES = ("submitted", "more", "accepted", "declined")


def request_view(row: dict[str, Any], catalog: Catalog, lang: str) -> dict[str, Any]:
    badge = catalog.badges.get(row["badge_id"])
    events = [{**e, "by_learner": e["action"] in ("submitted", "answered")}
              for e in row.get("events", [])]
    return {**row, "badge_name": text(badge.name, lang) if badge else row["badge_id"],
            "who": row.get("name") or row.get("participant"), "events": events}
