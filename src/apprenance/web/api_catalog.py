"""/api/v1: frameworks, concepts and badges of the catalog, public. Each concept is
dereferenceable at ``/api/v1/concepts/{prefix}/{notation}`` (the ``targetUrl`` of the
credentials' alignments): JSON-LD (SKOS) for machines, a page for people."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response

from apprenance.credentials.images.hosted_images import artwork_path
from apprenance.domain.catalog import Badge, Catalog, Concept, text
from apprenance.errors import NotFound
from apprenance.services import catalog as service
from apprenance.web.deps import AppDep, CatalogDep, LangDep

router = APIRouter(prefix="/api/v1", tags=["catalog"])
PUBLIC_CACHE = {"Cache-Control": "public, max-age=3600", "Vary": "Accept"}
SKOS_CONTEXT: dict[str, Any] = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "definition": {"@id": "skos:definition", "@container": "@language"},
    "notation": "skos:notation",
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "narrower": {"@id": "skos:narrower", "@type": "@id"},
    "related": {"@id": "skos:related", "@type": "@id"},
    "title": {"@id": "dct:title", "@container": "@language"},
}
EXPORT_TYPES = {"case": "application/json", "jsonld": "application/ld+json",
                "turtle": "text/turtle"}


def concept_jsonld(catalog: Catalog, concept: Concept) -> dict[str, Any]:
    view = service.show_concept(catalog, concept.curie)
    scheme = view.scheme
    doc: dict[str, Any] = {
        "@context": SKOS_CONTEXT, "@id": concept.uri, "@type": "skos:Concept",
        "notation": concept.notation, "prefLabel": concept.label,
        "inScheme": scheme.uri if scheme else None,
        "broader": [b.uri for b in view.broader], "narrower": [n.uri for n in view.narrower],
        "related": list(concept.related),
    }
    if concept.definition:
        doc["definition"] = concept.definition
    return {k: v for k, v in doc.items() if v not in (None, [])}


def _badge(badge: Badge, lang: str) -> dict[str, Any]:
    return {"id": badge.id, "kind": badge.kind, "name": text(badge.name, lang),
            "description": text(badge.description, lang),
            "criteria": text(badge.criteria, lang), "achievement_type": badge.achievement_type,
            "alignments": list(badge.alignments), "credits": badge.credits,
            "image": artwork_path(badge, lang)}


@router.get("/frameworks", summary="Frameworks (SKOS concept schemes) and their sizes")
def frameworks(catalog: CatalogDep) -> list[dict[str, Any]]:
    return [{"prefix": s.prefix, "uri": s.uri, "title": s.title, "concepts": n,
             "version": s.version} for s, n in service.list_schemes(catalog)]


@router.get("/frameworks/export", summary="The frameworks as CASE 1.0, JSON-LD or Turtle",
            responses={200: {"content": {t: {} for t in EXPORT_TYPES.values()}}})
def export(app: AppDep, lang: LangDep,
           format: Annotated[Literal["case", "jsonld", "turtle"], Query()] = "case",
           scheme: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    body = service.export_catalog(app.catalog_sources(), format, lang=lang, clock=app.clock,
                                  scheme=scheme)
    return Response(body, media_type=EXPORT_TYPES[format], headers=PUBLIC_CACHE)


@router.get("/concepts", summary="Search concepts by words (French or English)")
def search(catalog: CatalogDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    return [{"curie": c.curie, "uri": c.uri, "scheme": c.scheme, "label": c.label,
             "url": f"/api/v1/concepts/{c.scheme}/{c.notation}"}
            for c in service.search_concepts(catalog, q, limit=limit)]


@router.get("/concepts/{prefix}/{notation:path}",
            summary="A concept: JSON-LD for machines, HTML for people",
            responses={200: {"content": {"application/ld+json": {}, "text/html": {}}}})
def concept(request: Request, catalog: CatalogDep, lang: LangDep,
            prefix: Annotated[str, PathParam(min_length=1, max_length=100)],
            notation: Annotated[str, PathParam(min_length=1, max_length=300)]) -> Response:
    found = service.find_concept(catalog, f"{prefix}:{notation}")
    doc = concept_jsonld(catalog, found)
    accept = request.headers.get("accept", "")
    if "text/html" in accept and "json" not in accept.split(",")[0]:
        from apprenance.web.pages import render

        view = service.show_concept(catalog, found.curie)
        page = render(request, "concept.html", lang, concept=found, view=view,
                      label=text(found.label, lang), definition=text(found.definition, lang),
                      scheme=text(view.scheme.title, lang) if view.scheme else prefix,
                      headers=PUBLIC_CACHE)
        return page
    return JSONResponse(doc, media_type="application/ld+json", headers=PUBLIC_CACHE)


@router.get("/badges", summary="Badges and pathways of the catalog")
def badges(catalog: CatalogDep, lang: LangDep) -> list[dict[str, Any]]:
    return [_badge(b, lang) for b in catalog.badges.values()]


@router.get("/badges/{badge}", summary="One badge or pathway")
def badge(catalog: CatalogDep, lang: LangDep,
          badge: Annotated[str, PathParam(min_length=1, max_length=100)]) -> dict[str, Any]:
    found = catalog.badges.get(badge)
    if found is None:
        raise NotFound(f"no badge {badge!r}")
    return _badge(found, lang)
