"""``apprenance mail``: send the queued mail once (send), keep sending (worker), list the
queue (status), record delivery reports that came back (bounces FILE...)."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.db.mail_sql import MailJob
from apprenance.db.mail_tables import MAIL_STATUSES
from apprenance.errors import ConfigError, ProblemsFound
from apprenance.i18n import t
from apprenance.services.mail import bounces, queue, worker
from apprenance.services.mail.transport import SmtpConfig


def _config(state: CliState) -> SmtpConfig:
    config = state.app.smtp()
    if config is None:
        raise ConfigError(t("mail.cli.not_configured", state.lang))
    return config


def _doc(job: MailJob) -> dict[str, object]:
    return {"id": job.id, "kind": job.kind, "recipient": job.recipient, "lang": job.lang,
            "subject": job.subject, "territory": job.territory, "status": job.status,
            "attempts": job.attempts, "next_attempt_at": job.next_attempt_at.isoformat(),
            "last_error": job.last_error, "message_id": job.message_id,
            "created_at": job.created_at.isoformat(),
            "sent_at": job.sent_at.isoformat() if job.sent_at else None}


@click.group("mail")
def mail_group() -> None:
    """Mail: send the queue (send, worker), list it (status), record bounces."""


@mail_group.command("send")
@click.option("--limit", type=click.IntRange(1, 10**6), default=1000, show_default=True,
              help="At most this many mails.")
@json_option
@pass_state
def send_cmd(state: CliState, limit: int, as_json: bool) -> None:
    """Send the mail due now, once; what cannot be sent yet is tried again later."""
    app = state.app
    report = worker.send_due(app.ready_store(), _config(state),
                             public_url=state.settings.public_url, clock=app.clock,
                             limit=limit)
    if as_json:
        emit_json(report.to_dict())
        return
    say(t("mail.cli.sent", state.lang, sent=len(report.sent), retry=len(report.retried),
          failed=len(report.failed)))


@mail_group.command("worker")
@click.option("--interval", type=click.FloatRange(0.1, 3600), default=5.0, show_default=True,
              help="Seconds between two looks at the queue.")
@pass_state
def worker_cmd(state: CliState, interval: float) -> None:
    """Keep sending the queued mail until stopped (Ctrl+C)."""
    app = state.app
    config = _config(state)
    store = app.ready_store()
    say(t("mail.cli.worker", state.lang, seconds=interval))
    stop = threading.Event()
    try:
        worker.run(store, config, public_url=state.settings.public_url, clock=app.clock,
                   stop=stop, interval=interval)
    except KeyboardInterrupt:
        stop.set()


@mail_group.command("status")
@click.option("--territory", help="Only the mail of this territory.")
@click.option("--status", "wanted", type=click.Choice(MAIL_STATUSES),
              help="Only the mail in this state.")
@click.option("--limit", type=click.IntRange(1, 10**6), default=100, show_default=True)
@json_option
@pass_state
def status_cmd(state: CliState, territory: str | None, wanted: str | None, limit: int,
               as_json: bool) -> None:
    """The queue: failed and bounced first, then newest first; counts by state."""
    store = state.app.ready_store()
    jobs = queue.territory_mail(store, territory, status=wanted, limit=limit)
    counts = queue.counts(store, territory)
    if as_json:
        emit_json({"counts": counts, "smtp": state.app.smtp() is not None,
                   "jobs": [_doc(j) for j in jobs]})
        return
    if not jobs:
        say(t("mail.cli.empty", state.lang))
        return
    say("  ".join(f"{s}={counts.get(s, 0)}" for s in MAIL_STATUSES))
    for job in jobs:
        say(f"{job.id}\t{job.status}\t{job.attempts}\t{job.kind}\t{job.recipient}\t"
            f"{job.created_at:%Y-%m-%d %H:%M}\t{job.last_error or ''}")


@mail_group.command("bounces")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@json_option
@pass_state
def bounces_cmd(state: CliState, files: tuple[Path, ...], as_json: bool) -> None:
    """Read delivery reports (.eml files or mbox mailboxes) and mark their mail bounced."""
    app = state.app
    report = bounces.record_bounces(app.ready_store(), list(files), clock=app.clock)
    if as_json:
        emit_json(report.to_dict())
    else:
        for bad in report.unreadable:
            say(f"{bad['file']}: {bad['reason']}")
        say(t("mail.cli.bounces", state.lang, recorded=len(report.recorded),
              unmatched=len(report.unmatched)))
    if report.unreadable:
        raise ProblemsFound(f"{len(report.unreadable)} file(s) could not be read")
