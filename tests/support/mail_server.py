"""A real SMTP server in the test process (aiosmtpd on 127.0.0.1, a free port): it keeps
every message it accepts, and answers a 4xx or 5xx on demand (``refuse_next``), as a busy or
a refusing server would.

    with smtp_server() as server:
        ... send to server.host, server.port ...
        [msg] = server.messages  # email.message.EmailMessage, with .envelope_from / .rcpt
"""

from __future__ import annotations

import base64
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    envelope_from: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class MailServer:
    host: str = "127.0.0.1"
    port: int = 0
    received: list[Received] = field(default_factory=list)
    _refusals: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def settings(self) -> dict[str, Any]:
        """The app's SMTP settings that send here (plain SMTP), with a sender and the VERP
        bounce address of a test site: for ``settings.model_copy(update=...)``."""
        return {"smtp_host": self.host, "smtp_port": self.port, "smtp_security": "none",
                "smtp_from": "Apprenance <badges@testserver.example>",
                "smtp_bounce_address": "bounces+{id}@testserver.example"}

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [r.message for r in self.received]

    def refuse_next(self, reply: str, times: int = 1) -> None:
        """Answer ``reply`` (e.g. "451 4.3.0 try later", "550 5.1.1 no such user") to the
        next ``times`` messages instead of taking them."""
        with self._lock:
            self._refusals.extend([reply] * times)

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.recipients]

    # the aiosmtpd handler
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            if self._refusals:
                return self._refusals.pop(0)
            parsed = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          parsed))
        return "250 2.0.0 OK: queued"


@contextmanager
def smtp_server() -> Iterator[MailServer]:
    """A running server (plain SMTP, no TLS, no login), stopped on exit."""
    with socket.socket() as probe:  # a free port (aiosmtpd's start-up check needs a real one)
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = MailServer(port=port)
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def as_a_mail_reader_shows_it(msg: EmailMessage) -> str:
    """The HTML part of ``msg``, its ``cid:`` images made data: URIs (as a mail reader
    shows it), for a browser to open with ``page.set_content``."""
    part = msg.get_body(preferencelist=("html",))
    assert part is not None, "the message has no HTML part"
    html = str(part.get_content())
    for item in msg.walk():
        if item.get("Content-ID"):
            data = base64.b64encode(item.get_payload(decode=True)).decode()
            html = html.replace(f"cid:{item['Content-ID'].strip('<>')}",
                                f"data:{item.get_content_type()};base64,{data}")
    return html
