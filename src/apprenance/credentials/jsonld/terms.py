"""The undefined-term check: what PyLD would silently drop, and safe-mode verifiers reject.

``undefined_terms(document)`` lists every property, type, identifier or vocabulary value of a
JSON-LD document that does not expand to an absolute IRI with the document's own contexts, and
every string holding a control character other than LF and CR (canonicalizers disagree on how
to escape those, so a signature over them does not verify everywhere). It is the same walk
that feeds the fast canonicalization, so signing pays for it only once.

``undefined_terms_roundtrip`` is the naive check (PyLD expansion, then a comparison with the
document), kept as a test oracle and a benchmark baseline.
"""

from __future__ import annotations

import copy
from typing import Any

from pyld import jsonld

from apprenance.credentials.jsonld.contexts import document_loader
from apprenance.credentials.jsonld.rdf_walk import TermProblem, walk
from apprenance.errors import SigningError


def undefined_terms(document: Any) -> list[TermProblem]:
    """Problems found in ``document`` (empty when every term is defined)."""
    return walk(document).problems


def describe(problems: list[TermProblem]) -> list[str]:
    """One line per problem: ``undefined term 'foo' at credentialSubject.achievement``."""
    return [p.describe() for p in problems]


def raise_for_problems(problems: list[TermProblem], *, what: str = "credential") -> None:
    """Refuse to sign: a ``SigningError`` naming every problem's path."""
    if not problems:
        return
    lines = describe(problems)
    shown = "; ".join(lines[:5]) + (f" (and {len(lines) - 5} more)" if len(lines) > 5 else "")
    reasons = []
    if any(p.kind != "string" for p in problems):
        reasons.append("its JSON-LD contexts do not define these terms, so verifiers would "
                       "drop them or reject the credential")
    if any(p.kind == "string" for p in problems):
        reasons.append("verifiers canonicalize control characters other than line breaks "
                       "differently, so the signature would not verify everywhere")
    raise SigningError(
        f"refusing to sign the {what}: {shown}. Why: {'; '.join(reasons)}.",
        details={"problems": [{"path": p.path, "kind": p.kind, "name": p.name} for p in problems]},
    )


def require_defined_terms(document: Any, *, what: str = "credential") -> None:
    """Raise ``SigningError`` when ``document`` holds an undefined term."""
    raise_for_problems(undefined_terms(document), what=what)


def undefined_terms_roundtrip(document: Any) -> list[str]:
    """The naive check: the key paths of ``document`` that PyLD's expansion drops.

    Expands the document, then walks document and expansion side by side: a key of a node
    whose expanded node has fewer properties than the compact one lost something. Slow (a
    full PyLD expansion) and coarse (it names nodes, not always the term) - a test oracle."""
    options = {"documentLoader": document_loader}
    expanded = jsonld.expand(copy.deepcopy(document), options)
    compacted = jsonld.compact(expanded, {"@context": document.get("@context")}, options)
    lost: list[str] = []
    _compare(document, compacted, "", lost)
    return lost


def _compare(original: Any, roundtrip: Any, path: str, lost: list[str]) -> None:
    if isinstance(original, dict):
        other = roundtrip if isinstance(roundtrip, dict) else {}
        for key, value in original.items():
            if key == "@context":
                continue
            where = f"{path}.{key}" if path else key
            if key not in other:
                if value not in (None, [], {}):
                    lost.append(where)
                continue
            _compare(value, other[key], where, lost)
    elif isinstance(original, list):
        others = roundtrip if isinstance(roundtrip, list) else [roundtrip]
        for index, item in enumerate(original):
            match = others[index] if index < len(others) else None
            _compare(item, match, f"{path}[{index}]", lost)
