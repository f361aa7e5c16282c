"""JSON-LD 1.1 context processing and IRI expansion, compiled once and cached.

The fast canonicalization path and the undefined-term check walk a credential with these
active contexts instead of running PyLD's general expansion. Each derived context (a context
applied on top of another) is computed once per process and reused: a batch of credentials
sharing the same contexts pays for context processing only once.

Anything outside the subset handled here raises ``Unsupported``; callers then hand the
document to PyLD, which stays the reference (and the judge of errors).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from apprenance.credentials.jsonld.contexts import context_document

KEYWORDS = frozenset(
    (
        "@base",
        "@container",
        "@context",
        "@default",
        "@direction",
        "@embed",
        "@explicit",
        "@graph",
        "@id",
        "@import",
        "@included",
        "@index",
        "@json",
        "@language",
        "@list",
        "@nest",
        "@none",
        "@omitDefault",
        "@prefix",
        "@preserve",
        "@propagate",
        "@protected",
        "@requireAll",
        "@reverse",
        "@set",
        "@type",
        "@value",
        "@version",
        "@vocab",
    )
)
_KEYWORD_LIKE = re.compile(r"^@[a-zA-Z]+$")
_ABSOLUTE = re.compile(r"^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$")
_GEN_DELIMS = frozenset(":/?#[]@")
_CONTEXT_KEYWORDS = frozenset(
    [
        "@base",
        "@direction",
        "@import",
        "@language",
        "@propagate",
        "@protected",
        "@version",
        "@vocab",
    ]
)


class Unsupported(Exception):
    """A JSON-LD feature the fast path does not handle: use PyLD for this document.

    Internal control flow of the JSON-LD fast path, not one of our errors: raised here and in
    ``rdf_walk``, always caught by ``rdf_walk.walk`` (which records it and hands the document to
    PyLD); it never leaves the ``jsonld`` package, so it stays outside ``apprenance.errors``."""


def is_absolute(iri: str) -> bool:
    """An absolute IRI or a blank node identifier (PyLD's test)."""
    return _ABSOLUTE.match(iri) is not None


@dataclass(frozen=True, slots=True)
class TermDef:
    """One term definition of an active context."""

    iri: str | None
    type: str | None = None
    container: frozenset[str] = frozenset()
    context: Any = None
    has_context: bool = False
    protected: bool = False
    prefix: bool = False
    reverse: bool = False
    special: bool = False  # @language, @direction, @index, @nest: handled by PyLD only

    def same_as(self, other: TermDef) -> bool:
        """Equal but for the protected flag (allowed redefinition of a protected term)."""
        return (
            self.iri == other.iri
            and self.type == other.type
            and self.container == other.container
            and self.context is other.context
            and self.prefix == other.prefix
            and self.reverse == other.reverse
            and self.special == other.special
        )


@dataclass(eq=False, slots=True)
class ActiveContext:
    """Term definitions in force, plus what is needed to derive the next context."""

    terms: dict[str, TermDef] = field(default_factory=dict)
    vocab: str | None = None
    previous: ActiveContext | None = None
    plain: bool = True  # no default @language/@direction: strings are plain literals
    _derived: dict[Any, tuple[Any, ActiveContext]] = field(default_factory=dict)
    _keys: dict[str, str | None] = field(default_factory=dict)
    props: dict[str, Any] = field(default_factory=dict)  # rdf_walk's per-key cache

    def clone(self) -> ActiveContext:
        return ActiveContext(dict(self.terms), self.vocab, self.previous, self.plain)

    def derive(
        self,
        local: Any,
        *,
        propagate: bool = True,
        override_protected: bool = False,
        stable: bool = True,
    ) -> ActiveContext:
        """This context with ``local`` applied (cached; ``stable`` when ``local`` is a shipped
        context object that lives as long as the process, else keyed by its JSON text)."""
        if isinstance(local, str):
            key: Any = ("url", local, propagate, override_protected)
        elif stable:
            key = ("obj", id(local), propagate, override_protected)
        else:
            key = ("json", json.dumps(local, sort_keys=True), propagate, override_protected)
        hit = self._derived.get(key)
        if hit is not None:
            return hit[1]
        result = process_context(
            self, local, propagate=propagate, override_protected=override_protected
        )
        self._derived[key] = (local, result)
        return result

    def expand_key(self, key: str) -> str | None:
        """A property name expanded as a vocabulary-relative IRI (cached)."""
        try:
            return self._keys[key]
        except KeyError:
            value = expand_iri(self, key, vocab=True)
            self._keys[key] = value
            return value

    def has_protected(self) -> bool:
        return any(t.protected for t in self.terms.values())


EMPTY = ActiveContext()


def process_context(
    active: ActiveContext,
    local: Any,
    *,
    propagate: bool = True,
    override_protected: bool = False,
    remote: frozenset[str] = frozenset(),
) -> ActiveContext:
    """The Context Processing algorithm (JSON-LD 1.1, 4.1) for the supported subset."""
    result = active.clone()
    if isinstance(local, dict) and "@propagate" in local:
        propagate = bool(local["@propagate"])
    if not propagate and result.previous is None:
        result.previous = active
    for context in local if isinstance(local, list) else [local]:
        if context is None:
            if not override_protected and result.has_protected():
                raise Unsupported("invalid context nullification")
            result = ActiveContext(previous=None if propagate else result)
            continue
        if isinstance(context, str):
            if context in remote:
                raise Unsupported("recursive context inclusion")
            loaded = context_document(context).get("@context")
            result = process_context(result, loaded, remote=remote | {context})
            continue
        if not isinstance(context, dict):
            raise Unsupported("invalid local context")
        _apply_context_map(result, context, override_protected)
    return result


def _apply_context_map(result: ActiveContext, context: dict[str, Any], override: bool) -> None:
    if context.get("@version", 1.1) != 1.1:
        raise Unsupported("invalid @version value")
    if "@import" in context or "@base" in context:
        raise Unsupported("@import and @base are handled by PyLD")
    if "@vocab" in context:
        vocab = context["@vocab"]
        if vocab is None:
            result.vocab = None
        elif isinstance(vocab, str) and is_absolute(vocab):
            result.vocab = vocab
        else:
            raise Unsupported("relative @vocab")
    if "@language" in context or "@direction" in context:
        result.plain = False
    defined: dict[str, bool] = {}
    protected = bool(context.get("@protected", False))
    for term in context:
        if term not in _CONTEXT_KEYWORDS:
            _create_term(result, context, term, defined, protected, override)


def _create_term(
    active: ActiveContext,
    local: dict[str, Any],
    term: str,
    defined: dict[str, bool],
    protected_default: bool,
    override: bool,
) -> None:
    """The Create Term Definition algorithm (JSON-LD 1.1, 4.2) for the supported subset."""
    state = defined.get(term)
    if state:
        return
    if state is False:
        raise Unsupported("cyclic IRI mapping")
    if term == "" or term in KEYWORDS:
        raise Unsupported("keyword redefinition")
    if _KEYWORD_LIKE.match(term):
        return
    defined[term] = False
    value = local[term]
    previous = active.terms.pop(term, None)
    simple = isinstance(value, str)
    if value is None:
        value = {"@id": None}
    elif simple:
        value = {"@id": value}
    elif not isinstance(value, dict):
        raise Unsupported("invalid term definition")
    iri, prefix, reverse = _term_iri(active, local, term, value, defined, simple)
    kind = value.get("@type")
    if kind is not None:
        if not isinstance(kind, str):
            raise Unsupported("invalid type mapping")
        kind = expand_iri(active, kind, vocab=True, local=local, defined=defined)
        if kind not in ("@id", "@json", "@none", "@vocab") and not (kind and is_absolute(kind)):
            raise Unsupported("invalid type mapping")
    container = value.get("@container")
    if isinstance(container, str):
        container = [container]
    if "@prefix" in value:
        prefix = bool(value["@prefix"])
    definition = TermDef(
        iri=iri,
        type=kind,
        container=frozenset(container or ()),
        context=value.get("@context"),
        has_context="@context" in value,
        protected=bool(value.get("@protected", protected_default)),
        prefix=prefix,
        reverse=reverse,
        special=any(k in value for k in ("@language", "@direction", "@index", "@nest")),
    )
    if not override and previous is not None and previous.protected:
        if not previous.same_as(definition):
            raise Unsupported(f"protected term redefinition: {term}")
        definition = previous
    active.terms[term] = definition
    active._keys.clear()
    active.props.clear()
    defined[term] = True


def _term_iri(
    active: ActiveContext,
    local: dict[str, Any],
    term: str,
    value: dict[str, Any],
    defined: dict[str, bool],
    simple: bool,
) -> tuple[str | None, bool, bool]:
    """The IRI mapping of a term, and its prefix and reverse flags."""
    if "@reverse" in value:
        target = value["@reverse"]
        if not isinstance(target, str):
            raise Unsupported("invalid @reverse")
        return expand_iri(active, target, vocab=True, local=local, defined=defined), False, True
    if "@id" in value and value["@id"] != term:
        target = value["@id"]
        if target is None:
            return None, False, False
        if not isinstance(target, str):
            raise Unsupported("invalid IRI mapping")
        if target not in KEYWORDS and _KEYWORD_LIKE.match(target):
            return None, False, False
        iri = expand_iri(active, target, vocab=True, local=local, defined=defined)
        if iri is None or iri == "@context" or not (iri in KEYWORDS or is_absolute(iri)):
            raise Unsupported("invalid IRI mapping")
        prefix = (
            simple
            and ":" not in term
            and "/" not in term
            and (iri[-1] in _GEN_DELIMS or iri.startswith("_:"))
        )
        return iri, prefix, False
    colon = term.find(":", 1)
    if colon > 0:
        head, rest = term[:colon], term[colon + 1 :]
        if head in local and head != term:
            _create_term(active, local, head, defined, False, False)
        head_def = active.terms.get(head)
        if head_def is not None and head_def.iri:
            return head_def.iri + rest, False, False
        return term, False, False
    if "/" in term:
        raise Unsupported("relative IRI term")
    if term == "@type":
        return "@type", False, False
    if active.vocab is None:
        raise Unsupported("invalid IRI mapping")
    return active.vocab + term, False, False


def expand_iri(
    active: ActiveContext,
    value: str,
    *,
    vocab: bool = False,
    local: dict[str, Any] | None = None,
    defined: dict[str, bool] | None = None,
) -> str | None:
    """IRI Expansion (JSON-LD 1.1, 5.2); relative IRIs are returned as they are (no base)."""
    if value in KEYWORDS:
        return value
    if _KEYWORD_LIKE.match(value):
        return None
    if local is not None and defined is not None and value in local and not defined.get(value):
        _create_term(active, local, value, defined, bool(local.get("@protected")), False)
    definition = active.terms.get(value)
    if vocab and definition is not None:
        return definition.iri
    colon = value.find(":", 1)
    if colon > 0:
        head, rest = value[:colon], value[colon + 1 :]
        if head == "_" or rest.startswith("//"):
            return value
        if local is not None and defined is not None and head in local and not defined.get(head):
            _create_term(active, local, head, defined, bool(local.get("@protected")), False)
        head_def = active.terms.get(head)
        if head_def is not None and head_def.iri and head_def.prefix:
            return head_def.iri + rest
        if is_absolute(value):
            return value
    if vocab and active.vocab is not None:
        return active.vocab + value
    return value
