"""``evidence``, ``explain``, ``evaluate``, ``awards`` and ``progress``."""

from __future__ import annotations

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.domain.catalog import Catalog
from apprenance.i18n import number, t
from apprenance.services.evaluation.evaluate import evaluate, list_awards
from apprenance.services.evidence.progress import evidence_for, explain_activity, progress_for


def _catalog(state: CliState) -> Catalog:
    return state.app.catalog()


@click.command("evaluate")
@click.option("--learner", "learners", multiple=True, help="Only this learner (repeatable).")
@click.option("--all", "everyone", is_flag=True, help="Every learner, not only those with news.")
@click.option("--workers", type=click.IntRange(1, 32), default=1, show_default=True,
              help="Processes sharing the work when many learners are evaluated.")
@json_option
@pass_state
def evaluate_cmd(state: CliState, learners: tuple[str, ...], everyone: bool, workers: int,
                 as_json: bool) -> None:
    """Evaluate badge and pathway rules; by default for learners with new evidence only."""
    store = state.app.ready_store()
    report = evaluate(store, _catalog(state), clock=state.app.clock,
                      participants=list(learners) or None, everyone=everyone, workers=workers)
    if as_json:
        emit_json(report.to_dict())
        return
    for award in report.awards:
        say(f"  ★ {award.learner:<40} {award.badge}")
    say(t("evaluate.done", state.lang, evaluated=report.evaluated, new=len(report.awards)))


@click.command("awards")
@click.option("--learner", help="Only this learner's awards.")
@json_option
@pass_state
def awards_cmd(state: CliState, learner: str | None, as_json: bool) -> None:
    """List the awards: who earned which badge, when."""
    awards = list_awards(state.app.ready_store(), participant=learner)
    if as_json:
        emit_json(awards)
        return
    if not awards:
        say(t("awards.none", state.lang))
    for a in awards:
        say(f"  {a['awarded_on']}  {a['learner']:<40} {a['badge']}")


@click.command("progress")
@click.argument("learner")
@json_option
@pass_state
def progress_cmd(state: CliState, learner: str, as_json: bool) -> None:
    """For each badge not yet earned: what is met and what is missing."""
    report = progress_for(state.app.ready_store(), _catalog(state), learner, state.lang)
    if as_json:
        emit_json(report)
        return
    for badge in report["badges"]:
        mark = "✓" if badge["ready"] else f"{badge['met']}/{badge['of']}"
        say(f"  [{mark:>5}] {badge['name']} ({badge['badge']}): {badge['summary']}")


@click.command("evidence")
@click.argument("learner")
@json_option
@pass_state
def evidence_cmd(state: CliState, learner: str, as_json: bool) -> None:
    """A learner's evidence: weighted hours per pillar, competence, function, project..."""
    report = evidence_for(state.app.ready_store(), _catalog(state), learner)
    if as_json:
        emit_json(report)
        return
    lang = state.lang
    say(f"{report['name'] or report['learner']} — {number(report['hours'], lang)} h, "
        f"{report['activities']} activities, {report['first_activity']} → "
        f"{report['last_activity']}")
    for dim in ("pillar", "function", "project", "competence"):
        for key, v in report[dim].items():
            say(f"  {dim:<11} {key:<45} {number(v['hours'], lang):>8} h  ({v['count']})")
    for role, n in report["attestations"].items():
        say(f"  attestation {role:<45} {n:>8}")


@click.command("explain")
@click.argument("activity_id")
@json_option
@pass_state
def explain_cmd(state: CliState, activity_id: str, as_json: bool) -> None:
    """Why an activity counts as it does: mapping entry, weights, badges it contributed to."""
    report = explain_activity(state.app.ready_store(), _catalog(state), activity_id)
    if as_json:
        emit_json(report)
        return
    say(f"{report['activity']} ({report['learner']}, {report['date']}, {report['hours']} h)")
    if not report["mapped"]:
        say(f"  unmapped type {report['activity_type']!r}; "
            f"suggested: {report.get('suggested_type')}")
        return
    say(f"  mapping entry {report['mapping']['entry']} ({report['mapping']['source']})")
    for name in ("pillars", "competences"):
        for key, v in report[name].items():
            say(f"  {key:<45} × {v['weight']:<5} = {v['hours']} h")
    say(f"  badges: {', '.join(report['badges']) or '—'}")
