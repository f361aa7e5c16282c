"""The public URL rule of issue 12: nothing is signed for a loopback public URL.

A credential signed while ``public_url`` is ``http://127.0.0.1:8000`` (the default) carries
that address in its ids, status list and hosted documents: verified anywhere else it is
unverifiable, and its status is whatever answers on the verifier's own port 8000. The entry
points that sign (``issue``, ``revoke``, ``clr``, ``certificate`` and their HTTP routes) call
``check_signing_url`` first; it refuses with ``LocalPublicUrl`` unless the instance was told
that a local address is wanted (``--allow-local-url``, ``APPRENANCE_ALLOW_LOCAL_URL=1``, or
the demo, which calls the services directly).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from apprenance.config import Settings
from apprenance.errors import LocalPublicUrl
from apprenance.i18n import t


def is_local_url(url: str) -> bool:
    """Whether ``url``'s host is loopback (``127.0.0.0/8``, ``::1``, ``localhost`` and its
    subdomains, any port), unspecified (``0.0.0.0``, ``::``) or missing."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return True
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def check_signing_url(settings: Settings, *, allow_local: bool = False,
                      lang: str | None = None) -> None:
    """Refuse to sign when the public URL is local and no one allowed it."""
    if allow_local or settings.allow_local_url or not is_local_url(settings.public_url):
        return
    raise LocalPublicUrl(t("url.local", lang or settings.lang, url=settings.public_url))
