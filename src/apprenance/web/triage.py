"""The coordinator's triage of unmapped activities: the list (one activity or every activity
of one unknown type at once), a confirmation page saying what will change (hours per pillar
and vital function, badges it may complete), the assignment followed at once by the
learners' evaluation (what was awarded), and the undo. Every form works without JavaScript;
the list and the confirmation are GET pages (nothing changes), the changes are POST forms
with the session's CSRF token."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.domain.catalog import Catalog, text
from apprenance.domain.palette import pillar_colour
from apprenance.errors import InputError, NotFound
from apprenance.services.ingest import triage
from apprenance.services.ingest.coordination import unmapped_in
from apprenance.services.people import directory
from apprenance.services.people.access import Grant
from apprenance.web.auth import check_csrf, check_learner, check_territory, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep
from apprenance.web.pages import Csrf, Territory, render

router = APIRouter(include_in_schema=False)
ActivityId = Annotated[str, PathParam(min_length=1, max_length=200)]
TypeChoice = Annotated[str, Query(max_length=100)]
ActivityIds = Annotated[list[str], Form(alias="activite", min_length=1,
                                        max_length=triage.MAX_AT_ONCE)]


def _base(territory: str) -> str:
    return f"/territoires/{territory}/attente"


def _types(catalog: Catalog, lang: str) -> list[dict[str, str]]:
    found = [{"id": k, "label": text(v.label, lang)} for k, v in catalog.activity_types.items()]
    return sorted(found, key=lambda x: x["label"].casefold())


def _mine(grant: Grant, app: App, territory: str, ids: Sequence[str]) -> None:
    """Refuse unless every activity belongs to a learner of ``territory`` the grant covers."""
    check_territory(grant, territory)
    for activity in ids:
        owner, where = directory.activity_owner(app.store, activity)
        check_learner(grant, {"learner": owner, "territory": where})
        if where != territory:
            raise NotFound(f"no activity {activity!r} in territory {territory!r}")


def _list_page(request: Request, app: App, catalog: Catalog, lang: str, territory: str, *,
               error: str | None = None, status: int = 200) -> HTMLResponse:
    info = directory.get_territory(app.store, territory)
    return render(request, "triage.html", lang, status=status, territory=territory,
                  territory_name=info["name"], groups=unmapped_in(app.store, catalog, [territory]),
                  assigned=triage.assigned_in(app.store, territory),
                  types=_types(catalog, lang), error=error)


@router.get("/territoires/{territory}/attente", response_class=HTMLResponse)
def triage_page(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                lang: LangDep, territory: Territory) -> HTMLResponse:
    check_territory(grant, territory)
    return _list_page(request, app, catalog, lang, territory)


@router.get("/territoires/{territory}/attente/confirmer", response_class=HTMLResponse)
def confirm_page(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                 lang: LangDep, territory: Territory,
                 activite: Annotated[str | None, Query(max_length=200)] = None,
                 groupe: Annotated[str | None, Query(max_length=100)] = None,
                 type: TypeChoice = "") -> HTMLResponse:
    """What assigning ``type`` to one activity (``activite``) or to every unmapped activity
    of one type (``groupe``) would change; an empty choice is refused, naming the field."""
    check_territory(grant, territory)
    if bool(activite) == bool(groupe):
        raise InputError("give one activity (activite) or one unmapped type (groupe)")
    if groupe:
        group = next((g for g in unmapped_in(app.store, catalog, [territory])
                      if g["activity_type"] == groupe), None)
        if group is None:
            raise NotFound(f"no unmapped activity of type {groupe!r} in {territory!r}")
        ids = [str(a["id"]) for a in group["activities"]][: triage.MAX_AT_ONCE]
    else:
        ids = [str(activite)]
    _mine(grant, app, territory, ids)
    if not type:
        return _list_page(request, app, catalog, lang, territory, status=422,
                          error=i18n.t("triage.empty_type", lang))
    plan = triage.preview(app.store, catalog, ids, type, lang)
    labels = {c.notation: text(c.label, lang) for c in catalog.concepts.values()
              if c.scheme in ("pilier", "fonction")}
    return render(request, "triage_confirm.html", lang, territory=territory, plan=plan,
                  labels=labels, group=groupe, colour=pillar_colour,
                  summary=i18n.t_plural("triage.summary", lang, len(plan.activities),
                                        n=len(plan.activities), type=plan.type_label,
                                        hours=i18n.number(plan.hours, lang)))


@router.post("/territoires/{territory}/attente/classer", response_class=HTMLResponse)
def assign_confirmed(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                     territory: Territory, csrf: Csrf, activite: ActivityIds,
                     type: Annotated[str, Form(max_length=100)] = "") -> HTMLResponse:
    """Assign the confirmed type, evaluate the learners at once, say what was awarded."""
    check_csrf(request, csrf)
    grant = grant_of(request)
    _mine(grant, app, territory, activite)
    if not type:
        return _list_page(request, app, catalog, lang, territory, status=422,
                          error=i18n.t("triage.empty_type", lang))
    outcome = triage.assign_and_evaluate(app.store, catalog, activite, type, clock=app.clock,
                                         lang=lang)
    return _done(request, lang, territory, outcome, catalog, undone=False)


@router.post("/territoires/{territory}/activites/{activity}/annuler",
             response_class=HTMLResponse)
def undo_assignment(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                    territory: Territory, activity: ActivityId, csrf: Csrf) -> HTMLResponse:
    """The activity counts as its own type again; its learner is evaluated at once."""
    check_csrf(request, csrf)
    _mine(grant_of(request), app, territory, [activity])
    outcome = triage.undo(app.store, catalog, activity, clock=app.clock, lang=lang)
    return _done(request, lang, territory, outcome, catalog, undone=True)


def _done(request: Request, lang: str, territory: str, outcome: triage.Outcome,
          catalog: Catalog, *, undone: bool) -> HTMLResponse:
    def label(type_id: str | None) -> str:
        kind = catalog.activity_types.get(type_id or "")
        return text(kind.label, lang) if kind else str(type_id or "")

    context: dict[str, Any] = {"territory": territory, "outcome": outcome, "undone": undone,
                               "type_label": label(outcome.type_id),
                               "before_label": label(outcome.before),
                               "summary": i18n.t_plural(
                                   "triage.done", lang, len(outcome.activities),
                                   n=len(outcome.activities),
                                   type=label(outcome.type_id), evaluated=outcome.evaluated)}
    return render(request, "triage_done.html", lang, **context)
