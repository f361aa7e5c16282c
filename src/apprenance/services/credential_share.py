"""Sharing a credential's public page: LinkedIn's "Add to profile" link for certifications,
LinkedIn's share link, and an e-mail (``mailto:``). Plain links: no third-party script
runs on the page, nothing is sent anywhere until the learner follows one.

The "Add to profile" parameters (LinkedIn, https://addtoprofile.linkedin.com): ``startTask``
``CERTIFICATION_NAME``, ``name``, ``organizationName``, ``issueYear``, ``issueMonth`` (1-12),
``expirationYear`` and ``expirationMonth`` (only for a credential that expires), ``certUrl``
(the page LinkedIn links to: the public page) and ``certId`` (the credential's uuid)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"
LINKEDIN_SHARE = "https://www.linkedin.com/sharing/share-offsite/"


@dataclass(frozen=True)
class Shared:
    """What is shared: the badge's name, its issuer, dates, and the public page."""

    name: str
    organization: str
    issued: date
    expires: date | None
    url: str
    cert_id: str


def linkedin_add_url(shared: Shared) -> str:
    """LinkedIn's form "Add licence or certification", filled in."""
    params: list[tuple[str, str]] = [
        ("startTask", "CERTIFICATION_NAME"), ("name", shared.name),
        ("organizationName", shared.organization),
        ("issueYear", str(shared.issued.year)), ("issueMonth", str(shared.issued.month)),
    ]
    if shared.expires is not None:
        params += [("expirationYear", str(shared.expires.year)),
                   ("expirationMonth", str(shared.expires.month))]
    params += [("certUrl", shared.url), ("certId", shared.cert_id)]
    return f"{LINKEDIN_ADD}?{urlencode(params, quote_via=quote)}"


def linkedin_share_url(url: str) -> str:
    """LinkedIn's share dialog for ``url`` (it reads the page's Open Graph tags)."""
    return f"{LINKEDIN_SHARE}?{urlencode({'url': url}, quote_via=quote)}"


def mail_url(subject: str, body: str) -> str:
    """A ``mailto:`` link with no recipient: the learner's mail program asks whom to send
    it to."""
    return "mailto:?" + urlencode({"subject": subject, "body": body}, quote_via=quote)
