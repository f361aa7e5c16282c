"""/api/v1: the endorsements of a badge or pathway by third parties (public: an endorsement
is a public statement, which every credential issued after carries)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from fastapi import Path as PathParam

from apprenance.errors import NotFound
from apprenance.services.issuing import endorsers
from apprenance.web.deps import CatalogDep, StoreDep, UrlsDep

router = APIRouter(prefix="/api/v1", tags=["catalog"])
Slug = Annotated[str, PathParam(min_length=1, max_length=100,
                                pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


@router.get("/badges/{badge}/endorsements",
            summary="The endorsements of a badge or pathway by third parties, withdrawn ones "
            "marked, with where each endorser's profile lives")
def badge_endorsements(store: StoreDep, catalog: CatalogDep, urls: UrlsDep,
                       badge: Slug) -> list[dict[str, Any]]:
    if badge not in catalog.badges:
        raise NotFound(f"no badge or pathway {badge!r}")
    found = endorsers.endorsements(store, badge=badge)
    for entry in found:
        root = endorsers.root_url(urls, entry["endorser"])
        entry["endorser_profile"] = f"{root}/profile.json"
        entry["endorser_did_document"] = f"{root}/did.json"
    return found
