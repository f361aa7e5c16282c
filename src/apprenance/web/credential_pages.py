"""The public page of a credential, ``/credentials/{uuid}`` (issue 15, items 3 and 5): what
the badge is, who issued it where, when, what it is aligned to, the evidence behind it and
the verdict of the verifier computed on every visit; Open Graph tags for link previews; for
its learner, the switch that makes the page public, LinkedIn and share links, downloads.

Also ``/credentials/{uuid}.json`` (the signed credential, for the page's ``alternate`` link,
to whom the page shows the learner) and the learner's form ``/credentials/{uuid}/visibilite``.
The evidence ids inside credentials point to this page (``#preuve-{n}``): it answers anyone.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from apprenance import i18n
from apprenance.credentials.formats.registry import DOWNLOADS, FORMATS
from apprenance.credentials.images.badge_png import SIZE
from apprenance.i18n.dates import date_text
from apprenance.services import credential_page as service
from apprenance.services.credential_share import (
    Shared,
    linkedin_add_url,
    linkedin_share_url,
    mail_url,
)
from apprenance.services.recognition import witnesses
from apprenance.web.api_verify import verify_report
from apprenance.web.auth import check_csrf, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep
from apprenance.web.pages import render
from apprenance.web.verify_explain import checks_for_people, headline
from apprenance.web.wallet_pages import wallet_page_path

router = APIRouter(include_in_schema=False)
Uid = Annotated[str, PathParam(min_length=8, max_length=100, pattern=r"^[A-Za-z0-9-]+$")]
Share = Annotated[str | None, Query(max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
Csrf = Annotated[str, Form(max_length=64)]
DOWNLOAD_KEYS = {name: f"cred.download.{name}" for name in DOWNLOADS}


@router.get("/credentials/{credential}.json")
def credential_json(app: AppDep, grant: AnyGrantDep, credential: Uid,
                    share: Share = None) -> Response:
    """The signed OB 3.0 credential, to whom its page shows the learner (else 404)."""
    document = service.document_for(app.store, credential, grant, share, clock=app.clock)
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return Response(body, media_type=FORMATS["json"].media_type,
                    headers={"Cache-Control": "private, no-store"})


def _verdict(doc: dict[str, Any], lang: str) -> tuple[str, str]:
    """(css class, the sentence) of the live verification."""
    kind = doc["verdict"]
    issuer = doc["issuer"]["name"] or doc["issuer"]["did"] or "?"
    if kind == "valid":
        return "ok", i18n.t("cred.verdict.valid", lang, signer=issuer)
    if kind == "revoked":
        when = doc["revoked_at"]
        if when is None:
            return "bad", i18n.t("cred.verdict.revoked_status", lang)
        reason = doc["revocation_reason"] or i18n.t("cred.verdict.no_reason", lang)
        return "bad", i18n.t("cred.verdict.revoked", lang, date=date_text(when.date(), lang),
                             reason=reason)
    if kind == "expired" and doc["valid_until"]:
        return "bad", i18n.t("cred.verdict.expired", lang,
                             date=date_text(doc["valid_until"], lang))
    return "bad", i18n.t("cred.verdict.failed", lang, why=headline(doc["report"], lang)[1])


def _sharing(doc: dict[str, Any], lang: str) -> dict[str, str]:
    shared = Shared(name=doc["name"], organization=str(doc["issuer"]["name"] or ""),
                    issued=doc["awarded_on"] or doc["issued_on"], expires=doc["valid_until"],
                    url=doc["url"], cert_id=doc["id"])
    subject = i18n.t("cred.share.mail_subject", lang, name=doc["name"])
    body = i18n.t("cred.share.mail_body", lang, name=doc["name"], issuer=shared.organization,
                  url=doc["url"])
    return {"linkedin_add": linkedin_add_url(shared), "linkedin_share":
            linkedin_share_url(doc["url"]), "mail": mail_url(subject, body)}


def _og(doc: dict[str, Any], lang: str) -> dict[str, str]:
    """The Open Graph / Twitter card texts: the learner's name only when the page shows it."""
    if doc["holder"] and doc["public"]:
        title = i18n.t("cred.og.title_named", lang, name=doc["name"], holder=doc["holder"])
    else:
        title = doc["name"]
    description = i18n.t("cred.og.description", lang, issuer=doc["issuer"]["name"] or "",
                         territory=doc["territory"]["name"] or "", text=doc["description"])
    return {"title": title, "description": description[:300], "size": str(SIZE)}


@router.get("/credentials/{credential}", response_class=HTMLResponse)
def credential_view(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                    lang: LangDep, credential: Uid, share: Share = None) -> HTMLResponse:
    doc = service.credential_page(
        app.store, catalog, credential, lang, grant=grant, share=share,
        verify=lambda d: verify_report(app, "credential.json",
                                       json.dumps(d).encode("utf-8"), None),
        urls=app.urls, clock=app.clock)
    kind, sentence = _verdict(doc, lang)
    viewer: service.Viewer = doc["viewer"]
    downloads = [{"fmt": f, "label": i18n.t(DOWNLOAD_KEYS[f], lang),
                  "url": f"/api/v1/credentials/{doc['id']}/{f}"} for f in DOWNLOADS] \
        if viewer.insider else []
    return render(request, "credential.html", lang, doc=doc, viewer=viewer,
                  witness_words=witnesses.words_on(app.store, str(doc["credential_id"])),
                  verdict_class=kind, verdict=sentence,
                  checks=checks_for_people(doc["report"], lang),
                  sharing=_sharing(doc, lang) if doc["public"] and doc["verdict"] == "valid"
                  else None,
                  og=_og(doc, lang), downloads=downloads,
                  wallet_url=wallet_page_path(str(doc["id"])),
                  share_query=f"?share={share}" if share and viewer.shared else "",
                  show_json=doc["public"] or viewer.shared or viewer.insider)


@router.post("/credentials/{credential}/visibilite")
def change_visibility(request: Request, app: AppDep, credential: Uid, csrf: Csrf,
                      public: Annotated[str, Form(pattern=r"^(oui|non)$")]
                      ) -> RedirectResponse:
    """The learner's switch: ``public=oui`` shows their name and evidence on the page."""
    check_csrf(request, csrf)
    service.set_public(app.store, credential, grant_of(request), public == "oui",
                       clock=app.clock)
    return RedirectResponse(f"/credentials/{credential}#visibilite", status_code=303)
