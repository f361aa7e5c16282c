"""``apprenance init`` and ``apprenance territory``."""

from __future__ import annotations

from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.i18n import t
from apprenance.services.people.territories import load_territory
from apprenance.services.store import init_store


@click.command("init")
@json_option
@pass_state
def init_cmd(state: CliState, as_json: bool) -> None:
    """Create the store, or upgrade it to this version's schema (idempotent)."""
    report = init_store(state.app.home, lambda: state.app.store)
    if as_json:
        emit_json(report.to_dict())
        return
    key = "init.created" if report.before is None else (
        "init.current" if report.before == report.after else "init.upgraded"
    )
    say(t(key, state.lang, url=report.url, revision=report.after, before=report.before))


@click.command("territory")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--move-learners", is_flag=True,
              help="Move the learners the store has in another territory to this one (with "
                   "their history); without it they stay and are reported.")
@json_option
@pass_state
def territory_cmd(state: CliState, file: Path, move_learners: bool, as_json: bool) -> None:
    """Load a territory description FILE (territory.yaml): territory, projects, learners."""
    report = load_territory(state.app.ready_store(), file, clock=state.app.clock,
                            lang=state.lang, move_learners=move_learners)
    if as_json:
        emit_json(report.to_dict(state.lang))
        return
    say(t("territory.loaded", state.lang, territory=report.territory, projects=report.projects,
          learners=report.learners, new=report.new_learners))
    for line in report.lines(state.lang):
        say(line)
