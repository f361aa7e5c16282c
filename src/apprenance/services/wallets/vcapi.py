"""The W3C VC-API (VCALM) exchange the DCC Learner Credential Wallet runs to receive a
credential, and the interaction URL that advertises it (and the OpenID4VCI offer).

The wallet POSTs ``{}`` to the exchange and gets a ``verifiablePresentationRequest`` (a
``DIDAuthentication`` query for a did:key, this offer's challenge and the instance's domain);
it answers with a presentation signed by its did:key (``{"verifiablePresentation": ...}``)
and receives a presentation holding the badge re-issued to that DID."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

from apprenance.clock import Clock
from apprenance.credentials.jsonld.contexts import VC_V2
from apprenance.credentials.trust.keys import KeyStore
from apprenance.db.store import Store
from apprenance.services.wallets.holder_proof import holder_from_presentation
from apprenance.services.wallets.offers import deliver, live_offer, pre_authorized_code
from apprenance.services.wallets.oid4vci import offer_links

LCW_SCHEME = "dccrequest://request"


def exchange_url(base: str, offer: str) -> str:
    return f"{base}/wallet/exchanges/{offer}"


def interaction_url(base: str, offer: str) -> str:
    """The VCALM interaction URL (``?iuv=1``): one QR code for every wallet it lists."""
    return f"{base}/wallet/interactions/{offer}?iuv=1"


def lcw_deep_link(base: str, offer: str) -> str:
    """The Learner Credential Wallet's deep link: a ``request`` with ``protocols.vcapi``."""
    request = {"credentialRequestOrigin": base, "protocols": {"vcapi": exchange_url(base, offer)}}
    return f"{LCW_SCHEME}?request={quote(json.dumps(request, separators=(',', ':')), safe='')}"


def domain_of(base: str) -> str:
    return urlsplit(base).netloc


def interaction(store: Store, offer: str, *, base: str, lang: str, clock: Clock
                ) -> dict[str, Any]:
    """What the interaction URL answers: the protocols a wallet may pick from."""
    live_offer(store, offer, now=clock())
    links = offer_links(base, offer, pre_authorized_code(offer), lang=lang)
    return {"protocols": {"vcapi": exchange_url(base, offer), "OID4VCI": links["by_reference"]}}


def exchange(store: Store, keys: KeyStore, offer: str, body: dict[str, Any], *, base: str,
             clock: Clock) -> dict[str, Any]:
    """One step of the exchange: the DID-auth request, then the credential."""
    now = clock()
    row = live_offer(store, offer, now=now)
    presentation = body.get("verifiablePresentation")
    if presentation is None:
        return {"verifiablePresentationRequest": {
            "query": [{"type": "DIDAuthentication", "acceptedMethods": [{"method": "key"}]}],
            "challenge": row["challenge"],
            "domain": domain_of(base),
            "interact": {"service": [{"type": "UnmediatedPresentationService2021",
                                      "serviceEndpoint": exchange_url(base, offer)}]},
        }}
    holder = holder_from_presentation(presentation, challenge=row["challenge"],
                                      domain=domain_of(base))
    delivered = deliver(store, keys, row, holder, protocol="vcapi", now=now)
    return {"verifiablePresentation": {
        "@context": [VC_V2], "type": ["VerifiablePresentation"],
        "verifiableCredential": [delivered]}}
