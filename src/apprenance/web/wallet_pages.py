"""The learner's wallet page of one credential, ``/credentials/{uuid}/portefeuille``: both
ways to hand it to a phone wallet explained, then (on demand, a form) the QR codes and deep
links of a fresh offer, its expiry and transaction code, and the deliveries already made.
Only the signed-in owner sees it. ``wallet_page_path`` gives other pages its URL."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Annotated, Any

import segno
from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.errors import NotFound, PermissionDenied, Unauthenticated
from apprenance.services.wallets import offers, oid4vci, vcapi
from apprenance.web.auth import check_csrf, grant_of
from apprenance.web.deps import AppDep, LangDep
from apprenance.web.pages import render

router = APIRouter(include_in_schema=False)
CredentialUuid = Annotated[str, PathParam(
    pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
Csrf = Annotated[str, Form(max_length=64)]


def wallet_page_path(credential_id: str) -> str:
    """The wallet page of a credential (``urn:uuid:X`` or ``X``):
    ``/credentials/X/portefeuille``."""
    return f"/credentials/{credential_id.removeprefix('urn:uuid:')}/portefeuille"


def wallet_qr_svg(text: str, *, title: str) -> str:
    """A QR code of ``text`` as inline SVG that scales to its box (a ``viewBox``, no fixed
    size): both codes of the page show at one size, whatever their number of modules."""
    qr = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=4, border=4, xmldecl=False, svgns=True, omitsize=True,
            title=title, svgclass="qr", lineclass=None, dark="#000", light="#fff")
    return buffer.getvalue().decode("utf-8")


def _owner(request: Request, app: App, credential: str) -> tuple[str, dict[str, Any]]:
    grant = grant_of(request)
    if grant.role == "public":
        raise Unauthenticated("open your sign-in link to send your badge to a wallet")
    if grant.role != "learner" or grant.learner is None:
        raise PermissionDenied("only the badge's holder may send it to a wallet")
    try:
        return grant.learner, offers.owned_credential(app.store, grant.learner, credential)
    except NotFound:  # another's credential, or none: the same answer
        raise PermissionDenied("this credential is not yours") from None


def _time(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _page(request: Request, app: App, lang: str, credential: str, row: dict[str, Any],
          opened: offers.OpenedOffer | None) -> HTMLResponse:
    delivered = [{**d, "time": _time(d["delivered_at"]),
                  "protocol_name": i18n.t(f"wallet.protocol.{d['protocol']}", lang)}
                 for d in offers.deliveries_of(app.store, row["id"])]
    ways: dict[str, Any] | None = None
    if opened is not None:
        base = app.urls.base
        links = oid4vci.offer_links(base, opened.offer, opened.code, lang=lang)
        interaction = vcapi.interaction_url(base, opened.offer)
        ways = {
            "interaction": interaction,
            "lcw_link": vcapi.lcw_deep_link(base, opened.offer),
            "lcw_qr": wallet_qr_svg(interaction, title=i18n.t("wallet.qr_lcw", lang)),
            "oid_link": links["by_value"],
            "oid_qr": wallet_qr_svg(links["by_reference"], title=i18n.t("wallet.qr_oid", lang)),
            "oid_offer": links["by_reference"],
            "tx_code": opened.tx_code, "expires_at": opened.expires_at,
            "expires_time": _time(opened.expires_at),
        }
    name = str(row["document"].get("name") or "")
    return render(request, "wallet.html", lang, credential=credential, badge_name=name,
                  revoked=row["revoked_at"] is not None, delivered=delivered, ways=ways,
                  minutes=int(offers.OFFER_TTL.total_seconds() // 60),
                  page_path=wallet_page_path(credential))


@router.get("/credentials/{credential}/portefeuille", response_class=HTMLResponse)
def wallet_page(request: Request, app: AppDep, lang: LangDep,
                credential: CredentialUuid) -> HTMLResponse:
    _, row = _owner(request, app, credential)
    return _page(request, app, lang, credential, row, None)


@router.post("/credentials/{credential}/portefeuille", response_class=HTMLResponse)
def open_wallet_offer(request: Request, app: AppDep, lang: LangDep, credential: CredentialUuid,
                      csrf: Csrf) -> HTMLResponse:
    """A fresh offer: the page with its QR codes (shown once; the store keeps hashes)."""
    check_csrf(request, csrf)
    participant, row = _owner(request, app, credential)
    opened = offers.open_offer(app.store, participant, credential, clock=app.clock)
    return _page(request, app, lang, credential, row, opened)
