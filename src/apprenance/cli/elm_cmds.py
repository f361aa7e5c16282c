"""``export elm``: a learner's pathway as a Europass credential (ELM 3, JSON-LD)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.cli.signing import allow_local_option, check_url, keys_for
from apprenance.i18n import LANGS, t


@click.command("elm", help="Export the Europass credential (ELM 3, EuropeanDigitalCredential) "
               "of a pathway earned by LEARNER. / Exporter l'attestation Europass (ELM 3) d'un "
               "parcours obtenu par LEARNER.")
@click.argument("learner")
@click.option("--pathway", help="The pathway (default: the one earned last).")
@click.option("--sign", "signed", is_flag=True,
              help="Add the issuer's Data Integrity proof (eddsa-rdfc-2022). Europass wants "
              "the institution's eIDAS seal instead: see docs/universities.md.")
@click.option("--legal-id", help="The eIDAS organisation identifier of the issuer (e.g. "
              "NTRFR-123456789 for a SIREN); default: its DID.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.option("--uploadable", is_flag=True,
              help="Write {\"credential\": ...}, the form the EDC tools take in for sealing "
              "(the EC's \"unsigned-uploadable\" samples).")
@click.option("--lang", "doc_lang", type=click.Choice(LANGS),
              help="Language of the texts without a translation (default: the learner's).")
@allow_local_option
@json_option
@pass_state
def elm_cmd(state: CliState, learner: str, pathway: str | None, signed: bool,
            legal_id: str | None, out: Path | None, uploadable: bool, doc_lang: str | None,
            allow_local: bool, as_json: bool) -> None:
    from apprenance.services.issuing.elm_export import build_elm
    from apprenance.services.privacy.written_files import record_written

    if signed:
        check_url(state, allow_local)
    store = state.app.ready_store()
    export = build_elm(store, state.app.catalog(), keys_for(state), learner, pathway=pathway,
                       clock=state.app.clock, lang=doc_lang, signed=signed, legal_id=legal_id,
                       out=out, message_lang=state.lang, uploadable=uploadable)
    if out is not None:
        record_written(store, [learner], out, "elm", clock=state.app.clock, shared=True)
    if as_json:
        emit_json(export.to_dict())
        return
    if out is None:
        body = {"credential": export.document} if uploadable else export.document
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        return
    how = (t("elm.signed", state.lang, issuer=export.issuer) if export.signed
           else t("elm.unsigned", state.lang))
    say(t("elm.written", state.lang, learner=export.learner, title=export.title, path=out,
          signed=how))
