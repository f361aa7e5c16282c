"""Framework files -> the catalog's schemes, prefixes and concepts.

Each scheme gets a prefix: the one it records (``vann:preferredNamespacePrefix``), else the one
declared for its namespace in ``prefixes.yaml``, else the declared prefix that covers most of its
concepts, else the file's own ``@prefix``, else one derived from the scheme's notation or last
path segment. A concept is named ``prefix:rest`` after the longest namespace its URI starts
with. A concept described in several files is merged (the first file decides its scheme)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from apprenance.catalog.framework_data import FrameworkData, RawConcept, RawScheme
from apprenance.domain.catalog import Concept, Scheme

_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass
class Assembled:
    schemes: dict[str, Scheme] = field(default_factory=dict)  # key -> scheme
    prefixes: dict[str, str] = field(default_factory=dict)  # longest namespace first
    concepts: dict[str, Concept] = field(default_factory=dict)  # curie -> concept
    scheme_keys: dict[str, str] = field(default_factory=dict)  # scheme uri -> key
    curies: dict[str, str] = field(default_factory=dict)  # concept uri -> curie


def slug(text: str) -> str:
    """A prefix made of ``text``: lower case ASCII letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not value:
        return "scheme"
    return value if value[0].isalpha() else f"s-{value}"


def last_segment(uri: str) -> str:
    return re.split(r"[/#:]", uri.rstrip("/#"))[-1]


def common_namespace(uris: list[str], fallback: str) -> str:
    """The longest ``.../`` or ``...#`` all ``uris`` start with (``fallback`` when none)."""
    if not uris:
        return fallback
    first, last = min(uris), max(uris)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    head = first[:size]
    cut = max(head.rfind("/"), head.rfind("#"))
    return head[: cut + 1] if cut > len("http://") else fallback


class _Namespaces:
    def __init__(self, declared: dict[str, str]) -> None:
        self.by_prefix = dict(declared)
        self._ordered: list[tuple[str, str]] | None = None

    def ordered(self) -> list[tuple[str, str]]:
        if self._ordered is None:
            self._ordered = sorted(self.by_prefix.items(), key=lambda item: -len(item[1]))
        return self._ordered

    def prefix_of(self, uri: str) -> tuple[str, str] | None:
        for prefix, ns in self.ordered():
            if uri.startswith(ns) and len(uri) > len(ns):
                return prefix, ns
        return None

    def add(self, prefix: str, ns: str) -> str:
        """Register ``ns`` under ``prefix`` (or a free variant of it); the prefix used."""
        for known, known_ns in self.by_prefix.items():
            if known_ns == ns:
                return known
        name, n = prefix, 2
        while name in self.by_prefix:
            name, n = f"{prefix}-{n}", n + 1
        self.by_prefix[name] = ns
        self._ordered = None
        return name


def assemble(frameworks: list[FrameworkData], declared: dict[str, str]) -> Assembled:
    out = Assembled()
    spaces = _Namespaces(declared)
    raw_schemes: dict[str, RawScheme] = {}
    for data in frameworks:
        for scheme in data.schemes:
            if scheme.uri in raw_schemes:
                _fill_scheme(raw_schemes[scheme.uri], scheme)
                continue
            raw_schemes[scheme.uri] = scheme
            members = [c.uri for c in data.concepts if scheme.uri in c.schemes]
            key = _scheme_prefix(scheme, members, data.bindings, spaces)
            if key in out.scheme_keys.values():  # another scheme already has this prefix
                key = _free_key(f"{key}-{slug(last_segment(scheme.uri))}", out.scheme_keys)
            out.scheme_keys[scheme.uri] = key
    merged: dict[str, RawConcept] = {}
    copies: set[str] = set()  # concepts described twice are merged into a copy, never in place
    for data in frameworks:
        for concept in data.concepts:
            known = merged.get(concept.uri)
            if known is None:
                merged[concept.uri] = concept
                continue
            if concept.uri not in copies:
                known = merged[concept.uri] = RawConcept(
                    known.uri, dict(known.labels), dict(known.definitions), known.notation,
                    list(known.schemes), list(known.broader),
                    {k: list(v) for k, v in known.matches.items()}, known.line, known.file,
                )
                copies.add(concept.uri)
            _fill_concept(known, concept)
    home: dict[str, str] = {}  # concept uri -> the uri of its (first known) scheme
    for uri, raw in merged.items():
        schemes = [s for s in raw.schemes if s in out.scheme_keys]
        if schemes:
            home[uri] = schemes[0]
    for uri in merged:
        found = spaces.prefix_of(uri)
        if found is None:
            scheme_key = out.scheme_keys.get(home.get(uri, ""), "") or slug(last_segment(uri))
            ns = common_namespace([uri], uri)
            found = (spaces.add(scheme_key, ns), ns)
        out.curies[uri] = f"{found[0]}:{uri[len(found[1]):]}"
    for uri, raw in merged.items():
        curie = out.curies[uri]
        related = sorted({u for uris in raw.matches.values() for u in uris})
        out.concepts[curie] = Concept(
            curie=curie,
            uri=uri,
            scheme=out.scheme_keys.get(home.get(uri, ""), ""),
            notation=raw.notation or curie.split(":", 1)[1],
            label=dict(raw.labels),
            definition=dict(raw.definitions),
            broader=tuple(out.curies[b] for b in raw.broader if b in out.curies),
            related=tuple(related),
        )
    for uri, raw_scheme in raw_schemes.items():
        key = out.scheme_keys[uri]
        out.schemes[key] = Scheme(
            prefix=key,
            uri=uri,
            title=dict(raw_scheme.title),
            description=dict(raw_scheme.description),
            source=raw_scheme.source,
            version=raw_scheme.version,
        )
    out.prefixes = dict(spaces.ordered())
    return out


def _scheme_prefix(
    scheme: RawScheme, members: list[str], bindings: dict[str, str], spaces: _Namespaces
) -> str:
    if scheme.prefix:
        ns = scheme.namespace or common_namespace(members, scheme.uri + "/")
        return spaces.add(slug(scheme.prefix), ns)
    own = {scheme.uri + "/", scheme.uri + "#", scheme.uri}
    for prefix, ns in spaces.by_prefix.items():
        if ns in own:
            return prefix
    covered = Counter(found[0] for u in members if (found := spaces.prefix_of(u)) is not None)
    if covered:
        return covered.most_common(1)[0][0]
    ns = common_namespace(members, scheme.uri + "/")
    for prefix, bound in bindings.items():
        # the file's own prefix names a file on import: only a plain name (no "../", no "/")
        if bound == ns and prefix not in spaces.by_prefix and _PREFIX.fullmatch(prefix):
            return spaces.add(prefix, ns)
    return spaces.add(slug(scheme.notation or last_segment(scheme.uri)), ns)


def _free_key(key: str, taken: dict[str, str]) -> str:
    used = set(taken.values())
    name, n = key, 2
    while name in used:
        name, n = f"{key}-{n}", n + 1
    return name


def _fill_scheme(known: RawScheme, other: RawScheme) -> None:
    for lang, value in other.title.items():
        known.title.setdefault(lang, value)
    for lang, value in other.description.items():
        known.description.setdefault(lang, value)
    known.source = known.source or other.source
    known.version = known.version or other.version


def _fill_concept(known: RawConcept, other: RawConcept) -> None:
    for lang, value in other.labels.items():
        known.labels.setdefault(lang, value)
    for lang, value in other.definitions.items():
        known.definitions.setdefault(lang, value)
    known.notation = known.notation or other.notation
    known.schemes += [s for s in other.schemes if s not in known.schemes]
    known.broader += [b for b in other.broader if b not in known.broader]
    for kind, uris in other.matches.items():
        mine = known.matches.setdefault(kind, [])
        mine += [u for u in uris if u not in mine]
