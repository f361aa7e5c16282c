"""``apprenance mail`` in-process, with a real SMTP server: badges issued through the API are
queued, ``mail send`` refuses clearly without SMTP settings and sends with them, ``mail
status`` lists the queue, ``mail bounces`` reads an mbox of delivery reports (the VERP
envelope finds the job) and names a file it cannot read, ``coordinator invite`` mails the
invitation, and the SMTP password never shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXED_NOW
from mail_server import MailServer, smtp_server
from web_world import LEA, World, build_world

SECRET = "hunter2-not-to-be-seen"


@pytest.fixture
def server() -> Iterator[MailServer]:
    with smtp_server() as running:
        yield running


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())
    monkeypatch.setenv("APPRENANCE_PUBLIC_URL", "http://testserver")
    for name in ("HOST", "PORT", "USERNAME", "PASSWORD", "SECURITY", "BOUNCE_ADDRESS"):
        monkeypatch.delenv(f"APPRENANCE_SMTP_{name}", raising=False)
    found = build_world(tmp_path)
    issued = found.client.post("/api/v1/credentials/issue", headers=found.headers("admin"),
                               json={})
    assert issued.status_code == 200, issued.text
    return found


def _smtp(monkeypatch: pytest.MonkeyPatch, server: MailServer) -> None:
    monkeypatch.setenv("APPRENANCE_SMTP_HOST", server.host)
    monkeypatch.setenv("APPRENANCE_SMTP_PORT", str(server.port))
    monkeypatch.setenv("APPRENANCE_SMTP_SECURITY", "none")
    monkeypatch.setenv("APPRENANCE_SMTP_BOUNCE_ADDRESS", "bounces+{id}@testserver.example")


def _dsn(to: str, recipient: str) -> str:
    return (
        "From MAILER-DAEMON Thu Sep 15 10:00:00 2026\n"
        "From: MAILER-DAEMON@mx.example.org\n"
        f"To: {to}\n"
        "Subject: Delivery Status Notification (Failure)\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\n'
        "\n--R\nContent-Type: text/plain\n\nThe mail was not delivered.\n"
        "--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
        f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.2.2\n"
        "Diagnostic-Code: smtp; 552 5.2.2 mailbox full\n\n--R--\n\n")


def test_send_status_bounces_and_invite(world: World, server: MailServer,
                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                        cli: Callable[..., Any]) -> None:
    home = world.app.home
    refused = cli("--home", home, "mail", "send")
    assert refused.code == 2 and "APPRENANCE_SMTP_HOST" in refused.err
    assert "Traceback" not in refused.err
    waiting = cli("--home", home, "mail", "status", "--json").json()
    queued = waiting["counts"]["queued"]
    assert queued >= 2 and waiting["smtp"] is False
    assert {j["kind"] for j in waiting["jobs"]} == {"badge-issued"}

    _smtp(monkeypatch, server)
    sent = cli("--home", home, "mail", "send", "--json")
    assert sent.code == 0 and sent.json()["sent"] == queued
    assert len(server.messages) == queued and server.to(LEA)
    status = cli("--home", home, "mail", "status", "--json").json()
    assert status["counts"] == {"sent": queued}
    lea_job = next(j for j in status["jobs"] if j["recipient"] == LEA)

    box = tmp_path / "bounces.mbox"
    box.write_text(_dsn(f"bounces+{lea_job['id']}@testserver.example", LEA)
                   + _dsn("postmaster@testserver.example", "someone@else.example"),
                   encoding="utf-8")
    read = cli("--home", home, "mail", "bounces", box, "--json")
    assert read.code == 0
    report = read.json()
    assert [r["job"] for r in report["recorded"]] == [lea_job["id"]]
    assert report["recorded"][0]["reason"] == "5.2.2 smtp; 552 5.2.2 mailbox full"
    assert len(report["unmatched"]) == 1
    after = cli("--home", home, "mail", "status", "--status", "bounced", "--json").json()
    assert [j["id"] for j in after["jobs"]] == [lea_job["id"]]
    missing = cli("--home", home, "mail", "bounces", tmp_path / "nope.eml")
    assert missing.code == 1 and "nope.eml" in missing.out

    invited = cli("--home", home, "coordinator", "invite", "new.coord@example.org",
                  "--territory", "val-de-serre", "--json")
    assert invited.code == 0 and invited.json()["mailed"] is True
    cli("--home", home, "mail", "send")
    [mail] = server.to("new.coord@example.org")
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and invited.json()["url"] in str(body.get_content())


def test_the_smtp_password_never_shows(world: World, server: MailServer,
                                       monkeypatch: pytest.MonkeyPatch,
                                       cli: Callable[..., Any]) -> None:
    _smtp(monkeypatch, server)
    monkeypatch.setenv("APPRENANCE_SMTP_USERNAME", "apprenance")
    monkeypatch.setenv("APPRENANCE_SMTP_PASSWORD", SECRET)
    home = world.app.home
    sent = cli("--home", home, "--debug", "mail", "send", "--json")
    assert sent.code == 0 and sent.json()["retried"] >= 2  # this server offers no login
    status = cli("--home", home, "mail", "status", "--json")
    assert "AUTH" in status.out
    for out in (sent, status):
        assert SECRET not in out.out and SECRET not in out.err
    assert not server.messages
