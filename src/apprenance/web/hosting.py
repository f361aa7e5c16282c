"""Hosted documents: badge images, and (with the issuing service) OB 2.0 assertions, badge
classes, issuers and revocation lists, OB 3.0 achievements, did:web documents and status list
credentials, with their content types and cache headers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from apprenance.bootstrap import App
from apprenance.credentials.did import Fetcher
from apprenance.errors import NotFound
from apprenance.web.deps import CatalogDep

router = APIRouter(tags=["hosting"])
IMMUTABLE = "public, max-age=86400"


def local_fetcher(app: App) -> Fetcher:
    """Answers the URLs this instance hosts without going through the network."""

    def fetch(url: str) -> bytes:
        raise NotFound(f"not hosted here: {url}")

    return fetch


@router.get("/images/badges/{badge}.svg", summary="The artwork of a badge",
            response_class=FileResponse)
def badge_image(catalog: CatalogDep,
                badge: Annotated[str, PathParam(min_length=1, max_length=100)]) -> FileResponse:
    found = catalog.badges.get(badge)
    if found is None or not found.image or not found.image.endswith(".svg"):
        raise NotFound(f"no image for badge {badge!r}")
    return FileResponse(found.image, media_type="image/svg+xml",
                        headers={"Cache-Control": IMMUTABLE})
