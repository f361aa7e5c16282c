"""The ``apprenance`` program: global options, lazily loaded subcommands, and the one place
where errors become messages and exit codes (0 ok, 1 problem found, 2 bad usage or input)."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from apprenance import __version__
from apprenance.i18n import LANGS

# name -> "module:attribute"; modules are imported only when their command runs,
# so that `apprenance --help` stays fast.
COMMANDS: dict[str, str] = {
    "init": "apprenance.cli.store_cmds:init_cmd",
    "territory": "apprenance.cli.store_cmds:territory_cmd",
    "demo": "apprenance.cli.demo_cmd:demo_cmd",
    "serve": "apprenance.cli.serve_cmds:serve_cmd",
    "portfolio": "apprenance.cli.serve_cmds:portfolio_cmd",
    "token": "apprenance.cli.serve_cmds:token_group",
    "coordinator": "apprenance.cli.coordinator_cmds:coordinator_group",
    "frameworks": "apprenance.cli.catalog_cmds:frameworks_group",
    "verify": "apprenance.cli.verify_cmds:verify_cmd",
    "certificate": "apprenance.cli.certificate_cmds:certificate_cmd",
    "export": "apprenance.cli.certificate_cmds:export_group",
    "issuer": "apprenance.cli.issue_cmds:issuer_group",
    "issue": "apprenance.cli.issue_cmds:issue_cmd",
    "revoke": "apprenance.cli.issue_cmds:revoke_cmd",
    "clr": "apprenance.cli.issue_cmds:clr_cmd",
    "endorser": "apprenance.cli.endorser_cmds:endorser_group",
    "endorse": "apprenance.cli.endorser_cmds:endorse_cmd",
    "unbake": "apprenance.cli.issue_cmds:unbake_cmd",
    "evaluate": "apprenance.cli.evidence_cmds:evaluate_cmd",
    "awards": "apprenance.cli.evidence_cmds:awards_cmd",
    "progress": "apprenance.cli.evidence_cmds:progress_cmd",
    "evidence": "apprenance.cli.evidence_cmds:evidence_cmd",
    "explain": "apprenance.cli.evidence_cmds:explain_cmd",
    "ingest": "apprenance.cli.ingest_cmds:ingest_cmd",
    "rejects": "apprenance.cli.ingest_cmds:rejects_group",
    "unmapped": "apprenance.cli.ingest_cmds:unmapped_cmd",
    "assign": "apprenance.cli.ingest_cmds:assign_cmd",
    "learner": "apprenance.cli.learner_cmds:learner_group",
    "mail": "apprenance.cli.mail_cmds:mail_group",
}

COMMAND_HELP: dict[str, str] = {
    "init": "Create the store, or upgrade it to this version's schema.",
    "territory": "Load a territory description (territory.yaml): projects and learners.",
    "demo": "Run the whole product on the bundled example territory.",
    "serve": "Serve the HTTP API, hosted credentials and learner pages (uvicorn).",
    "portfolio": "Print a learner's portfolio URL: sign-in link (--link) or share link (--share).",
    "token": "API tokens (create) and OAuth 2.0 clients (client) for the HTTP API.",
    "coordinator": "Coordinators: invite (a single-use sign-in link for one territory), list, "
                   "withdraw.",
    "frameworks": "Skills frameworks: import (SKOS, ESCO CSV), validate, list, show, search.",
    "verify": "Verify credentials (OB 3.0, VC 1.1/2.0, VC-JWT, baked images), check by check.",
    "certificate": "Write PDF certificates (hours, competences, ECTS recommendation, QR code).",
    "export": "Exports for partners: credits (one row per learner) and Europass (ELM) "
              "credentials for universities.",
    "issuer": "Issuers and their keys: init (did:key or did:web), rotate, list.",
    "issue": "Issue awarded badges: OB 3.0 (JSON, VC-JWT, baked PNG/SVG) and OB 2.0, in --out.",
    "revoke": "Revoke an issued credential (status list bit, re-signed list, OB 2.0 list).",
    "clr": "A signed CLR 2.0 bundling a learner's credentials for a pathway.",
    "endorser": "Endorsers (a university, a partner territory) with their own keys: init, list.",
    "endorse": "Sign an endorser's endorsement of a badge or pathway (--withdraw to end it).",
    "unbake": "Print the credential baked into a PNG or SVG badge image.",
    "evaluate": "Evaluate badge and pathway rules and record new awards.",
    "awards": "List the awards: who earned which badge, when.",
    "progress": "What a learner has met and still misses for each badge.",
    "evidence": "A learner's evidence: hours per pillar, competence, function, project.",
    "explain": "Why an activity counts as it does, and which badges it fed.",
    "ingest": "Ingest activity logs (CSV, JSON Lines, xAPI); rejected rows are quarantined.",
    "rejects": "Rejected rows in quarantine: list, export (to correct and ingest again), "
               "dismiss.",
    "unmapped": "Activities whose type the mapping does not know, with a suggested type.",
    "assign": "Assign a known activity type to an unmapped activity (coordinators).",
    "learner": "A learner's personal data (GDPR): export as JSON, erase (credentials revoked).",
    "mail": "Mail: send the queue once (send) or keep sending (worker), status, bounces.",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMAND_HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="APPRENANCE_HOME",
    help="Home folder (store, keys, outputs). Env: APPRENANCE_HOME. Default: ./apprenance-data",
)
@click.option(
    "--db",
    "database_url",
    envvar="APPRENANCE_DATABASE_URL",
    help="Database URL, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test. "
    "Env: APPRENANCE_DATABASE_URL. Default: an SQLite file in the home folder.",
)
@click.option(
    "--catalog",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="APPRENANCE_CATALOG",
    help="Folder whose frameworks/, mappings/, badges/ replace the bundled ones. "
    "Env: APPRENANCE_CATALOG.",
)
@click.option(
    "--public-url",
    envvar="APPRENANCE_PUBLIC_URL",
    help="Public base URL of this instance (credential ids, status lists, did:web); nothing "
    "is signed for a loopback one. Env: APPRENANCE_PUBLIC_URL.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    envvar="APPRENANCE_LANG",
    help="Language of messages (default: from the locale, else French).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.version_option(__version__, prog_name="apprenance")
@click.pass_context
def cli(
    ctx: click.Context,
    home: Path | None,
    database_url: str | None,
    catalog: Path | None,
    public_url: str | None,
    lang: str | None,
    debug: bool,
) -> None:
    """apprenance — recognise what people learn by doing real projects in rural territories.

    Reconnaître ce que l'on apprend en menant des projets réels dans les territoires ruraux."""
    from apprenance.cli.context import CliState

    ctx.obj = CliState(
        overrides={
            "home": home,
            "database_url": database_url,
            "catalog": catalog,
            "public_url": public_url,
            "lang": lang,
            "debug": debug or None,
        }
    )
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the program and turn every error into a message and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="apprenance", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # the one place errors are mapped
        sys.exit(_report(exc, debug=debug, lang=_lang_from(args)))
    sys.exit(0)


def _report(exc: BaseException, *, debug: bool, lang: str) -> int:
    from apprenance.errors import ApprenanceError
    from apprenance.i18n import t

    if debug:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, ApprenanceError):
        click.echo(f"{t('error.prefix', lang)} [{exc.code}]{t('punct.colon', lang)}"
                   f"{exc.text(lang)}", err=True)
        return exc.exit_code
    click.echo(t("error.internal", lang, kind=exc.__class__.__name__), err=True)
    return 2


def _lang_from(args: list[str]) -> str:
    """The language of the error message: the one the commands speak (``--lang``, else
    ``APPRENANCE_LANG``, else the locale's), read again since the error may come first."""
    if "--lang" in args:
        i = args.index("--lang")
        if i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
    given = [a.split("=", 1)[1] for a in args if a.startswith("--lang=")]
    if given and given[0] in LANGS:
        return given[0]
    if os.environ.get("APPRENANCE_LANG") in LANGS:
        return str(os.environ["APPRENANCE_LANG"])
    from apprenance.config import default_lang

    return default_lang()


def run(argv: list[str]) -> Any:  # pragma: no cover - convenience for python -m
    return main(argv)
