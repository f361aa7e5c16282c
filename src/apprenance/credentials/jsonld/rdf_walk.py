"""From a compacted JSON-LD credential straight to RDF quads, and the undefined-term check.

One walk of the document with cached active contexts (``active_context``) yields both the
quads that canonicalization hashes and every term, type or identifier that does not expand to
an absolute IRI (which PyLD would silently drop and the JavaScript verifiers' safe mode rejects).
Quads are tuples of N-Quads tokens ``(subject, predicate, object, graph)``; the graph is ``""``
for the default graph. When the walk meets a construct it does not turn into quads itself
(lists, named graphs, reverse properties, language maps...), it records why in
``unsupported`` and goes on checking terms: the caller then asks PyLD for the quads.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from apprenance.credentials.jsonld.active_context import (
    EMPTY,
    ActiveContext,
    TermDef,
    Unsupported,
    expand_iri,
    is_absolute,
)

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
_UNSAFE_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ECHAR = {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\"}
_RDFC_ESCAPES = {c: _ECHAR.get(c, f"\\u{c:04X}") for c in [*range(0x20), 0x7F, 34, 92]}
_LEGACY_ESCAPES = {34: '\\"', 92: "\\\\", 10: "\\n", 13: "\\r"}
_NEEDS_RDFC = re.compile(r'[\x00-\x1f\x7f"\\]')
_NEEDS_LEGACY = re.compile(r'["\\\n\r]')


def escape_literal(value: str, legacy: bool = False) -> str:
    """N-Quads string escaping: RDFC-1.0 (rdf-canonize 5), or the older rdf-canonize 4 one."""
    if legacy:
        return value.translate(_LEGACY_ESCAPES) if _NEEDS_LEGACY.search(value) else value
    return value.translate(_RDFC_ESCAPES) if _NEEDS_RDFC.search(value) else value


def canonical_double(value: float) -> str:
    """The canonical lexical form of an xsd:double, as PyLD and jsonld.js write it."""
    return re.sub(r"(\d)0*E\+?(-)?0*(\d)", r"\1E\2\3", f"{value:1.15E}")


@dataclass(frozen=True, slots=True)
class TermProblem:
    """A term, type or identifier that does not expand to an absolute IRI."""

    path: str
    kind: str  # "term", "type", "id", "value", "string"
    name: str

    def describe(self) -> str:
        where = self.path or "(top level)"
        if self.kind == "string":
            return f"control character {self.name} at {where}"
        labels = {
            "term": "undefined term",
            "type": "undefined type",
            "id": "relative identifier",
            "value": "undefined vocabulary value",
            "string": "non-portable character in",
        }
        return f"{labels.get(self.kind, self.kind)} {self.name!r} at {where}"


@dataclass(slots=True)
class Walk:
    """The result of walking one document."""

    quads: list[tuple[str, str, str, str]] = field(default_factory=list)
    problems: list[TermProblem] = field(default_factory=list)
    unsupported: str | None = None
    legacy_escaping: bool = False
    _bnodes: int = 0
    _labels: dict[str, str] = field(default_factory=dict)

    def blank(self, label: str | None = None) -> str:
        if label is not None and label in self._labels:
            return self._labels[label]
        token = f"_:b{self._bnodes}"
        self._bnodes += 1
        if label is not None:
            self._labels[label] = token
        return token

    def skip(self, reason: str) -> None:
        if self.unsupported is None:
            self.unsupported = reason

    def problem(self, path: str, kind: str, name: str) -> None:
        self.problems.append(TermProblem(path, kind, name))


def walk(document: Any, *, legacy_escaping: bool = False) -> Walk:
    """Quads and term problems of a compacted JSON-LD document."""
    result = Walk(legacy_escaping=legacy_escaping)
    if not isinstance(document, dict):
        result.skip("top-level array")
        return result
    try:
        _node(result, document, EMPTY, None, "", "")
    except Unsupported as exc:
        result.skip(str(exc))
        result.quads.clear()
    return result


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _iri_token(walk_: Walk, iri: str, path: str, kind: str, name: str) -> str | None:
    if iri.startswith("_:"):
        return walk_.blank(iri)
    if not is_absolute(iri):
        walk_.problem(path, kind, name)
        walk_.skip("relative IRI")
        return None
    if _IRI_FORBIDDEN.search(iri):
        walk_.problem(path, "id", name)
        walk_.skip("IRI with forbidden characters")
    return f"<{iri}>"


def _node(
    walk_: Walk,
    node: dict[str, Any],
    ctx: ActiveContext,
    via: TermDef | None,
    path: str,
    graph: str,
) -> str | None:
    """Walk a node object; return its subject token."""
    if ctx.previous is not None:
        first = [ctx.expand_key(k) for k in node]
        if "@value" not in first and first != ["@id"]:
            ctx = ctx.previous
    if via is not None and via.has_context:
        ctx = ctx.derive(via.context, override_protected=True)
    if "@context" in node:
        ctx = ctx.derive(node["@context"], stable=False)
    keys = {k: ctx.expand_key(k) for k in node}
    types: list[str] = []
    for key, expanded in keys.items():
        if expanded == "@type":
            value = node[key]
            types.extend(v for v in (value if isinstance(value, list) else [value]))
    scoped = ctx
    for name in sorted(t for t in types if isinstance(t, str)):
        definition = scoped.terms.get(name)
        if definition is not None and definition.has_context:
            ctx = ctx.derive(definition.context, propagate=False)
    if ctx is not scoped:
        keys = {k: ctx.expand_key(k) for k in node}
    if "@value" in keys.values():
        walk_.skip("value object")
        return None
    subject: str | None = None
    for key, expanded in keys.items():
        if expanded == "@id":
            value = node[key]
            if not isinstance(value, str):
                raise Unsupported("invalid @id value")
            iri = expand_iri(ctx, value)
            subject = _iri_token(walk_, iri or value, _join(path, key), "id", value)
    if subject is None:
        subject = walk_.blank()
    for name in types:
        if not isinstance(name, str):
            raise Unsupported("invalid type value")
        iri = expand_iri(scoped, name, vocab=True)
        token = _iri_token(walk_, iri or name, _join(path, "type"), "type", name)
        if token is not None:
            walk_.quads.append((subject, RDF_TYPE, token, graph))
    for key in sorted(node):
        expanded = keys[key]
        if expanded in ("@id", "@type", "@context"):
            continue
        _property(walk_, subject, key, node[key], ctx, _join(path, key), graph)
    return subject


def _property_kind(ctx: ActiveContext, key: str) -> tuple[str, str, TermDef | None]:
    """What a key is in ``ctx`` (cached): its kind, predicate token and term definition."""
    info: tuple[str, str, TermDef | None] | None = ctx.props.get(key)
    if info is not None:
        return info
    expanded = ctx.expand_key(key)
    definition = ctx.terms.get(key)
    if expanded is None or not (expanded.startswith("@") or is_absolute(expanded)):
        kind = "undefined"
    elif expanded.startswith("_:"):
        kind = "blank"
    elif expanded.startswith("@"):
        kind = "keyword"
    elif definition is not None and definition.type == "@json":
        kind = "json"
    elif definition is not None and (
        definition.reverse or definition.special or (definition.container - {"@set"})
    ):
        kind = "container"
    else:
        kind = "plain"
    info = (kind, f"<{expanded}>" if kind == "plain" else str(expanded), definition)
    ctx.props[key] = info
    return info


def _property(
    walk_: Walk, subject: str, key: str, value: Any, ctx: ActiveContext, path: str, graph: str,
) -> None:
    kind, predicate, definition = _property_kind(ctx, key)
    if kind == "plain":
        if isinstance(value, list):
            for index, item in enumerate(value):
                token = _object(walk_, item, ctx, definition, key, f"{path}[{index}]", graph)
                if token is not None:
                    walk_.quads.append((subject, predicate, token, graph))
        else:
            token = _object(walk_, value, ctx, definition, key, path, graph)
            if token is not None:
                walk_.quads.append((subject, predicate, token, graph))
        return
    if kind == "container" and definition is not None and _graph_container(definition):
        _graph_values(walk_, subject, predicate, value, ctx, definition, path, graph)
        return
    if kind in ("undefined", "blank"):
        walk_.problem(path.rpartition(".")[0], "term", key)
        if kind == "blank":
            walk_.skip("blank node predicate")
        return
    if kind == "json":
        walk_.skip("JSON literal")
        return
    walk_.skip(f"keyword {predicate}" if kind == "keyword" else "container or reverse property")
    _check_only(walk_, value, ctx, definition, path)


def _graph_container(definition: TermDef) -> bool:
    """A term whose values are each a graph of its own (``"@container": "@graph"``: the
    ``proof`` of Data Integrity, so the proofs of embedded endorsements)."""
    return (definition.container - {"@set"} == {"@graph"} and not definition.reverse
            and not definition.special)


def _graph_values(
    walk_: Walk, subject: str, predicate: str, value: Any, ctx: ActiveContext,
    definition: TermDef, path: str, graph: str,
) -> None:
    """Each node object of ``value`` walked into a named graph of its own, a new blank node,
    which is the object of ``subject predicate`` (JSON-LD 1.1, graph containers, and toRdf).
    Anything else below such a term (a graph object, a value, a list) is left to PyLD."""
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        if item is None:
            continue
        where = f"{path}[{index}]" if isinstance(value, list) else path
        if not isinstance(item, dict) or not item or any(
                ctx.expand_key(k) in ("@graph", "@value", "@list", "@set") for k in item):
            walk_.skip("graph container value")
            _check_only(walk_, value, ctx, definition, path)
            return
        name = walk_.blank()
        _node(walk_, item, ctx, definition, where, name)
        walk_.quads.append((subject, f"<{predicate}>", name, graph))


def _object(
    walk_: Walk,
    item: Any,
    ctx: ActiveContext,
    definition: TermDef | None,
    key: str,
    path: str,
    graph: str,
) -> str | None:
    if item is None:
        return None
    if isinstance(item, dict):
        if not item:
            walk_.problem(path, "term", "{}")
            walk_.skip("empty object")
            return None
        return _node(walk_, item, ctx, definition, path, graph)
    if isinstance(item, list):
        walk_.skip("nested array")
        _check_only(walk_, item, ctx, definition, path)
        return None
    if definition is not None and definition.has_context:
        ctx = ctx.derive(definition.context, override_protected=True)
        definition = ctx.terms.get(key)
    kind = definition.type if definition is not None else None
    if isinstance(item, str):
        if kind in ("@id", "@vocab"):
            iri = expand_iri(ctx, item, vocab=kind == "@vocab")
            return _iri_token(walk_, iri or item, path, "value" if kind == "@vocab" else "id", item)
        if _NEEDS_RDFC.search(item) is None:
            text = item
        else:
            if _UNSAFE_CONTROL.search(item):
                walk_.problem(path, "string", _first_control(item))
            text = escape_literal(item, walk_.legacy_escaping)
        if not ctx.plain:
            walk_.skip("default language")
        if kind is None or kind == "@none" or kind == XSD_STRING:
            return f'"{text}"'
        return f'"{text}"^^<{kind}>'
    datatype = kind if kind not in (None, "@id", "@vocab", "@none") else None
    return _number_literal(item, datatype)


def _number_literal(item: Any, datatype: str | None) -> str:
    if isinstance(item, bool):
        return f'"{"true" if item else "false"}"^^<{datatype or XSD + "boolean"}>'
    if isinstance(item, int) or (isinstance(item, float) and item.is_integer()):
        if abs(item) >= 1e21 or datatype == XSD + "double":
            return f'"{canonical_double(float(item))}"^^<{datatype or XSD + "double"}>'
        return f'"{int(item)}"^^<{datatype or XSD + "integer"}>'
    if isinstance(item, float) and math.isfinite(item):
        return f'"{canonical_double(item)}"^^<{datatype or XSD + "double"}>'
    raise Unsupported("invalid JSON value")


def _first_control(text: str) -> str:
    found = _UNSAFE_CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else ""


def _check_only(
    walk_: Walk,
    value: Any,
    ctx: ActiveContext,
    definition: TermDef | None,
    path: str,
) -> None:
    """Check the terms below a construct whose quads PyLD computes."""
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        where = f"{path}[{index}]" if isinstance(value, list) else path
        if isinstance(item, list):
            _check_only(walk_, item, ctx, definition, where)
        elif isinstance(item, dict):
            container = definition.container if definition is not None else frozenset()
            if container & {"@language", "@index", "@id", "@type"}:
                for sub_key, sub in item.items():
                    _check_only(walk_, sub, ctx, definition, f"{where}.{sub_key}")
            elif "@value" not in item and "@list" not in item and "@set" not in item:
                _node(walk_, item, ctx, definition, where, "")
            else:
                inner = item.get("@list", item.get("@set"))
                if inner is not None:
                    _check_only(walk_, inner, ctx, definition, where)
        elif isinstance(item, str) and _UNSAFE_CONTROL.search(item):
            walk_.problem(where, "string", _first_control(item))
