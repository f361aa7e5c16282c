"""FastAPI dependencies: the ``App`` built at start-up, its store, catalog, keys and hosted
URLs, the caller's grant and language, paging parameters, and reading uploads."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, UploadFile

from apprenance.bootstrap import App
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import InputError, TooLarge
from apprenance.i18n import LANG_CHOICE, LANGS
from apprenance.services.issuing.hosted import Sources
from apprenance.services.people.access import Grant
from apprenance.web.auth import api_grant, grant_of

LANG_COOKIE = "apprenance_lang"


def get_app(request: Request) -> App:
    app = request.app.state.apprenance
    assert isinstance(app, App)
    return app


def get_store(app: Annotated[App, Depends(get_app)]) -> Store:
    return app.store


def get_catalog(app: Annotated[App, Depends(get_app)]) -> Catalog:
    return app.catalog()


def get_lang(request: Request, lang: Annotated[str | None, Query(
        pattern=f"^({LANG_CHOICE})$",
        description="Language of the texts: fr (default) or en.")] = None
             ) -> str:
    """The language asked (``?lang=``), else the one remembered, else (pages) the browser's
    first choice among fr and en (``Accept-Language``), else the instance's, else fr."""
    if lang:
        return lang
    remembered = request.cookies.get(LANG_COOKIE)
    if remembered in LANGS:
        return remembered
    preferred = browser_lang(request.headers.get("accept-language", ""))
    if preferred is not None and not request.url.path.startswith("/api"):
        return preferred
    return "fr" if request.url.path.startswith("/api") is False else \
        str(request.app.state.apprenance.settings.lang)


def browser_lang(header: str) -> str | None:
    """The first of fr and en in an ``Accept-Language`` header, by weight (``None``: neither)."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header[:500].split(",")):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        primary = tag.strip().lower().split("-", 1)[0]
        if primary in LANGS and weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else None


def get_keys(app: Annotated[App, Depends(get_app)]) -> KeyStore:
    """The issuers' keys in the home folder (decrypted with the passphrase when set)."""
    return app.keys


def get_urls(app: Annotated[App, Depends(get_app)]) -> HostedUrls:
    return app.urls


def hosted_sources(app: App) -> Sources:
    return Sources(app.store, app.catalog(), app.keys, app.urls)


def get_sources(app: Annotated[App, Depends(get_app)]) -> Sources:
    return hosted_sources(app)


AppDep = Annotated[App, Depends(get_app)]
KeysDep = Annotated[KeyStore, Depends(get_keys)]
UrlsDep = Annotated[HostedUrls, Depends(get_urls)]
SourcesDep = Annotated[Sources, Depends(get_sources)]
StoreDep = Annotated[Store, Depends(get_store)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
LangDep = Annotated[str, Depends(get_lang)]
GrantDep = Annotated[Grant, Depends(api_grant)]
AnyGrantDep = Annotated[Grant, Depends(grant_of)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Index of the first item.")]

MAX_UPLOAD = 5 * 1024 * 1024


async def read_upload(file: UploadFile, limit: int = MAX_UPLOAD) -> bytes:
    """The bytes of an uploaded file, refused when empty or larger than ``limit``."""
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"the file is larger than {limit // (1024 * 1024)} MiB")
    if not data:
        raise InputError("the file is empty")
    return data
