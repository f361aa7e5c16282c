"""``endorser`` (init, list) and ``endorse``: third parties who endorse a badge or a pathway
with their own key (``services.issuing.endorsers``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.cli.signing import (
    ENDORSER_KEYS,
    allow_local_option,
    check_url,
    keys_for,
    keys_for_writing,
    no_passphrase_option,
)
from apprenance.errors import InputError
from apprenance.i18n import t


@click.group("endorser")
def endorser_group() -> None:
    """Endorsers: a university or a partner territory that endorses badges with its own key."""


@endorser_group.command("init")
@click.argument("slug", metavar="ID")
@click.option("--name", required=True, help="The endorser's name, shown in its endorsements.")
@click.option("--url", help="The endorser's web site.")
@click.option("--email", help="A contact address shown in its profile.")
@click.option("--country", help="Its country: ISO 3166 two-letter code (FR, IT ...).")
@click.option("--public-key", "public_key", metavar="FILE|z6Mk...",
              help="The endorser keeps its own private key: register its public key only (a "
              "PEM file from `openssl pkey -pubout`, or its Multikey); then it signs with "
              "`apprenance endorse ... --key FILE`.")
@no_passphrase_option
@json_option
@pass_state
def endorser_init_cmd(state: CliState, slug: str, name: str, url: str | None,
                      email: str | None, country: str | None, public_key: str | None,
                      no_passphrase: bool, as_json: bool) -> None:
    """Register an endorser with its own Ed25519 key pair and did:key (private key file mode
    0600, encrypted with APPRENANCE_KEY_PASSPHRASE or a passphrase asked on the terminal)."""
    from apprenance.credentials.trust.key_files import read_public_key
    from apprenance.services.issuing.endorsers import init_endorser

    store = state.app.ready_store()
    multibase = read_public_key(public_key) if public_key is not None else None
    keys = keys_for(state, ENDORSER_KEYS) if multibase is not None else \
        keys_for_writing(state, no_passphrase=no_passphrase, folder=ENDORSER_KEYS)
    info = init_endorser(store, keys, slug=slug, name=name, urls=state.app.urls,
                         clock=state.app.clock, url=url, email=email, country=country,
                         public_key=multibase)
    if multibase is None and not keys.encrypts:
        click.echo(t("endorser.unencrypted", state.lang, id=info.id,
                     folder=keys.folder / info.id), err=True)
    if as_json:
        emit_json(info.to_dict())
        return
    key = "endorser.created" if multibase is None else "endorser.created_external"
    say(t(key, state.lang, id=info.id, did=info.did, profile=info.profile_url))


@endorser_group.command("list")
@json_option
@pass_state
def endorser_list_cmd(state: CliState, as_json: bool) -> None:
    """The endorsers, their DIDs, and their endorsements (withdrawn ones marked)."""
    from apprenance.services.issuing.endorsers import endorsements, list_endorsers

    store = state.app.ready_store()
    found = list_endorsers(store, state.app.urls)
    made = endorsements(store)
    if as_json:
        emit_json({"endorsers": [e.to_dict() for e in found], "endorsements": made})
        return
    lang = state.lang
    if not found:
        say(t("endorser.none", lang))
    for e in found:
        held = t(f"endorser.key.{e.key_held}", lang)
        say(f"{e.id}  {e.name}  {e.did}  ({held})")
        for m in (m for m in made if m["endorser"] == e.id):
            state_ = t("endorser.withdrawn", lang, at=m["withdrawn_at"][:10]) \
                if m["withdrawn_at"] else t("endorser.active", lang)
            say(f"    {m['badge']}  {m['created_at'][:10]}  {state_}")


def _ask_key_passphrase(lang: str) -> str | None:
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    return str(click.prompt(t("endorser.key_prompt", lang), hide_input=True, err=True))


@click.command("endorse")
@click.argument("badge", metavar="BADGE|PATHWAY")
@click.option("--as", "endorser", required=True, metavar="ENDORSER",
              help="The endorser who signs (see `apprenance endorser list`).")
@click.option("--comment", help="What the endorser says about it (signed as written).")
@click.option("--key", "key_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Sign with this private key file (PEM, Ed25519) that the endorser keeps: "
              "read for this signature, never stored.")
@click.option("--withdraw", is_flag=True,
              help="Withdraw the endorsement: credentials issued after no longer carry it.")
@click.option("--reason", help="Why it is withdrawn (with --withdraw).")
@allow_local_option
@json_option
@pass_state
def endorse_cmd(state: CliState, badge: str, endorser: str, comment: str | None,
                key_file: Path | None, withdraw: bool, reason: str | None, allow_local: bool,
                as_json: bool) -> None:
    """Sign ENDORSER's Open Badges 3.0 EndorsementCredential of a badge or pathway (its hosted
    achievement, in every language), attached to every credential issued after."""
    from apprenance.services.issuing import endorsers

    lang = state.lang
    store = state.app.ready_store()
    if withdraw:
        if comment is not None or key_file is not None:
            raise InputError(t("endorser.withdraw_alone", lang))
        count = endorsers.withdraw(store, endorser=endorser, badge=badge,
                                   clock=state.app.clock, reason=reason)
        if as_json:
            emit_json({"endorser": endorser, "badge": badge, "withdrawn": count})
            return
        say(t("endorser.withdrawn_done", lang, endorser=endorser, badge=badge))
        return
    check_url(state, allow_local)  # the achievement it names must be reachable elsewhere
    key = None
    if key_file is not None:
        from apprenance.credentials.trust.key_files import read_private_key

        # the endorser's passphrase, asked on a terminal (never the instance's)
        key = read_private_key(key_file, ask=lambda: _ask_key_passphrase(lang) or "")
    done = endorsers.endorse(store, keys_for(state, ENDORSER_KEYS), state.app.catalog(),
                             endorser=endorser, badge=badge, urls=state.app.urls,
                             clock=state.app.clock, comment=comment, key=key)
    if as_json:
        emit_json(done.to_dict())
        return
    say(t("endorser.unchanged" if done.unchanged else "endorser.endorsed", lang,
          endorser=endorser, badge=badge, count=len(done.ids)))
