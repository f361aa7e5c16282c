"""Fuzzing verification end to end (``services.verify.verify_one``, what ``apprenance verify``
and ``POST /api/v1/verify`` run): random bytes, random JSON, mutated signed credentials (Data
Integrity, VC-JWT, Open Badges 2.0), badge images (random, truncated and mutated baked PNG and
SVG), PDF certificates (random and mutated), and the image code on its own (unbaking, baking,
drawing the artwork).

Properties: verification always answers a report (never raises); a credential whose signed
content was changed never verifies; the image and PDF readers raise only our errors.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from apprenance.clock import fixed_clock
from apprenance.credentials.images.badge_png import render_svg
from apprenance.credentials.images.baking import bake_ob2, bake_ob3, unbake_ob2
from apprenance.credentials.images.unbake import unbake
from apprenance.credentials.jsonld.canonical import canonicalize_pyld
from apprenance.credentials.pdf.attach import (
    attach_files,
    credential_attachment,
    extract_embedded_credentials,
)
from apprenance.credentials.trust import jwt
from apprenance.credentials.trust.did import did_key_vm
from apprenance.credentials.verify.verifier import Report
from apprenance.errors import NotFound
from apprenance.services.verify import verify_one
from credential_world import ISSUER_KEY, baked_png, baked_svg, sample_credential, signed, tiny_png
from fuzz_support import (
    format_text,
    fuzz,
    json_values,
    mutated_bytes,
    mutated_json,
    only_our_errors,
)

NOW = fixed_clock(datetime(2027, 1, 1, tzinfo=UTC))
SIGNED = signed(sample_credential())
SIGNED_TEXT = json.dumps(SIGNED, ensure_ascii=False)
UNSIGNED = {k: v for k, v in SIGNED.items() if k != "proof"}
VC_JWT = jwt.sign_jwt(sample_credential(), ISSUER_KEY, did_key_vm(ISSUER_KEY.public_multibase),
                      issued_at=datetime(2026, 9, 1, tzinfo=UTC))

OB2 = "https://w3id.org/openbadges/v2"
OB2_ISSUER = {"@context": OB2, "type": "Issuer", "id": "https://ob2.example.org/issuer",
              "name": "Collectif", "url": "https://ob2.example.org", "email": "c@example.org"}
OB2_BADGE = {"@context": OB2, "type": "BadgeClass", "id": "https://ob2.example.org/badge",
             "name": "Faire 1", "description": "Premier badge.", "issuer": OB2_ISSUER["id"],
             "image": "https://ob2.example.org/badge.png",
             "criteria": {"narrative": "Vingt heures."}}
OB2_ASSERTION = {"@context": OB2, "type": "Assertion",
                 "id": "https://ob2.example.org/assertions/1",
                 "recipient": {"type": "email", "hashed": False,
                               "identity": "camille@example.org"},
                 "badge": OB2_BADGE["id"], "verification": {"type": "hosted"},
                 "issuedOn": "2026-09-01T00:00:00Z"}


def ob2_fetcher(served: dict[str, Any]) -> Any:
    def fetch(url: str) -> bytes:
        if url in served:
            return json.dumps(served[url]).encode()
        raise NotFound(f"not served: {url}")
    return fetch


OB2_SERVED = {d["id"]: d for d in (OB2_ISSUER, OB2_BADGE, OB2_ASSERTION)}


def verify(data: bytes, fetcher: Any = None, source: str = "input") -> Report:
    """The report for ``data``: any exception fails the test."""
    report = verify_one(source, data=data, fetcher=fetcher or ob2_fetcher(OB2_SERVED),
                        clock=NOW, recipient="camille@example.org")
    assert report.verdict in ("valid", "invalid", "unreadable")
    json.dumps(report.to_dict())  # the API answers it as JSON
    assert report.checks, "a report always says something"
    return report


def pdf_with(credential_text: bytes) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Certificat")
    attach_files(canvas, [credential_attachment(json.loads(credential_text))],
                 modified=datetime(2026, 9, 1, tzinfo=UTC))
    canvas.save()
    return out.getvalue()


PDF = pdf_with(SIGNED_TEXT.encode())


def test_the_unmutated_inputs_verify() -> None:
    for data in (SIGNED_TEXT.encode(), VC_JWT.encode(), baked_png(SIGNED_TEXT),
                 baked_svg(SIGNED_TEXT), PDF):
        report = verify(data)
        assert report.verdict == "valid", (data[:40], report.to_dict())
    assert verify(json.dumps(OB2_ASSERTION).encode()).verdict == "valid"


# --- anything at all -------------------------------------------------------------------------


@fuzz(150)
@given(st.one_of(
    st.binary(max_size=400),
    format_text.map(lambda t: t.encode("utf-8", "surrogateescape")),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.tuples(st.sampled_from([b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"<svg", b"<?xml ",
                               b"eyJhbGciOiJFZERTQSJ9.", b"{", b"\xef\xbb\xbf"]),
              st.binary(max_size=300)).map(b"".join),
    st.builds(lambda n, open_, context: (context + open_ * n).encode(),
              st.integers(min_value=200, max_value=100_000), st.sampled_from(["[", '{"a":']),
              st.sampled_from(["", '{"@context": "https://w3id.org/openbadges/v2", "x": ',
                               '{"@context": ["https://www.w3.org/ns/credentials/v2"], "x": '])),
    st.builds(lambda n: ('{"@context": ["https://www.w3.org/ns/credentials/v2"], '
                         '"credentialSubject": ' + '{"a": ' * n + "1" + "}" * n + "}").encode(),
              st.integers(min_value=50, max_value=990)),
))
def test_verify_anything(data: bytes) -> None:
    verify(data)


@fuzz(120)
@given(json_values.map(lambda v: {**SIGNED, "credentialSubject": v}) | json_values.map(
    lambda v: {"@context": [OB2], "type": "Assertion", "verification": v, "badge": v,
               "recipient": v, "id": "https://ob2.example.org/assertions/1"}) | json_values.map(
    lambda v: {"@context": v, "type": v, "proof": v, "issuer": v, "credentialStatus": v}))
def test_verify_random_documents_shaped_like_credentials(document: dict[str, Any]) -> None:
    verify(json.dumps(document).encode())


# --- mutated signed credentials --------------------------------------------------------------


@fuzz(120)
@given(mutated_json(SIGNED))
def test_verify_mutated_data_integrity_credential(document: Any) -> None:
    report = verify(json.dumps(document).encode())
    if report.verdict == "valid":  # only changes that leave the signed graph as it was
        unsigned = {k: v for k, v in document.items() if k != "proof"}
        assert canonicalize_pyld(unsigned) == canonicalize_pyld(UNSIGNED)


@fuzz(60)
@given(st.sampled_from(sorted(_ for _ in range(len(SIGNED_TEXT)) if SIGNED_TEXT[_].isalnum())),
       st.characters(whitelist_categories=("Ll", "Lu", "Nd")))
def test_a_changed_letter_in_a_signed_credential_never_verifies(at: int, char: str) -> None:
    text = SIGNED_TEXT[:at] + char + SIGNED_TEXT[at + 1:]
    report = verify(text.encode())
    if text != SIGNED_TEXT:
        assert report.verdict != "valid", (SIGNED_TEXT[max(0, at - 30):at + 30], char)


@fuzz(80)
@given(mutated_bytes(VC_JWT.encode()))
def test_verify_mutated_vc_jwt(data: bytes) -> None:
    report = verify(data)
    if report.verdict == "valid":
        assert data.strip() == VC_JWT.encode()


@fuzz(80)
@given(mutated_json(OB2_ASSERTION), st.sampled_from(["assertion", "badge", "issuer"]))
def test_verify_mutated_ob2_assertion(document: Any, which: str) -> None:
    if which == "assertion":  # the copy given differs from the hosted one
        verify(json.dumps(document).encode())
        return
    served = dict(OB2_SERVED)
    key = OB2_BADGE["id"] if which == "badge" else OB2_ISSUER["id"]
    served[key] = mutated = {**(OB2_BADGE if which == "badge" else OB2_ISSUER)}
    if isinstance(document, dict):
        mutated.update({k: v for k, v in document.items() if k not in ("@context", "id")})
    verify(json.dumps(OB2_ASSERTION).encode(), ob2_fetcher(served))


# --- badge images ----------------------------------------------------------------------------

BAKED = [baked_png(SIGNED_TEXT), baked_png(SIGNED_TEXT, compressed=True), baked_svg(SIGNED_TEXT),
         baked_svg(VC_JWT, as_attribute=True), bake_ob3(tiny_png(), SIGNED),
         bake_ob2(tiny_png(), json.dumps(OB2_ASSERTION))]


@fuzz(150)
@given(st.sampled_from(BAKED).flatmap(mutated_bytes))
def test_verify_mutated_baked_images(data: bytes) -> None:
    verify(data)


@fuzz(80)
@given(st.sampled_from(BAKED), st.data())
def test_verify_truncated_baked_images(data: bytes, draw: st.DataObject) -> None:
    cut = draw.draw(st.integers(min_value=0, max_value=len(data) - 1))
    verify(data[:cut])


@fuzz(120)
@given(st.one_of(st.sampled_from(BAKED).flatmap(mutated_bytes), st.binary(max_size=200).map(
    lambda b: b"\x89PNG\r\n\x1a\n" + b), format_text.map(
    lambda t: ("<svg " + t).encode("utf-8", "surrogateescape"))))
def test_image_readers_raise_only_our_errors(data: bytes) -> None:
    only_our_errors(lambda: unbake(data))
    only_our_errors(lambda: unbake_ob2(data))
    only_our_errors(lambda: bake_ob3(data, SIGNED))
    only_our_errors(lambda: bake_ob2(data, json.dumps(OB2_ASSERTION)))


svg_values = st.one_of(st.text(max_size=8), st.sampled_from(
    ["0", "-1", "1e400", "nan", "inf", "0 0 0 0", "0 0 -5 10", "#fff", "#12345", "1e9",
     "M 0 0 C", "M1e300 1e300 L-1e300 0 Z", "100000", "0.0000001", "bold"]))
svg_elements = st.tuples(
    st.sampled_from(["circle", "polygon", "path", "text", "g", "rect", "svg"]),
    st.dictionaries(st.sampled_from(["cx", "cy", "r", "points", "d", "x", "y", "font-size",
                                     "fill", "stroke-width", "letter-spacing", "opacity",
                                     "viewBox", "width", "height", "text-anchor"]),
                    svg_values, max_size=5),
).map(lambda t: "<{0} {1}>t</{0}>".format(
    t[0], " ".join(f'{k}="{v}"' for k, v in t[1].items())))


@fuzz(40)
@given(st.dictionaries(st.sampled_from(["viewBox", "width", "height"]), svg_values, max_size=3),
       st.lists(svg_elements, max_size=6))
def test_artwork_drawing_raises_only_our_errors(root: dict[str, str], body: list[str]) -> None:
    attrs = " ".join(f'{k}="{v}"' for k, v in root.items())
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}>{"".join(body)}</svg>'
    result = only_our_errors(lambda: render_svg(svg.encode()))
    if isinstance(result, bytes):
        assert result.startswith(b"\x89PNG")


# --- PDF -------------------------------------------------------------------------------------


@fuzz(80)
@given(mutated_bytes(PDF, max_edits=4))
def test_verify_mutated_pdf(data: bytes) -> None:
    verify(data)
    only_our_errors(lambda: extract_embedded_credentials(data))


@fuzz(40)
@given(mutated_json(SIGNED))
def test_verify_pdf_with_a_mutated_credential(document: Any) -> None:
    if not isinstance(document, dict):
        document = {"value": document}
    text = json.dumps(document, ensure_ascii=False)
    assume("\ud800" not in text)  # the engine only attaches what it signed: text, not surrogates
    verify(pdf_with(text.encode()))
