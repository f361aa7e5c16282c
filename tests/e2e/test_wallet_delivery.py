"""Phone wallets receive a learner's badge from a served apprenance, end to end: an
OpenID4VCI 1.0 wallet written from the spec (tests/support/wallet_client.py) and the
Learner Credential Wallet's VC-API exchange run with the DCC libraries it signs with; each
delivered credential verified by the DCC verifier (signature, issuer key, status list), its
subject the holder's DID; the refusals the specs name (replayed or expired code, wrong
transaction code, wrong nonce, wrong audience, bad signature, another learner's badge, a
revoked badge)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

from apprenance.services.issuing.revocation import revoke
from apprenance.web.wallet_pages import wallet_qr_svg
from external_verifiers import judge
from wallet_client import HolderKey, Oid4vciWallet, lcw_exchange
from wallet_world import WalletSite, csrf_of, open_offer, wallet_site
from web_world import LEA


def _verified(tmp_path: Path, credential: dict[str, Any], name: str) -> None:
    verdicts = judge(tmp_path, {name: credential})[name]
    assert verdicts["verifierCore"]["verified"], verdicts  # signature, issuer, status


@pytest.fixture
def site(tmp_path: Path, db_url: str) -> Any:
    with wallet_site(tmp_path, db_url) as served:
        yield served


def test_an_oid4vci_wallet_receives_the_badge_bound_to_its_did(site: WalletSite,
                                                               tmp_path: Path) -> None:
    lea = site.session()
    opened = open_offer(lea, site.credentials[0])
    with httpx.Client(timeout=60) as phone:
        wallet = Oid4vciWallet(phone)
        received = wallet.receive(opened.oid_link, opened.tx_code,
                                  iat=site.clock().timestamp())
        assert wallet.issuer["credential_configurations_supported"]["OpenBadgeCredential"][
            "format"] == "ldp_vc"
    assert received["credentialSubject"]["id"] == wallet.key.did
    assert received["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    stored = lea.get(f"/api/v1/credentials/{site.credentials[0]}").json()
    assert received["credentialStatus"] == stored["document"]["credentialStatus"]
    assert received["id"] != stored["document"]["id"]
    _verified(tmp_path, received, "oid4vci")
    page = lea.get(f"/credentials/{site.credentials[0]}/portefeuille").text
    assert wallet.key.did in page and "OpenID4VCI" in page


def test_the_offer_by_reference_and_a_did_jwk_holder(site: WalletSite, tmp_path: Path) -> None:
    opened = open_offer(site.session(), site.credentials[0])
    with httpx.Client(timeout=60) as phone:
        interaction = phone.get(_qr_url(opened, "lcw")).json()
        by_reference = interaction["protocols"]["OID4VCI"]
        assert "credential_offer_uri=" in by_reference
        wallet = Oid4vciWallet(phone, key=HolderKey(method="jwk"))
        received = wallet.receive(by_reference, opened.tx_code, iat=site.clock().timestamp())
    assert received["credentialSubject"]["id"] == wallet.key.did
    assert wallet.key.did.startswith("did:jwk:")
    _verified(tmp_path, received, "didjwk")


def _qr_url(opened: Any, which: str) -> str:
    """The URL a QR code of the page encodes: the one whose QR code segno draws the same."""
    svg = opened.lcw_qr if which == "lcw" else opened.oid_qr
    candidates = _candidate_urls(opened)
    for url in candidates:
        if _same_matrix(svg, wallet_qr_svg(url, title="x")):
            return url
    raise AssertionError(f"the {which} QR code encodes none of {candidates}")


def _candidate_urls(opened: Any) -> list[str]:
    request = json.loads(parse_qs(urlsplit(opened.lcw_link).query)["request"][0])
    exchange = request["protocols"]["vcapi"]
    offer = exchange.rsplit("/", 1)[1]
    base = request["credentialRequestOrigin"]
    offer_uri = f"{base}/wallet/oid4vci/offers/{offer}"
    return [f"{base}/wallet/interactions/{offer}?iuv=1",
            f"openid-credential-offer://?credential_offer_uri={quote(offer_uri, safe='')}"]


def _same_matrix(page_svg: str, expected_svg: str) -> bool:
    """Whether two of segno's SVGs draw the same modules (their titles aside)."""

    def path(svg: str) -> str:
        found = re.search(r' d="([^"]+)"', svg)
        return found.group(1) if found else ""

    return bool(path(page_svg)) and path(page_svg) == path(expected_svg)


def test_the_qr_codes_encode_the_interaction_url_and_the_offer(site: WalletSite) -> None:
    opened = open_offer(site.session(), site.credentials[0])
    assert _qr_url(opened, "lcw").endswith("?iuv=1")
    assert _qr_url(opened, "oid").startswith("openid-credential-offer://?credential_offer_uri=")


@pytest.mark.parametrize("suite", ["ed25519-2020", "eddsa-rdfc-2022"])
def test_the_learner_credential_wallet_exchange_delivers(site: WalletSite, tmp_path: Path,
                                                         suite: str) -> None:
    lea = site.session()
    opened = open_offer(lea, site.credentials[0])
    assert opened.lcw_link.startswith("dccrequest://request?request=")
    run = lcw_exchange(opened.lcw_link, "--suite", suite, "--replay")
    first, second, replay = run["steps"]
    request = first["body"]["verifiablePresentationRequest"]
    assert request["query"][0]["type"] == "DIDAuthentication"
    assert second["status"] == 200, second
    received = second["body"]["verifiablePresentation"]["verifiableCredential"][0]
    assert received["credentialSubject"]["id"] == run["holder"]
    _verified(tmp_path, received, f"lcw-{suite}")
    assert replay["status"] == 404, replay  # the offer delivered: a replay finds nothing
    page = lea.get(f"/credentials/{site.credentials[0]}/portefeuille").text
    assert run["holder"] in page


def test_the_exchange_refuses_a_presentation_for_another_challenge_or_domain(
        site: WalletSite) -> None:
    lea = site.session()
    for flags in (("--challenge", "not-this-one"), ("--domain", "evil.example")):
        opened = open_offer(lea, site.credentials[0])
        answer = lcw_exchange(opened.lcw_link, *flags)["steps"][1]
        assert answer["status"] == 400, answer
        assert answer["body"]["error"] == "invalid_presentation", answer
    page = lea.get(f"/credentials/{site.credentials[0]}/portefeuille").text
    assert "aucun portefeuille" in page  # nothing was delivered


def _error(response: httpx.Response) -> str:
    return str(response.json()["error"])


def test_the_token_endpoint_refuses_replayed_wrong_and_expired_codes(site: WalletSite) -> None:
    lea = site.session()
    with httpx.Client(timeout=60) as phone:
        opened = open_offer(lea, site.credentials[0])
        wallet = Oid4vciWallet(phone)
        wallet.read_offer(opened.oid_link)
        wrong = str((int(opened.tx_code) + 1) % 1_000_000).zfill(6)
        assert _error(wallet.token(wrong)) == "invalid_grant"
        assert _error(wallet.token(None)) == "invalid_grant"
        assert _error(wallet.token(opened.tx_code, code="no-such-code")) == "invalid_grant"
        assert wallet.token(opened.tx_code).status_code == 200
        replayed = wallet.token(opened.tx_code)
        assert replayed.status_code == 400 and _error(replayed) == "invalid_grant"
        assert replayed.headers["cache-control"] == "no-store"

        late = open_offer(lea, site.credentials[0])
        wallet = Oid4vciWallet(phone)
        wallet.read_offer(late.oid_link)
        site.clock.advance(minutes=11)
        expired = wallet.token(late.tx_code)
        assert _error(expired) == "invalid_grant" and "expired" in expired.json()[
            "error_description"]
        assert phone.get(_qr_url(late, "lcw")).status_code == 404
        other = wallet.client.post(wallet.server["token_endpoint"],
                                   data={"grant_type": "password"})
        assert _error(other) == "unsupported_grant_type"


def test_the_credential_endpoint_refuses_bad_proofs_nonces_and_tokens(site: WalletSite
                                                                      ) -> None:
    lea = site.session()
    now = site.clock().timestamp()
    with httpx.Client(timeout=60) as phone:
        opened = open_offer(lea, site.credentials[0])
        wallet = Oid4vciWallet(phone)
        wallet.read_offer(opened.oid_link)
        access = wallet.token(opened.tx_code).json()["access_token"]
        stranger = HolderKey()
        refused = {
            "wrong nonce": wallet.proof("a-nonce-never-given", iat=now),
            "wrong audience": wallet.proof(wallet.nonce(), aud="https://other.example", iat=now),
            "bad signature": wallet.proof(wallet.nonce(), iat=now, key=stranger.private),
            "wrong typ": wallet.proof(wallet.nonce(), iat=now, typ="JWT"),
            "stale iat": wallet.proof(wallet.nonce(), iat=now - 3600),
        }
        codes = {why: _error(wallet.credential(access, proof)) for why, proof in refused.items()}
        assert codes == {"wrong nonce": "invalid_nonce", "wrong audience": "invalid_proof",
                         "bad signature": "invalid_proof", "wrong typ": "invalid_proof",
                         "stale iat": "invalid_proof"}
        nonce = wallet.nonce()
        spent = wallet.credential(access, wallet.proof(nonce, iat=now))
        assert spent.status_code == 200
        again = wallet.credential(access, wallet.proof(nonce, iat=now))
        assert again.status_code == 401 and _error(again) == "invalid_token"
        assert "invalid_token" in again.headers["www-authenticate"]
        reused_nonce = open_offer(lea, site.credentials[0])
        wallet2 = Oid4vciWallet(phone)
        wallet2.read_offer(reused_nonce.oid_link)
        access2 = wallet2.token(reused_nonce.tx_code).json()["access_token"]
        assert _error(wallet2.credential(access2, wallet2.proof(nonce, iat=now))) == \
            "invalid_nonce"
        assert _error(wallet2.credential(access2, wallet2.proof(wallet2.nonce(), iat=now),
                                         configuration="Diploma")) == \
            "unknown_credential_configuration"
        no_token = phone.post(wallet.issuer["credential_endpoint"], json={})
        assert no_token.status_code == 401 and _error(no_token) == "invalid_token"
        garbage = phone.post(wallet.issuer["credential_endpoint"], content=b"{not json",
                             headers={"Authorization": f"Bearer {access2}"})
        assert _error(garbage) == "invalid_credential_request"


def test_only_the_holder_opens_the_wallet_page(site: WalletSite) -> None:
    uuid = site.credentials[0]
    path = f"/credentials/{uuid}/portefeuille"
    with httpx.Client(base_url=site.url, timeout=60) as public:
        assert public.get(path).status_code == 401
    assert site.session("other_learner").get(path).status_code == 403
    assert site.session("coordinator").get(path).status_code == 403
    lea = site.session()
    assert lea.get("/credentials/00000000-0000-4000-8000-000000000000/portefeuille"
                   ).status_code == 403
    assert lea.post(path, data={"csrf": "forged"}).status_code == 403


def test_a_revoked_badge_is_neither_offered_nor_delivered(site: WalletSite,
                                                          tmp_path: Path) -> None:
    lea = site.session()
    uuid = site.credentials[0]
    before = open_offer(lea, uuid)
    lcw_before = open_offer(lea, uuid)
    delivered = Oid4vciWallet(httpx.Client(timeout=60))
    earlier = open_offer(lea, uuid)
    got = delivered.receive(earlier.oid_link, earlier.tx_code, iat=site.clock().timestamp())
    app = site.world.app
    revoke(app.store, app.keys, f"urn:uuid:{uuid}", reason="erreur de saisie", urls=app.urls,
           clock=app.clock)
    verdict = judge(tmp_path, {"after": got})["after"]  # same status entry: revoked too
    assert not verdict["verifierCore"]["verified"], verdict
    assert "revocation_status" in verdict["verifierCore"]["errors"], verdict
    with httpx.Client(timeout=60) as phone:
        wallet = Oid4vciWallet(phone)
        wallet.read_offer(before.oid_link)
        access = wallet.token(before.tx_code).json()["access_token"]
        now = site.clock().timestamp()
        denied = wallet.credential(access, wallet.proof(wallet.nonce(), iat=now))
        assert _error(denied) == "credential_request_denied"
    answer = lcw_exchange(lcw_before.lcw_link)["steps"][1]
    assert answer["body"]["error"] == "credential_request_denied", answer
    page = lea.get(f"/credentials/{uuid}/portefeuille")
    assert 'id="prepare"' not in page.text and "révoqué" in page.text
    assert lea.post(f"/credentials/{uuid}/portefeuille",
                    data={"csrf": csrf_of(page.text)}).status_code == 409
    assert got["credentialSubject"]["id"] == delivered.key.did != LEA
