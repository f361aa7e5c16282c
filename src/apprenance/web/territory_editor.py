"""The territory description in the browser: a coordinator edits their own territory, an admin
any, or creates one — by uploading the YAML file of ``apprenance territory FILE`` or through a
form (villages, projects, learners: add, edit, remove rows) — sees what saving would change,
confirms, and is told what changed; the current description downloads as YAML (uploading it
again changes nothing). Both paths write the same checked document through the same service;
a problem is named by line and field (file) or by field (form), and what was typed is kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from apprenance.domain.catalog import FUNCTIONS
from apprenance.domain.roles import ROLES
from apprenance.errors import InputError, NotFound, PermissionDenied
from apprenance.i18n import LANGS, t
from apprenance.services.people import territory_edit as edit
from apprenance.services.people.access import Grant
from apprenance.web import territory_rows as rows
from apprenance.web.auth import check_csrf, check_territory, grant_of, require
from apprenance.web.deps import AnyGrantDep, AppDep, LangDep
from apprenance.web.pages import Csrf, Territory, render

router = APIRouter(include_in_schema=False)
NEW = "/admin/territoires/nouveau"
MAX_DOCUMENT = 2 * 1024 * 1024
MAX_FIELDS = 5 * sum(1 for _ in rows.SECTIONS) * rows.MAX_ROWS + 20


def _base(target: str | None) -> str:
    return NEW if target is None else f"/territoires/{target}/description"


def _allowed(grant: Grant, target: str | None) -> None:
    if target is None:
        require(grant, "admin")
    else:
        check_territory(grant, target)


def _stored(request: Request, target: str | None) -> dict[str, Any] | None:
    if target is None:
        return None
    found = edit.current_document(request.app.state.apprenance.store, target)
    if found is None:
        raise NotFound(f"no territory {target!r}")
    return found


def _editor(request: Request, lang: str, target: str | None, form_rows: dict[str, Any], *,
            problems: Sequence[edit.Problem] = (), file_problems: Sequence[str] = (),
            status: int = 200, blank: int = rows.BLANK_ROWS) -> HTMLResponse:
    by_field = {rows.field_id(p.field): p.message for p in problems}
    return render(request, "territory_editor.html", lang, status=status, target=target,
                  base=_base(target), rows=rows.with_blank_rows(form_rows, blank),
                  problems=problems, by_field=by_field, file_problems=file_problems,
                  roles=[(r, labels.get(lang, r)) for r, labels in ROLES.items()],
                  langs=LANGS, functions=", ".join(FUNCTIONS), field_id=rows.field_id,
                  field_label=lambda f: _field_label(f, lang))


FIELD_WORDS = {"id": "tedit.id", "name": "tedit.name", "functions": "tedit.functions",
               "schemes": "tedit.schemes", "participant": "tedit.participant",
               "role": "tedit.role", "lang": "tedit.lang"}


def _field_label(field: str, lang: str) -> str:
    """A problem's field for people: ``learners.2.role`` -> "Learners, row 3: Role"."""
    parts = field.split(".")
    if len(parts) >= 3 and parts[0] in rows.SECTIONS and parts[1].isdigit():
        row = t("tedit.row", lang, section=t(f"tedit.{parts[0]}", lang), n=int(parts[1]) + 1)
        return f"{row} — {t(FIELD_WORDS.get(parts[2], parts[2]), lang)}"
    return t(FIELD_WORDS[field], lang) if field in FIELD_WORDS else field


def _preview(request: Request, lang: str, target: str | None,
             doc: Any) -> HTMLResponse:
    app = request.app.state.apprenance
    seen = edit.preview(app.store, doc, lang)
    text = edit.document_yaml(doc.model_dump(mode="json", exclude_none=True))
    return render(request, "territory_preview.html", lang, target=target, base=_base(target),
                  preview=seen, document=text, saved=False, lines=[], changes=seen.changes)


def _check_target(doc: Any, target: str | None, lang: str) -> list[edit.Problem]:
    if target is not None and doc.id != target:
        return [edit.Problem("id", t("tedit.err.other_territory", lang, found=doc.id,
                                     territory=target), 1)]
    return []


@router.get("/territoires/{territory}/description", response_class=HTMLResponse)
def editor_page(request: Request, grant: AnyGrantDep, lang: LangDep,
                territory: Territory) -> HTMLResponse:
    _allowed(grant, territory)
    return _editor(request, lang, territory, rows.rows_of(_stored(request, territory)))


@router.get(NEW, response_class=HTMLResponse)
def new_page(request: Request, grant: AnyGrantDep, lang: LangDep) -> HTMLResponse:
    _allowed(grant, None)
    return _editor(request, lang, None, rows.rows_of(None))


@router.get("/territoires/{territory}/description.yaml")
def download(grant: AnyGrantDep, app: AppDep, territory: Territory) -> Response:
    check_territory(grant, territory)
    doc = edit.current_document(app.store, territory)
    if doc is None:
        raise NotFound(f"no territory {territory!r}")
    return Response(edit.document_yaml(doc), media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="{territory}.yaml"'})


async def _submit_form(request: Request, lang: str, target: str | None) -> HTMLResponse:
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    sent = form.get("csrf")
    check_csrf(request, sent if isinstance(sent, str) else None)
    _allowed(grant_of(request), target)
    base = _stored(request, target)
    typed = rows.rows_from_form({k: v for k, v in form.items() if isinstance(v, str)})
    if target is not None:
        typed["id"] = target
    if form.get("action") == "more":
        return _editor(request, lang, target, typed, blank=rows.BLANK_ROWS + 3)
    doc, problems = edit.check_document(rows.document_of(typed, base), lang)
    if doc is not None:
        problems = _check_target(doc, target, lang)
    if doc is None or problems:
        return _editor(request, lang, target, typed, problems=problems, status=422)
    return _preview(request, lang, target, doc)


async def _submit_file(request: Request, lang: str, target: str | None, file: UploadFile
                       ) -> HTMLResponse:
    name = re.sub(r"[^\w.-]", "_", file.filename or "")[:100].strip(".") or "territory.yaml"
    current = rows.rows_of(_stored(request, target))
    data = await file.read(MAX_DOCUMENT + 1)
    if not data.strip() or len(data) > MAX_DOCUMENT:
        key = "tedit.err.empty_file" if not data.strip() else "tedit.err.too_large"
        return _editor(request, lang, target, current, status=422,
                       file_problems=[f"{name}: {t(key, lang, limit=MAX_DOCUMENT // 1024)}"])
    try:
        doc = edit.parse_text(data.decode("utf-8-sig"), name, lang)
    except UnicodeDecodeError:
        return _editor(request, lang, target, current, status=422,
                       file_problems=[f"{name}: {t('tedit.err.utf8', lang)}"])
    except InputError as exc:
        return _editor(request, lang, target, current, status=422,
                       file_problems=str(exc.message).splitlines())
    wrong = _check_target(doc, target, lang)
    if wrong:
        return _editor(request, lang, target, current, status=422,
                       file_problems=[p.text(name) for p in wrong])
    return _preview(request, lang, target, doc)


async def _save(request: Request, lang: str, target: str | None, document: str,
                move: bool) -> HTMLResponse:
    app = request.app.state.apprenance
    doc = edit.parse_text(document, "territory.yaml", lang)
    if _check_target(doc, target, lang):
        raise PermissionDenied(f"this description is not the one of {target!r}")
    if (target is None or move) and grant_of(request).role != "admin":
        raise PermissionDenied(t("territory.move.admin_only", lang) if move
                               else "only admins create territories")
    seen = edit.preview(app.store, doc, lang)
    report = edit.save(app.store, doc, clock=app.clock, lang=lang, move_learners=move)
    if move:  # the refused moves of the preview were made
        seen = edit.Preview(seen.territory, seen.new, [
            edit.Change(c.kind, "moved", c.id, c.fields, c.other, c.name)
            if c.action == "refused" else c for c in seen.changes], seen.name)
    lines = [t("tedit.saved.counts", lang, projects=report.projects, learners=report.learners,
               new=report.new_learners)]
    return render(request, "territory_preview.html", lang, target=doc.id,
                  base=_base(doc.id), preview=seen, document="", saved=True, lines=lines,
                  changes=seen.changes, status=200)


Document = Annotated[str, Form(min_length=1, max_length=MAX_DOCUMENT)]
Move = Annotated[bool, Form()]


@router.post("/territoires/{territory}/description", response_class=HTMLResponse)
async def submit_form(request: Request, lang: LangDep, territory: Territory) -> HTMLResponse:
    return await _submit_form(request, lang, territory)


@router.post(NEW, response_class=HTMLResponse)
async def submit_new_form(request: Request, lang: LangDep) -> HTMLResponse:
    return await _submit_form(request, lang, None)


@router.post("/territoires/{territory}/description/fichier", response_class=HTMLResponse)
async def submit_file(request: Request, lang: LangDep, territory: Territory, csrf: Csrf,
                      file: UploadFile) -> HTMLResponse:
    check_csrf(request, csrf)
    _allowed(grant_of(request), territory)
    return await _submit_file(request, lang, territory, file)


@router.post(NEW + "/fichier", response_class=HTMLResponse)
async def submit_new_file(request: Request, lang: LangDep, csrf: Csrf,
                          file: UploadFile) -> HTMLResponse:
    check_csrf(request, csrf)
    _allowed(grant_of(request), None)
    return await _submit_file(request, lang, None, file)


@router.post("/territoires/{territory}/description/enregistrer", response_class=HTMLResponse)
async def confirm(request: Request, lang: LangDep, territory: Territory, csrf: Csrf,
                  document: Document, move_learners: Move = False) -> HTMLResponse:
    check_csrf(request, csrf)
    _allowed(grant_of(request), territory)
    return await _save(request, lang, territory, document, move_learners)


@router.post(NEW + "/enregistrer", response_class=HTMLResponse)
async def confirm_new(request: Request, lang: LangDep, csrf: Csrf,
                      document: Document, move_learners: Move = False) -> HTMLResponse:
    check_csrf(request, csrf)
    _allowed(grant_of(request), None)
    return await _save(request, lang, None, document, move_learners)

