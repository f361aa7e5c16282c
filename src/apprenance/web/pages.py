"""Server-rendered pages: home, sign-in, the learner's portfolio (own, staff view, shared)
and its share links, the coordinator's territory page; the inline SVG they draw (pillars chart,
QR codes). French by default, English on demand; every form works without JavaScript."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

import segno
from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.domain.palette import PILLAR_COLOURS, pillar_colour
from apprenance.domain.roles import role_label
from apprenance.errors import ApprenanceError, Unauthenticated
from apprenance.i18n import number
from apprenance.i18n.dates import date_text, short_date
from apprenance.i18n.levels import level_text
from apprenance.public_url import check_signing_url
from apprenance.services.downloads import issue_for
from apprenance.services.ingest.coordination import territory_overview
from apprenance.services.ingest.triage import assign_and_evaluate
from apprenance.services.mail import queue as mail_queue
from apprenance.services.people import access, directory, invitations
from apprenance.services.people.access import Grant
from apprenance.services.portfolio import portfolio_for
from apprenance.web.auth import (
    SESSION_COOKIE,
    check_csrf,
    check_learner,
    check_territory,
    csrf_token,
    grant_of,
    learner_for,
)
from apprenance.web.dashboard import dashboard_context
from apprenance.web.deps import (
    LANG_COOKIE,
    AnyGrantDep,
    AppDep,
    CatalogDep,
    LangDep,
    browser_lang,
    hosted_sources,
)

router = APIRouter(include_in_schema=False)
COLOURS = tuple(PILLAR_COLOURS.values())  # the badges' and the PDF's (domain/palette.py)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
Secret = Annotated[str, PathParam(min_length=8, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
Participant = Annotated[str, PathParam(min_length=1, max_length=320)]
Csrf = Annotated[str, Form(max_length=64)]
Territory = Annotated[str, PathParam(min_length=1, max_length=100,
                                     pattern=r"^[A-Za-z0-9._:-]+$")]


def as_date(value: date | str) -> date:
    """A date, or the date an ISO string starts with (templates get both)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def render(request: Request, name: str, lang: str, *, status: int = 200,
           headers: dict[str, str] | None = None, **ctx: Any) -> HTMLResponse:
    """A page in ``lang``, with the texts, the caller's grant and the CSRF token at hand."""
    grant = getattr(request.state, "grant", None) or access.PUBLIC
    other = "en" if lang == "fr" else "fr"
    switch = "/langue?" + urlencode({"lang": other, "next": request.url.path})
    context = {"lang": lang, "t": lambda key, **v: i18n.t(key, lang, **v), "grant": grant,
               "tp": lambda key, n, **v: i18n.t_plural(key, lang, n, n=n, **v),
               "num": lambda value: number(float(value), lang),
               "role_label": lambda role: role_label(role, lang),
               "day": lambda value: date_text(as_date(value), lang),
               "short_day": lambda value: short_date(as_date(value), lang),
               "csrf": csrf_token(request), "switch_url": switch, **ctx}
    return templates.TemplateResponse(request, name, context, status_code=status,
                                      headers=headers)


def error_page(request: Request, status: int, body: dict[str, Any],
               headers: dict[str, str], exc: Exception | None = None) -> HTMLResponse:
    """The page form of an error (called by the one error handler): our errors in the
    reader's language (``ApprenanceError.text``)."""
    lang = request.cookies.get(LANG_COOKIE) or "fr"
    lang = lang if lang in i18n.LANGS else "fr"
    key = f"error.{status}" if status in (401, 403, 404) else "error.other"
    said = exc.text(lang) if isinstance(exc, ApprenanceError) else body["message"]
    message = said if status < 500 else ""
    return render(request, "error.html", lang, status=status, headers=headers,
                  status_code=status, explanation=i18n.t(key, lang), message=message)


def _session_cookie(response: Response, app: App, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax",
                        secure=app.settings.public_url.startswith("https://"),
                        max_age=int(access.SESSION_TTL.total_seconds()), path="/")


def _home_of(grant: Grant) -> str:
    if grant.role == "coordinator" and grant.territory:
        return f"/territoires/{grant.territory}"
    return "/portfolio" if grant.role == "learner" else "/"


@router.get("/", response_class=HTMLResponse)
def home(request: Request, grant: AnyGrantDep, lang: LangDep) -> HTMLResponse:
    return render(request, "home.html", lang, home_url=_home_of(grant))


@router.get("/langue")
def switch_lang(lang: LangDep, next: str = "/") -> RedirectResponse:
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


@router.get("/connexion", response_class=HTMLResponse)
def signin_form(request: Request, lang: LangDep) -> HTMLResponse:
    return render(request, "signin.html", lang, link=None)


@router.post("/connexion")
def signin_with_token(app: AppDep, token: Annotated[str, Form(min_length=8, max_length=200)]
                      ) -> RedirectResponse:
    """Staff sign in with their API token; the browser gets a session, not the token."""
    grant = access.resolve_token(app.store, token, clock=app.clock)
    if grant.kind != "api":
        raise Unauthenticated("use an API token")
    session = access.create_token(app.store, role=grant.role, territory=grant.territory,
                                  learner=grant.learner, kind="session", clock=app.clock,
                                  expires_in=access.SESSION_TTL)
    response = RedirectResponse(_home_of(grant), status_code=303)
    _session_cookie(response, app, session)
    return response


Next = Annotated[str | None, Query(max_length=500)]


def local_path(value: str | None) -> str | None:
    """``value`` when it is a path of this site (``/credentials/...``), else None: never a
    URL elsewhere (``//host``, ``/\\host``, ``https:``), no control character."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return None
    if "\\" in value or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else None


@router.get("/connexion/{token}", response_class=HTMLResponse)
def signin_link(request: Request, lang: LangDep, token: Secret,
                suite: Next = None) -> HTMLResponse:
    """A page with one button: mail scanners that open links do not spend them. ``suite``:
    the page of this site the button leads to once signed in (a badge's page)."""
    target = local_path(suite)
    query = "?suite=" + quote(target, safe="/") if target else ""
    return render(request, "signin.html", lang, link=f"/connexion/{token}{query}",
                  to_badge=bool(target and target.startswith("/credentials/")))


@router.post("/connexion/{token}")
def use_signin_link(app: AppDep, token: Secret, suite: Next = None) -> RedirectResponse:
    """A learner's link opens their portfolio (or ``suite``, a page of this site); a
    coordinator's invitation their territory (in the language the admin chose for them)."""
    if invitations.is_invitation(token):
        accepted = invitations.accept(app.store, token, clock=app.clock)
        response = RedirectResponse(f"/territoires/{accepted.territory}", status_code=303)
        _session_cookie(response, app, accepted.session)
        if accepted.lang:
            response.set_cookie(LANG_COOKIE, accepted.lang, max_age=365 * 86400,
                                samesite="lax")
        return response
    session = access.use_sign_in_link(app.store, token, clock=app.clock)
    response = RedirectResponse(local_path(suite) or "/portfolio", status_code=303)
    _session_cookie(response, app, session)
    return response


@router.post("/deconnexion")
def signout(request: Request, app: AppDep, csrf: Csrf) -> RedirectResponse:
    check_csrf(request, csrf)
    access.revoke_token(app.store, request.cookies.get(SESSION_COOKIE, ""), clock=app.clock)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def chosen_lang(request: Request) -> str | None:
    """The language the person chose: ``?lang=``, else the language switch's cookie."""
    for value in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if value in i18n.LANGS:
            return value
    return None


def portfolio_lang(request: Request, learner_lang: str | None, *, viewer_first: bool) -> str:
    """The language of a portfolio page. What the person chose (the switch) always wins;
    then, on the learner's own pages, the learner's language (``learners.lang``) before the
    browser's; on a shared view (``viewer_first``), the viewer's browser before the
    learner's (a recruiter reads in their own language); French last."""
    chosen = chosen_lang(request)
    if chosen is not None:
        return chosen
    browser = browser_lang(request.headers.get("accept-language", ""))
    own = learner_lang if learner_lang in i18n.LANGS else None
    order = (browser, own) if viewer_first else (own, browser)
    return next((x for x in order if x is not None), "fr")


def _portfolio_page(request: Request, app: App, catalog: Any, lang: str, participant: str,
                    *, public: bool, own: bool, share: str | None = None,
                    revoked_now: str | None = None) -> HTMLResponse:
    doc = portfolio_for(app.store, catalog, participant, lang, public=public)
    links = []
    if own:
        for link in access.share_links_of(app.store, participant, clock=app.clock):
            url = f"{app.settings.public_url}/p/{link['token']}"
            links.append({**link, "url": url,
                          "qr": qr_svg(url, title=i18n.t("portfolio.qr", lang))})
    chart = pillars_svg(doc["pillars"], title=i18n.t("portfolio.pillars_chart", lang), lang=lang)
    return render(request, "portfolio.html", lang, doc=doc, chart=chart, public=public,
                  own=own, share_links=links, share_query=f"?share={share}" if share else "",
                  revoked_now=revoked_now, level_text=lambda level: level_text(level, lang))


@router.get("/portfolio", response_class=HTMLResponse)
def my_portfolio(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                 lang: LangDep) -> Response:
    if grant.role in ("admin", "coordinator"):
        return RedirectResponse(_home_of(grant), status_code=303)
    if grant.role != "learner" or grant.learner is None:
        raise Unauthenticated("open your sign-in link to see your portfolio")
    lang = portfolio_lang(request, directory.get_learner(app.store, grant.learner)["lang"],
                          viewer_first=False)
    return _portfolio_page(request, app, catalog, lang, grant.learner, public=False, own=True)


@router.get("/apprenants/{learner}", response_class=HTMLResponse)
def learner_page(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                 lang: LangDep, learner: Participant,
                 revoque: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """The learner's page for staff (``?revoque=ID``: the credential just revoked, said)."""
    found = learner_for(grant, app.store, learner)
    own = grant.role == "learner"
    if own:  # staff read in their own language; the learner in theirs
        lang = portfolio_lang(request, found.get("lang"), viewer_first=False)
    return _portfolio_page(request, app, catalog, lang, found["learner"], public=False, own=own,
                           revoked_now=revoque)


@router.get("/p/{token}", response_class=HTMLResponse)
def shared_portfolio(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                     token: Secret) -> HTMLResponse:
    participant = access.resolve_share_link(app.store, token, clock=app.clock)
    lang = portfolio_lang(request, directory.get_learner(app.store, participant)["lang"],
                          viewer_first=True)
    return _portfolio_page(request, app, catalog, lang, participant, public=True, own=False,
                           share=token)


def _own_learner(request: Request) -> str:
    grant = grant_of(request)
    if grant.role != "learner" or grant.learner is None or grant.kind != "session":
        raise Unauthenticated("sign in with your link first")
    return grant.learner


@router.post("/portfolio/partage")
def create_share(request: Request, app: AppDep, csrf: Csrf,
                 days: Annotated[int | None, Form(ge=1, le=3650)] = 90) -> RedirectResponse:
    check_csrf(request, csrf)
    access.create_share_link(app.store, _own_learner(request), days=days, clock=app.clock)
    return RedirectResponse("/portfolio#partage", status_code=303)


@router.post("/portfolio/partage/{link}/revoquer")
def revoke_share(request: Request, app: AppDep, csrf: Csrf,
                 link: Annotated[int, PathParam(ge=1, le=2**62)]) -> RedirectResponse:
    check_csrf(request, csrf)
    access.revoke_share_link(app.store, _own_learner(request), link, clock=app.clock)
    return RedirectResponse("/portfolio#partage", status_code=303)


# --- inline SVG: no script, no external file; they print and work offline ---------------


def pillars_svg(pillars: Sequence[dict[str, Any]], *, title: str, unit: str = "h",
                lang: str = "fr") -> str:
    """Horizontal bars, one per pillar, with the hours written beside each bar."""
    width, bar_h, gap, label_w = 440, 26, 14, 200
    top = 8
    peak = max((float(p["hours"]) for p in pillars), default=0.0) or 1.0
    height = top + len(pillars) * (bar_h + gap)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="pillars-title" class="chart">',
        f'<title id="pillars-title">{escape(title)}</title>',
    ]
    span = width - label_w - 60
    for i, p in enumerate(pillars):
        y = top + i * (bar_h + gap)
        hours = float(p["hours"])
        length = max(2.0, span * hours / peak) if hours > 0 else 0.0
        colour = pillar_colour(str(p["id"])) if "id" in p else COLOURS[i % len(COLOURS)]
        label = escape(str(p["label"]))
        out.append(f'<text x="0" y="{y + bar_h * 0.7:.1f}" font-size="13" '
                   f'fill="#1a1a1a">{label[:30]}</text>')
        shown = f"{number(hours, lang)} {unit}"
        out.append(f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" '
                   f'rx="3" fill="{colour}"><title>{label}: {shown}</title></rect>')
        out.append(f'<text x="{label_w + length + 6:.1f}" y="{y + bar_h * 0.7:.1f}" '
                   f'font-size="13" fill="#1a1a1a">{shown}</text>')
    out.append("</svg>")
    return "".join(out)


def qr_svg(url: str, *, title: str) -> str:
    """A QR code of ``url`` as inline SVG (dark on white, quiet zone kept)."""
    qr = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=4, border=4, xmldecl=False, svgns=True,
            title=title, svgclass="qr", lineclass=None, dark="#000", light="#fff")
    return buffer.getvalue().decode("utf-8")


# --- the coordinator's territory page ---------------------------------------------------


@router.get("/territoires/{territory}", response_class=HTMLResponse)
def territory_page(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                   lang: LangDep, territory: Territory,
                   issued: Annotated[int | None, Query(ge=0, le=10**7)] = None,
                   held: Annotated[int | None, Query(ge=0, le=10**7)] = None
                   ) -> HTMLResponse:
    check_territory(grant, territory)
    doc = territory_overview(app.store, catalog, territory, lang, with_rejects=True,
                             all_rejects=grant.role == "admin")
    dash = dashboard_context(app, catalog, doc, lang, with_rejects=True)
    mail = mail_queue.counts(app.store, territory)
    return render(request, "territory.html", lang, doc=doc, dash=dash, issued=issued,
                  held=held, mail_failed=mail.get("failed", 0) + mail.get("bounced", 0))


@router.post("/territoires/{territory}/delivrer")
def bulk_issue(request: Request, app: AppDep, catalog: CatalogDep, territory: Territory,
               csrf: Csrf) -> RedirectResponse:
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    check_signing_url(app.settings)
    src = hosted_sources(app)
    learners = [x["learner"] for x in directory.list_learners(
        app.store, territories=[territory], limit=10**7)]
    report = issue_for(app.store, catalog, src.keys, urls=src.urls, clock=app.clock,
                       participants=learners)
    held = f"&held={report.held}" if report.held else ""  # held back on the awards page
    return RedirectResponse(f"/territoires/{territory}?issued={len(report.issued)}{held}",
                            status_code=303)


@router.post("/territoires/{territory}/activites/{activity}/type")
def assign(request: Request, app: AppDep, catalog: CatalogDep, territory: Territory,
           activity: Annotated[str, PathParam(min_length=1, max_length=200)], csrf: Csrf,
           type: Annotated[str, Form(min_length=1, max_length=100)]) -> RedirectResponse:
    check_csrf(request, csrf)
    grant = grant_of(request)
    check_territory(grant, territory)
    owner, where = directory.activity_owner(app.store, activity)
    check_learner(grant, {"learner": owner, "territory": where})
    assign_and_evaluate(app.store, catalog, [activity], type, clock=app.clock, lang="fr")
    return RedirectResponse(f"/territoires/{territory}/attente", status_code=303)
