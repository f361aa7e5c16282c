"""The mail's parts without a store or a server: what a mail says is escaped in its HTML and
names no remote image, links are put in escaped, the MIME structure, backoff, the SMTP
settings never show the password, the VERP sender, delivery reports read (failed, not
delayed), and ``?suite=`` kept to this site's paths."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy

import pytest

from apprenance.db.mail_sql import MailJob
from apprenance.services.mail import content, message
from apprenance.services.mail.bounces import bounces_in
from apprenance.services.mail.transport import SmtpConfig
from apprenance.services.mail.worker import MAX_DELAY, backoff
from apprenance.web.pages import local_path

NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
EVIL = '<script>alert("x")</script>'


def _job(said: content.Content, image: bytes | None = b"\x89PNG\r\n\x1a\nfake",
         lang: str = "en") -> MailJob:
    return MailJob(
        id=42, kind="badge-issued", recipient="ana@x.org", lang=lang, subject=said.subject,
        text_body=said.text, html_body=said.html, image=image, territory="t", learner_id=1,
        dedupe_key="badge-issued:urn:uuid:1", link_kind="sign-in", link_next="/credentials/1",
        link_token=None, link_days=7, status="sending", attempts=1, next_attempt_at=NOW,
        lease_until=NOW, last_error=None, message_id=None, created_at=NOW, updated_at=NOW,
        sent_at=None)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_value_is_escaped_and_no_image_is_remote(lang: str) -> None:
    said = content.badge_issued(lang=lang, name=EVIL, badge=f"B {EVIL}", issuer="Iss & Co",
                                territory="Val", public_url="https://b.example.org", days=7)
    assert EVIL not in said.html and "&lt;script&gt;" in said.html
    assert "Iss &amp; Co" in said.html and EVIL in said.text  # plain text stays as written
    assert 'src="cid:badge"' in said.html and "src=\"http" not in said.html
    assert f'<html lang="{lang}">' in said.html and said.text.count(content.LINK) == 1
    text, html = content.with_link(said.text, said.html, "https://b.example.org/c/x?a=1&b=2")
    assert "?a=1&b=2" in text and "?a=1&amp;b=2" in html and content.LINK not in html


def test_the_message_is_text_then_html_with_the_image_inline() -> None:
    said = content.badge_issued(lang="en", name="Bob", badge="Duo", issuer="Iss",
                                territory=None, public_url="https://b.example.org", days=7)
    config = SmtpConfig(host="smtp.example.org", sender="Badges <badges@b.example.org>",
                        reply_to="help@b.example.org")
    msg = message.build(_job(said), config, link="https://b.example.org/connexion/aps_x",
                        now=NOW)
    parsed = message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    kinds = [p.get_content_type() for p in parsed.walk()]
    assert kinds == ["multipart/alternative", "text/plain", "multipart/related", "text/html",
                     "image/png"]
    assert parsed["Reply-To"] == "help@b.example.org" and parsed["Content-Language"] == "en"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert message.job_id_in(str(parsed["Message-ID"])) == 42
    assert str(parsed["Message-ID"]).endswith("@b.example.org>")
    plain = parsed.get_body(("plain",))
    assert plain is not None and "Iss issued you the badge" in plain.get_content()
    no_image = message.build(_job(said, image=None), config, link="x", now=NOW)
    assert "image/png" not in [p.get_content_type() for p in no_image.walk()]


def test_sign_in_and_invitation_say_how_long_the_link_lasts() -> None:
    day = content.sign_in(lang="fr", name=None, public_url="https://b.example.org", hours=24)
    assert "24 heures" in day.text and day.text.startswith("Bonjour,")
    weeks = content.sign_in(lang="en", name="Ann", public_url="https://b.example.org",
                            hours=14 * 24)
    assert "14 days" in weeks.text
    invite = content.invitation(lang="en", territory="Val", expires=date(2026, 9, 22),
                                public_url="https://b.example.org")
    assert "Val" in invite.subject and "22\u00a0September 2026" in invite.text


def test_backoff_doubles_up_to_a_ceiling() -> None:
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(50) == MAX_DELAY


def test_the_smtp_settings_hide_the_password_and_name_the_job_in_the_envelope() -> None:
    config = SmtpConfig(host="smtp.example.org", username="u", password="s3cret-pass",
                        sender="Badges <badges@b.example.org>",
                        bounce_address="bounces+{id}@b.example.org")
    assert "s3cret-pass" not in repr(config) and config.effective_port == 587
    assert config.envelope_sender(7) == "bounces+7@b.example.org"
    plain = SmtpConfig(host="h", security="tls", sender="Badges <badges@b.example.org>")
    assert plain.envelope_sender(7) == "badges@b.example.org" and plain.effective_port == 465


def _report(action: str) -> bytes:
    return (
        "From: MAILER-DAEMON@mx\r\nTo: bounces+3@b.example.org\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nsorry\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        f"Final-Recipient: rfc822; Ana@X.org\r\nAction: {action}\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 no such user\r\n"
        "\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n"
        "Message-ID: <apprenance.3.0123456789ab@b.example.org>\r\nSubject: hi\r\n\r\nbody\r\n"
        "\r\n--b--\r\n").encode()


def test_a_delivery_report_names_the_failed_recipient_and_our_message() -> None:
    [bounce] = bounces_in(message_from_bytes(_report("failed")), "r.eml")
    assert bounce.recipient == "ana@x.org" and bounce.verp_id == 3
    assert bounce.message_id == "<apprenance.3.0123456789ab@b.example.org>"
    assert bounce.reason == "5.1.1 smtp; 550 no such user"
    assert bounces_in(message_from_bytes(_report("delayed")), "r.eml") == []
    assert bounces_in(message_from_bytes(b"Subject: hello\r\n\r\nnot a report"), "x") == []


@pytest.mark.parametrize(("given", "kept"), [
    ("/credentials/1eae0f7a", "/credentials/1eae0f7a"),
    ("/portfolio?x=1", "/portfolio?x=1"),
    ("//evil.example/x", None), ("/\\evil.example", None), ("https://evil.example", None),
    ("javascript:alert(1)", None), ("credentials/1", None), ("/a\r\nSet-Cookie: x", None),
    ("/a\\b", None), ("", None), (None, None),
])
def test_suite_is_a_path_of_this_site_or_nothing(given: str | None, kept: str | None) -> None:
    assert local_path(given) == kept
