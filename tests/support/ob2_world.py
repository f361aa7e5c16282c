"""Helpers for the Open Badges 2.0 verification tests: credentials issued by our own engine
with ``out/public`` served on 127.0.0.1, signed variants (RS256, EdDSA) with the issuer's key
published, and short ways to run ``apprenance verify`` (in-process CLI, or the service with a
loopback-only fetcher)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from apprenance.clock import fixed_clock
from apprenance.credentials.formats import ob2
from apprenance.credentials.trust import jwt
from apprenance.credentials.trust.fetchers import HttpFetcher, caching
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls, IssuerProfile
from apprenance.credentials.verify.verifier import Report
from apprenance.db.store import Store
from apprenance.services.verify import verify_one
from conftest import FIXED_NOW, CliResult
from issue_world import issuing_catalog, make_issuer, open_store, run_issue, seed, serve_folder

Cli = Callable[..., CliResult]


@dataclass
class World:
    """Credentials issued by the engine; ``out/public`` served at ``base``."""

    store: Store
    keys: KeyStore
    urls: HostedUrls
    out: Path

    @property
    def folder(self) -> Path:
        return next(self.out.glob("*-ana@x.org"))

    @property
    def assertion_file(self) -> Path:
        return self.folder / "faire-1.ob2.json"

    def assertion(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.assertion_file.read_text())
        return document

    def hosted(self, url: str) -> Path:
        return self.out / "public" / self.urls.path_of(url)

    def read(self, url: str) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.hosted(url).read_text())
        return document

    def publish(self, url: str, document: dict[str, Any]) -> None:
        self.hosted(url).write_text(json.dumps(document), encoding="utf-8")



@contextmanager
def issued_world(tmp_path: Path) -> Iterator[World]:
    """The engine issues the seeded awards (OB 2.0 files included) under a loopback server."""
    with serve_folder(tmp_path / "out" / "public") as base:
        store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
        cat, keys, urls = issuing_catalog(), KeyStore(tmp_path / "keys"), HostedUrls(base)
        seed(store, cat)
        make_issuer(store, keys, urls)
        run_issue(store, cat, keys, urls, tmp_path / "out")
        try:
            yield World(store, keys, urls, tmp_path / "out")
        finally:
            store.dispose()


def verify(cli: Cli, source: Path | str, *args: str) -> tuple[int, dict[str, Any]]:
    """Exit code and the report of ``apprenance verify SOURCE ... --json``."""
    result = cli("verify", source, *args, "--json")
    document: Any = result.json()
    assert len(document["results"]) == 1
    return result.code, document["results"][0]


def checks(report: dict[str, Any]) -> dict[str, str]:
    return {c["check"]: c["status"] for c in report["checks"]}


def message(report: dict[str, Any], name: str) -> str:
    return " ".join(c["message"] for c in report["checks"] if c["check"] == name)


def run(source: str, *, data: bytes | None = None, recipient: str | None = None,
        days: int = 0) -> Report:
    """The service on loopback only, ``days`` after issuing."""
    return verify_one(source, data=data, recipient=recipient,
                      fetcher=caching(HttpFetcher(loopback_only=True)),
                      clock=fixed_clock(FIXED_NOW + timedelta(days=days)))



@functools.cache
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def eddsa_jws(document: dict[str, Any], key: Ed25519PrivateKey) -> str:
    head = jwt.b64url(b'{"alg":"EdDSA"}')
    body = jwt.b64url(json.dumps(document).encode())
    return f"{head}.{body}.{jwt.b64url(key.sign(f'{head}.{body}'.encode()))}"


def public_pem(key: rsa.RSAPrivateKey | Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def signed_assertion(world: World, pem: str, *, declare: bool = True,
                     creator: bool = True) -> dict[str, Any]:
    """Publish the issuer's key (declared in its profile) and return a SignedBadge assertion."""
    key_url, issuer_url = world.urls.ob2_key("collectif"), world.urls.ob2_issuer("collectif")
    profile = IssuerProfile(slug="collectif", did="did:example:collectif", name="Collectif")
    world.publish(key_url, ob2.cryptographic_key(profile, world.urls, pem))
    if declare:
        world.publish(issuer_url, {**world.read(issuer_url), "publicKey": key_url})
    verification = {"type": "SignedBadge", "creator": key_url} if creator else {
        "type": "SignedBadge"}
    return {**world.assertion(), "id": "urn:uuid:0b1d5d7e-5f0e-4c31-9a57-37a2c1d1e0aa",
            "verification": verification}
