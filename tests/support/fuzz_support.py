"""What the fuzz tests share: the ``fuzz`` hypothesis profile, strategies for hostile JSON and
text, byte mutations, and the one property every parser must keep — nothing but our own errors
(``apprenance.errors.ApprenanceError``, or the importers' ``FieldError`` before the first
batch) or a normal report ever comes out.

The profile is derandomized (CI runs the same examples every time) and bounded: the whole
``tests/*/test_fuzz_*.py`` set runs in well under a minute. ``APPRENANCE_FUZZ_EXAMPLES=2000``
multiplies the examples for a long local run (and ``APPRENANCE_FUZZ_RANDOM=1`` draws new ones).
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import pkgutil
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from apprenance.errors import ApprenanceError

_SCALE = int(os.environ.get("APPRENANCE_FUZZ_EXAMPLES", "0") or 0)


def _fix_the_constants() -> None:
    """Hypothesis mixes into its examples the constants it finds in the project's modules
    loaded so far, so the examples would depend on which tests ran before (and on which
    xdist worker): load every module of apprenance now, and keep the constants found at this
    point (collection time, the same in every run of the same command)."""
    import apprenance

    for module in pkgutil.walk_packages(apprenance.__path__, "apprenance."):
        if not any(part in module.name for part in (".migrations", ".data", "__main__")):
            importlib.import_module(module.name)
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - another hypothesis layout: examples still bounded
        return
    found = getattr(providers, "_get_local_constants", None)
    if callable(found):
        constants = found()
        providers._get_local_constants = lambda: constants


_fix_the_constants()

settings.register_profile(
    "fuzz",
    max_examples=_SCALE or 60,
    derandomize=not os.environ.get("APPRENANCE_FUZZ_RANDOM"),
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much,
                           HealthCheck.function_scoped_fixture],
)
FUZZ = settings(settings.get_profile("fuzz"))


def fuzz(examples: int) -> settings:
    """The fuzz profile with ``examples`` examples (unless a larger run is asked for)."""
    return settings(FUZZ, max_examples=_SCALE or examples)


T = TypeVar("T")


def only_our_errors(call: Callable[[], T]) -> T | ApprenanceError:
    """``call()``'s result, or the ``ApprenanceError`` it raised; any other exception fails
    the test (it propagates, and hypothesis shrinks the input that caused it)."""
    try:
        return call()
    except ApprenanceError as exc:
        assert exc.message, "our errors always say something"
        return exc


# --- strategies ------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", "@id", "@context", "@type", "@value", "@list", "@graph", "id", "type",
                     "https://www.w3.org/ns/credentials/v2", "https://w3id.org/openbadges/v2",
                     "did:key:z6Mk", "urn:uuid:", "\ud800", "\x00", "é" * 3, "PT1H",
                     "2026-01-01T00:00:00Z", "mailto:a@b.c", "1e999", "-0"]),
)
json_values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(
            ["@context", "type", "id", "proof", "credentialSubject", "issuer", "verb", "actor",
             "object", "statements", "recipient", "badge", "verification"])), inner, max_size=5),
    ),
    max_leaves=25,
)
json_objects = st.dictionaries(st.text(max_size=12), json_values, max_size=6)

# Texts that look a bit like the formats, so that parsers get past their first checks.
_FRAGMENTS = ["{", "}", "[", "]", ",", ":", '"', "'", "\\", "\n", "\r\n", "\t", ";", " ", "#",
              "<", ">", "/>", "</", "&", "&amp;", "@prefix", "PREFIX", "<http://e.org/x>", "a",
              ".", "_:b", "^^", "@fr", '"""', "---", "- ", "? ", "&anchor", "*anchor", "!!str",
              "!!python/object", "%YAML 1.1", "\ufeff", "\x00", "\u2028", "é", "\udcff", "1e9999",
              "9" * 40, "true", "null", "NaN", "skos:Concept", "skos:prefLabel"]
format_text = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=8)),
                       max_size=60).map("".join)
printable = st.text(string.printable, max_size=200)


@st.composite
def mutated_bytes(draw: st.DrawFn, base: bytes, *, max_edits: int = 6) -> bytes:
    """``base`` with a few random edits: flipped bytes, cut, spliced or repeated spans."""
    data = bytearray(base)
    for _ in range(draw(st.integers(min_value=1, max_value=max_edits))):
        if not data:
            data += draw(st.binary(min_size=1, max_size=8))
            continue
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "truncate", "insert", "repeat", "zero"]))
        if kind == "flip":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(min_value=1, max_value=64))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "repeat":
            span = bytes(data[at : at + draw(st.integers(min_value=1, max_value=32))])
            data[at:at] = span * draw(st.integers(min_value=1, max_value=4))
        else:
            data[at : at + 4] = b"\x00\x00\x00\x00"
    return bytes(data)


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*at, i))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated_json(draw: st.DrawFn, base: Any, *, max_edits: int = 3) -> Any:
    """A deep copy of ``base`` with a few structural edits: a value replaced (by random JSON,
    by a value of another type, by a changed string), a key removed or added, a list emptied."""
    value = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(min_value=1, max_value=max_edits))):
        paths = _paths(value)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent, key = _get(value, path[:-1]), path[-1]
        kind = draw(st.sampled_from(["replace", "retype", "string", "delete", "add", "wrap"]))
        if kind == "replace":
            parent[key] = draw(json_values)
        elif kind == "retype":
            current = parent[key]
            parent[key] = ([current] if not isinstance(current, list)
                           else current[0] if current else {})
        elif kind == "string":
            parent[key] = draw(st.text(max_size=20)) + str(parent[key])[:40]
        elif kind == "delete":
            if isinstance(parent, dict):
                del parent[key]
            elif parent:
                parent.pop(key)
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(json_values)
        else:
            parent[key] = {"@value": parent[key]} if draw(st.booleans()) else [parent[key]] * 2
    return value


# --- good rows and statements, around which the hostile ones are put ----------------------

HEADER = ["id", "date", "participant", "nom", "role", "territoire", "projet", "fonction",
          "activite", "description", "duree", "temoin", "preuve"]
STATEMENT: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "bad" / "xapi-lines.json").read_text("utf-8")
    .splitlines()[0])


def good_row(i: int) -> list[str]:
    return [f"ok-{i}", f"2025-03-{1 + i % 28:02d}", f"p{i}@example.org", "Alice", "habitant",
            "val", "jardin", "alimentation", "atelier-cuisine", f"Atelier {i}", "2", "", ""]


def good_object(i: int) -> dict[str, Any]:
    return dict(zip(HEADER, good_row(i), strict=True))


def statement(i: int) -> dict[str, Any]:
    out = json.loads(json.dumps(STATEMENT))
    out["id"] = f"0f1e2d3c-4b5a-4978-8695-{i:012d}"
    out["actor"]["mbox"] = f"mailto:p{i}@example.org"
    return out


def as_csv(rows: list[list[str]], separator: str, newline: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator=newline).writerows(rows)
    return out.getvalue()


# rows of CSV cells: dates, e-mails, known ids, formulas, quotes, separators, NUL, long cells
csv_rows = st.lists(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(
    ["2025-03-01", "a@b.org", "val", "jardin", "atelier-cuisine", "2", "PT1H", "=1+1", '"',
     "\n", ";", ",", "\t", "\x00", "x" * 300])), max_size=16), max_size=8)

# JSON Lines lines: hostile text, any JSON, deep nesting, huge numbers, duplicate keys
hostile_lines = st.one_of(
    format_text,
    json_values.map(lambda v: json.dumps(v)),
    st.just("[" * 100_000),
    st.just('{"a":' * 50_000),
    st.just('{"id": ' + "9" * 5000 + "}"),
    st.just('{"duree": 1e999, "date": "2025-03-01"}'),
    st.just('{"duree": 2, "duree": 3}'),
    st.builds(lambda o: json.dumps(o), st.fixed_dictionaries(
        {"date": st.text(max_size=5), "participant": json_values, "duree": json_values})),
)
