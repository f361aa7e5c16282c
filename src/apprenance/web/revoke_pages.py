"""Revoking a credential from the learner's page: a confirmation page with the credential's
facts, a required reason and a box to tick, for the staff of the learner's territory (and
admins); the revocation itself is the API's (``services/issuing/revocation.revoke``). The
learner's page then shows the credential revoked, with the date and the reason."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.domain.catalog import text
from apprenance.errors import InputError, NotFound
from apprenance.importers.values import learner_key
from apprenance.public_url import check_signing_url
from apprenance.services import downloads
from apprenance.services.issuing.issue import get_credential
from apprenance.services.issuing.revocation import revoke
from apprenance.services.people.directory import get_learner
from apprenance.web.auth import check_csrf, check_territory, grant_of, require
from apprenance.web.deps import AppDep, CatalogDep, LangDep
from apprenance.web.pages import Csrf, Participant, render

router = APIRouter(include_in_schema=False)
CredentialId = Annotated[str, PathParam(min_length=1, max_length=200,
                                        pattern=r"^[A-Za-z0-9:._-]+$")]
PAGE = "/apprenants/{learner}/titres/{credential}/revoquer"


def _credential_of(request: Request, app: App, catalog: Any, learner: str, credential: str,
                   lang: str) -> dict[str, Any]:
    """The credential, if it is ``learner``'s and the grant is staff of their territory
    (the role is checked first: the public learns nothing of what exists)."""
    grant = require(grant_of(request), "admin", "coordinator")
    owner, territory = downloads.credential_owner(app.store, credential)
    if grant.role == "coordinator":
        check_territory(grant, territory or "")
    try:
        same = learner_key(learner) == owner
    except InputError:  # a malformed identifier names nobody
        same = False
    if not same:
        raise NotFound(f"no credential {credential!r} for learner {learner!r}")
    found = get_credential(app.store, credential)
    badge = catalog.badges.get(str(found["badge"] or ""))
    name = "CLR" if found["format"] == "clr" else text(badge.name, lang) if badge \
        else str(found["badge"])
    person = get_learner(app.store, owner)
    return {**found, "name": name, "learner": owner, "person": person["name"] or owner,
            "id_path": str(found["id"]).removeprefix("urn:uuid:")}


def _page(request: Request, lang: str, found: dict[str, Any], *, errors: list[str],
          reason: str = "", status: int = 200) -> HTMLResponse:
    return render(request, "outputs_revoke.html", lang, status=status, cred=found,
                  errors=errors, reason=reason,
                  back=f"/apprenants/{quote(found['learner'], safe='@')}")


@router.get(PAGE, response_class=HTMLResponse)
def revoke_form(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                learner: Participant, credential: CredentialId) -> HTMLResponse:
    found = _credential_of(request, app, catalog, learner, credential, lang)
    return _page(request, lang, found, errors=[])


@router.post(PAGE, response_class=Response)
def revoke_with_reason(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                       learner: Participant, credential: CredentialId, csrf: Csrf,
                       reason: Annotated[str, Form(max_length=500)] = "",
                       confirm: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Revoke once the reason is given and the box ticked; else the form again (422), with
    what is missing named."""
    check_csrf(request, csrf)
    found = _credential_of(request, app, catalog, learner, credential, lang)
    errors = []
    if not reason.strip():
        errors.append(i18n.t("outputs.revoke.need_reason", lang))
    if not confirm:
        errors.append(i18n.t("outputs.revoke.need_confirm", lang))
    if errors:
        return _page(request, lang, found, errors=errors, reason=reason, status=422)
    check_signing_url(app.settings, lang=lang)  # the status list is re-signed
    revoke(app.store, app.keys, str(found["id"]), reason=reason, urls=app.urls,
           clock=app.clock)
    back = (f"/apprenants/{quote(found['learner'], safe='@')}?revoque={found['id_path']}"
            f"#titre-{found['id_path']}")
    return RedirectResponse(back, status_code=303)
