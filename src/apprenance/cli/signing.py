"""What the signing commands share: the public URL rule (``--allow-local-url``) and the
issuer keys (their passphrase: ``APPRENANCE_KEY_PASSPHRASE``, else asked on a terminal)."""

from __future__ import annotations

import sys

import click

from apprenance.cli.context import CliState
from apprenance.credentials.trust.keys import KeyStore
from apprenance.errors import ConfigError
from apprenance.i18n import t
from apprenance.public_url import check_signing_url

allow_local_option = click.option(
    "--allow-local-url", "allow_local", is_flag=True,
    help="Sign even though the public URL is loopback (local trials: such credentials verify "
    "nowhere else). Env: APPRENANCE_ALLOW_LOCAL_URL=1.")


def check_url(state: CliState, allow_local: bool) -> None:
    """Refuse to sign for a loopback public URL (``LocalPublicUrl``) unless allowed."""
    check_signing_url(state.settings, allow_local=allow_local, lang=state.lang)


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


ENDORSER_KEYS = "endorser-keys"  # the endorsers' key pairs, beside the issuers' ``keys``


def _role(folder: str) -> str:
    return "endorser" if folder == ENDORSER_KEYS else "issuer"


def keys_for(state: CliState, folder: str = "keys") -> KeyStore:
    """The issuer keys (or, ``folder``, the endorsers'), with ``APPRENANCE_KEY_PASSPHRASE``;
    without it, on a terminal, the passphrase is asked (once) when an encrypted key must be
    opened."""
    secret = state.settings.key_passphrase
    lang = state.lang

    def ask() -> str:
        return str(click.prompt(t("key.prompt", lang), hide_input=True, err=True))

    return KeyStore(state.app.home / folder, secret.get_secret_value() if secret else None,
                    ask=ask if secret is None and _on_terminal() else None, role=_role(folder))


no_passphrase_option = click.option(
    "--no-passphrase", is_flag=True,
    help="Write the private key unencrypted (a demo, a test): anyone who reads the file can "
    "sign as the issuer. Default: encrypted with APPRENANCE_KEY_PASSPHRASE, else asked.")


def keys_for_writing(state: CliState, *, no_passphrase: bool,
                     folder: str = "keys") -> KeyStore:
    """The keys a new private key is written with: encrypted with APPRENANCE_KEY_PASSPHRASE,
    else with a passphrase asked twice on a terminal; unencrypted only with --no-passphrase
    (then ``warn_plain``); refused otherwise (``ConfigError``)."""
    secret = state.settings.key_passphrase
    where = state.app.home / folder
    if secret is not None and secret.get_secret_value():
        return KeyStore(where, secret.get_secret_value(), role=_role(folder))
    lang = state.lang
    if no_passphrase:
        # the caller warns once the key is written (``warn_plain``)
        return KeyStore(where, role=_role(folder))
    if not _on_terminal():
        raise ConfigError(t("key.passphrase_required", lang))
    value = str(click.prompt(t("key.prompt.new", lang), hide_input=True, err=True,
                             confirmation_prompt=t("key.prompt.again", lang)))
    if not value.strip():
        raise ConfigError(t("key.passphrase_required", lang))
    return KeyStore(where, value, role=_role(folder))


def warn_plain(state: CliState, keys: KeyStore, slug: str) -> None:
    """The warning, on stderr, that ``slug``'s new private key was written unencrypted."""
    if not keys.encrypts:
        click.echo(t("key.unencrypted", state.lang, id=slug, folder=keys.folder / slug),
                   err=True)
