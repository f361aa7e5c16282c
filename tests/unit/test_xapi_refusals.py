"""The statement checks refuse what the xAPI specification refuses (ADL conformance
requirements XAPI-00021 to 00107), naming the field and the reason, and accept what it allows
(the HTTP intake and ``ingest --format xapi``: tests/integration/test_xapi_refusal_intake.py)."""

from __future__ import annotations

from typing import Any

import pytest

from apprenance.errors import FieldError
from apprenance.importers.xapi_rules import check_statement
from xapi_cases import ADL, AGENT, REFUSED, base, examples, set_path

REF = {"objectType": "StatementRef", "id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1"}


@pytest.mark.parametrize(("path", "value", "field", "key"), REFUSED,
                         ids=[f"{r[0]}={str(r[1])[:30]}" for r in REFUSED])
def test_what_the_specification_refuses(path: str, value: Any, field: str, key: str) -> None:
    with pytest.raises(FieldError) as caught:
        check_statement(set_path(base(), path, value))
    assert (caught.value.field, caught.value.key) == (field, key)


def test_a_voiding_statement_targets_a_statement_ref() -> None:
    stmt = set_path(base(), "verb", {"id": ADL + "voided"})
    with pytest.raises(FieldError) as caught:
        check_statement(stmt)
    assert (caught.value.field, caught.value.key) == ("object.objectType", "xapi.void_ref")
    stmt["object"] = REF
    stmt.pop("result")
    stmt["context"] = {"platform": "LMS"}
    with pytest.raises(FieldError) as caught:
        check_statement(stmt)
    assert (caught.value.field, caught.value.key) == ("context.platform", "xapi.activity_only")
    stmt.pop("context")
    check_statement(stmt)


@pytest.mark.parametrize(("path", "value"), [
    ("timestamp", "20260601T093000Z"), ("timestamp", "2026-06-01T09:30:00.123456+02:00"),
    ("stored", "2026-06-01T09:30Z"), ("version", "2.0.0"), ("version", "1.0"),
    ("result.duration", "P1Y2M"), ("result.score", {"scaled": -1, "raw": 3, "min": 0, "max": 3}),
    ("verb.display", {"zh-Hant-TW": "x", "x-private": "y", "de-CH-1996": "z", "und": "u"}),
    ("authority", {"objectType": "Group", "member": [
        {"account": {"homePage": "https://lrs.example.org", "name": "app"}}, AGENT]}),
    ("actor", {"objectType": "Group", "member": [AGENT]}),  # valid xAPI; the profile refuses
    ("object", {"objectType": "Agent", "mbox": "mailto:x@example.org"}),
    ("attachments", [{"usageType": "https://example.org/u", "display": {"en": "s"},
                      "contentType": "application/pdf; charset=binary", "length": 10,
                      "sha2": "ab" * 32, "fileUrl": "https://example.org/f.pdf"}]),
    ("context.extensions", {"https://example.org/e": None}),
])
def test_what_the_specification_allows(path: str, value: Any) -> None:
    check_statement(set_path(base(), path, value))


def test_the_example_statements_are_valid() -> None:
    for stmt in examples():
        check_statement(stmt)


def test_a_deeply_nested_statement_is_refused_not_a_stack_overflow() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(FieldError) as caught:
        check_statement(set_path(base(), "context.contextActivities.other", deep))
    assert caught.value.key == "xapi.not_object"
