"""RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD credentials, with a fast path.

* ``canonicalize_pyld`` is the reference: PyLD 3 (toRdf + URDNA2015) with the offline loader.
* ``canonicalize`` is the fast path: one walk with cached contexts (``rdf_walk``) gives the
  quads; blank nodes are labelled here (first-degree hashes, and the n-degree algorithm when
  they collide). Documents the walk does not handle get their quads from PyLD's toRdf and the
  same labelling. Property tests prove both paths give the same N-Quads.

Two details follow the JavaScript implementations that verify our credentials (rdf-canonize),
where PyLD differs: lines and hashes are sorted by UTF-16 code units (``order="utf16"``; it
differs from code point order only when a line holds characters beyond U+FFFF), and string
literals are escaped as RDFC-1.0 says (``\\t`` for a tab, ``\\u0001`` ...). ``order="codepoint"``
gives PyLD's order. Signing refuses strings with control characters other than LF and CR, on
which rdf-canonize 4, rdf-canonize 5 and PyLD disagree.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import permutations
from typing import Any, Literal

from pyld import jsonld

from apprenance.credentials.jsonld.contexts import document_loader
from apprenance.credentials.jsonld.rdf_walk import Walk, escape_literal, walk
from apprenance.errors import CanonicalizationError, UnknownContext

Quad = tuple[str, str, str, str]
Order = Literal["utf16", "codepoint"]
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def canonicalize_pyld(document: Any) -> str:
    """Canonical N-Quads computed by PyLD alone (the reference, and the slow baseline)."""
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": document_loader,
    }
    return str(_pyld_call(jsonld.normalize, document, options))


def canonicalize(document: Any, *, order: Order = "utf16", legacy_escaping: bool = False) -> str:
    """Canonical N-Quads of a JSON-LD document (fast path, PyLD for unusual constructs)."""
    return canonicalize_walk(document, walk(document, legacy_escaping=legacy_escaping), order=order)


def canonicalize_walk(document: Any, result: Walk, *, order: Order = "utf16") -> str:
    """Canonical N-Quads from an existing walk of ``document``."""
    quads = (
        result.quads
        if result.unsupported is None
        else _pyld_quads(document, result.legacy_escaping)
    )
    return canonize_quads(quads, order=order)


# PyLD's shared context cache is not thread-safe: the HTTP service verifies and signs in
# several threads at once ("OrderedDict mutated during iteration" under load).
_PYLD_LOCK = threading.Lock()


def _pyld_call(function: Callable[..., Any], document: Any, options: dict[str, Any]) -> Any:
    try:
        with _PYLD_LOCK:
            return function(copy.deepcopy(document), options)
    except jsonld.JsonLdError as exc:
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, UnknownContext):
                raise cause from None
            cause = cause.__cause__ or getattr(cause, "cause", None)
        raise CanonicalizationError(f"not valid JSON-LD: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    parts: list[str] = []
    current: Any = exc
    while current is not None and len(parts) < 4:
        parts.append(str(getattr(current, "message", "") or current).splitlines()[0])
        current = getattr(current, "cause", None) or current.__cause__
    return "; ".join(p for p in parts if p)


def _pyld_quads(document: Any, legacy_escaping: bool) -> list[Quad]:
    """The quads of a document the walk does not handle (a language map, a list ...), from
    PyLD (~90 ms for a credential): the same document met again in a run (a credential baked
    in a PNG, an SVG, a PDF, a CLR record beside its JSON file) is not read again."""
    try:
        text = json.dumps(document, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # not plain JSON (built in memory): not kept
        return _pyld_quads_of(document, legacy_escaping)
    return list(_kept_pyld_quads(text, legacy_escaping))


@lru_cache(maxsize=256)
def _kept_pyld_quads(text: str, legacy_escaping: bool) -> tuple[Quad, ...]:
    return tuple(_pyld_quads_of(json.loads(text), legacy_escaping))


def _pyld_quads_of(document: Any, legacy_escaping: bool) -> list[Quad]:
    options = {"documentLoader": document_loader, "produceGeneralizedRdf": False}
    dataset = _pyld_call(jsonld.to_rdf, document, options)
    quads: list[Quad] = []
    for graph_name, triples in dataset.items():
        graph = (
            ""
            if graph_name == "@default"
            else _term(
                {
                    "type": "blank node" if graph_name.startswith("_:") else "IRI",
                    "value": graph_name,
                },
                legacy_escaping,
            )
        )
        for triple in triples:
            quads.append(
                (
                    _term(triple["subject"], legacy_escaping),
                    _term(triple["predicate"], legacy_escaping),
                    _term(triple["object"], legacy_escaping),
                    graph,
                )
            )
    return quads


def _term(term: dict[str, Any], legacy: bool) -> str:
    if term["type"] == "IRI":
        return f"<{term['value']}>"
    if term["type"] == "blank node":
        return f"_:p{term['value'][2:]}"
    text = escape_literal(term["value"], legacy)
    if term.get("language"):
        return f'"{text}"@{term["language"]}'
    datatype = term.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def _line(s: str, p: str, o: str, g: str) -> str:
    return f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n"


def _sorted(lines: Iterable[str], order: Order) -> list[str]:
    items = list(lines)
    if order == "utf16" and any(_ASTRAL.search(line) for line in items):
        return sorted(items, key=lambda line: line.encode("utf-16-be"))
    items.sort()
    return items


def _sha256(lines: list[str]) -> str:
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


class _Issuer:
    __slots__ = ("ids", "prefix")

    def __init__(self, prefix: str, ids: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.ids: dict[str, str] = dict(ids) if ids else {}

    def get(self, node: str) -> str:
        issued = self.ids.get(node)
        if issued is None:
            issued = self.ids[node] = f"{self.prefix}{len(self.ids)}"
        return issued

    def copy(self) -> _Issuer:
        return _Issuer(self.prefix, self.ids)


class _Canonicalizer:
    def __init__(self, quads: list[Quad], order: Order) -> None:
        self.quads = quads
        self.order: Order = order
        self.by_node: dict[str, list[Quad]] = {}
        for quad in quads:
            s, _, o, g = quad
            for term in {s, o, g}:
                if term[:2] == "_:":
                    self.by_node.setdefault(term, []).append(quad)
        self.first: dict[str, str] = {}
        self.canonical = _Issuer("_:c14n")

    def first_degree(self, node: str) -> str:
        known = self.first.get(node)
        if known is not None:
            return known

        def sub(term: str) -> str:
            return ("_:a" if term == node else "_:z") if term[:2] == "_:" else term

        lines = [_line(sub(s), p, sub(o), sub(g)) for s, p, o, g in self.by_node[node]]
        digest = self.first[node] = _sha256(_sorted(lines, self.order))
        return digest

    def run(self) -> str:
        groups: dict[str, list[str]] = {}
        for node in self.by_node:
            groups.setdefault(self.first_degree(node), []).append(node)
        shared = []
        for digest in sorted(groups):
            nodes = groups[digest]
            if len(nodes) == 1:
                self.canonical.get(nodes[0])
            else:
                shared.append(nodes)
        for nodes in shared:
            results = []
            for node in nodes:
                if node in self.canonical.ids:
                    continue
                issuer = _Issuer("_:b")
                issuer.get(node)
                results.append(self.n_degree(node, issuer))
            for _, issuer in sorted(results, key=lambda r: r[0]):
                for existing in issuer.ids:
                    self.canonical.get(existing)
        ids = self.canonical.ids

        def label(term: str) -> str:
            return ids[term] if term[:2] == "_:" else term

        lines = {_line(label(s), p, label(o), label(g)) for s, p, o, g in self.quads}
        return "".join(_sorted(lines, self.order))

    def related_hash(self, related: str, quad: Quad, issuer: _Issuer, position: str) -> str:
        if related in self.canonical.ids:
            ident = self.canonical.ids[related]
        elif related in issuer.ids:
            ident = issuer.ids[related]
        else:
            ident = self.first_degree(related)
        text = position + (quad[1] if position != "g" else "") + ident
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def n_degree(self, node: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        related_by_hash: dict[str, list[str]] = {}
        for quad in self.by_node[node]:
            for term, position in ((quad[0], "s"), (quad[2], "o"), (quad[3], "g")):
                if term[:2] == "_:" and term != node:
                    digest = self.related_hash(term, quad, issuer, position)
                    related_by_hash.setdefault(digest, []).append(term)
        data = hashlib.sha256()
        for digest in sorted(related_by_hash):
            data.update(digest.encode("utf-8"))
            chosen_path, chosen_issuer = "", None
            for permutation in permutations(related_by_hash[digest]):
                trial, path = issuer.copy(), ""
                recursion: list[str] = []
                worse = False
                for related in permutation:
                    if related in self.canonical.ids:
                        path += self.canonical.ids[related]
                    else:
                        if related not in trial.ids:
                            recursion.append(related)
                        path += trial.get(related)
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        worse = True
                        break
                if worse:
                    continue
                for related in recursion:
                    result_hash, trial = self.n_degree(related, trial)
                    path += trial.get(related) + "<" + result_hash + ">"
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        worse = True
                        break
                if worse:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path, chosen_issuer = path, trial
            data.update(chosen_path.encode("utf-8"))
            assert chosen_issuer is not None
            issuer = chosen_issuer
        return data.hexdigest(), issuer


def canonize_quads(quads: list[Quad], *, order: Order = "utf16") -> str:
    """RDFC-1.0 canonical N-Quads of a dataset given as N-Quads token tuples."""
    unique = list(dict.fromkeys(quads))
    return _Canonicalizer(unique, order).run()


__all__ = [
    "canonicalize",
    "canonicalize_pyld",
    "canonicalize_walk",
    "canonize_quads",
]
