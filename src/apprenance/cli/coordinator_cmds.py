"""``apprenance coordinator``: invite a coordinator (a single-use sign-in link scoped to one
territory), list the invitations, withdraw one (which ends the session it opened)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.i18n import LANGS, t
from apprenance.i18n.dates import date_text, short_date
from apprenance.services.mail.queue import mail_invitation
from apprenance.services.people import invitations
from apprenance.services.people.invitations import Invitation


def _doc(inv: Invitation) -> dict[str, Any]:
    return {"id": inv.id, "email": inv.email, "territory": inv.territory, "state": inv.state,
            "created_at": inv.created_at.isoformat(), "expires_at": inv.expires_at.isoformat(),
            "used_at": inv.used_at.isoformat() if inv.used_at else None,
            "lang": inv.lang}


@click.group("coordinator")
def coordinator_group() -> None:
    """Coordinators: invite (a sign-in link for one territory), list, withdraw."""


@coordinator_group.command("invite")
@click.argument("email")
@click.option("--territory", required=True, help="The territory the coordinator looks after.")
@click.option("--days", type=click.IntRange(1, 60), default=7, show_default=True,
              help="How long the link can be used (once).")
@click.option("--lang", "invite_lang", type=click.Choice(LANGS),
              help="The language of the coordinator's pages (else their browser's).")
@json_option
@pass_state
def invite_cmd(state: CliState, email: str, territory: str, days: int,
               invite_lang: str | None, as_json: bool) -> None:
    """Invite EMAIL to coordinate a territory: prints a single-use sign-in link."""
    app = state.app
    new = invitations.invite(app.ready_store(), email, territory, clock=app.clock,
                             invited_by="cli", lang=invite_lang, ttl=timedelta(days=days))
    url = f"{state.settings.public_url}/connexion/{new.token}"
    mailed = app.smtp() is not None and mail_invitation(
        app.store, new, public_url=state.settings.public_url, clock=app.clock)
    if as_json:
        emit_json({**_doc(new.invitation), "url": url, "mailed": mailed})
        return
    say(t("coordinator.invited", state.lang, email=new.invitation.email, territory=territory,
          date=date_text(new.invitation.expires_at.date(), state.lang)))
    say(url)
    if mailed:
        say(t("coordinator.mailed", state.lang, email=new.invitation.email))


@coordinator_group.command("list")
@click.option("--territory", help="Only the invitations of this territory.")
@json_option
@pass_state
def list_cmd(state: CliState, territory: str | None, as_json: bool) -> None:
    """The invitations, newest first, with their state (pending, used, expired, withdrawn)."""
    app = state.app
    found = invitations.invitations(app.ready_store(), clock=app.clock,
                                    territories=[territory] if territory else None)
    if as_json:
        emit_json({"invitations": [_doc(i) for i in found]})
        return
    if not found:
        say(t("coordinator.none", state.lang))
    for inv in found:
        say(f"{inv.id}\t{inv.email}\t{inv.territory}\t"
            f"{t('coordinator.state.' + inv.state, state.lang)}\t"
            f"{short_date(inv.created_at.date(), state.lang)}")


@coordinator_group.command("withdraw")
@click.argument("invitation", type=int)
@json_option
@pass_state
def withdraw_cmd(state: CliState, invitation: int, as_json: bool) -> None:
    """Withdraw an invitation: its link stops working and the session it opened ends."""
    app = state.app
    inv = invitations.withdraw(app.ready_store(), invitation, clock=app.clock)
    if as_json:
        emit_json(_doc(inv))
        return
    say(t("coordinator.withdrawn", state.lang, email=inv.email, territory=inv.territory))
