"""The MIME message of a queued job: multipart/alternative (plain text, then HTML with the
badge image inline as ``cid:badge``), a Message-ID naming the job (a delivery report that
quotes it finds its job), and ``Auto-Submitted`` (no vacation replies)."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from apprenance.db.mail_sql import MailJob
from apprenance.services.mail.content import IMAGE_CID, with_link
from apprenance.services.mail.transport import SmtpConfig

MESSAGE_ID = re.compile(r"<apprenance\.(\d+)\.[0-9a-f]{12}@[^>]+>")


def message_id(job: MailJob, config: SmtpConfig) -> str:
    """``<apprenance.ID.HASH@domain>``: stable for a job (its retries share it)."""
    domain = parseaddr(config.sender)[1].rpartition("@")[2] or "localhost"
    mark = hashlib.sha256(job.dedupe_key.encode("utf-8")).hexdigest()[:12]
    return f"<apprenance.{job.id}.{mark}@{domain}>"


def job_id_in(message_id_text: str) -> int | None:
    """The job a Message-ID of ours names, or None."""
    found = MESSAGE_ID.search(message_id_text or "")
    return int(found.group(1)) if found else None


def build(job: MailJob, config: SmtpConfig, *, link: str | None, now: datetime) -> EmailMessage:
    """The message to send for ``job`` (``link``: the link its bodies name, if any)."""
    text, html = (with_link(job.text_body, job.html_body, link) if link is not None
                  else (job.text_body, job.html_body))
    msg = EmailMessage()
    msg["From"] = config.sender
    msg["To"] = job.recipient
    if config.reply_to:
        msg["Reply-To"] = config.reply_to
    msg["Subject"] = job.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id(job, config)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    if job.image:
        parts = msg.get_payload()
        assert isinstance(parts, list)
        html_part = parts[1]
        assert isinstance(html_part, EmailMessage)
        html_part.add_related(job.image, maintype="image", subtype="png",
                              cid=f"<{IMAGE_CID}>", filename="badge.png",
                              disposition="inline")
    msg["Content-Language"] = job.lang  # after the parts: set_content drops Content-*
    return msg
