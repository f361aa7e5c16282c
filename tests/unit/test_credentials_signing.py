"""eddsa-rdfc-2022 signing and verification, and the undefined-term check."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apprenance.credentials.jsonld.terms import (
    require_defined_terms,
    undefined_terms,
    undefined_terms_roundtrip,
)
from apprenance.credentials.trust import data_integrity as di
from apprenance.credentials.trust.did import did_key, did_key_vm
from apprenance.credentials.trust.keys import key_from_seed
from apprenance.errors import SigningError
from conftest import SHARED
from ob3_strategies import ob3_credentials

VECTOR = json.loads(
    (SHARED / "interop/1edtech-ob-spec/vectors/obv3p0-eddsa-rdfc-2022.json").read_text())
KEY = key_from_seed(bytes(range(32)))
CREATED = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


def _issued(credential: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(credential)
    out["issuer"]["id"] = did_key(KEY.public_multibase)
    return out


def test_1edtech_vector_gives_exactly_its_proof_value() -> None:
    key = key_from_seed(bytes.fromhex(VECTOR["key"]["secretKeyHex"])[:32])
    assert key.public_multibase == VECTOR["key"]["publicKeyMultibase"]
    options = VECTOR["proofOptions"]
    signed = di.sign(VECTOR["credential"], key, options["verificationMethod"],
                     created=datetime(2010, 1, 1, 19, 23, 24, tzinfo=UTC))
    assert signed["proof"] == {**options, "proofValue": VECTOR["expected"]["proofValue"]}
    data = di.hash_data(VECTOR["credential"], options)
    assert data.hex() == VECTOR["expected"]["proofHashHex"] + VECTOR["expected"][
        "documentHashHex"]
    assert key.sign(data).hex() == VECTOR["expected"]["signatureHex"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ob3_credentials(), st.data())
def test_signed_credentials_verify_and_any_change_breaks_them(
    credential: dict[str, Any], data: st.DataObject
) -> None:
    signed = di.sign(_issued(credential), KEY, did_key_vm(KEY.public_multibase),
                     created=CREATED)
    assert di.check_proof(signed, signed["proof"], KEY.public).valid
    tampered = copy.deepcopy(signed)
    path = data.draw(st.sampled_from(_leaf_paths(tampered)))
    _change(tampered, path)
    assert not di.check_proof(tampered, tampered["proof"], KEY.public).valid, path


def _leaf_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else []
    for key, value in items:
        if prefix == () and key in ("proof", "@context"):
            continue
        if isinstance(value, dict | list):
            paths += _leaf_paths(value, (*prefix, key))
        elif key not in ("type",) and not isinstance(value, bool):
            paths.append((*prefix, key))
    return paths


def _change(document: Any, path: tuple[Any, ...]) -> None:
    target = document
    for step in path[:-1]:
        target = target[step]
    value = target[path[-1]]
    if isinstance(value, int | float):  # past 2**53 a float + 1 is the same float: double it
        target[path[-1]] = value + 1 if abs(value) < 2**52 else value * 2
    else:
        target[path[-1]] = str(value) + "x"


def test_signing_refuses_undefined_terms_and_names_their_path() -> None:
    credential = _issued(VECTOR["credential"])
    credential["credentialSubject"]["achievement"]["hoursSpent"] = 12
    credential["credentialSubject"]["type"] = ["AchievementSubject", "LocalHero"]
    with pytest.raises(SigningError) as caught:
        di.sign(credential, KEY, did_key_vm(KEY.public_multibase), created=CREATED)
    message = caught.value.message
    assert "'hoursSpent' at credentialSubject.achievement" in message
    assert "undefined type 'LocalHero' at credentialSubject.type" in message
    assert caught.value.code == "signing" and caught.value.exit_code == 2


@pytest.mark.parametrize("char", ["\t", "\x00", "\x0b", "\x7f"])
def test_signing_refuses_strings_canonicalizers_escape_differently(char: str) -> None:
    credential = _issued(VECTOR["credential"])
    credential["name"] = f"Teamwork{char}Badge"
    with pytest.raises(SigningError, match=r"control character U\+00.. at name"):
        di.sign(credential, KEY, did_key_vm(KEY.public_multibase), created=CREATED)


def test_line_breaks_are_fine() -> None:
    credential = _issued(VECTOR["credential"])
    credential["name"] = "Teamwork\r\nBadge"
    signed = di.sign(credential, KEY, did_key_vm(KEY.public_multibase), created=CREATED)
    assert di.check_proof(signed, signed["proof"], KEY.public).valid


def test_relative_identifiers_are_refused() -> None:
    credential = _issued(VECTOR["credential"])
    credential["credentialSubject"]["achievement"]["id"] = "teamwork"
    with pytest.raises(SigningError, match="relative identifier 'teamwork'"):
        require_defined_terms(credential)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ob3_credentials(), st.sampled_from(["", "credentialSubject", "credentialSubject.achievement",
                                           "issuer"]), st.sampled_from(["bogus", "x_y", "zz"]))
def test_term_check_agrees_with_the_expand_compact_round_trip(
    credential: dict[str, Any], where: str, term: str
) -> None:
    assert undefined_terms(credential) == []
    assert undefined_terms_roundtrip(credential) == []
    target = credential
    for step in [s for s in where.split(".") if s]:
        target = target[step]
    target[term] = "value"
    found = undefined_terms(credential)
    assert [(p.path, p.name) for p in found] == [(where, term)]
    assert undefined_terms_roundtrip(credential) == [f"{where}.{term}" if where else term]


def test_verification_rejects_another_key_and_other_suites() -> None:
    signed = di.sign(_issued(VECTOR["credential"]), KEY, did_key_vm(KEY.public_multibase),
                     created=CREATED)
    other = key_from_seed(bytes(32))
    assert not di.check_proof(signed, signed["proof"], other.public).valid
    proof = {**signed["proof"], "cryptosuite": "ecdsa-rdfc-2019"}
    assert "unsupported cryptosuite" in di.check_proof(signed, proof, KEY.public).reason
    proof = {**signed["proof"], "proofValue": "zzz0OIl"}
    assert "unreadable proofValue" in di.check_proof(signed, proof, KEY.public).reason
