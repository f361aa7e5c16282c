"""The credential builders and the image baking, without a store."""

from __future__ import annotations

import io
import json
import struct
import zlib
from datetime import UTC, date, datetime

import pytest

from apprenance.credentials.formats import ob2, ob3
from apprenance.credentials.images.badge_png import badge_png, render_svg
from apprenance.credentials.images.baking import (
    MAX_PIXELS,
    bake_ob2,
    bake_ob3,
    png_chunks,
    unbake_ob2,
)
from apprenance.credentials.images.unbake import unbake
from apprenance.credentials.jsonld.terms import undefined_terms, undefined_terms_roundtrip
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import key_from_seed
from apprenance.credentials.verify.inputs import (
    AwardFacts,
    EvidenceItem,
    HostedUrls,
    IssuerProfile,
    Recipient,
    add_period,
)
from apprenance.errors import BakingError, CatalogError, SigningError
from issue_world import ARTWORK, issuing_catalog

URLS = HostedUrls("https://badges.example.org")
NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
KEY = key_from_seed(bytes(range(32)))
ISSUER = IssuerProfile("collectif", f"did:key:{KEY.public_multibase}", "Collectif")


def _credential(lang: str = "fr", evidence: int = 1, **extra: object) -> dict[str, object]:
    cat = issuing_catalog()
    badge = cat.badges["faire-1"]
    items = tuple(EvidenceItem(f"a{i}", date(2025, 3, 1 + i % 28), 2.0, "Atelier",
                               description="Chantier « paille »", project="p1",
                               witness_roles=("habitant",) if i == 0 else ())
                  for i in range(evidence))
    facts = AwardFacts(1, "faire-1", NOW, NOW, NOW, {"faire": 6.0}, items)
    return ob3.credential(
        credential_id="urn:uuid:00000000-0000-4000-8000-000000000001", issuer=ISSUER,
        recipient=Recipient("Ana@X.org", lang), facts=facts, badge=badge,
        achievement_=ob3.achievement(badge, cat, URLS, lang, image="data:image/png;base64,AA=="),
        urls=URLS, issued_at=NOW, salt="5a1t",
        status=ob3.status_entry(URLS.status_list("collectif", 1), 4242), **extra)  # type: ignore[arg-type]


def test_every_term_of_the_credential_is_defined_by_its_contexts() -> None:
    doc = _credential(evidence=3)
    assert undefined_terms(doc) == []
    assert undefined_terms_roundtrip(doc) == []
    assert doc["@context"] == ["https://www.w3.org/ns/credentials/v2",
                               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def test_signing_refuses_a_credential_with_an_undefined_term() -> None:
    doc = _credential()
    doc["credentialSubject"]["pillarHours"] = {"faire": 6}  # type: ignore[index]
    with pytest.raises(SigningError, match="pillarHours"):
        sign(doc, KEY, f"{ISSUER.did}#{KEY.kid}", created=NOW)
    assert sign(_credential(), KEY, f"{ISSUER.did}#{KEY.kid}", created=NOW)["proof"]


def test_texts_are_in_the_learner_language_and_point_to_the_other() -> None:
    fr, en = _credential("fr"), _credential("en")
    a_fr = fr["credentialSubject"]["achievement"]  # type: ignore[index]
    a_en = en["credentialSubject"]["achievement"]  # type: ignore[index]
    assert (a_fr["name"], a_fr["inLanguage"], a_en["name"], a_en["inLanguage"]) == (
        "Faire 1", "fr", "Doing 1", "en")
    assert a_fr["related"] == [{"id": "https://badges.example.org/achievements/faire-1.en.json",
                                "type": ["Related"], "inLanguage": "en"}]
    assert a_fr["description"] == "Premier pas" and fr["name"] == "Faire 1"


def test_recipient_is_a_salted_hash_of_the_normalised_email() -> None:
    import hashlib

    [identity] = _credential()["credentialSubject"]["identifier"]  # type: ignore[index]
    expected = hashlib.sha256(b"ana@x.org5a1t").hexdigest()
    assert identity == {"type": "IdentityObject", "identityHash": f"sha256${expected}",
                        "identityType": "emailAddress", "hashed": True, "salt": "5a1t"}


def test_evidence_is_capped_with_a_summary_entry() -> None:
    doc = _credential(evidence=ob3.MAX_EVIDENCE + 5)
    entries = doc["evidence"]
    assert len(entries) == ob3.MAX_EVIDENCE + 1  # type: ignore[arg-type]
    assert "5 " in entries[-1]["narrative"]  # type: ignore[index]
    assert undefined_terms(doc) == []


def test_validity_periods() -> None:
    assert add_period(datetime(2024, 1, 31, tzinfo=UTC), "P1M") == datetime(2024, 2, 29,
                                                                             tzinfo=UTC)
    assert add_period(NOW, "P2Y6M") == datetime(2029, 3, 15, 10, tzinfo=UTC)
    assert add_period(NOW, "P2W") == datetime(2026, 9, 29, 10, tzinfo=UTC)
    with pytest.raises(CatalogError):
        add_period(NOW, "two years")


def test_ob2_assertion_hashes_the_recipient_and_expires() -> None:
    cat = issuing_catalog()
    facts = AwardFacts(1, "faire-1", NOW, NOW, NOW, {}, ())
    doc = ob2.assertion(uid="u1", issuer=ISSUER, recipient=Recipient("ana@x.org"), facts=facts,
                        badge=cat.badges["faire-1"], urls=URLS, issued_at=NOW, salt="s")
    assert doc["recipient"]["hashed"] is True and doc["recipient"]["salt"] == "s"
    assert doc["expires"] == "2028-09-15T10:00:00Z"
    assert doc["id"].startswith(URLS.base) and doc["badge"].startswith(URLS.base)


# --- images --------------------------------------------------------------------------------


def test_badge_artwork_renders_to_png() -> None:
    png = badge_png(ARTWORK / "faire-1.svg")
    chunks = png_chunks(png)
    width, height = struct.unpack(">II", chunks[0][1][:8])
    assert (width, height) == (400, 400)
    assert badge_png(None).startswith(b"\x89PNG")


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_ob3_baking_round_trips_json_and_jwt(kind: str) -> None:
    image = badge_png(ARTWORK / "faire-1.svg") if kind == "png" else (
        ARTWORK / "faire-1.svg").read_bytes()
    doc = {"id": "urn:uuid:1", "name": "Café ]] > <b>"}
    baked = unbake(bake_ob3(image, doc))
    assert baked is not None and baked.version == "3.0" and json.loads(baked.text) == doc
    token = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln"
    again = unbake(bake_ob3(bake_ob3(image, doc), token))  # re-baking replaces
    assert again is not None and again.text == token


def test_ob2_baking_through_the_bakery_and_its_none_is_our_error() -> None:
    png = badge_png(ARTWORK / "faire-1.svg")
    assertion = json.dumps({"id": "https://badges.example.org/ob2/assertions/u1.json"})
    assert json.loads(unbake_ob2(bake_ob2(png, assertion))) == json.loads(assertion)
    with pytest.raises(BakingError, match="no Open Badges 2"):
        unbake_ob2(png)
    with pytest.raises(BakingError):
        bake_ob2(b"GIF89a not an image", assertion)


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))


def test_image_limits_and_malformed_images_are_refused() -> None:
    side = int(MAX_PIXELS**0.5) + 1
    with pytest.raises(BakingError, match="too many pixels"):
        bake_ob3(_png(side, side), {})
    broken = bytearray(_png(10, 10))
    broken[20] ^= 0xFF
    with pytest.raises(BakingError, match="CRC"):
        bake_ob3(bytes(broken), {})
    with pytest.raises(BakingError):
        bake_ob3(b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>', {})
    with pytest.raises(BakingError, match="too large"):
        bake_ob3(b"<svg>" + b" " * (3 * 1024 * 1024) + b"</svg>", {})
    with pytest.raises(Exception, match="not readable SVG"):
        render_svg(b"<svg><unclosed></svg>")
    assert io.BytesIO(_png(1, 1)).read(8) == b"\x89PNG\r\n\x1a\n"
