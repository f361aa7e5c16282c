"""Delivery reports that come back (RFC 3464 ``multipart/report; report-type=delivery-status``),
read from .eml files or mbox mailboxes: each "failed" recipient marks its job bounced, with the
status and diagnostic as the reason.

A report finds its job by the Message-ID of ours it quotes (the returned headers or message),
else by the job number the envelope sender carried back (VERP, ``bounces+{id}@...``: the
report is addressed to it). Reports that are no DSN, "delayed" ones, and those naming no job of
ours are counted as unmatched; a file that cannot be read is named, with why."""

from __future__ import annotations

import mailbox
import re
from dataclasses import dataclass, field
from email import message_from_bytes, message_from_string, policy
from email.message import Message
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db import mail_sql as sql
from apprenance.db.store import Store
from apprenance.services.mail.message import job_id_in

VERP = re.compile(r"\+(\d+)@")
MAX_FILE = 20 * 1024 * 1024


@dataclass(frozen=True)
class Bounce:
    source: str
    recipient: str | None
    reason: str
    message_id: str | None
    verp_id: int | None


@dataclass
class BounceReport:
    recorded: list[dict[str, Any]] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"recorded": self.recorded, "unmatched": self.unmatched,
                "unreadable": self.unreadable}


def _address(value: str | None) -> str | None:
    if not value:
        return None
    kind, _, address = value.partition(";")
    return (address if address else kind).strip().strip("<>").lower() or None


def _original_message_id(report: Message) -> str | None:
    for part in report.walk():
        kind = part.get_content_type()
        if kind == "text/rfc822-headers":
            payload = part.get_payload(decode=True)
            text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) \
                else str(part.get_payload())
            found = message_from_string(text).get("Message-ID")
            if found:
                return str(found).strip()
        elif kind == "message/rfc822":
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(first, Message) and first.get("Message-ID"):
                return str(first["Message-ID"]).strip()
    return None


def _verp(report: Message) -> int | None:
    for header in ("X-Original-To", "Delivered-To", "To", "Envelope-To"):
        for value in report.get_all(header) or []:
            found = VERP.search(str(value))
            if found:
                return int(found.group(1))
    return None


def bounces_in(report: Message, source: str) -> list[Bounce]:
    """The failed recipients a delivery report names (none if it is not a DSN)."""
    if report.get_content_type() != "multipart/report":
        return []
    status_part = next((p for p in report.walk()
                        if p.get_content_type() == "message/delivery-status"), None)
    if status_part is None:
        return []
    blocks = status_part.get_payload()
    if not isinstance(blocks, list):
        return []
    original, verp = _original_message_id(report), _verp(report)
    found = []
    for block in blocks[1:]:  # the first block is about the message, then one per recipient
        if not isinstance(block, Message):
            continue
        if str(block.get("Action", "")).strip().lower() != "failed":
            continue
        status = str(block.get("Status", "")).strip()
        diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
        reason = f"{status} {diagnostic}".strip() or "failed"
        recipient = _address(block.get("Original-Recipient")) or \
            _address(block.get("Final-Recipient"))
        found.append(Bounce(source, recipient, reason[:500], original, verp))
    return found


def read_reports(path: Path) -> list[Message]:
    """The messages of an .eml file, or of an mbox mailbox (a file starting with "From ")."""
    if path.stat().st_size > MAX_FILE:
        raise ValueError(f"larger than {MAX_FILE // (1024 * 1024)} MB")
    head = path.read_bytes()[:5]
    if head.startswith(b"From "):
        box = mailbox.mbox(path, factory=None, create=False)
        try:
            return [message_from_bytes(m.as_bytes(), policy=policy.compat32) for m in box]
        finally:
            box.close()
    return [message_from_bytes(path.read_bytes(), policy=policy.compat32)]


def _job_for(conn: Any, bounce: Bounce) -> sql.MailJob | None:
    if bounce.message_id:
        job = sql.job_by_message_id(conn, bounce.message_id)
        if job is None and (number := job_id_in(bounce.message_id)) is not None:
            job = sql.job_by_id(conn, number)
            if job is not None and job.message_id not in (None, bounce.message_id):
                job = None
        if job is not None:
            return job
    if bounce.verp_id is not None:
        job = sql.job_by_id(conn, bounce.verp_id)
        if job is not None and (bounce.recipient is None or job.recipient == bounce.recipient):
            return job
    return None


def record_bounces(store: Store, paths: list[Path], *, clock: Clock) -> BounceReport:
    """Read the reports in ``paths`` and mark their jobs bounced (running it again on the
    same files changes nothing more)."""
    report = BounceReport()
    for path in paths:
        try:
            messages = read_reports(path)
        except (OSError, ValueError) as exc:
            report.unreadable.append({"file": str(path), "reason": str(exc)})
            continue
        for index, msg in enumerate(messages, start=1):
            source = f"{path}#{index}" if len(messages) > 1 else str(path)
            found = bounces_in(msg, source)
            if not found:
                report.unmatched.append({"source": source, "reason": "not a delivery failure"})
            for bounce in found:
                with store.transaction() as conn:
                    job = _job_for(conn, bounce)
                    done = job is not None and sql.mark_bounced(conn, job.id, clock(),
                                                                bounce.reason)
                if job is None or not done:
                    report.unmatched.append({"source": source, "recipient": bounce.recipient,
                                             "reason": "no sent mail of ours matches"})
                    continue
                report.recorded.append({"source": source, "job": job.id,
                                        "recipient": job.recipient, "reason": bounce.reason})
    return report
