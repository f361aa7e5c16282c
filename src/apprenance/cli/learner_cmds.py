"""``learner export LEARNER`` (everything held about them, as JSON) and ``learner erase
LEARNER`` (personal data removed, credentials revoked, statistics kept): the GDPR rights of
access, portability and erasure (docs/privacy.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.cli.signing import keys_for
from apprenance.errors import InputError
from apprenance.i18n import number, t


@click.group("learner")
def learner_group() -> None:
    """A learner's personal data: export (right of access) and erase (right to erasure)."""


@learner_group.command("export")
@click.argument("learner")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the document to FILE (mode 0600) instead of printing it.")
@json_option
@pass_state
def export_cmd(state: CliState, learner: str, out_file: Path | None, as_json: bool) -> None:
    """Everything held about LEARNER as one JSON document (stdout, or --out FILE)."""
    from apprenance.services.files import write_bytes
    from apprenance.services.privacy.report import export_learner
    from apprenance.services.privacy.written_files import record_written

    app = state.app
    document = export_learner(app.ready_store(), learner, clock=app.clock, home=app.home)
    if out_file is None:
        emit_json(document)
        return
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
    write_bytes(out_file, text.encode("utf-8"), mode=0o600)
    record_written(app.ready_store(), [document["learner"]["participant"]], out_file, "export",
                   clock=app.clock)
    counts = {k: len(v) for k, v in document.items() if isinstance(v, list)}
    if as_json:
        emit_json({"learner": document["learner"]["participant"], "out": str(out_file),
                   **counts})
        return
    say(t("learner.exported", state.lang, learner=document["learner"]["participant"],
          out=out_file, activities=counts["activities"], credentials=counts["credentials"]))


@learner_group.command("erase")
@click.argument("learner")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="The folder credentials were issued into (`issue --out`): status lists "
              "re-signed there, hosted assertions rewritten, the learner's folder removed.")
@json_option
@pass_state
def erase_cmd(state: CliState, learner: str, yes: bool, out: Path | None,
              as_json: bool) -> None:
    """Erase LEARNER's personal data and revoke their credentials; their hours and badges
    still count in the statistics, under a pseudonym."""
    from apprenance.services.privacy.report import erase_learner

    app = state.app
    store = app.ready_store()
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(t("learner.erase.needs_yes", state.lang, learner=learner))
        click.confirm(t("learner.erase.confirm", state.lang, learner=learner), abort=True)
    keys = keys_for(state)  # APPRENANCE_KEY_PASSPHRASE, else asked on a terminal
    report = erase_learner(store, keys, learner, urls=state.app.urls,
                           clock=app.clock, out=out, home=app.home)
    if as_json:
        emit_json(report.to_dict())
        return
    key = "learner.erase.resumed" if report.resumed else "learner.erase.done"
    say(t(key, state.lang, learner=learner, pseudonym=report.learner,
          credentials=len(report.revoked), activities=report.kept["activities"],
          hours=number(report.kept["hours"], state.lang)))
    for name, count in report.counts.items():
        say(t("learner.erase.count", state.lang, n=count,
              what=t(f"learner.erase.{name}", state.lang)))
    for path in report.files_deleted:
        say(t("learner.erase.deleted", state.lang, path=path))
    for path in report.files_to_review:
        say(t("learner.erase.review", state.lang, path=path))
    for mention in report.mentions:
        say(t("learner.erase.mention", state.lang, table=mention["table"], id=mention["id"],
              field=mention["field"]))
