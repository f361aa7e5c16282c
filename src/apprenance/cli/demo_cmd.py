"""``apprenance demo``."""

from __future__ import annotations

from pathlib import Path

import click

from apprenance.bootstrap import bundled
from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.i18n import t
from apprenance.services.demo import run_demo


@click.command("demo")
@click.option(
    "--examples",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of the example territory (default: the bundled one).",
)
@json_option
@pass_state
def demo_cmd(state: CliState, examples: Path | None, as_json: bool) -> None:
    """Run the whole product on the example territory, and say where its output lies."""
    report = run_demo(state.app.instance(), examples=examples or bundled("examples"))
    if report.plain_key:  # stderr: --json keeps one document on stdout
        click.echo(t("key.unencrypted", state.lang, id="collectif", folder=report.plain_key),
                   err=True)
    if as_json:
        emit_json(report.to_dict())
        return
    for step in report.steps:
        say(f"  ✓ {step.name:<32} {step.summary}")
        if step.name == "ingest activites-with-errors.csv":
            for line in report.rejections:
                say(f"      ✗ {line}")
        if step.name == "evaluate":
            for learner, badges in sorted(report.earned.items()):
                say(f"      ★ {learner:<36} {', '.join(badges)}")
    for name, where in report.outputs.items():
        say(f"  → {name:<32} {where}")
    say(t("demo.done", state.lang, home=report.home))
