"""Phone wallets written for the tests from the specs, to receive credentials from a served
apprenance:

- ``Oid4vciWallet``: an OpenID for Verifiable Credential Issuance 1.0 (final) wallet, pre-
  authorized code flow: parse the offer (``openid-credential-offer://`` by value or by
  ``credential_offer_uri``), read the issuer metadata and the authorization server's, spend
  the code (with the transaction code) at the token endpoint, take a ``c_nonce`` from the
  nonce endpoint, sign the proof of possession (a JWT, ``typ`` ``openid4vci-proof+jwt``,
  EdDSA, ``kid`` a did:key or did:jwk verification method, ``aud`` the issuer, ``nonce``)
  with ``cryptography``, and call the credential endpoint;
- ``lcw_exchange``: the Learner Credential Wallet's VC-API exchange, run by node with the
  DCC libraries the wallet signs with (tests/interop/lcw_exchange.mjs)."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conftest import REPO

INTEROP = REPO / "tests" / "interop"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
PRE_AUTHORIZED = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b58(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = B58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


@dataclass
class HolderKey:
    """An Ed25519 key of the wallet, named by a did:key or a did:jwk."""

    private: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    method: str = "key"

    @property
    def raw_public(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.Raw,
                                                      serialization.PublicFormat.Raw)

    @property
    def did(self) -> str:
        if self.method == "jwk":
            jwk = {"crv": "Ed25519", "kty": "OKP", "x": b64url(self.raw_public)}
            return "did:jwk:" + b64url(json.dumps(jwk, separators=(",", ":")).encode())
        return "did:key:z" + b58(b"\xed\x01" + self.raw_public)

    @property
    def kid(self) -> str:
        return f"{self.did}#0" if self.method == "jwk" else f"{self.did}#{self.did[8:]}"


def jwt(header: dict[str, Any], claims: dict[str, Any], key: Ed25519PrivateKey) -> str:
    signing_input = ".".join(b64url(json.dumps(part, separators=(",", ":")).encode())
                             for part in (header, claims))
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"


def parse_offer(link: str, client: httpx.Client) -> dict[str, Any]:
    """The credential offer of an ``openid-credential-offer://`` link (section 4.1)."""
    query = parse_qs(urlsplit(link).query)
    if "credential_offer" in query:
        offer: dict[str, Any] = json.loads(query["credential_offer"][0])
        return offer
    response = client.get(query["credential_offer_uri"][0])
    response.raise_for_status()
    fetched: dict[str, Any] = response.json()
    return fetched


@dataclass
class Oid4vciWallet:
    """A wallet that receives one credential by the pre-authorized code flow."""

    client: httpx.Client
    key: HolderKey = field(default_factory=HolderKey)
    offer: dict[str, Any] = field(default_factory=dict)
    issuer: dict[str, Any] = field(default_factory=dict)
    server: dict[str, Any] = field(default_factory=dict)

    def read_offer(self, link: str) -> dict[str, Any]:
        self.offer = parse_offer(link, self.client)
        base = self.offer["credential_issuer"]
        self.issuer = self.client.get(f"{base}/.well-known/openid-credential-issuer").json()
        servers = self.issuer.get("authorization_servers") or [base]
        self.server = self.client.get(
            f"{servers[0]}/.well-known/oauth-authorization-server").json()
        return self.offer

    def token(self, tx_code: str | None, *, code: str | None = None) -> httpx.Response:
        grant = self.offer["grants"][PRE_AUTHORIZED]
        form = {"grant_type": PRE_AUTHORIZED,
                "pre-authorized_code": code or grant["pre-authorized_code"]}
        if tx_code is not None:
            form["tx_code"] = tx_code
        return self.client.post(self.server["token_endpoint"], data=form)

    def nonce(self) -> str:
        response = self.client.post(self.issuer["nonce_endpoint"])
        response.raise_for_status()
        return str(response.json()["c_nonce"])

    def proof(self, nonce: str, *, aud: str | None = None, iat: float | None = None,
              typ: str = "openid4vci-proof+jwt", key: Ed25519PrivateKey | None = None) -> str:
        header = {"typ": typ, "alg": "EdDSA", "kid": self.key.kid}
        claims = {"aud": aud or self.issuer["credential_issuer"],
                  "iat": int(time.time() if iat is None else iat), "nonce": nonce}
        return jwt(header, claims, key or self.key.private)

    def credential(self, access_token: str, proof: str,
                   configuration: str | None = None) -> httpx.Response:
        configuration = configuration or self.offer["credential_configuration_ids"][0]
        return self.client.post(
            self.issuer["credential_endpoint"],
            headers={"Authorization": f"Bearer {access_token}"},
            json={"credential_configuration_id": configuration, "proofs": {"jwt": [proof]}})

    def receive(self, link: str, tx_code: str, *, iat: float | None = None) -> dict[str, Any]:
        """The whole flow; returns the credential received."""
        self.read_offer(link)
        token = self.token(tx_code)
        assert token.status_code == 200, token.text
        response = self.credential(token.json()["access_token"],
                                   self.proof(self.nonce(), iat=iat))
        assert response.status_code == 200, response.text
        received: dict[str, Any] = response.json()["credentials"][0]["credential"]
        return received


def lcw_exchange(link: str, *flags: str) -> dict[str, Any]:
    """The Learner Credential Wallet's exchange on ``link`` (node, DCC libraries)."""
    if not (INTEROP / "node_modules" / ".installed").exists() or shutil.which("node") is None:
        pytest.fail("the JS libraries are not installed: run `make interop-deps`", pytrace=False)
    done = subprocess.run(["node", str(INTEROP / "lcw_exchange.mjs"), link, *flags],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result
