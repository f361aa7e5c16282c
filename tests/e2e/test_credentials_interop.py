"""Credentials signed by our engine, judged by the real JavaScript verifiers (offline):
the DCC verifier-core and @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite (safe mode).
A valid credential verifies with both; changing any field makes both fail."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from apprenance.credentials.jsonld.contexts import OB_V3, VC_V1
from apprenance.credentials.trust.did import did_web_document, did_web_from_url
from credential_world import (
    ISSUER_KEY,
    loopback_server,
    sample_credential,
    signed,
    status_entry,
    status_list_credential,
)
from external_verifiers import judge


def _leaf_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else []
    paths: list[tuple[Any, ...]] = []
    for key, value in items:
        if prefix == () and key in ("@context", "proof"):
            continue
        if isinstance(value, dict | list):
            paths += _leaf_paths(value, (*prefix, key))
        else:
            paths.append((*prefix, key))
    return paths


def _tampered(credential: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    out = copy.deepcopy(credential)
    target = out
    for step in path[:-1]:
        target = target[step]
    value = target[path[-1]]
    if isinstance(value, bool):
        target[path[-1]] = not value
    elif isinstance(value, int | float):
        target[path[-1]] = value + 1
    elif path[-1] == "type" or (len(path) > 1 and path[-2] == "type"):
        target[path[-1]] = "VerifiableCredential" if value != "VerifiableCredential" else "Profile"
    elif value.startswith(("http", "urn:", "did:")):
        target[path[-1]] = value[:-1] + ("x" if value[-1] != "x" else "y")
    else:
        target[path[-1]] = value + "."
    return out


def test_our_credentials_verify_with_both_js_verifiers(tmp_path: Path) -> None:
    ordering = sample_credential()
    # U+FF01 sorts after U+1F331 in UTF-16 code units, before it in code points:
    # the JS canonicalizers sort by code units, and so do we.
    ordering["credentialSubject"]["achievement"]["tag"] = ["jardin\uff01", "jardin\U0001f331"]
    v1 = sample_credential()
    v1["@context"] = [VC_V1, OB_V3]
    v1["issuanceDate"] = v1.pop("validFrom")
    v1["expirationDate"] = v1.pop("validUntil")
    cases = {"ob3": signed(sample_credential()), "utf16-order": signed(ordering),
             "vc-1-1": signed(v1)}
    verdicts = judge(tmp_path, cases)
    for name, verdict in verdicts.items():
        assert verdict["verifierCore"]["verified"], (name, verdict)
        assert verdict["digitalbazaar"]["verified"], (name, verdict)


def test_changing_any_field_makes_both_js_verifiers_fail(tmp_path: Path) -> None:
    credential = signed(sample_credential())
    paths = _leaf_paths(credential)
    assert len(paths) > 25
    cases = {f"t{i}": _tampered(credential, path) for i, path in enumerate(paths)}
    cases["proof"] = copy.deepcopy(credential)
    cases["proof"]["proof"]["created"] = "2026-09-01T09:31:00Z"
    verdicts = judge(tmp_path, cases)
    for name, verdict in verdicts.items():
        where = paths[int(name[1:])] if name.startswith("t") else "proof.created"
        assert not verdict["verifierCore"]["verified"], (where, verdict)
        assert not verdict["digitalbazaar"]["verified"], (where, verdict)


def test_did_web_and_revocation_over_loopback_with_the_js_verifiers(tmp_path: Path) -> None:
    routes: dict[str, bytes] = {}
    with loopback_server(routes) as base:
        did = did_web_from_url(base.replace("http://", "https://") + "/issuers/combes")
        vm = f"{did}#{ISSUER_KEY.public_multibase}"
        routes["/issuers/combes/did.json"] = json.dumps(
            did_web_document(did, [ISSUER_KEY.public_multibase])).encode()
        list_url = f"{base}/status/1"
        routes["/status/1"] = json.dumps(status_list_credential(list_url, [7])).encode()
        cases = {
            "web": signed(sample_credential(did), vm=vm),
            "active": signed(sample_credential(status=status_entry(list_url, 3))),
            "revoked": signed(sample_credential(status=status_entry(list_url, 7))),
        }
        verdicts = judge(tmp_path, cases)
    assert verdicts["web"]["verifierCore"]["verified"], verdicts["web"]
    assert verdicts["web"]["digitalbazaar"]["verified"], verdicts["web"]
    assert verdicts["active"]["verifierCore"]["verified"], verdicts["active"]
    assert not verdicts["revoked"]["verifierCore"]["verified"]
    assert "revocation_status" in verdicts["revoked"]["verifierCore"]["errors"]
