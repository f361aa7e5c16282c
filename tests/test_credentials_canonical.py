"""The fast canonicalization path gives exactly PyLD's canonical N-Quads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apprenance.credentials.canonical import (
    CanonicalizationError,
    canonicalize,
    canonicalize_pyld,
    canonize_quads,
)
from apprenance.credentials.contexts import UnknownContext, known_urls, verify_shipped_files
from apprenance.credentials.rdf_walk import escape_literal, walk
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
