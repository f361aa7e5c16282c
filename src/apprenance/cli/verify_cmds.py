"""``apprenance verify FILE|URL|IMAGE... [--resolve MAP.json] [--recipient EMAIL] [--json]``:
Open Badges 3.0 / Verifiable Credentials and Open Badges 2.0 assertions.

The human output (``--lang fr|en``) shows each check in that language (``--json``: each check's
``text``, beside the English ``message``), the credentials nested
in a CLR or endorsements (indented), what the credential vouches for, and a verdict naming the
checks that failed.

Exit 0 when every credential is valid, 1 when one is not (``ProblemsFound``), 2 when an input
cannot be read (``UnreadableInput``)."""

from __future__ import annotations

from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.credentials.verify.verifier import CheckStatus, Report
from apprenance.errors import ProblemsFound, UnreadableInput
from apprenance.i18n import t
from apprenance.services.verify import build_fetcher, verify_inputs

_MARKS: dict[CheckStatus, str] = {"ok": "✓", "failed": "✗", "warning": "!", "skipped": "-"}


def _vouches(report: Report, lang: str, pad: str) -> None:
    facts = report.vouches
    if not facts:
        return
    holder = facts["holder"]
    who = holder["name"] or holder["id"] or ", ".join(
        f"{i['type'] or '?'} {i['value'][:23]}…" for i in holder["identifiers"]) or "-"
    if holder["recipient"] is not None:
        who += " — " + t(f"verify.facts.recipient.{holder['recipient']}", lang)
    what = ", ".join(a["name"] or a["id"] or "-" for a in facts["achievements"]) or (
        facts["endorses"] or facts["name"] or "-")
    issuer = facts["issuer"]
    shown = facts.get("document")
    lines = [
        *([("document", t("verify.facts.document_value", lang, title=shown))] if shown else []),
        ("holder", who), ("achievement", what),
        ("issuer", f"{issuer['name'] or '-'} ({issuer['id'] or '-'})"),
        ("dates", t("verify.facts.dates_value", lang, issued=facts["issued"] or "-",
                    start=facts["valid_from"] or "-", end=facts["valid_until"] or "-")),
    ]
    for name, value in lines:
        say(f"{pad}  · {t('verify.facts.' + name, lang):<10} {value}")


def _render(report: Report, lang: str, depth: int = 0) -> None:
    pad = "    " * depth
    if depth == 0:
        say(t("verify.header", lang, source=report.source, format=report.format))
    else:
        say(pad + t("verify.nested_header", lang, role=report.role or report.source))
    for check in report.checks:
        mark = _MARKS.get(check.status, "?")
        say(f"{pad}  {mark} {t('verify.check.' + check.name, lang):<10} {check.text(lang)}")
    for nested in report.nested:
        _render(nested, lang, depth + 1)
    _vouches(report, lang, pad)
    verdict = t(f"verify.verdict.{report.verdict}", lang)
    failed = report.failed_checks
    if failed and report.verdict == "invalid":
        names = ", ".join(t("verify.check." + name, lang) for name in failed)
        verdict += " — " + t("verify.failed_checks", lang, checks=names)
    say(f"{pad}  → {verdict}")


@click.command("verify")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--resolve", "resolve_map", type=click.Path(dir_okay=False, path_type=Path),
    help="JSON map URL prefix -> local folder answering DID documents, status lists and "
    "Open Badges 2.0 documents (then nothing is fetched from the network).",
)
@click.option("--recipient", help="Check that the credential was issued to this email address.")
@click.option("--offline", is_flag=True, help="Fetch nothing from the network.")
@click.option(
    "--status-issuer", "status_issuers", multiple=True, metavar="DID",
    help="Also trust status lists issued by DID (by default a status list must be issued by "
    "the credential's own issuer). Repeatable.",
)
@json_option
@pass_state
def verify_cmd(
    state: CliState, inputs: tuple[str, ...], resolve_map: Path | None, recipient: str | None,
    offline: bool, status_issuers: tuple[str, ...], as_json: bool,
) -> None:
    """Verify Open Badges 3.0 / Verifiable Credentials and Open Badges 2.0 assertions (hosted,
    signed): JSON, VC-JWT or JWS, baked PNG or SVG, URL."""
    fetcher = build_fetcher(resolve_map, offline=offline)
    run = verify_inputs(inputs, fetcher=fetcher, clock=state.app.clock, recipient=recipient,
                        status_issuers=status_issuers)
    lang = state.lang
    if as_json:
        emit_json(run.to_dict(lang))
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
