"""What the credential builders (OB 3.0, OB 2.0, CLR, endorsements) take: the issuer's profile,
the recipient, the facts of one award, and the stable public URLs of everything hosted.

Plain data, built by ``services.issuing`` from the store and the catalog; the builders do no
I/O, so the same award always gives the same document (but for the salt and ids passed in).

Public URLs (all under ``APPRENANCE_PUBLIC_URL``; the ``--out`` folder's ``public/`` tree
mirrors them file for file, so any static web server can host it, and so does the API)::

    /achievements/{badge}.{lang}.json          OB 3.0 Achievement, one per language
    /issuers/{issuer}/did.json                 did:web document of the issuer
    /issuers/{issuer}/status/{list}.json       Bitstring Status List credential
    /issuers/{issuer}/ob2/profile.json         OB 2.0 Issuer
    /issuers/{issuer}/ob2/key.json             OB 2.0 CryptographicKey (signed assertions)
    /issuers/{issuer}/ob2/revocations.json     OB 2.0 RevocationList
    /issuers/{issuer}/ob2/badges/{badge}.json  OB 2.0 BadgeClass
    /issuers/{issuer}/ob2/badges/{badge}.png   its image
    /ob2/assertions/{uuid}.json                OB 2.0 hosted Assertion
    /api/v1/concepts/{prefix}/{notation}       a framework concept (served by the API)
    /credentials/{uuid}                        the public page of an OB 3.0 credential (its
                                               evidence section: ``#preuve-{n}``, the ids of
                                               the evidence; public, what it shows the
                                               learner decides)
    /images/badges/{badge}.svg (or .png)       the artwork of a badge (OB 3.0 achievement image)
    /images/badges/{badge}.en.svg              its English artwork, when the badge has one
    /issuers/{issuer}/image.png (or .svg)      the issuer's image, when given as a data: URI
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

from apprenance.errors import CatalogError


@dataclass(frozen=True)
class HostedUrls:
    """The stable public URL of every hosted document, and its path in the ``public/`` tree."""

    base: str  # APPRENANCE_PUBLIC_URL, without a trailing slash

    def achievement(self, badge: str, lang: str) -> str:
        return f"{self.base}/achievements/{quote(badge)}.{lang}.json"

    def concept(self, curie: str) -> str:
        prefix, _, notation = curie.partition(":")
        return f"{self.base}/api/v1/concepts/{quote(prefix)}/{quote(notation, safe='')}"

    def activity(self, activity_id: str) -> str:
        """An activity in the API (access checked: never named in a credential)."""
        return f"{self.base}/api/v1/activities/{quote(activity_id, safe='')}"

    def credential_page(self, credential_id: str) -> str:
        """The public page of a credential (``urn:uuid:`` or not), answered to anyone."""
        uid = credential_id.removeprefix("urn:uuid:")
        return f"{self.base}/credentials/{quote(uid, safe='')}"

    def evidence(self, credential_id: str, n: int) -> str:
        """The id of the ``n``-th evidence (from 1) of a credential: its entry in the
        evidence section of the credential's public page."""
        return f"{self.credential_page(credential_id)}#preuve-{n}"

    def issuer_root(self, issuer: str) -> str:
        return f"{self.base}/issuers/{quote(issuer)}"

    def status_list(self, issuer: str, list_id: int) -> str:
        return f"{self.issuer_root(issuer)}/status/{list_id}.json"

    def ob2_issuer(self, issuer: str) -> str:
        return f"{self.issuer_root(issuer)}/ob2/profile.json"

    def ob2_key(self, issuer: str) -> str:
        return f"{self.issuer_root(issuer)}/ob2/key.json"

    def ob2_revocations(self, issuer: str) -> str:
        return f"{self.issuer_root(issuer)}/ob2/revocations.json"

    def ob2_badge(self, issuer: str, badge: str) -> str:
        return f"{self.issuer_root(issuer)}/ob2/badges/{quote(badge)}.json"

    def ob2_badge_image(self, issuer: str, badge: str) -> str:
        return f"{self.issuer_root(issuer)}/ob2/badges/{quote(badge)}.png"

    def badge_image(self, badge: str, suffix: str = ".svg", lang: str | None = None) -> str:
        """The artwork of a badge (``suffix`` ``.svg`` or ``.png``, as the artwork file);
        ``lang``: the artwork in that language (``faire-1.en.svg``), None the default one."""
        tag = f".{lang}" if lang else ""
        return f"{self.base}/images/badges/{quote(badge)}{tag}{suffix}"

    def issuer_image(self, issuer: str, suffix: str) -> str:
        return f"{self.issuer_root(issuer)}/image{suffix}"

    def ob2_assertion(self, uid: str) -> str:
        return f"{self.base}/ob2/assertions/{uid}.json"

    def path_of(self, url: str) -> str:
        """The relative path of a hosted URL in the ``public/`` tree."""
        if not url.startswith(self.base + "/"):
            raise ValueError(f"{url} is not under {self.base}")
        return url[len(self.base) + 1 :]


COUNTRY_NAMES = {"FR": "France", "BE": "Belgique", "CH": "Suisse", "LU": "Luxembourg"}


@dataclass(frozen=True)
class IssuerProfile:
    """The issuer as credentials show it."""

    slug: str  # the issuer's id in the store (a territory id or "collectif")
    did: str  # did:key or did:web
    name: str
    url: str | None = None
    email: str | None = None
    description: str | None = None
    image: str | None = None  # an https URL or a data: URI
    country: str = "FR"  # ISO 3166-1 alpha-2 (the micro-credential's "country of the issuer")

    def ob3(self) -> dict[str, object]:
        profile: dict[str, object] = {"id": self.did, "type": ["Profile"], "name": self.name}
        if self.url:
            profile["url"] = self.url
        if self.email:
            profile["email"] = self.email
        if self.description:
            profile["description"] = self.description
        if self.image:
            profile["image"] = {"id": self.image, "type": "Image"}
        if self.country:
            profile["address"] = {"type": ["Address"], "addressCountryCode": self.country,
                                  "addressCountry": COUNTRY_NAMES.get(self.country,
                                                                      self.country)}
        return profile


@dataclass(frozen=True)
class Recipient:
    participant: str  # email, handle, or a DID
    lang: str = "fr"
    name: str | None = None

    @property
    def is_did(self) -> bool:
        return self.participant.startswith("did:")

    @property
    def identity_type(self) -> str:
        return "emailAddress" if "@" in self.participant else "userName"


@dataclass(frozen=True)
class EvidenceItem:
    """One activity that counted for the award."""

    activity_id: str
    day: date
    hours: float
    label: str  # the activity type, in the recipient's language
    description: str | None = None
    url: str | None = None  # the activity's own evidence link, when it has one
    project: str | None = None
    witness_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AwardFacts:
    """One award about to become credentials."""

    award_id: int
    badge: str
    awarded_at: datetime  # when the evidence met the rule (``awardedDate``), not the issuance
    activity_start: datetime | None
    activity_end: datetime | None
    pillar_hours: dict[str, float] = field(default_factory=dict)  # pillar notation -> hours
    evidence: tuple[EvidenceItem, ...] = ()


_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def add_period(start: datetime, period: str) -> datetime:
    """``start`` plus an ISO 8601 period of years, months, weeks and days (``P2Y``, ``P18M``);
    a day past the end of the month falls back to the month's last day."""
    match = _PERIOD.match(period.strip().upper())
    if match is None or not any(match.groups()):
        raise CatalogError(f"badge validity {period!r} is not an ISO 8601 period like P2Y or P6M")
    years, months, weeks, days = (int(g or 0) for g in match.groups())
    month_index = start.month - 1 + months + 12 * years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = start.day
    while True:
        try:
            moved = start.replace(year=year, month=month, day=day)
            break
        except ValueError:
            day -= 1
    return moved + timedelta(weeks=weeks, days=days)


def iso(moment: datetime) -> str:
    """An XML Schema dateTime in UTC with a ``Z``, to the second (naive times are UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
