"""The fast canonicalization path gives exactly PyLD's canonical N-Quads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apprenance.credentials.jsonld.canonical import canonicalize, canonicalize_pyld, canonize_quads
from apprenance.credentials.jsonld.contexts import known_urls, verify_shipped_files
from apprenance.credentials.jsonld.rdf_walk import escape_literal, walk
from apprenance.errors import CanonicalizationError, UnknownContext
from conftest import SHARED
from ob3_strategies import ob3_credentials

FIXTURES = SHARED / "interop" / "vc-test-fixtures"
VECTOR_DIR = SHARED / "interop" / "1edtech-ob-spec" / "ob_v3p0" / "impl" / "test-vectors"
PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(ob3_credentials())
def test_fast_path_equals_pyld_on_generated_credentials(credential: dict[str, Any]) -> None:
    result = walk(credential)
    assert result.unsupported is None, result.unsupported
    assert canonicalize(credential, order="codepoint") == canonicalize_pyld(credential)


@PROPERTY
@given(ob3_credentials())
def test_utf16_order_differs_only_beyond_the_bmp(credential: dict[str, Any]) -> None:
    text = json.dumps(credential, ensure_ascii=False)
    if not any(ord(c) > 0xFFFF for c in text):
        assert canonicalize(credential) == canonicalize(credential, order="codepoint")
    lines = canonicalize(credential).split("\n")[:-1]
    assert lines == sorted(lines, key=lambda line: line.encode("utf-16-be"))


def _fixture_documents() -> list[Path]:
    paths = []
    for path in sorted((FIXTURES / "verifiableCredentials").rglob("*.json")):
        if path.stat().st_size:
            paths.append(path)
    return paths


@pytest.mark.parametrize("path", _fixture_documents(), ids=lambda p: p.name)
def test_fast_path_equals_pyld_on_credentials_signed_by_others(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    assert canonicalize(unsigned, order="codepoint") == canonicalize_pyld(unsigned)


def test_1edtech_vector_canonical_nquads_match_the_files() -> None:
    vector = json.loads(
        (SHARED / "interop/1edtech-ob-spec/vectors/obv3p0-eddsa-rdfc-2022.json").read_text())
    document = canonicalize(vector["credential"])
    options = {**vector["proofOptions"], "@context": vector["credential"]["@context"]}
    proof = canonicalize(options)
    assert document == (VECTOR_DIR / "obv3p0" / "document-canon.txt").read_text()
    assert proof == (VECTOR_DIR / "obv3p0" / "proof-canon.txt").read_text()
    assert hashlib.sha256(document.encode()).hexdigest() == vector["expected"]["documentHashHex"]
    assert hashlib.sha256(proof.encode()).hexdigest() == vector["expected"]["proofHashHex"]


@pytest.mark.parametrize(
    "extra",
    [
        {"credentialSubject": {"achievement": {"tag": {"@list": ["a", "b"]}}}},
        {"name": {"@value": "Badge", "@language": "fr"}},
        {"@context": {"ex": "https://example.org/ns#"}, "ex:score": [[1, 2], 3]},
    ],
    ids=["list", "value-object", "nested-array"],
)
def test_unusual_constructs_fall_back_to_pyld_and_agree(extra: dict[str, Any]) -> None:
    credential = json.loads((FIXTURES / "verifiableCredentials/v2/dataIntegrityProof/didKey/"
                             "legacyRegistry-noStatus-noExpiry-basicOBv3.json").read_text())
    credential.pop("proof")
    for key, value in extra.items():
        if key == "@context":
            credential["@context"] = [*credential["@context"], value]
        elif isinstance(value, dict) and isinstance(credential.get(key), dict):
            credential[key] = _merge(credential[key], value)
        else:
            credential[key] = value
    assert walk(credential).unsupported is not None
    assert canonicalize(credential, order="codepoint") == canonicalize_pyld(credential)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(
            out.get(key), dict) and "@list" not in value else value
    return out


def test_identical_blank_nodes_use_the_n_degree_algorithm() -> None:
    s, p, q = "<http://e/s>", "<http://e/p>", "<http://e/q>"
    quads = [("_:x", p, '"v"', ""), ("_:y", p, '"v"', ""), (s, q, "_:x", ""), (s, q, "_:y", "")]
    out = canonize_quads(quads)
    assert out.count("_:c14n0") == 2 and out.count("_:c14n1") == 2


def test_rdfc_escaping_follows_rdf_canonize_5() -> None:
    assert escape_literal('a\tb\x01"\\\n\r\x7f') == 'a\\tb\\u0001\\"\\\\\\n\\r\\u007F'
    assert escape_literal('a\tb"\n', legacy=True) == 'a\tb\\"\\n'


@given(st.text(min_size=1, max_size=5))
def test_escaping_never_leaves_a_raw_line_break(text: str) -> None:
    assert "\n" not in escape_literal(text) and "\r" not in escape_literal(text)


def test_unknown_context_is_refused_without_network() -> None:
    document = {"@context": ["https://example.com/not-shipped/v1"], "name": "x"}
    with pytest.raises(UnknownContext):
        canonicalize(document)
    with pytest.raises(UnknownContext):
        canonicalize_pyld(document)


def test_invalid_json_ld_is_our_error() -> None:
    document = {"@context": [VC := "https://www.w3.org/ns/credentials/v2", {"id": "@type"}],
                "type": "VerifiableCredential"}
    assert VC
    with pytest.raises(CanonicalizationError):
        canonicalize(document)


def test_shipped_contexts_are_intact_and_cover_the_fixtures() -> None:
    assert verify_shipped_files() == []
    index = json.loads((SHARED / "interop/contexts/index.json").read_text())
    assert set(index) <= known_urls()


# --- credentials as the engine builds them (issue #8: fast path == PyLD) ---------------------

ENGINE = settings(PROPERTY, max_examples=40, derandomize=True)


@st.composite
def engine_credentials(draw: st.DrawFn) -> dict[str, Any]:
    """An OB 3.0 credential built by ``ob3.credential`` (or a CLR by ``clr.clr_credential``)
    from generated awards: names, evidence texts and links with awkward characters, e-mail,
    handle or DID recipients, both languages, with or without status and validity."""
    import dataclasses
    from datetime import UTC, date, datetime

    from apprenance.credentials.formats import clr, ob3
    from apprenance.credentials.trust.data_integrity import with_suite_context
    from apprenance.credentials.verify.inputs import (
        AwardFacts,
        EvidenceItem,
        HostedUrls,
        IssuerProfile,
        Recipient,
    )
    from issue_world import issuing_catalog
    from ob3_strategies import names, slugs

    cat = issuing_catalog()
    badge = cat.badges[draw(st.sampled_from(sorted(cat.badges)))]
    badge = dataclasses.replace(badge, name={"fr": draw(names), "en": draw(names)},
                                valid_for=draw(st.sampled_from([None, "P2Y", "P18M"])))
    urls = HostedUrls("https://" + draw(slugs) + ".example.org")
    lang = draw(st.sampled_from(["fr", "en"]))
    issuer = IssuerProfile(draw(slugs), "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
                           draw(names), url=draw(st.none() | st.just("https://x.example.org")),
                           email=draw(st.none() | slugs.map(lambda s: f"{s}@example.org")),
                           description=draw(st.none() | names))
    participant = draw(st.one_of(slugs.map(lambda s: f"{s}@example.org"), slugs,
                                 slugs.map(lambda s: f"did:example:{s}")))
    moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1),
                           timezones=st.just(UTC))
    items = tuple(EvidenceItem(
        draw(slugs), draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1))),
        draw(st.floats(min_value=0.25, max_value=24, allow_nan=False)), draw(names),
        description=draw(st.none() | names),
        url=draw(st.none() | slugs.map(lambda s: f"https://e.example.org/{s}")),
        project=draw(st.none() | slugs),
        witness_roles=tuple(draw(st.lists(st.sampled_from(["habitant", "elu"]), max_size=2))))
        for _ in range(draw(st.integers(min_value=0, max_value=3))))
    hours = {p: draw(st.floats(min_value=0, max_value=500, allow_nan=False))
             for p in ("faire", "etre", "connaitre", "vivre-ensemble")}
    when = draw(moments)
    facts = AwardFacts(1, badge.id, when, draw(st.none() | moments), draw(st.none() | moments),
                       hours, items)
    status = ob3.status_entry(urls.status_list(issuer.slug, 1),
                              draw(st.integers(min_value=0, max_value=131071)))
    built = ob3.credential(
        credential_id=f"urn:uuid:{draw(st.uuids())}", issuer=issuer,
        recipient=Recipient(participant, lang), facts=facts, badge=badge,
        achievement_=ob3.achievement(badge, cat, urls, lang), urls=urls, issued_at=when,
        salt=draw(slugs), status=draw(st.none() | st.just(status)))
    if draw(st.booleans()):
        return with_suite_context(built)
    return clr.clr_credential(
        credential_id=f"urn:uuid:{draw(st.uuids())}", issuer=issuer,
        recipient=Recipient(participant, lang), name=draw(names), description=draw(names),
        pathways=[], parts={badge.id: built}, issued_at=when, salt=draw(slugs))


@ENGINE
@given(engine_credentials())
def test_fast_path_equals_pyld_on_credentials_the_engine_builds(
        credential: dict[str, Any]) -> None:
    assert walk(credential).unsupported is None  # the fast path itself, not a fallback
    assert canonicalize(credential, order="codepoint") == canonicalize_pyld(credential)


@ENGINE
@given(engine_credentials(), st.datetimes(timezones=st.just(__import__("datetime").UTC)))
def test_fast_path_equals_pyld_on_proof_options(credential: dict[str, Any], when: Any) -> None:
    from apprenance.credentials.trust.data_integrity import proof_options

    options = {**proof_options("did:key:z6Mk#z6Mk", when), "@context": credential["@context"]}
    assert canonicalize(options, order="codepoint") == canonicalize_pyld(options)


def test_a_document_read_by_pyld_is_read_once_and_any_change_is_read_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk does not handle language maps: PyLD reads the document, once for the same
    content (a credential met again in its PNG, SVG and PDF); a changed value is read again,
    never answered from what was kept."""
    import apprenance.credentials.jsonld.canonical as canonical

    calls: list[str] = []
    real = canonical.jsonld.to_rdf

    def to_rdf(document: Any, options: dict[str, Any]) -> Any:
        calls.append(json.dumps(document, sort_keys=True))
        return real(document, options)

    monkeypatch.setattr(canonical.jsonld, "to_rdf", to_rdf)
    doc = {"@context": {"name": {"@id": "http://schema.org/name", "@container": "@language"}},
           "@id": "urn:uuid:5f0b3c1e-0d5a-4c2e-9a57-3e0c9d2f7a10",
           "name": {"fr": "Atelier cuisine", "en": "Cooking workshop"}}
    assert walk(doc).unsupported is not None
    first = canonicalize(doc)
    assert '"Atelier cuisine"@fr' in first and canonicalize(json.loads(json.dumps(doc))) == first
    tampered = json.loads(json.dumps(doc))
    tampered["name"]["fr"] = "Atelier couture"
    changed = canonicalize(tampered)
    assert '"Atelier couture"@fr' in changed and '"Atelier cuisine"@fr' not in changed
    assert len(calls) == 2  # the document once, the changed one once
    assert canonicalize(doc) == first == canonicalize_pyld(doc) and len(calls) == 2


def _signed_fixture() -> dict[str, Any]:
    return json.loads((FIXTURES / "verifiableCredentials/v2/dataIntegrityProof/didKey/"
                       "legacyRegistry-noStatus-noExpiry-basicOBv3.json").read_text())


def _with_endorsement(credential: dict[str, Any]) -> dict[str, Any]:
    """An OB 3.0 credential embedding a signed endorsement (its proof kept), as ours do."""
    endorsement = _signed_fixture()
    endorsement["type"] = ["VerifiableCredential", "EndorsementCredential"]
    credential["credentialSubject"]["achievement"]["endorsement"] = [endorsement, endorsement]
    return credential


@pytest.mark.parametrize("shape", ["proof", "two-proofs", "endorsed", "endorsed-unsigned"])
def test_graph_containers_are_walked_and_agree_with_pyld(shape: str) -> None:
    """A ``proof`` (``"@container": "@graph"``) kept in a document: each proof is a named
    graph of its own; the walk gives PyLD's N-Quads without falling back to it."""
    credential = _signed_fixture()
    proof = credential["proof"]
    if shape == "two-proofs":
        second = {**proof, "id": "urn:uuid:7d1f0e6a-2c5b-4f1e-8d3a-9b0c1e2f3a4b",
                  "created": "2026-01-02T00:00:00Z"}
        credential["proof"] = [proof, second]
    elif shape.startswith("endorsed"):
        credential = _with_endorsement(credential)
        if shape == "endorsed-unsigned":
            credential.pop("proof")
    result = walk(credential)
    assert result.unsupported is None
    assert canonicalize(credential, order="codepoint") == canonicalize_pyld(credential)
    assert canonicalize(credential).count("<https://w3id.org/security#proof>") == (
        2 if shape == "two-proofs" else 1 if shape in ("proof", "endorsed") else 0) + (
        2 if shape.startswith("endorsed") else 0)


@pytest.mark.parametrize("value", [{"@graph": [{"type": "DataIntegrityProof"}]},
                                   "urn:uuid:0b7e7c2a-8f7e-4d43-9a55-5c9e0f3b2d11"],
                         ids=["graph-object", "reference"])
def test_other_values_of_a_graph_container_fall_back_to_pyld_and_agree(value: Any) -> None:
    credential = _signed_fixture()
    credential["proof"] = value
    assert walk(credential).unsupported is not None
    assert canonicalize(credential, order="codepoint") == canonicalize_pyld(credential)
