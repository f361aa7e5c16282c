"""The SMTP client: send one message, and say whether a failure is worth retrying.

4xx replies, refused connections, timeouts and dropped connections are temporary
(``TemporaryFailure``: the job is tried again later); 5xx replies are permanent
(``PermanentFailure``: the job fails). The password is only handed to ``smtplib.login``;
it is never part of an error message or a log line."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Literal

Security = Literal["none", "starttls", "tls"]
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}


class DeliveryFailure(Exception):
    """The SMTP server did not take a message (``smtp_code``: its reply code, 0 without one).
    It never leaves the worker: it becomes the job's ``last_error``."""

    def __init__(self, message: str, smtp_code: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.smtp_code = smtp_code


class TemporaryFailure(DeliveryFailure):
    """Worth trying again later."""


class PermanentFailure(DeliveryFailure):
    """The server refused the message for good (5xx)."""


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how mail is sent (built from the settings by the entry points)."""

    host: str
    port: int | None = None
    username: str | None = None
    password: str | None = None
    security: Security = "starttls"
    sender: str = "noreply@localhost"  # the From: header
    reply_to: str | None = None
    bounce_address: str | None = None  # envelope sender; "{id}" becomes the job's id (VERP)
    timeout: float = 30.0
    max_attempts: int = 8

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    def envelope_sender(self, job_id: int) -> str:
        """The MAIL FROM address: the bounce address with the job's id, else From's address."""
        if self.bounce_address:
            return self.bounce_address.replace("{id}", str(job_id))
        return parseaddr(self.sender)[1] or self.sender

    def __repr__(self) -> str:  # the password never shows, even in a debug dump
        return (f"SmtpConfig(host={self.host!r}, port={self.effective_port}, "
                f"security={self.security!r}, username={self.username!r})")


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return f"{code} {' '.join(text.split())}"[:500]


def _failure(code: int, message: bytes | str) -> DeliveryFailure:
    kind = PermanentFailure if 500 <= code < 600 else TemporaryFailure
    return kind(_reply(code, message), code)


def send(config: SmtpConfig, message: EmailMessage, *, envelope_from: str,
         recipient: str) -> None:
    """Send ``message`` to ``recipient``; raises ``TemporaryFailure`` or ``PermanentFailure``."""
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP
        if config.security == "tls":
            client = smtplib.SMTP_SSL(config.host, config.effective_port,
                                      timeout=config.timeout, context=context)
        else:
            client = smtplib.SMTP(config.host, config.effective_port, timeout=config.timeout)
        with client:
            client.ehlo()
            if config.security == "starttls":
                if not client.has_extn("starttls"):
                    raise TemporaryFailure("the SMTP server does not offer STARTTLS "
                                           "(APPRENANCE_SMTP_SECURITY)")
                client.starttls(context=context)
                client.ehlo()
            if config.username:
                client.login(config.username, config.password or "")
            client.send_message(message, from_addr=envelope_from, to_addrs=[recipient])
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = next(iter(exc.recipients.values()), (550, b"recipient refused"))
        raise _failure(code, reply) from None
    except smtplib.SMTPAuthenticationError as exc:  # the settings' fault, not the message's
        raise TemporaryFailure(f"SMTP login refused: {_reply(exc.smtp_code, exc.smtp_error)}",
                               exc.smtp_code) from None
    except smtplib.SMTPResponseException as exc:
        raise _failure(exc.smtp_code, exc.smtp_error) from None
    except (smtplib.SMTPException, OSError) as exc:  # refused, timed out, dropped, TLS
        reason = str(exc) or exc.__class__.__name__
        raise TemporaryFailure(f"SMTP server {config.host}:{config.effective_port}: "
                               f"{reason}"[:500]) from None
