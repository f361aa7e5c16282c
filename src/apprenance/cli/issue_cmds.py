"""``issuer`` (init, rotate, list), ``issue``, ``revoke``, ``clr`` and ``unbake``."""

from __future__ import annotations

from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.cli.signing import (
    allow_local_option,
    check_url,
    keys_for,
    keys_for_writing,
    no_passphrase_option,
    warn_plain,
)
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.domain.catalog import Catalog
from apprenance.errors import ProblemsFound, UnreadableInput
from apprenance.i18n import t, t_plural


def _keys(state: CliState) -> KeyStore:
    return keys_for(state)


def _urls(state: CliState) -> HostedUrls:
    return state.app.urls


def _catalog(state: CliState) -> Catalog:
    return state.app.catalog()


def default_did_method(state: CliState) -> str:
    """did:web when APPRENANCE_PUBLIC_URL (or --public-url) is configured, else did:key."""
    return "web" if "public_url" in state.settings.model_fields_set else "key"


@click.group("issuer")
def issuer_group() -> None:
    """Issuers (a territory or the collective) and their signing keys."""


@issuer_group.command("init")
@click.option("--id", "slug", default="collectif", show_default=True,
              help="Issuer id (letters, digits, . _ -).")
@click.option("--name", required=True, help="Name shown in the credentials.")
@click.option("--url", help="The issuer's web site.")
@click.option("--email", help="Contact address shown in the credentials; Open Badges 2.0 "
              "requires it (without it, only Open Badges 3.0 are issued).")
@click.option("--image", help="Logo: an https URL, or a data: URI of a PNG or SVG image (shown "
              "in the credentials; checked, scripts and external references refused).")
@click.option("--description", help="One sentence about the issuer.")
@click.option("--territory", help="The territory this issuer signs for.")
@click.option("--country", default="FR", show_default=True,
              help="The issuer's country, ISO 3166-1 alpha-2 (shown in the credentials).")
@click.option("--did", "did_method", type=click.Choice(["key", "web"]),
              help="Identifier method (default: web when APPRENANCE_PUBLIC_URL is set, else key).")
@no_passphrase_option
@json_option
@pass_state
def issuer_init_cmd(state: CliState, slug: str, name: str, url: str | None, email: str | None,
                    image: str | None, description: str | None, territory: str | None,
                    country: str, did_method: str | None, no_passphrase: bool,
                    as_json: bool) -> None:
    """Create an issuer profile and its first Ed25519 key (private file mode 0600, encrypted
    with APPRENANCE_KEY_PASSPHRASE or a passphrase asked on the terminal)."""
    from apprenance.services.issuing.issuers import init_issuer

    store = state.app.ready_store()
    keys = keys_for_writing(state, no_passphrase=no_passphrase)
    info = init_issuer(
        store, keys, slug=slug, name=name, urls=_urls(state),
        clock=state.app.clock, did_method=did_method or default_did_method(state), url=url,
        email=email, image=image, description=description, territory=territory,
        country=country)
    warn_plain(state, keys, info.id)
    if not email:
        click.echo(t("issuer.no_email", state.lang, id=info.id), err=True)
    if as_json:
        emit_json(info.to_dict())
        return
    say(t("issuer.created", state.lang, id=info.id, did=info.did))


@issuer_group.command("rotate")
@click.argument("slug", default="collectif")
@no_passphrase_option
@json_option
@pass_state
def issuer_rotate_cmd(state: CliState, slug: str, no_passphrase: bool, as_json: bool) -> None:
    """Add a new current key; earlier credentials keep verifying with the old ones."""
    from apprenance.services.issuing.issuers import rotate_issuer

    store = state.app.ready_store()
    keys = keys_for_writing(state, no_passphrase=no_passphrase)
    info = rotate_issuer(store, keys, slug, urls=_urls(state), clock=state.app.clock)
    warn_plain(state, keys, info.id)
    if as_json:
        emit_json(info.to_dict())
        return
    say(t("issuer.rotated", state.lang, id=info.id, did=info.did, keys=len(info.keys)))


@issuer_group.command("list")
@json_option
@pass_state
def issuer_list_cmd(state: CliState, as_json: bool) -> None:
    """List the issuers, their DIDs and public keys."""
    from apprenance.services.issuing.issuers import list_issuers

    found = list_issuers(state.app.ready_store(), _keys(state))
    if as_json:
        emit_json([i.to_dict() for i in found])
        return
    if not found:
        say(t("issuer.none", state.lang))
    for info in found:
        say(f"  {info.id:<20} {info.did}  ({len(info.keys)} key(s), {info.territory or '-'})")


@click.command("issue")
@click.option("--learner", help="Only this learner's awards.")
@click.option("--badge", help="Only this badge's awards.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder receiving the files (one folder per learner, public/ to host).")
@click.option("--chunk", type=click.IntRange(min=1), default=50, show_default=True,
              help="Awards issued and recorded per transaction (what concurrent runs claim at "
              "a time; what an interrupted run issues again).")
@allow_local_option
@json_option
@pass_state
def issue_cmd(state: CliState, learner: str | None, badge: str | None, out: Path, chunk: int,
              allow_local: bool, as_json: bool) -> None:
    """Issue every award not yet issued: OB 3.0 (JSON, VC-JWT, baked PNG/SVG) and OB 2.0.

    Several runs may work at once on one store and one --out folder: each award is issued
    once (docs/operations.md)."""
    from apprenance.services.issuing.issue import issue

    check_url(state, allow_local)
    report = issue(state.app.ready_store(), _catalog(state), _keys(state), urls=_urls(state),
                   clock=state.app.clock, out=out, participant=learner, badge=badge,
                   chunk=chunk)
    for issuer in report.without_ob2:  # once per issuer, on stderr: --json keeps one document
        click.echo(t("issue.no_ob2", state.lang, issuer=issuer), err=True)
    if as_json:
        emit_json(report.to_dict())
    else:
        for item in report.issued:
            say(f"  ✓ {item.learner:<40} {item.badge:<28} {item.credential_id}")
        for problem in report.problems:
            say(f"  ✗ {problem['learner']:<40} {problem['badge']:<28} {problem['message']}")
        say(t("issue.done", state.lang, count=len(report.issued), out=out))
        if report.held:
            say(t_plural("issue.held", state.lang, report.held, n=report.held))
    if report.problems:
        raise ProblemsFound(t("issue.problems", state.lang, count=len(report.problems)))


@click.command("revoke")
@click.argument("credential_id")
@click.option("--reason", required=True, help="Why (shown in the OB 2.0 revocation list).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the re-signed status list and revocation list into.")
@allow_local_option
@json_option
@pass_state
def revoke_cmd(state: CliState, credential_id: str, reason: str, out: Path | None,
               allow_local: bool, as_json: bool) -> None:
    """Revoke an issued credential: set its status bit and re-sign the status list."""
    from apprenance.services.issuing.revocation import revoke

    check_url(state, allow_local)
    done = revoke(state.app.ready_store(), _keys(state), credential_id, reason=reason,
                  urls=_urls(state), clock=state.app.clock, out=out)
    if as_json:
        emit_json(done.to_dict())
        return
    say(t("revoke.done", state.lang, id=done.credential, index=done.status_index,
          list=done.status_list or "-"))


@click.command("clr")
@click.argument("learner")
@click.option("--pathway", help="The pathway (default: every pathway the learner earned).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="File receiving the signed ClrCredential (JSON).")
@allow_local_option
@json_option
@pass_state
def clr_cmd(state: CliState, learner: str, pathway: str | None, out_file: Path,
            allow_local: bool, as_json: bool) -> None:
    """A signed CLR 2.0 bundling the learner's credentials for a pathway."""
    from apprenance.services.issuing.clr_records import build_clr
    from apprenance.services.privacy.written_files import record_written

    check_url(state, allow_local)
    store = state.app.ready_store()
    record = build_clr(store, _catalog(state), _keys(state), learner,
                       pathway=pathway, urls=_urls(state), clock=state.app.clock, out=out_file)
    record_written(store, [learner], out_file, "clr", clock=state.app.clock)
    if as_json:
        emit_json(record.to_dict())
        return
    say(t("clr.done", state.lang, id=record.credential_id, count=record.credentials,
          out=out_file))


@click.command("unbake")
@click.argument("image", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_state
def unbake_cmd(state: CliState, image: Path, as_json: bool) -> None:
    """Print the credential baked into a PNG or SVG badge image."""
    import json

    from apprenance.credentials.images.unbake import unbake

    try:
        data = image.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"cannot read {image}: {exc.strerror or exc}") from None
    baked = unbake(data)
    if baked is None:
        raise UnreadableInput(f"{image} is not a PNG or SVG image")
    if as_json:
        try:
            credential: object = json.loads(baked.text)
        except ValueError:
            credential = baked.text
        emit_json({"version": baked.version, "container": baked.container,
                   "credential": credential})
        return
    say(baked.text)
