"""What the signing commands share: the public URL rule (``--allow-local-url``)."""

from __future__ import annotations

import click

from apprenance.cli.context import CliState
from apprenance.public_url import check_signing_url

allow_local_option = click.option(
    "--allow-local-url", "allow_local", is_flag=True,
    help="Sign even though the public URL is loopback (local trials: such credentials verify "
    "nowhere else). Env: APPRENANCE_ALLOW_LOCAL_URL=1.")


def check_url(state: CliState, allow_local: bool) -> None:
    """Refuse to sign for a loopback public URL (``LocalPublicUrl``) unless allowed."""
    check_signing_url(state.settings, allow_local=allow_local, lang=state.lang)

