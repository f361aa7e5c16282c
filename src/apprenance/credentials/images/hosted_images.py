"""Images in credentials by reference: the badge artwork and the issuer's image are hosted once
at a stable public URL (``HostedUrls.badge_image``, ``HostedUrls.issuer_image``) and the
credentials point to them, instead of carrying the same ``data:`` URI in every credential,
every endorsement and every credential nested in a CLR (issue 19).

Open Badges 3.0 allows it: an ``Image`` is an object whose ``id`` is a URI (a URL or a
``data:`` URI). The baked PNG/SVG stays self-contained: it is the badge image itself, with the
credential inside. No verification needs the image (the signature covers the URL, not the
picture), so offline verification fetches nothing for it.

The issuer's image, given as an https URL, is kept as it is; given as a ``data:`` URI (the
issuer's ``--image``), it is hosted at ``/issuers/{issuer}/image.png`` (or ``.svg``).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from pathlib import Path
from urllib.parse import quote

from apprenance.credentials.images.image_safety import image_kind
from apprenance.credentials.verify.inputs import HostedUrls, IssuerProfile
from apprenance.domain.catalog import Badge

SUFFIXES = {"png": ".png", "svg": ".svg"}
MEDIA_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}


def artwork(badge: Badge, lang: str | None = None) -> tuple[str, bytes] | None:
    """(suffix, bytes) of the badge's artwork file (in ``lang`` when it has one of that
    language, else the default), or None (no artwork, or not PNG/SVG)."""
    found = badge.image_for(lang) if lang else badge.image
    path = Path(found) if found else None
    if path is None or not path.is_file():
        return None
    data = path.read_bytes()
    kind = image_kind(data)
    return (SUFFIXES[kind], data) if kind else None


def artwork_lang(badge: Badge, lang: str | None) -> str | None:
    """The language tag of the badge's artwork in ``lang``: ``lang`` when the badge has
    artwork of its own in that language, else None (the default artwork serves)."""
    return lang if lang and lang in badge.images else None


def artwork_url(badge: Badge, urls: HostedUrls, lang: str | None = None) -> str | None:
    """The hosted URL of the badge's artwork (what ``achievement.image.id`` holds), in
    ``lang`` when the badge has artwork in that language (``/images/badges/X.en.svg``)."""
    found = artwork(badge, lang)
    return urls.badge_image(badge.id, found[0], artwork_lang(badge, lang)) if found else None


def artwork_path(badge: Badge, lang: str | None = None) -> str | None:
    """The site-relative path of the badge's artwork in ``lang`` (what pages and the catalog
    API show): ``/images/badges/faire-1.en.svg`` where the badge has English artwork."""
    found = badge.image_for(lang) if lang else badge.image
    if not found:
        return None
    tag = artwork_lang(badge, lang)
    return f"/images/badges/{quote(badge.id)}{'.' + tag if tag else ''}{Path(found).suffix}"


def data_uri_image(value: str | None) -> tuple[str, bytes] | None:
    """(suffix, bytes) of a base64 PNG or SVG ``data:`` URI; None for anything else."""
    if not value or value[:5].lower() != "data:":
        return None
    head, sep, payload = value.partition(",")
    if not sep or ";base64" not in head.lower():
        return None
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None
    kind = image_kind(data)
    return (SUFFIXES[kind], data) if kind else None


def hosted_profile(profile: IssuerProfile, urls: HostedUrls) -> IssuerProfile:
    """The profile credentials show: a ``data:`` image replaced by its hosted URL."""
    found = data_uri_image(profile.image)
    if found is None:
        return profile
    return dataclasses.replace(profile, image=urls.issuer_image(profile.slug, found[0]))
