"""The interactive API documentation (``/api/docs``), served whole from this instance: no
script, style sheet or icon from a CDN, so that it works offline and under our CSP (no inline
script: the page starts Swagger UI from ``/static/api-docs.js``).

Swagger UI's files (``swagger-ui-bundle.js``, ``swagger-ui.css``) are taken from
``web/static/swagger/`` when shipped there, else from the ``swagger-ui-bundle`` package when it
is installed. Without either the page says so, in French and English, and points at
``/openapi.json`` instead of showing a blank page.
"""

from __future__ import annotations

from contextlib import suppress
from html import escape
from importlib import import_module
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from apprenance.i18n import t

SHIPPED = Path(__file__).with_name("static") / "swagger"
ASSETS_URL = "/static/swagger"
NEEDED = ("swagger-ui-bundle.js", "swagger-ui.css")


def swagger_assets() -> Path | None:
    """The folder holding Swagger UI's files, or None when none is on this machine."""
    candidates = [SHIPPED]
    with suppress(ImportError):
        bundle = import_module("swagger_ui_bundle")
        for name in ("swagger_ui_path", "swagger_ui_3_path"):  # newer, older releases
            where = getattr(bundle, name, None)
            if isinstance(where, str | Path):
                candidates.append(Path(where))
    for folder in candidates:
        if all((folder / name).is_file() for name in NEEDED):
            return folder
    return None


def page(assets: bool, title: str) -> str:
    if not assets:
        fr, en = t("api_docs.missing", "fr"), t("api_docs.missing", "en")
        return (f'<!doctype html><html lang="fr"><head><meta charset="utf-8">'
                f'<title>{escape(title)}</title>'
                f'<link rel="icon" href="/static/favicon.svg"></head><body>'
                f'<p>{escape(fr)}</p><p lang="en">{escape(en)}</p>'
                f'<p><a href="/openapi.json">/openapi.json</a></p></body></html>')
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title>'
            f'<link rel="icon" href="/static/favicon.svg">'
            f'<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css"></head><body>'
            f'<div id="swagger-ui" data-openapi="/openapi.json"></div>'
            f'<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>'
            f'<script src="/static/api-docs.js"></script></body></html>')


def install(api: FastAPI) -> None:
    """``/api/docs`` and, when Swagger UI's files are here, ``/static/swagger`` (mount it
    before ``/static``)."""
    folder = swagger_assets()
    if folder is not None:
        api.mount(ASSETS_URL, StaticFiles(directory=folder), name="swagger")
    html = page(folder is not None, f"{api.title} – API")
    router = APIRouter(include_in_schema=False)

    @router.get("/api/docs")
    def docs() -> HTMLResponse:
        return HTMLResponse(html, status_code=200 if folder is not None else 503)

    api.include_router(router)
