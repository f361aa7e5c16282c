"""Verdicts others can rely on: nested CLR credentials, extra unsupported proofs, context
order, JWS crit, two baked credentials, messages in French."""

from __future__ import annotations

import json
from typing import Any

import pytest

from apprenance.clock import fixed_clock
from apprenance.credentials.images.unbake import unbake
from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.trust import jwt
from apprenance.credentials.trust.keys import key_from_seed
from apprenance.errors import UnreadableInput
from apprenance.services.verify import verify_one
from conftest import FIXED_NOW
from credential_world import ISSUER_KEY, SIGNED_AT, baked_png, sample_credential, signed

CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
OTHER_KEY = key_from_seed(bytes(range(40, 72)))


def _verify(document: dict[str, Any] | str) -> Any:
    data = document if isinstance(document, str) else json.dumps(document)
    return verify_one("c.json", fetcher=lambda url: b"", clock=fixed_clock(FIXED_NOW),
                      data=data.encode())


def _clr(inner: dict[str, Any]) -> dict[str, Any]:
    credential = sample_credential()
    clr = {"@context": [VC_V2, CLR_V2, OB_V3], "id": "urn:uuid:1",
           "type": ["VerifiableCredential", "ClrCredential"], "name": "Relevé",
           "issuer": {"id": f"did:key:{OTHER_KEY.public_multibase}", "type": ["Profile"],
                      "name": "Quelqu'un"},
           "validFrom": "2026-09-01T00:00:00Z",
           "credentialSubject": {"type": ["ClrSubject"],
                                 "identifier": credential["credentialSubject"]["identifier"],
                                 "achievement": [inner["credentialSubject"]["achievement"]],
                                 "verifiableCredential": [inner]}}
    return signed(clr, OTHER_KEY)


def test_a_clr_wrapping_a_forged_credential_is_not_valid() -> None:
    genuine = signed(sample_credential())
    good = _verify(_clr(genuine))
    assert good.verified, good.checks
    assert [n.verified for n in good.nested] == [True]
    forged = json.loads(json.dumps(genuine))
    forged["credentialSubject"]["achievement"]["name"] = "Autre badge"
    report = _verify(_clr(forged))
    assert not report.verified and report.signature == "valid"
    assert report.nested[0].signature == "invalid" and "nested" in report.failed_checks
    assert report.to_dict()["nested"][0]["role"] == "verifiableCredential[0]"


def test_an_unsupported_second_proof_is_ignored_with_a_note() -> None:
    credential = signed(sample_credential())
    extra = {**credential["proof"], "cryptosuite": "ecdsa-rdfc-2019", "proofValue": "z111"}
    report = _verify({**credential, "proof": [credential["proof"], extra]})
    assert report.verified, report.checks
    assert any(c.status == "skipped" and "ecdsa-rdfc-2019" in c.message for c in report.checks)
    only = _verify({**credential, "proof": [extra]})
    assert not only.verified


def test_the_first_context_must_be_the_vc_context() -> None:
    credential = sample_credential()
    credential["@context"] = [OB_V3, VC_V2]
    report = _verify(signed(credential))
    assert report.context == "invalid" and not report.verified
    assert report.failed_checks == ["context"]


def test_a_jws_with_a_critical_extension_is_invalid() -> None:
    token = jwt.sign_jwt(sample_credential(), ISSUER_KEY,
                         f"did:key:{ISSUER_KEY.public_multibase}#{ISSUER_KEY.public_multibase}",
                         issued_at=SIGNED_AT)
    decoded = jwt.decode_jwt(token)
    assert jwt.critical_problem({**decoded.header, "crit": ["exp"], "exp": 1}) is not None
    assert _verify(token).verified
    header = jwt.b64url(json.dumps({**decoded.header, "crit": ["x-new"], "x-new": 1}).encode())
    signing_input = (header + "." + token.split(".")[1]).encode()
    forged = signing_input.decode() + "." + jwt.b64url(ISSUER_KEY.sign(signing_input))
    report = _verify(forged)
    assert not report.verified and "x-new" in str(report.checks)


def test_an_image_with_two_credentials_is_unreadable() -> None:
    text = json.dumps(signed(sample_credential()))
    one = baked_png(text)
    chunk_start = one.index(b"iTXt") - 4
    chunk_end = one.index(b"IDAT") - 4
    two = one[:chunk_end] + one[chunk_start:chunk_end] + one[chunk_end:]
    assert unbake(one) is not None
    with pytest.raises(UnreadableInput, match="more than one"):
        unbake(two)
    assert verify_one("b.png", fetcher=lambda u: b"", clock=fixed_clock(FIXED_NOW),
                      data=two).verdict == "unreadable"


def test_messages_are_in_french_for_people() -> None:
    credential = signed(sample_credential())
    credential["name"] = "changé"
    result = _verify(credential).to_dict("fr")
    signature = next(c for c in result["checks"] if c["check"] == "signature")
    assert signature["text"].startswith("eddsa-rdfc-2022\u00a0: ")
    assert result["failed_checks"] == ["signature"]
    assert result["vouches_for"]["issuer"]["name"] == "Collectif des Combes"
