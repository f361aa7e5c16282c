"""What each mail says, in the recipient's language: subject, plain text and HTML.

The HTML is one small layout (inline styles: mail readers drop style sheets), every value
escaped, no remote image (the badge is attached inline, ``cid:badge``). A link that signs in
is not known when the mail is written: both bodies hold ``LINK`` (the worker puts the real
link in when it sends, ``with_link``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlsplit

from apprenance.i18n import t
from apprenance.i18n.dates import date_text

LINK = "{{link}}"
IMAGE_CID = "badge"


@dataclass(frozen=True)
class Content:
    subject: str
    text: str
    html: str


def with_link(content_text: str, content_html: str, link: str) -> tuple[str, str]:
    """The two bodies with the link put in (escaped in the HTML)."""
    return content_text.replace(LINK, link), content_html.replace(LINK, escape(link))


def site_of(public_url: str) -> str:
    return urlsplit(public_url).netloc or public_url


def layout(lang: str, *, title: str, paragraphs: list[str], button: str, site: str,
            image_alt: str | None = None) -> str:
    """The HTML body: a heading, the paragraphs, the badge image (when given), one button
    and the link written out, then the footer."""
    p = '<p style="margin:0 0 16px;font-size:16px;line-height:1.5">'
    image = (f'<p style="margin:0 0 16px;text-align:center"><img src="cid:{IMAGE_CID}" '
             f'width="160" height="160" alt="{escape(image_alt)}" '
             'style="width:160px;height:160px;border:0"></p>' if image_alt else "")
    body = "".join(f"{p}{escape(text)}</p>" for text in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title></head>"
        '<body style="margin:0;padding:0;background:#f4f1ea;color:#1a1a1a;'
        'font-family:Arial,Helvetica,sans-serif">'
        '<div style="max-width:560px;margin:0 auto;padding:24px 16px">'
        '<div style="background:#ffffff;border-radius:8px;padding:24px">'
        f'<h1 style="margin:0 0 16px;font-size:22px;color:#0f4c5c">{escape(title)}</h1>'
        f"{image}{body}"
        '<p style="margin:24px 0;text-align:center">'
        f'<a href="{LINK}" style="display:inline-block;background:#0f4c5c;color:#ffffff;'
        'text-decoration:none;font-weight:bold;font-size:16px;padding:14px 24px;'
        f'border-radius:6px">{escape(button)}</a></p>'
        f'{p}{escape(t("mail.link_fallback", lang))}<br>'
        f'<a href="{LINK}" style="color:#0f4c5c;word-break:break-all">{LINK}</a></p>'
        "</div>"
        '<p style="margin:16px 0 0;font-size:13px;line-height:1.5;color:#555555">'
        f'{escape(t("mail.footer", lang, site=site))}</p>'
        "</div></body></html>")


def text_body(paragraphs: list[str], button: str, lang: str, site: str) -> str:
    return "\n\n".join([*paragraphs, button + t("punct.colon", lang).rstrip(), LINK,
                        "-- ", t("mail.footer", lang, site=site)]) + "\n"


def hello(name: str | None, lang: str) -> str:
    return t("mail.hello", lang, name=name) if name else t("mail.hello_anonymous", lang)


def compose(lang: str, *, subject: str, paragraphs: list[str], button: str,
            public_url: str, image_alt: str | None = None) -> Content:
    """A mail of the one layout: its subject, the paragraphs and one button (``LINK``)."""
    site = site_of(public_url)
    return Content(subject, text_body(paragraphs, button, lang, site),
                   layout(lang, title=subject, paragraphs=paragraphs, button=button, site=site,
                          image_alt=image_alt))


def badge_issued(*, lang: str, name: str | None, badge: str, issuer: str,
                 territory: str | None, public_url: str, days: int) -> Content:
    """"You received the badge X from ISSUER (territory)", with the claim link."""
    subject = t("mail.badge.subject", lang, badge=badge)
    said = (t("mail.badge.body", lang, issuer=issuer, territory=territory, badge=badge)
            if territory else t("mail.badge.body_no_territory", lang, issuer=issuer,
                                badge=badge))
    claim = t("mail.badge.claim", lang, days=days, signin=f"{public_url}/connexion")
    paragraphs = [hello(name, lang), said, claim]
    return compose(lang, subject=subject, paragraphs=paragraphs,
                   button=t("mail.badge.button", lang), public_url=public_url,
                   image_alt=t("mail.badge.image_alt", lang, badge=badge))


def sign_in(*, lang: str, name: str | None, public_url: str, hours: int) -> Content:
    """A learner's sign-in link (asked for on /connexion, or sent by a coordinator)."""
    subject = t("mail.signin.subject", lang)
    said = (t("mail.signin.body_days", lang, days=hours // 24) if hours >= 48 and hours % 24 == 0
            else t("mail.signin.body", lang, hours=hours))
    return compose(lang, subject=subject, paragraphs=[hello(name, lang), said],
                   button=t("mail.signin.button", lang), public_url=public_url)


def invitation(*, lang: str, territory: str, expires: date, public_url: str) -> Content:
    """A coordinator's invitation to a territory."""
    subject = t("mail.invite.subject", lang, territory=territory)
    paragraphs = [hello(None, lang), t("mail.invite.body", lang, territory=territory,
                                        date=date_text(expires, lang))]
    return compose(lang, subject=subject, paragraphs=paragraphs,
                   button=t("mail.invite.button", lang), public_url=public_url)
