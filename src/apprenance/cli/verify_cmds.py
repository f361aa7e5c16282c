"""``apprenance verify FILE|URL|IMAGE... [--resolve MAP.json] [--recipient EMAIL] [--json]``:
Open Badges 3.0 / Verifiable Credentials and Open Badges 2.0 assertions.

Exit 0 when every credential is valid, 1 when one is not (``ProblemsFound``), 2 when an input
cannot be read (``UnreadableInput``)."""

from __future__ import annotations

from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.credentials.verifier import Report
from apprenance.errors import ProblemsFound, UnreadableInput
from apprenance.i18n import t
from apprenance.services.verify import build_fetcher, verify_inputs

_MARKS = {"ok": "✓", "failed": "✗", "warning": "!", "skipped": "-"}


def _render(report: Report, lang: str) -> None:
    say(t("verify.header", lang, source=report.source, format=report.format))
    for check in report.checks:
        mark = _MARKS.get(check.status, "?")
        say(f"  {mark} {t('verify.check.' + check.name, lang):<10} {check.message}")
    say("  → " + t(f"verify.verdict.{report.verdict}", lang))


@click.command("verify")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--resolve", "resolve_map", type=click.Path(dir_okay=False, path_type=Path),
    help="JSON map URL prefix -> local folder answering DID documents, status lists and "
    "Open Badges 2.0 documents (then nothing is fetched from the network).",
)
@click.option("--recipient", help="Check that the credential was issued to this email address.")
@click.option("--offline", is_flag=True, help="Fetch nothing from the network.")
@json_option
@pass_state
def verify_cmd(
    state: CliState, inputs: tuple[str, ...], resolve_map: Path | None, recipient: str | None,
    offline: bool, as_json: bool,
) -> None:
    """Verify Open Badges 3.0 / Verifiable Credentials and Open Badges 2.0 assertions (hosted,
    signed): JSON, VC-JWT or JWS, baked PNG or SVG, URL."""
    fetcher = build_fetcher(resolve_map, offline=offline)
    run = verify_inputs(inputs, fetcher=fetcher, clock=state.app.clock, recipient=recipient)
    lang = state.lang
    if as_json:
        emit_json(run.to_dict())
    else:
        for report in run.reports:
            _render(report, lang)
        say(t("verify.summary", lang, total=len(run.reports),
              valid=len(run.reports) - len(run.invalid) - len(run.unreadable),
              invalid=len(run.invalid), unreadable=len(run.unreadable)))
    if run.unreadable:
        raise UnreadableInput(t("verify.failed.unreadable", lang, count=len(run.unreadable)))
    if run.invalid:
        raise ProblemsFound(t("verify.failed.invalid", lang, count=len(run.invalid)))
