"""Decentralized identifiers: did:key (Ed25519 Multikey), did:web, and key resolution.

``resolve_key(verification_method_id, fetcher)`` finds the public key behind a proof's
``verificationMethod``: did:key is decoded locally; did:web and https identifiers are fetched
through the injectable ``fetcher`` (local files with ``--resolve``, loopback HTTP in tests).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from apprenance.credentials.jsonld.contexts import DID_V1, ED25519_2020, MULTIKEY_V1
from apprenance.credentials.trust.keys import public_key_from_multibase
from apprenance.errors import ApprenanceError, InputError, ResolutionError

Fetcher = Callable[[str], bytes]
"""Returns the bytes at a URL, or raises an ``ApprenanceError`` (``NotFound`` ...)."""

KEY_TYPES = ("Multikey", "Ed25519VerificationKey2020")


@dataclass(frozen=True)
class VerificationMethod:
    """A resolved public key and what the controller's document says about it."""

    id: str
    controller: str
    public_key: Ed25519PublicKey = field(repr=False)
    public_multibase: str
    relationships: frozenset[str]


def did_key(public_multibase: str) -> str:
    """``did:key:z6Mk...`` for an Ed25519 Multikey."""
    public_key_from_multibase(public_multibase)
    return f"did:key:{public_multibase}"


def did_key_vm(public_multibase: str) -> str:
    """The verification method id of a did:key: ``did:key:z6Mk...#z6Mk...``."""
    return f"{did_key(public_multibase)}#{public_multibase}"


def _method(did: str, vm_id: str, public_multibase: str) -> dict[str, Any]:
    return {
        "id": vm_id,
        "type": "Multikey",
        "controller": did,
        "publicKeyMultibase": public_multibase,
    }


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document of a did:key (derived, never fetched)."""
    if not did.startswith("did:key:z"):
        raise ResolutionError("verify.did.not_key", did=did)
    multibase = did.removeprefix("did:key:").split("#", 1)[0]
    method = _method(did, f"{did}#{multibase}", multibase)
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [method],
        "assertionMethod": [method["id"]],
        "authentication": [method["id"]],
    }


def did_web_from_url(url: str) -> str:
    """The did:web of a base URL: ``https://host:8000/a/b`` -> ``did:web:host%3A8000:a:b``."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InputError(f"a did:web needs an http(s) URL, not {url!r}")
    host = quote(parts.netloc, safe="")
    path = [quote(p, safe="") for p in parts.path.strip("/").split("/") if p]
    return ":".join(["did:web", host, *path])


def did_web_url(did: str, *, scheme: str = "https") -> str:
    """Where a did:web document lives (``/.well-known/did.json`` for a bare host)."""
    if not did.startswith("did:web:"):
        raise ResolutionError("verify.did.not_web", did=did)
    parts = did.removeprefix("did:web:").split("#", 1)[0].split(":")
    host = unquote(parts[0])
    path = "/".join(unquote(p) for p in parts[1:])
    return (
        f"{scheme}://{host}/{path}/did.json" if path else f"{scheme}://{host}/.well-known/did.json"
    )


def did_web_document(did: str, public_multibases: list[str]) -> dict[str, Any]:
    """A did:web document listing every key (oldest first; all stay for earlier credentials)."""
    methods = [_method(did, f"{did}#{m}", m) for m in public_multibases]
    ids = [m["id"] for m in methods]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def _fetch_json(url: str, fetcher: Fetcher) -> dict[str, Any]:
    try:
        data = json.loads(fetcher(url))
    except ApprenanceError as exc:
        raise ResolutionError("verify.did.fetch", url=url, reason=exc.message) from None
    except ValueError:
        raise ResolutionError("verify.did.not_json", url=url) from None
    if not isinstance(data, dict):
        raise ResolutionError("verify.did.not_object", url=url)
    return data


def controller_document(controller: str, fetcher: Fetcher) -> dict[str, Any]:
    """The DID document (or controller document) of ``controller``."""
    if controller.startswith("did:key:"):
        return did_key_document(controller)
    if controller.startswith("did:web:"):
        return _fetch_json(did_web_url(controller), fetcher)
    if controller.startswith(("https://", "http://")):
        return _fetch_json(controller, fetcher)
    raise ResolutionError("verify.did.unsupported", controller=controller[:60])


def resolve_key(vm_id: str, fetcher: Fetcher) -> VerificationMethod:
    """The public key named by a proof's ``verificationMethod``."""
    controller = vm_id.split("#", 1)[0]
    if controller.startswith(("https://", "http://")) and "#" not in vm_id:
        document = _fetch_json(vm_id, fetcher)
        return _read_method(document, vm_id, str(document.get("controller", controller)), set())
    document = controller_document(controller, fetcher)
    if document.get("id") not in (None, controller):
        raise ResolutionError("verify.did.other_id", controller=controller)
    relationships: dict[str, set[str]] = {}
    embedded: dict[str, dict[str, Any]] = {}
    for name in ("verificationMethod", "assertionMethod", "authentication"):
        for entry in _as_list(document.get(name)):
            ref = entry.get("id") if isinstance(entry, dict) else entry
            if not isinstance(ref, str):
                continue
            ref = controller + ref if ref.startswith("#") else ref
            if isinstance(entry, dict):
                embedded[ref] = entry
            if name != "verificationMethod":
                relationships.setdefault(ref, set()).add(name)
    method = embedded.get(vm_id)
    if method is None:
        raise ResolutionError("verify.did.unlisted", controller=controller, vm=vm_id)
    return _read_method(method, vm_id, controller, relationships.get(vm_id, set()))


def _read_method(
    method: dict[str, Any], vm_id: str, controller: str, relationships: set[str]
) -> VerificationMethod:
    if method.get("type") not in KEY_TYPES:
        raise ResolutionError("verify.did.key_type", type=repr(method.get("type")), vm=vm_id)
    multibase = method.get("publicKeyMultibase")
    if not isinstance(multibase, str):
        raise ResolutionError("verify.did.no_multibase", vm=vm_id)
    declared = method.get("controller", controller)
    if declared != controller:
        raise ResolutionError("verify.did.controller", vm=vm_id, declared=declared,
                              controller=controller)
    try:
        public = public_key_from_multibase(multibase)
    except InputError as exc:
        raise ResolutionError("verify.did.key_bad", vm=vm_id, reason=exc.message) from None
    return VerificationMethod(vm_id, controller, public, multibase, frozenset(relationships))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


__all__ = [
    "ED25519_2020",
    "Fetcher",
    "VerificationMethod",
    "controller_document",
    "did_key",
    "did_key_document",
    "did_key_vm",
    "did_web_document",
    "did_web_from_url",
    "did_web_url",
    "resolve_key",
]
