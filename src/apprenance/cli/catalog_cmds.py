"""``apprenance frameworks import|validate|list|show|search|export``: the skills frameworks of
the catalog, and checking framework, mapping and badge files before they are used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.domain.catalog import Concept, text
from apprenance.errors import NotFound, ProblemsFound
from apprenance.i18n import t
from apprenance.services import catalog as service

_FILES = click.Path(exists=False, path_type=Path)


def _concept_dict(concept: Concept) -> dict[str, Any]:
    return {"curie": concept.curie, "uri": concept.uri, "scheme": concept.scheme,
            "notation": concept.notation, "label": concept.label,
            "definition": concept.definition, "broader": list(concept.broader),
            "related": list(concept.related)}


@click.group("frameworks")
def frameworks_group() -> None:
    """Skills frameworks (SKOS): import, validate, list, show, search, export."""


@frameworks_group.command("import")
@click.argument("files", nargs=-1, required=True, type=_FILES)
@json_option
@pass_state
def import_cmd(state: CliState, files: tuple[Path, ...], as_json: bool) -> None:
    """Import frameworks: SKOS in Turtle, RDF/XML, N-Triples or JSON-LD, or ESCO's CSV export
    (give all its files, or their folder, at once)."""
    report = service.import_frameworks(state.app.catalog_sources(), list(files), lang=state.lang)
    lang = state.lang
    if as_json:
        emit_json(report.to_dict(lang))
        return
    names = ", ".join(f"{s['prefix']}: {s['concepts']}" for s in report.schemes)
    say(t("catalog.imported", lang, concepts=report.concepts, schemes=names,
          files=len(report.files), written=", ".join(report.written)))
    for warning in report.warnings:
        say(f"  {t('catalog.severity.warning', lang)}: {warning.text(lang)}")


@frameworks_group.command("validate")
@click.argument("files", nargs=-1, type=_FILES)
@json_option
@pass_state
def validate_cmd(state: CliState, files: tuple[Path, ...], as_json: bool) -> None:
    """Check framework, ESCO CSV, prefixes, mapping and badge FILES (or, with none, the whole
    catalog in force); exit 1 when a problem is found."""
    report = service.validate_files(state.app.catalog_sources(), list(files))
    lang = state.lang
    if as_json:
        emit_json(report.to_dict(lang))
    else:
        for problem in report.problems:
            say(f"{t('catalog.severity.' + problem.severity, lang)}: {problem.text(lang)}")
        warnings = len(report.problems) - len(report.errors)
        if report.problems:
            say(t("catalog.checked.problems", lang, files=report.files,
                  errors=len(report.errors), warnings=warnings))
        else:
            say(t("catalog.checked.ok", lang, files=report.files))
    if report.problems:
        raise ProblemsFound(t("catalog.problems.found", lang, count=len(report.problems)))


@frameworks_group.command("list")
@json_option
@pass_state
def list_cmd(state: CliState, as_json: bool) -> None:
    """List the frameworks (concept schemes) of the catalog, with their concept counts."""
    rows = service.list_schemes(state.app.catalog())
    lang = state.lang
    if as_json:
        emit_json([{"prefix": s.prefix, "uri": s.uri, "title": s.title, "concepts": n,
                    "version": s.version, "source": s.source} for s, n in rows])
        return
    say(t("catalog.schemes.header", lang, count=len(rows), concepts=sum(n for _, n in rows)))
    width = max((len(s.prefix) for s, _ in rows), default=0)
    for scheme, count in rows:
        say(f"  {scheme.prefix:<{width}}  {count:>6}  {text(scheme.title, lang)}")


@frameworks_group.command("show")
@click.argument("concept")
@json_option
@pass_state
def show_cmd(state: CliState, concept: str, as_json: bool) -> None:
    """Show a CONCEPT, named by its curie (greencomp:4.2) or its URI."""
    lang = state.lang
    try:
        view = service.show_concept(state.app.catalog(), concept)
    except NotFound:
        raise NotFound(t("catalog.concept.not-found", lang, ref=concept)) from None
    c = view.concept
    if as_json:
        emit_json({**_concept_dict(c),
                   "scheme_title": view.scheme.title if view.scheme else {},
                   "narrower": [n.curie for n in view.narrower],
                   "activities": view.activities, "badges": view.badges})
        return
    say(f"{c.curie}  {text(c.label, lang)}")
    say(f"  <{c.uri}>")
    if view.scheme is not None:
        say(f"  {t('catalog.concept.scheme', lang)}: {text(view.scheme.title, lang)}")
    if c.definition:
        say(f"  {t('catalog.concept.definition', lang)}: {text(c.definition, lang)}")
    for key, items in (("broader", view.broader), ("narrower", view.narrower)):
        if items:
            say(f"  {t('catalog.concept.' + key, lang)}: "
                + "; ".join(f"{i.curie} {text(i.label, lang)}" for i in items))
    for key, names in (("related", view.related), ("activities", view.activities),
                       ("badges", view.badges)):
        if names:
            say(f"  {t('catalog.concept.' + key, lang)}: {', '.join(names)}")


@frameworks_group.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@json_option
@pass_state
def search_cmd(state: CliState, words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find concepts by label, notation or definition, in French or English (case and accents
    ignored)."""
    query = " ".join(words)
    found = service.search_concepts(state.app.catalog(), query, limit=limit)
    lang = state.lang
    if as_json:
        emit_json([_concept_dict(c) for c in found])
        return
    if not found:
        say(t("catalog.search.none", lang, text=query))
        return
    say(t("catalog.search.count", lang, count=len(found), text=query))
    for concept in found:
        say(f"  {concept.curie}  {text(concept.label, lang)}")


@frameworks_group.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(["case", "jsonld", "turtle"]))
@click.option("--scheme", help="Export only this framework (its prefix, as in `list`).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@json_option
@pass_state
def export_cmd(
    state: CliState, fmt: str, scheme: str | None, out: Path | None, as_json: bool
) -> None:
    """Export the frameworks as CASE 1.0 JSON (one CFPackage per framework, or the one of
    --scheme), JSON-LD or Turtle. With --json, Turtle comes wrapped in a JSON document, and
    --out reports what was written."""
    document = service.export_catalog(state.app.catalog_sources(), fmt, lang=state.lang,
                                      clock=state.app.clock, scheme=scheme)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document, encoding="utf-8")
        if as_json:
            emit_json({"format": fmt, "out": str(out), "bytes": len(document.encode())})
        else:
            say(t("catalog.exported", state.lang, fmt=fmt, path=out))
    elif as_json and fmt == "turtle":
        emit_json({"format": fmt, "document": document})
    else:
        click.echo(document, nl=False)
